/**
 * A client authenticated as a service account, over a scripted fetch: the token request JumpCloud documents, the
 * bearer header, one renewal after a 401, token-endpoint failures that name the right settings, and no secret or
 * token in any log line, error, `JSON.stringify` or `util.inspect`.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import sinon from "sinon";
import {
    DEFAULT_OAUTH_TOKEN_URL,
    EU_API_URL,
    EU_OAUTH_TOKEN_URL,
    JumpCloudClient,
    type JumpCloudClientOptions,
    RateBudget,
    UnauthorizedError,
    UnexpectedResponseError,
} from "../../../provider/client";
import { fakeFetch, GROUP_ID, type RecordedCall, response, type Step } from "./fake-fetch";

const TOKEN_URL = "http://auth.test/oauth2/token";
const API = "http://jc.test/api/v2";
const SECRET = "s3cret+with/odd=chars%";
const GROUP = { id: GROUP_ID, name: "Engineering" };

/** Every test gets its own client id: tokens are shared process-wide per account. */
let accounts = 0;

describe("JumpCloudClient with a service account", () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: 1_700_000_000_000 });
    });
    afterEach(() => clock.restore());

    function client(
        answer: (call: RecordedCall) => Step,
        extra: Partial<JumpCloudClientOptions> = {},
    ): { c: JumpCloudClient; calls: RecordedCall[]; clientId: string } {
        const fake = fakeFetch(answer);
        const clientId = `svc-${++accounts}`;
        const c = new JumpCloudClient({
            clientId,
            clientSecret: SECRET,
            oauthTokenUrl: TOKEN_URL,
            apiUrl: API,
            fetch: fake.fetch,
            rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
            retry: { baseDelayMs: 10, random: () => 0.5 },
            ...extra,
        });
        return { c, calls: fake.calls, clientId };
    }

    /** Token requests answer token-1, token-2, ...; API requests answer `api(call)`. */
    function tokens(api: (call: RecordedCall) => Step, lifetimeSeconds = 3600) {
        let issued = 0;
        return (call: RecordedCall): Step =>
            call.url === TOKEN_URL
                ? response(200, { access_token: `tok-${++issued}`, token_type: "bearer", expires_in: lifetimeSeconds })
                : api(call);
    }

    async function run<T>(promise: Promise<T>): Promise<T> {
        const settled = promise.then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
        );
        await clock.tickAsync(60_000);
        const outcome = await settled;
        if ("error" in outcome) throw outcome.error;
        return outcome.value;
    }

    it("asks for a token as JumpCloud's own module does, then sends it as a bearer token", async () => {
        const { c, calls, clientId } = client(tokens(() => response(200, GROUP)));
        assert.deepEqual(await run(c.userGroups.get(GROUP_ID, { orgId: "5f0000000000000000000001" })), GROUP);
        assert.equal(calls.length, 2);
        const [token, get] = calls as [RecordedCall, RecordedCall];
        assert.equal(token.url, TOKEN_URL);
        assert.equal(token.method, "POST");
        assert.equal(token.body, "grant_type=client_credentials&scope=api");
        // RFC 6749 section 2.3.1: the id and secret are form-encoded, then Basic-encoded.
        const basic = Buffer.from(`${clientId}:${new URLSearchParams({ s: SECRET }).toString().slice(2)}`).toString(
            "base64",
        );
        assert.deepEqual(token.headers, {
            Accept: "application/json",
            Authorization: `Basic ${basic}`,
            "Content-Type": "application/x-www-form-urlencoded",
        });
        assert.equal(get.url, `${API}/usergroups/${GROUP_ID}`);
        assert.deepEqual(get.headers, {
            Accept: "application/json",
            "x-org-id": "5f0000000000000000000001",
            Authorization: "Bearer tok-1",
        });
    });

    it("one token request for 10 concurrent calls and for the calls after them", async () => {
        const { c, calls } = client(tokens(() => response(200, GROUP)));
        await run(Promise.all(Array.from({ length: 10 }, () => c.userGroups.get(GROUP_ID))));
        await run(c.userGroups.get(GROUP_ID));
        assert.equal(calls.filter((x) => x.url === TOKEN_URL).length, 1);
        assert.equal(calls.length, 12);
        assert.ok(calls.slice(1).every((x) => x.headers.Authorization === "Bearer tok-1"));
    });

    it("a 401 renews the token once and sends the call again, even with retries off", async () => {
        const { c, calls } = client(
            tokens((call) => (call.headers.Authorization === "Bearer tok-1" ? response(401) : response(200, GROUP))),
            { retry: { maxRetries: 0 } },
        );
        assert.deepEqual(await run(c.userGroups.get(GROUP_ID)), GROUP);
        const scheme = (x: RecordedCall): string => x.headers.Authorization?.replace(/^Basic .*/, "Basic") ?? "";
        assert.deepEqual(
            calls.map((x) => `${x.method} ${x.url === TOKEN_URL ? "token" : "api"} ${scheme(x)}`),
            ["POST token Basic", "GET api Bearer tok-1", "POST token Basic", "GET api Bearer tok-2"],
        );
    });

    it("a second 401 is the answer: an UnauthorizedError naming the service-account settings", async () => {
        const { c, calls } = client(tokens(() => response(401, { message: "Unauthorized" })));
        await assert.rejects(run(c.userGroups.get(GROUP_ID)), (e: unknown) => {
            assert.ok(e instanceof UnauthorizedError);
            assert.match(e.message, /401 Unauthorized — the API refused the service account's access token/);
            assert.match(e.message, /jumpcloud:clientId.*jumpcloud:clientSecret.*jumpcloud:oauthTokenUrl/);
            assert.equal(e.attempts, 2);
            return true;
        });
        assert.equal(calls.filter((x) => x.url === TOKEN_URL).length, 2, "one renewal, not a loop");
    });

    it("refused client credentials: an UnauthorizedError naming the token URL and the settings, no API call", async () => {
        const { c, calls } = client(() => response(401, { error: "invalid_client", error_description: "bad" }));
        await assert.rejects(run(c.userGroups.get(GROUP_ID)), (e: unknown) => {
            assert.ok(e instanceof UnauthorizedError);
            assert.equal(e.path, TOKEN_URL);
            assert.match(
                e.message,
                /^JumpCloud POST http:\/\/auth\.test\/oauth2\/token failed: 401 invalid_client — the token endpoint refused the service account's credentials: check `jumpcloud:clientId` .* `jumpcloud:clientSecret`/,
            );
            return true;
        });
        assert.equal(calls.length, 1, "a refusal is final: no retry, no API call");
    });

    it("retries the token request through 503 and a reset, like any idempotent request", async () => {
        let n = 0;
        const { c, calls } = client((call) => {
            if (call.url !== TOKEN_URL) return response(200, GROUP);
            n++;
            if (n === 1) return response(503);
            if (n === 2) return { error: Object.assign(new Error("reset"), { code: "ECONNRESET" }) };
            return response(200, { access_token: "tok-late", token_type: "Bearer", expires_in: "3600" });
        });
        await run(c.userGroups.get(GROUP_ID));
        assert.equal(calls.length, 4);
        assert.equal(calls[3]?.headers.Authorization, "Bearer tok-late");
    });

    for (const [what, body, detail] of [
        ["no access_token", { token_type: "bearer" }, /response has no access_token/],
        ["another token type", { access_token: "t", token_type: "mac" }, /token_type is "mac", not "bearer"/],
        ["not an object", ["t"], /response is not a JSON object/],
    ] as const) {
        it(`a token response with ${what} is an UnexpectedResponseError naming oauthTokenUrl`, async () => {
            const { c } = client((call) => (call.url === TOKEN_URL ? response(200, body) : response(200, GROUP)));
            await assert.rejects(run(c.userGroups.get(GROUP_ID)), (e: unknown) => {
                assert.ok(e instanceof UnexpectedResponseError);
                assert.match(e.message, detail);
                assert.match(e.message, /jumpcloud:oauthTokenUrl/);
                return true;
            });
        });
    }

    it("logs the token request and its use without the secret, the Basic credential or the token", async () => {
        const lines: string[] = [];
        const logger = { debug: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m) };
        // Hostile: the API echoes the bearer token back in its error message.
        const { c, calls } = client(
            tokens((call) => response(400, { message: `bad request for ${call.headers.Authorization ?? ""}` })),
            { logger },
        );
        const error = await run(c.userGroups.get(GROUP_ID)).catch((e: unknown) => e);
        const basic = calls[0]?.headers.Authorization?.slice("Basic ".length) ?? "";
        const everything = [...lines, String(error), JSON.stringify(error), (error as Error).stack ?? ""].join("\n");
        assert.ok(
            lines.some((l) => l.includes(`POST ${TOKEN_URL} headers`) && l.includes('"Authorization":"[redacted]"')),
        );
        assert.ok(lines.some((l) => l.includes('body {"grant_type":"client_credentials","scope":"api"}')));
        for (const secret of [SECRET, encodeURIComponent(SECRET), basic, "tok-1"]) {
            assert.ok(!everything.includes(secret), `${secret} leaked:\n${everything}`);
        }
        assert.match(String(error), /bad request for Bearer \[redacted\]/);
    });

    it("JSON.stringify and util.inspect of the client show no credential", () => {
        const { c } = client(() => response(200, GROUP));
        const keyClient = new JumpCloudClient({ apiKey: "key-never-shown-1234" });
        for (const text of [JSON.stringify(c), inspect(c, { depth: 10 }), inspect(keyClient, { depth: 10 })]) {
            assert.ok(!text.includes(SECRET) && !text.includes("key-never-shown-1234"), text);
        }
        assert.match(inspect(c), /authentication: "serviceAccount"/);
    });

    it("defaults the token endpoint to JumpCloud's of the API's region", async () => {
        for (const [apiUrl, tokenUrl] of [
            [undefined, DEFAULT_OAUTH_TOKEN_URL],
            [EU_API_URL, EU_OAUTH_TOKEN_URL],
        ] as const) {
            const fake = fakeFetch((call) =>
                call.url.endsWith("/oauth2/token")
                    ? response(200, { access_token: "t", token_type: "bearer", expires_in: 60 })
                    : response(200, GROUP),
            );
            const c = new JumpCloudClient({
                clientId: `svc-${++accounts}`,
                clientSecret: "x",
                ...(apiUrl === undefined ? {} : { apiUrl }),
                fetch: fake.fetch,
                rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
            });
            await run(c.userGroups.get(GROUP_ID));
            assert.equal(fake.calls[0]?.url, tokenUrl);
        }
    });

    const refused: Array<[string, JumpCloudClientOptions, RegExp]> = [
        [
            "a key and a client id",
            { apiKey: "k", clientId: "i", clientSecret: "s" },
            /an API key or a service account, not both/,
        ],
        ["a client id alone", { clientId: "i" }, /needs both clientId and clientSecret; clientSecret is missing/],
        ["a client secret alone", { clientSecret: "s" }, /clientId is missing/],
        [
            "another API URL without a token URL",
            { clientId: "i", clientSecret: "s", apiUrl: "http://127.0.0.1:1/api/v2" },
            /oauthTokenUrl is required with a service account when apiUrl .* is not JumpCloud's US or EU API/,
        ],
        [
            "a token URL that is no URL",
            { clientId: "i", clientSecret: "s", oauthTokenUrl: "token" },
            /oauthTokenUrl must be an http\(s\) URL/,
        ],
        ["no credential at all", {}, /needs an API key .* or a service account/],
    ];
    for (const [what, options, message] of refused) {
        it(`refuses ${what} before any request`, () => {
            assert.throws(
                () => new JumpCloudClient(options),
                (e: unknown) => e instanceof TypeError && message.test(e.message),
            );
        });
    }
});
