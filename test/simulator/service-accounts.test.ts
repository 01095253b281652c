import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSimulatorChild } from "../../simulator/child";
import { type ApiResponse, assertError, type Group, SimHarness, type TokenResponse } from "./support/sim-harness";

const ORG_B = "5f00000000000000000000b2";
const CLIENT = { clientId: "svc-client-1", clientSecret: "svc-secret-value-1" };
const CLIENT_B = { clientId: "svc-client-b", clientSecret: "svc-secret-value-b", orgId: ORG_B };

interface OAuthError {
    error: string;
    error_description?: string;
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("simulator: service accounts (POST /oauth2/token, bearer tokens)", () => {
    const h = new SimHarness();
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        await h.seed({ orgs: [{ id: ORG_B, apiKeys: ["key-b"] }], serviceAccounts: [CLIENT, CLIENT_B] });
    });

    const tokenFor = async (client: { clientId: string; clientSecret: string } = CLIENT): Promise<string> => {
        const res = await h.token(client.clientId, client.clientSecret);
        assert.equal(res.status, 200, res.text);
        return res.body.access_token;
    };
    const oauthError = (res: ApiResponse<unknown>, status: number, error: string): void => {
        assert.equal(res.status, status, res.text);
        assert.equal((res.body as OAuthError).error, error);
    };

    it("issues a bearer token for HTTP Basic client credentials and a form body", async () => {
        const res = await h.token(CLIENT.clientId, CLIENT.clientSecret);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.token_type, "bearer");
        assert.equal(res.body.expires_in, 3600);
        assert.equal(res.body.scope, "api");
        assert.match(res.body.access_token, /^[A-Za-z0-9_-]{32,}$/);
        assert.equal(res.headers.get("cache-control"), "no-store");
        const again = await h.token(CLIENT.clientId, CLIENT.clientSecret);
        assert.notEqual(again.body.access_token, res.body.access_token, "every request gets a new token");
        const withoutScope = await h.token(CLIENT.clientId, CLIENT.clientSecret, "grant_type=client_credentials");
        assert.equal(withoutScope.status, 200, "scope defaults to api");
    });

    it("the API v1 and v2 accept the token in place of x-api-key, acting in the account's org", async () => {
        const token = await tokenFor(CLIENT_B);
        const created = await h.api<Group>("POST", "/usergroups", {
            headers: bearer(token),
            body: { name: "via-token" },
        });
        assert.equal(created.status, 201, created.text);
        assert.equal(created.body["organizationObjectId"], ORG_B);
        assert.equal(
            (await h.api("GET", `/usergroups/${created.body.id}`, { headers: { "x-api-key": "key-b" } })).status,
            200,
        );
        assertError(await h.api("GET", `/usergroups/${created.body.id}`), 404, "user group");
        await h.seed({ users: [{ username: "b-user", email: "b@example.com", orgId: ORG_B }] });
        const users = await h.v1<{ totalCount: number }>("GET", "/systemusers", {
            headers: { ...bearer(token), accept: "application/json", "content-type": "application/json" },
        });
        assert.equal(users.body.totalCount, 1);
        const sameOrg = await h.api("GET", "/usergroups", { headers: { ...bearer(token), "x-org-id": ORG_B } });
        assert.equal(sameOrg.status, 200);
        assertError(await h.api("GET", "/usergroups", { headers: { ...bearer(token), "x-org-id": h.sim.orgId } }), 404);
        const lowercase = await h.api("GET", "/usergroups", { headers: { authorization: `bearer ${token}` } });
        assert.equal(lowercase.status, 200, "the scheme is case-insensitive");
    });

    it("accepts a secret with reserved characters whether or not the client form-encoded it first", async () => {
        const odd = { clientId: "svc odd+id", clientSecret: "p+a%2Fss w:rd%" };
        await h.seed({ serviceAccounts: [odd] });
        assert.equal((await h.token(odd.clientId, odd.clientSecret)).status, 200, "form-encoded (RFC 6749)");
        const raw = Buffer.from(`${odd.clientId}:${odd.clientSecret}`).toString("base64");
        const res = await h.send<TokenResponse>("oauth", "POST", "/oauth2/token", {
            noKey: true,
            rawBody: "grant_type=client_credentials&scope=api",
            headers: { authorization: `Basic ${raw}`, "content-type": "application/x-www-form-urlencoded" },
        });
        assert.equal(res.status, 200, `as sent: ${res.text}`);
        oauthError(await h.token(odd.clientId, "p a/ss w:rd%"), 401, "invalid_client");
    });

    it("refuses bad client credentials with 401 invalid_client and a Basic challenge", async () => {
        const wrong = await h.token(CLIENT.clientId, "not-the-secret");
        oauthError(wrong, 401, "invalid_client");
        assert.match(wrong.headers.get("www-authenticate") ?? "", /^Basic /);
        oauthError(await h.token("no-such-client", CLIENT.clientSecret), 401, "invalid_client");
        const noBasic = await h.send<OAuthError>("oauth", "POST", "/oauth2/token", {
            noKey: true,
            rawBody: `grant_type=client_credentials&client_id=${CLIENT.clientId}&client_secret=${CLIENT.clientSecret}`,
            headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        oauthError(noBasic, 401, "invalid_client");
        assert.match(noBasic.body.error_description ?? "", /HTTP Basic/);
        const apiKeyOnly = await h.send<OAuthError>("oauth", "POST", "/oauth2/token", {
            rawBody: "grant_type=client_credentials&scope=api",
            headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        oauthError(apiKeyOnly, 401, "invalid_client");
    });

    it("refuses other grants, scopes and body types with 400 OAuth errors naming the parameter", async () => {
        const { clientId, clientSecret } = CLIENT;
        oauthError(await h.token(clientId, clientSecret, "scope=api"), 400, "invalid_request");
        const password = await h.token<OAuthError>(clientId, clientSecret, "grant_type=password&scope=api");
        oauthError(password, 400, "unsupported_grant_type");
        assert.match(password.body.error_description ?? "", /client_credentials/);
        oauthError(
            await h.token(clientId, clientSecret, "grant_type=client_credentials&scope=admin"),
            400,
            "invalid_scope",
        );
        const json = await h.token<OAuthError>(
            clientId,
            clientSecret,
            JSON.stringify({ grant_type: "client_credentials" }),
            { "content-type": "application/json" },
        );
        oauthError(json, 400, "invalid_request");
        assert.match(json.body.error_description ?? "", /x-www-form-urlencoded/);
        const text = await h.token(clientId, clientSecret, "grant_type=client_credentials", {
            "content-type": "text/plain",
        });
        oauthError(text, 400, "invalid_request");
    });

    it("an unknown, revoked or malformed bearer token is 401 with a Bearer challenge", async () => {
        const token = await tokenFor();
        assert.equal((await h.api("GET", "/usergroups", { headers: bearer(token) })).status, 200);
        const revoked = await h.admin<{ revoked: number }>("POST", "/revoke-tokens", { clientId: CLIENT.clientId });
        assert.deepEqual(revoked.body, { revoked: 1 });
        const after = await h.api("GET", "/usergroups", { headers: bearer(token) });
        assertError(after, 401);
        assert.equal(after.headers.get("www-authenticate"), 'Bearer error="invalid_token"');
        assertError(await h.api("GET", "/usergroups", { headers: bearer("made-up-token") }), 401);
        assertError(await h.api("GET", "/usergroups", { headers: { authorization: "Basic Zm9vOmJhcg==" } }), 401);
        assertError(await h.v1("GET", "/systemusers", { headers: bearer(token) }), 401);
        const other = await tokenFor(CLIENT_B);
        assert.equal((await h.admin<{ revoked: number }>("POST", "/revoke-tokens", {})).body.revoked, 1);
        assertError(await h.api("GET", "/usergroups", { headers: bearer(other) }), 401);
    });

    it("x-api-key wins when a request carries both credentials", async () => {
        const token = await tokenFor(CLIENT_B);
        const both = await h.api<Group>("POST", "/usergroups", {
            headers: { ...bearer(token), "x-api-key": h.sim.apiKey },
            body: { name: "key-wins" },
        });
        assert.equal(both.body["organizationObjectId"], h.sim.orgId);
        assertError(await h.api("GET", "/usergroups", { headers: { ...bearer(token), "x-api-key": "wrong" } }), 401);
    });

    it("/__sim/token-settings changes the lifetime of new tokens; a token expires after it (401), reset restores it", async () => {
        const set = await h.admin("POST", "/token-settings", { lifetimeSeconds: 1 });
        assert.deepEqual(set.body, { lifetimeSeconds: 1 });
        const res = await h.token(CLIENT.clientId, CLIENT.clientSecret);
        assert.equal(res.body.expires_in, 1);
        const token = res.body.access_token;
        assert.equal((await h.api("GET", "/usergroups", { headers: bearer(token) })).status, 200);
        await sleep(1100);
        const expired = await h.api<{ message: string }>("GET", "/usergroups", { headers: bearer(token) });
        assertError(expired, 401, "expired");
        assert.equal(expired.headers.get("www-authenticate"), 'Bearer error="invalid_token"');
        const fresh = await tokenFor();
        assert.equal((await h.api("GET", "/usergroups", { headers: bearer(fresh) })).status, 200);
        for (const bad of [0, 1.5, "60", null]) {
            assert.equal((await h.admin("POST", "/token-settings", { lifetimeSeconds: bad })).status, 400, String(bad));
        }
        await h.reset();
        await h.seed({ serviceAccounts: [CLIENT] });
        assert.equal((await h.token(CLIENT.clientId, CLIENT.clientSecret)).body.expires_in, 3600);
    });

    it("seeding refuses a duplicate client id or a missing secret, and keeps no secret or token in the store", async () => {
        const dup = await h.admin<{ message: string }>("POST", "/seed", { serviceAccounts: [CLIENT] });
        assert.equal(dup.status, 409);
        assert.ok(dup.body.message.includes(CLIENT.clientId));
        assert.ok(!dup.body.message.includes(CLIENT.clientSecret));
        const noSecret = await h.admin<{ message: string }>("POST", "/seed", { serviceAccounts: [{ clientId: "x" }] });
        assert.equal(noSecret.status, 400);
        assert.ok(noSecret.body.message.includes("serviceAccounts[0].clientSecret"));
        const token = await tokenFor();
        await h.api("GET", "/usergroups", { headers: bearer(token) });
        await h.api("GET", "/usergroups", { headers: bearer(`${token}x`) });
        await h.token(CLIENT.clientId, `${CLIENT.clientSecret}-wrong`);
        await h.send("oauth", "POST", `/oauth2/token?client_secret=${CLIENT.clientSecret}`, {
            noKey: true,
            rawBody: "grant_type=client_credentials",
            headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        const dump = await h.admin<{ serviceAccounts: unknown[] }>("GET", "/store");
        assert.deepEqual(dump.body.serviceAccounts, [
            { clientId: CLIENT.clientId, orgId: h.sim.orgId },
            { clientId: CLIENT_B.clientId, orgId: ORG_B },
        ]);
        const everything = JSON.stringify([dump.body, (await h.admin("GET", "/requests")).body]);
        for (const secret of [CLIENT.clientSecret, CLIENT_B.clientSecret, token]) {
            assert.ok(!everything.includes(secret), "a secret or token reached the store dump or the request log");
        }
    });

    it("the CLI flag --token-lifetime-seconds sets the lifetime, and --log never prints a secret or token", async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-sim-oauth-"));
        const child = await startSimulatorChild(dataDir, "oauth-cli-key", ["--token-lifetime-seconds", "7", "--log"]);
        try {
            const seeded = await fetch(`${child.origin}/__sim/seed`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ serviceAccounts: [CLIENT] }),
            });
            assert.equal(seeded.status, 200);
            const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64");
            const res = await fetch(`${child.origin}/oauth2/token?client_secret=${CLIENT.clientSecret}`, {
                method: "POST",
                headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
                body: "grant_type=client_credentials&scope=api",
            });
            const token = (await res.json()) as TokenResponse;
            assert.equal(token.expires_in, 7);
            const api = await fetch(`${child.url}/usergroups`, { headers: bearer(token.access_token) });
            assert.equal(api.status, 200);
            await fetch(`${child.url}/usergroups`, { headers: bearer(`${token.access_token}-stale`) });
            const output = child.output();
            assert.match(output, /"url":"\/oauth2\/token"/, "fastify logged the token request (without its query)");
            assert.match(output, /"url":"\/api\/v2\/usergroups"/, "and the API requests");
            for (const secret of [CLIENT.clientSecret, token.access_token, basic]) {
                assert.ok(!output.includes(secret), "a secret or token reached the simulator's log");
            }
        } finally {
            child.proc.kill("SIGTERM");
            await child.exited;
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });
});

describe("simulator: tokenLifetimeSeconds option", () => {
    const h = new SimHarness({ tokenLifetimeSeconds: 1 });
    before(() => h.start());
    after(() => h.stop());

    it("a token issued with a 1 s lifetime works, then answers 401 once it expired", async () => {
        await h.reset();
        await h.seed({ serviceAccounts: [CLIENT] });
        const res = await h.token(CLIENT.clientId, CLIENT.clientSecret);
        assert.equal(res.body.expires_in, 1);
        const headers = bearer(res.body.access_token);
        assert.equal((await h.v1("GET", "/systemusers", { headers })).status, 200);
        await sleep(1100);
        assertError(await h.v1("GET", "/systemusers", { headers }), 401, "expired");
        assertError(await h.api("GET", "/usergroups", { headers }), 401, "expired");
    });
});
