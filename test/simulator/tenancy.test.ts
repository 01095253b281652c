import assert from "node:assert/strict";
import { assertError, type Group, SimHarness } from "./support/sim-harness";

const ORG_B = "5f00000000000000000000b2";
const ORG_C = "5f00000000000000000000c3";
const USER_B = "5f0c000000000000000000b1";

describe("simulator: authentication and tenancy", () => {
    const h = new SimHarness();
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        await h.seed({
            orgs: [
                { id: ORG_B, apiKeys: ["key-b", "key-msp"] },
                { id: ORG_C, apiKeys: ["key-msp"] },
            ],
            users: [{ id: USER_B, username: "bo", email: "bo@example.com", orgId: ORG_B }],
            pushEndpoints: [{ userId: USER_B, name: "phone", state: "active" }],
        });
    });

    it("a missing or unknown x-api-key is 401 with the Unauthorized body on every route", async () => {
        for (const [method, path] of [
            ["GET", "/usergroups"],
            ["POST", "/usergroups"],
            ["GET", "/usergroups/5f0c00000000000000000001"],
            ["GET", "/workdays"],
            ["GET", `/users/${USER_B}/pushendpoints`],
            ["GET", "/no-such-route"],
        ]) {
            const missing = await h.api(method!, path!, {
                noKey: true,
                body: method === "POST" ? { name: "x" } : undefined,
            });
            assertError(missing, 401);
            assert.deepEqual(missing.body, { code: 401, message: "Unauthorized", status: "Unauthorized" });
            assertError(await h.api(method!, path!, { headers: { "x-api-key": "wrong" } }), 401);
        }
        assert.equal((await h.admin<{ userGroups: unknown[] }>("GET", "/store")).body.userGroups.length, 0);
    });

    it("another org's group is 404 (never 403) for GET, PUT and DELETE, and invisible in lists", async () => {
        const g = await h.createGroup({ name: "mine" });
        const asB = { "x-api-key": "key-b" };
        assertError(await h.api("GET", `/usergroups/${g.id}`, { headers: asB }), 404);
        assertError(await h.api("PUT", `/usergroups/${g.id}`, { headers: asB, body: { name: "stolen" } }), 404);
        assertError(await h.api("DELETE", `/usergroups/${g.id}`, { headers: asB }), 404);
        const list = await h.api<Group[]>("GET", "/usergroups", { headers: asB });
        assert.deepEqual(list.body, []);
        assert.equal(list.headers.get("x-total-count"), "0");
        assert.equal((await h.api<Group>("GET", `/usergroups/${g.id}`)).body.name, "mine");
    });

    it("another org's user and push endpoints are 404", async () => {
        assertError(await h.api("GET", `/users/${USER_B}/pushendpoints`), 404);
        const own = await h.api<unknown[]>("GET", `/users/${USER_B}/pushendpoints`, {
            headers: { "x-api-key": "key-b" },
        });
        assert.equal(own.body.length, 1);
    });

    it("a multi-tenant key needs x-org-id (401 without) and acts in the org it names", async () => {
        assertError(await h.api("GET", "/usergroups", { headers: { "x-api-key": "key-msp" } }), 401, "x-org-id");
        const inC = { "x-api-key": "key-msp", "x-org-id": ORG_C };
        const g = await h.createGroup({ name: "c-group" }, inC);
        assert.equal(g["organizationObjectId"], ORG_C);
        const inB = { "x-api-key": "key-msp", "x-org-id": ORG_B };
        assertError(await h.api("GET", `/usergroups/${g.id}`, { headers: inB }), 404);
        assert.equal((await h.api("GET", `/usergroups/${g.id}`, { headers: inC })).status, 200);
        const uppercase = { "x-api-key": "key-msp", "x-org-id": ORG_C.toUpperCase() };
        assert.equal((await h.api("GET", `/usergroups/${g.id}`, { headers: uppercase })).status, 200);
    });

    it("x-org-id: malformed is 400, an org the key does not reach is 404", async () => {
        assertError(await h.api("GET", "/usergroups", { headers: { "x-org-id": "nope" } }), 400, "Malformed ID");
        assertError(await h.api("GET", "/usergroups", { headers: { "x-org-id": ORG_B } }), 404, "Organization");
        assertError(await h.api("GET", "/usergroups", { headers: { "x-org-id": "5f0000000000000000009999" } }), 404);
        const own = await h.api("GET", "/usergroups", { headers: { "x-org-id": h.sim.orgId } });
        assert.equal(own.status, 200);
    });

    it("authentication runs before validation and routing", async () => {
        assertError(await h.api("GET", "/usergroups/not-an-id", { noKey: true }), 401);
        assertError(await h.api("POST", "/usergroups", { noKey: true, rawBody: "{bad" }), 401);
    });

    it("an unknown route is a 404 JSON error; an unknown admin route too", async () => {
        assertError(await h.api("GET", "/nothing/here"), 404, "not found");
        const admin = await h.admin<{ code: number }>("GET", "/nothing");
        assert.equal(admin.status, 404);
        assert.equal(admin.body.code, 404);
        const root = await fetch(`${h.sim.origin}/`);
        assert.equal(root.status, 404);
        assert.equal(((await root.json()) as { code: number }).code, 404);
    });

    it("API keys are not kept in the store dump or the request log", async () => {
        await h.api("GET", "/usergroups", { headers: { "x-api-key": "key-b" } });
        const everything = JSON.stringify([
            (await h.admin("GET", "/store")).body,
            (await h.admin("GET", "/requests")).body,
        ]);
        for (const key of ["key-b", "key-msp", h.sim.apiKey]) assert.ok(!everything.includes(key), key);
    });
});
