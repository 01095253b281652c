import assert from "node:assert/strict";
import sinon from "sinon";
import { JumpCloudClient, RateBudget } from "../../../provider/client";
import { REDACTED, redactBody, redactHeaders, scrubText, secretValues } from "../../../provider/client/redact";
import { API_KEY, fakeFetch, networkError, response, type Step } from "./fake-fetch";

const PASSWORD = "Workday-S3cret-pw!";

describe("redaction", () => {
    it("shows only allow-listed headers", () => {
        const headers = {
            Accept: "application/json",
            "x-api-key": API_KEY,
            Authorization: "Bearer t",
            "x-org-id": "o1",
            "X-New": "v",
        };
        assert.deepEqual(redactHeaders(headers), {
            Accept: "application/json",
            "x-api-key": REDACTED,
            Authorization: REDACTED,
            "x-org-id": "o1",
            "X-New": REDACTED,
        });
        assert.equal(headers["x-api-key"], API_KEY, "the caller's object is untouched");
    });

    it("hides secret-looking string fields at any depth, on a copy", () => {
        const body = {
            name: "Workday Import",
            auth: { basic: { username: "isu", password: PASSWORD }, oauth: { code: "oauth-code" } },
            users: [
                { username: "a", password: "pw-a", password_never_expires: true, apiKey: "k", public_key: "ssh-rsa" },
            ],
            code: 409,
        };
        const copy = structuredClone(body);
        assert.deepEqual(redactBody(body), {
            name: "Workday Import",
            auth: { basic: { username: "isu", password: REDACTED }, oauth: { code: REDACTED } },
            users: [
                {
                    username: "a",
                    password: REDACTED,
                    password_never_expires: true,
                    apiKey: REDACTED,
                    public_key: "ssh-rsa",
                },
            ],
            code: 409,
        });
        assert.deepEqual(body, copy, "the caller's object is untouched");
        assert.deepEqual(secretValues(body), [PASSWORD, "oauth-code", "pw-a", "k"]);
    });

    it("scrubs known secret values from text", () => {
        assert.equal(
            scrubText(`bad password ${PASSWORD} for ${PASSWORD}`, [PASSWORD]),
            `bad password ${REDACTED} for ${REDACTED}`,
        );
        assert.equal(scrubText("nothing here", ["", "zzz"]), "nothing here");
    });

    describe("the client never reveals the API key or a password", () => {
        let clock: sinon.SinonFakeTimers;
        beforeEach(() => {
            clock = sinon.useFakeTimers();
        });
        afterEach(() => clock.restore());

        // Hostile answers: the API echoes the key and the password back in its error message.
        const echo = `invalid credentials ${PASSWORD} for key ${API_KEY}`;
        const answers: Array<[string, Step[]]> = [
            ["400 echoing secrets", [response(400, { message: echo })]],
            ["401 plain text echo", [response(401, echo)]],
            ["503 then 500 (retries logged)", [response(503, { error: echo }), response(500, { message: echo })]],
            ["reset", [networkError("ECONNRESET")]],
            ["success", [response(201, { id: "w1", name: "Workday Import" })]],
        ];
        for (const [label, script] of answers) {
            it(`on ${label}: logs and errors stay clean`, async () => {
                const lines: string[] = [];
                const logger = { debug: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m) };
                const make = (steps: Step[]): JumpCloudClient =>
                    new JumpCloudClient({
                        apiKey: API_KEY,
                        apiUrl: "http://jc.test/api/v2",
                        fetch: fakeFetch(steps).fetch,
                        logger,
                        rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
                        retry: { baseDelayMs: 1 },
                    });
                const call = make(script)
                    .workdays.create({
                        name: "Workday Import",
                        reportUrl: "https://r",
                        auth: { basic: { username: "isu", password: PASSWORD } },
                    })
                    .then(
                        () => undefined,
                        (e: unknown) => e,
                    );
                // A call that does not carry the password: the API can only echo the key back to it.
                const keyOnly = JSON.parse(JSON.stringify(script).split(PASSWORD).join("")) as Step[];
                const pathCall = make(keyOnly)
                    .workdays.get("w1")
                    .then(
                        () => undefined,
                        (e: unknown) => e,
                    );
                await clock.tickAsync(10_000);
                const errors = [await call, await pathCall].filter((e) => e !== undefined);
                const everything = [
                    ...lines,
                    ...errors.flatMap((e) => [String(e), (e as Error).stack ?? "", JSON.stringify(e)]),
                ].join("\n");
                assert.ok(lines.length > 0, "something was logged");
                assert.ok(!everything.includes(API_KEY), everything);
                assert.ok(!everything.includes(PASSWORD), everything);
                assert.ok(everything.includes(REDACTED));
            });
        }
    });
});
