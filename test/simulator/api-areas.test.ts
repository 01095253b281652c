import assert from "node:assert/strict";
import { assertError, SimHarness } from "./support/sim-harness";

interface Logged {
    seq: number;
    method: string;
    api: string;
    path: string;
    query: string;
    status: number;
    orgId: string | null;
    fault?: string;
}

const CLIENT = { clientId: "svc-areas", clientSecret: "svc-areas-secret" };

describe("simulator: faults, rate limit and request log on API v1 and the token endpoint", () => {
    const h = new SimHarness();
    let userId: string;
    let groupId: string;
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        const seeded = await h.seed({
            users: [{ username: "ada", email: "ada@example.com" }],
            serviceAccounts: [CLIENT],
            userGroups: [{ name: "g" }],
        });
        userId = seeded.users[0]!;
        groupId = seeded.userGroups[0]!;
        await h.admin("DELETE", "/requests");
    });

    const plan = async (...faults: unknown[]): Promise<void> => {
        const res = await h.admin("POST", "/faults", { faults });
        assert.equal(res.status, 200, JSON.stringify(res.body));
    };
    const log = async (): Promise<Logged[]> =>
        (await h.admin<{ requests: Logged[] }>("GET", "/requests")).body.requests;

    it("a fault plan selects an API with api (v1, v2, oauth) and matches paths relative to that API's base", async () => {
        await plan({ api: "v1", path: "^/systemusers$", kind: "503", count: 1 });
        assert.equal((await h.api("GET", "/usergroups")).status, 200);
        assertError(await h.v1("GET", "/systemusers"), 503);
        assert.equal((await h.v1("GET", "/systemusers")).status, 200);
        await plan({ api: "oauth", kind: "429", retryAfterSeconds: 3, count: 1 });
        assert.equal((await h.v1("GET", "/systemusers")).status, 200);
        const limited = await h.token(CLIENT.clientId, CLIENT.clientSecret);
        assertError(limited, 429);
        assert.equal(limited.headers.get("retry-after"), "3");
        assert.equal((await h.token(CLIENT.clientId, CLIENT.clientSecret)).status, 200);
        await plan({ kind: "500", count: 3 });
        assertError(await h.v1("GET", `/systemusers/${userId}`), 500);
        assertError(await h.token(CLIENT.clientId, CLIENT.clientSecret), 500);
        assertError(await h.api("GET", `/usergroups/${groupId}/members`), 500);
        const bad = await h.admin<{ message: string }>("POST", "/faults", { faults: [{ api: "v3", kind: "500" }] });
        assert.equal(bad.status, 400);
        assert.ok(bad.body.message.includes("faults[0].api"));
    });

    it("reset-after on a member add commits the edge and drops the reply; the retried add meets 409", async () => {
        await plan({ method: "POST", path: "^/usergroups/[^/]+/members$", kind: "reset-after", count: 1 });
        const body = { op: "add", type: "user", id: userId };
        await assert.rejects(h.api("POST", `/usergroups/${groupId}/members`, { body }));
        const members = await h.api<unknown[]>("GET", `/usergroups/${groupId}/members`);
        assert.equal(members.body.length, 1);
        assertError(await h.api("POST", `/usergroups/${groupId}/members`, { body }), 409);
        await plan({ method: "POST", path: "/members$", kind: "reset-before", count: 1 });
        await assert.rejects(h.api("POST", `/usergroups/${groupId}/members`, { body: { ...body, op: "remove" } }));
        assert.equal((await h.api<unknown[]>("GET", `/usergroups/${groupId}/members`)).body.length, 1);
    });

    it("the rate limit counts API v1 and token requests with the v2 ones", async () => {
        await h.admin("POST", "/rate-limit", { requestsPerSecond: 3, retryAfterSeconds: 1 });
        const statuses = [
            (await h.api("GET", "/usergroups")).status,
            (await h.v1("GET", "/systemusers")).status,
            (await h.token(CLIENT.clientId, CLIENT.clientSecret)).status,
            (await h.v1("GET", "/systemusers")).status,
            (await h.token(CLIENT.clientId, CLIENT.clientSecret)).status,
        ];
        assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
        assert.deepEqual(statuses.slice(3), [429, 429]);
    });

    it("the request log records every API with its base-relative path, and never the token endpoint's query", async () => {
        await h.v1("GET", "/systemusers?filter=username:$eq:ada&limit=5");
        await h.api("POST", `/usergroups/${groupId}/members`, { body: { op: "add", type: "user", id: userId } });
        await h.send("oauth", "POST", `/oauth2/token?client_secret=${CLIENT.clientSecret}`, {
            noKey: true,
            rawBody: "grant_type=client_credentials",
            headers: {
                authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64")}`,
                "content-type": "application/x-www-form-urlencoded",
            },
        });
        await h.token(CLIENT.clientId, "wrong");
        const entries = await log();
        assert.deepEqual(
            entries.map((r) => [r.api, r.method, r.path, r.query, r.status, r.orgId]),
            [
                ["v1", "GET", "/systemusers", "filter=username:$eq:ada&limit=5", 200, h.sim.orgId],
                ["v2", "POST", `/usergroups/${groupId}/members`, "", 204, h.sim.orgId],
                ["oauth", "POST", "/oauth2/token", "", 200, h.sim.orgId],
                ["oauth", "POST", "/oauth2/token", "", 401, null],
            ],
        );
    });

    it("unknown v1 routes are 404 JSON errors after authentication; unknown root paths stay outside the API", async () => {
        assertError(await h.v1("GET", "/systemusers-lite"), 404, "not found");
        assertError(await h.v1("GET", "/systemusers", { noKey: true }), 401);
        assertError(await h.v1("GET", "/nothing", { noKey: true }), 401);
        const get = await fetch(`${h.sim.origin}/oauth2/token`);
        assert.equal(get.status, 404);
        await h.admin("DELETE", "/requests");
        await fetch(`${h.sim.origin}/oauth2/other`, { method: "POST" });
        assert.equal((await fetch(`${h.sim.origin}/apis/v2/usergroups`)).status, 404);
        assert.deepEqual(await log(), [], "not an API path: not logged");
    });
});
