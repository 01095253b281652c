/**
 * Settings resolution (`resolveSettings`): stack config first, then the environment, then the client's defaults;
 * every malformed value is a SettingsError naming the config key and the variable, before any request.
 */
import * as assert from "node:assert/strict";
import {
    CLIENT_DEFAULTS,
    DEFAULT_API_URL,
    DEFAULT_OAUTH_TOKEN_URL,
    DEFAULT_RETRY,
    EU_API_URL,
    EU_OAUTH_TOKEN_URL,
} from "../../../provider/client/defaults";
import { type ConfigGetter, resolveSettings, SettingsError } from "../../../provider/config";

const KEY = { JUMPCLOUD_API_KEY: "k" };
const fromConfig =
    (values: Record<string, string>): ConfigGetter =>
    (key) =>
        values[key];

describe("settings", () => {
    it("defaults to the client's defaults", () => {
        assert.deepEqual(resolveSettings(undefined, KEY), {
            apiKey: "k",
            apiUrl: DEFAULT_API_URL,
            maxRetries: DEFAULT_RETRY.maxRetries,
            requestTimeoutMs: CLIENT_DEFAULTS.timeoutMs,
            maxRequestsPerSecond: CLIENT_DEFAULTS.maxRequestsPerSecond,
            adoptExactMatches: false,
        });
    });

    it("adoptExactMatches is read from the stack config or the environment, as true or false only", () => {
        assert.equal(resolveSettings(fromConfig({ adoptExactMatches: "true" }), KEY).adoptExactMatches, true);
        assert.equal(
            resolveSettings(undefined, { ...KEY, JUMPCLOUD_ADOPT_EXACT_MATCHES: "true" }).adoptExactMatches,
            true,
        );
        assert.equal(resolveSettings(fromConfig({ adoptExactMatches: "false" }), KEY).adoptExactMatches, false);
        assert.throws(
            () => resolveSettings(fromConfig({ adoptExactMatches: "1" }), KEY),
            /jumpcloud:adoptExactMatches \(or JUMPCLOUD_ADOPT_EXACT_MATCHES\) must be "true" or "false", got "1"/,
        );
    });

    it("prefers the stack config over the environment; an empty value counts as unset", () => {
        const s = resolveSettings(fromConfig({ maxRetries: "2", orgId: "" }), {
            ...KEY,
            JUMPCLOUD_MAX_RETRIES: "7",
            JUMPCLOUD_ORG_ID: "5f0000000000000000000001",
        });
        assert.equal(s.maxRetries, 2);
        assert.equal(s.orgId, "5f0000000000000000000001");
    });

    it("region eu selects the EU URL; an explicit apiUrl wins and loses its trailing slashes", () => {
        assert.equal(resolveSettings(fromConfig({ region: "eu" }), KEY).apiUrl, EU_API_URL);
        assert.equal(
            resolveSettings(fromConfig({ region: "eu", apiUrl: "http://127.0.0.1:9/api/v2//" }), KEY).apiUrl,
            "http://127.0.0.1:9/api/v2",
        );
    });

    it("accepts 0 retries (no retrying) and a fractional rate", () => {
        const s = resolveSettings(fromConfig({ maxRetries: "0", maxRequestsPerSecond: "0.5" }), KEY);
        assert.equal(s.maxRetries, 0);
        assert.equal(s.maxRequestsPerSecond, 0.5);
    });

    const refused: Array<[string, Record<string, string>, RegExp]> = [
        ["no key", {}, /No JumpCloud API key.*jumpcloud:apiKey.*JUMPCLOUD_API_KEY/],
        ["an unknown region", { region: "apac" }, /jumpcloud:region \(or JUMPCLOUD_REGION\) must be "us" or "eu"/],
        ["a URL without a scheme", { apiUrl: "console.jumpcloud.com" }, /jumpcloud:apiUrl .* http\(s\) URL/],
        [
            "a request timeout of 0",
            { requestTimeoutMs: "0" },
            /jumpcloud:requestTimeoutMs \(or JUMPCLOUD_REQUEST_TIMEOUT_MS\) must be a whole number of milliseconds from 1 to 2147483647, got "0"/,
        ],
        ["a request timeout beyond a timer's reach", { requestTimeoutMs: "2147483648" }, /requestTimeoutMs/],
        ["a fractional request timeout", { requestTimeoutMs: "1.5" }, /requestTimeoutMs/],
        [
            "a rate of 0",
            { maxRequestsPerSecond: "0" },
            /jumpcloud:maxRequestsPerSecond \(or JUMPCLOUD_MAX_REQUESTS_PER_SECOND\) must be a number of requests per second above 0, got "0"/,
        ],
        ["an infinite rate", { maxRequestsPerSecond: "Infinity" }, /maxRequestsPerSecond/],
        ["negative retries", { maxRetries: "-1" }, /jumpcloud:maxRetries .* 0 or more/],
        ["fractional retries", { maxRetries: "2.5" }, /maxRetries/],
        ["a word for a number", { maxRetries: "five" }, /maxRetries/],
        [
            "an orgId that is not an ObjectId",
            { orgId: "org-1" },
            /jumpcloud:orgId \(or JUMPCLOUD_ORG_ID\) must be the organisation's id, a 24-character hexadecimal ObjectId/,
        ],
        ["an orgId that would add a header", { orgId: "5f0000000000000000000001\r\nx-evil: 1" }, /jumpcloud:orgId/],
    ];
    describe("a service account", () => {
        const ACCOUNT = { JUMPCLOUD_CLIENT_ID: "svc-id", JUMPCLOUD_CLIENT_SECRET: "svc-secret-55" };

        it("takes the client id and secret, with the US token endpoint by default", () => {
            const s = resolveSettings(undefined, ACCOUNT);
            assert.equal(s.apiKey, undefined);
            assert.deepEqual(s.serviceAccount, {
                clientId: "svc-id",
                clientSecret: "svc-secret-55",
                oauthTokenUrl: DEFAULT_OAUTH_TOKEN_URL,
            });
        });

        it("region eu (or the EU API URL) selects the EU token endpoint; an explicit one wins", () => {
            assert.equal(
                resolveSettings(fromConfig({ region: "eu" }), ACCOUNT).serviceAccount?.oauthTokenUrl,
                EU_OAUTH_TOKEN_URL,
            );
            assert.equal(
                resolveSettings(fromConfig({ apiUrl: `${EU_API_URL}/` }), ACCOUNT).serviceAccount?.oauthTokenUrl,
                EU_OAUTH_TOKEN_URL,
            );
            const own = "http://127.0.0.1:9/oauth2/token";
            const s = resolveSettings(
                fromConfig({ apiUrl: "http://127.0.0.1:9/api/v2", oauthTokenUrl: `${own}/` }),
                ACCOUNT,
            );
            assert.equal(s.serviceAccount?.oauthTokenUrl, own);
        });

        it("reads the stack config first, as for every setting", () => {
            const s = resolveSettings(fromConfig({ clientId: "from-config", clientSecret: "secret-config" }), ACCOUNT);
            assert.equal(s.serviceAccount?.clientId, "from-config");
            assert.equal(s.serviceAccount?.clientSecret, "secret-config");
        });

        const wrong: Array<[string, Record<string, string>, Record<string, string>, RegExp]> = [
            [
                "a key and a client id",
                { apiKey: "k" },
                { JUMPCLOUD_CLIENT_ID: "svc-id" },
                /Both an API key \(jumpcloud:apiKey\) and a service account \(JUMPCLOUD_CLIENT_ID\) are set: use one/,
            ],
            [
                "a key and a client secret",
                {},
                { JUMPCLOUD_API_KEY: "k", JUMPCLOUD_CLIENT_SECRET: "s" },
                /Both an API key \(JUMPCLOUD_API_KEY\) and a service account \(JUMPCLOUD_CLIENT_SECRET\)/,
            ],
            [
                "a client id without its secret",
                { clientId: "svc-id" },
                {},
                /jumpcloud:clientId is set but jumpcloud:clientSecret \(or JUMPCLOUD_CLIENT_SECRET\) is not/,
            ],
            [
                "a client secret without its id",
                {},
                { JUMPCLOUD_CLIENT_SECRET: "s" },
                /JUMPCLOUD_CLIENT_SECRET is set but jumpcloud:clientId \(or JUMPCLOUD_CLIENT_ID\) is not/,
            ],
            [
                "another API URL without a token endpoint",
                { apiUrl: "http://127.0.0.1:9/api/v2" },
                ACCOUNT,
                /jumpcloud:oauthTokenUrl \(or JUMPCLOUD_OAUTH_TOKEN_URL\) is required with a service account when jumpcloud:apiUrl .* is not JumpCloud's US or EU API \(it is "http:\/\/127.0.0.1:9\/api\/v2"\)/,
            ],
            [
                "a token endpoint that is no URL",
                { oauthTokenUrl: "admin-oauth" },
                ACCOUNT,
                /jumpcloud:oauthTokenUrl .* http\(s\) URL/,
            ],
        ];
        for (const [what, config, env, message] of wrong) {
            it(`refuses ${what}, naming the settings and no value`, () => {
                assert.throws(
                    () => resolveSettings(fromConfig(config), env),
                    (e: unknown) =>
                        e instanceof SettingsError &&
                        message.test(e.message) &&
                        !/svc-secret-55|"k"|"s"/.test(e.message),
                );
            });
        }

        it("with neither a key nor a service account, says how to set either", () => {
            assert.throws(
                () => resolveSettings(undefined, {}),
                /No JumpCloud API key: .*jumpcloud:apiKey.*JUMPCLOUD_API_KEY.*jumpcloud:clientId.*jumpcloud:clientSecret --secret.*JUMPCLOUD_CLIENT_ID and JUMPCLOUD_CLIENT_SECRET/,
            );
        });
    });

    for (const [what, config, message] of refused) {
        it(`refuses ${what} with a SettingsError`, () => {
            const env = what === "no key" ? {} : KEY;
            assert.throws(
                () => resolveSettings(fromConfig(config), env),
                (e: unknown) => e instanceof SettingsError && message.test(e.message),
            );
        });
    }
});
