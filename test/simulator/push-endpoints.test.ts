import assert from "node:assert/strict";
import { assertError, SimHarness } from "./support/sim-harness";

interface Endpoint {
    id: string;
    name: string;
    state: string;
    device?: Record<string, unknown>;
    enrollmentDate?: string;
    lastUsedDate?: string;
}

const USER = "5f0c000000000000000000a1";
const OTHER_USER = "5f0c000000000000000000a2";
const DEVICE = { appVersion: "2.1", make: "Apple", model: "iPhone 15", os: "iOS", osVersion: "18.1", uvEnabled: true };

describe("simulator: push endpoints", () => {
    const h = new SimHarness();
    let ids: string[] = [];
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        const seeded = await h.seed({
            users: [
                { id: USER, username: "alice", email: "alice@example.com" },
                { id: OTHER_USER, username: "bob", email: "bob@example.com" },
            ],
            pushEndpoints: [
                { userId: USER, name: "Alice's iPhone", state: "active", device: DEVICE },
                { userId: USER, name: "Alice's iPad", state: "inactive" },
                { userId: OTHER_USER, name: "Bob's phone", state: "active" },
            ],
        });
        ids = seeded.pushEndpoints;
    });

    const base = `/users/${USER}/pushendpoints`;

    it("lists a user's endpoints as a bare array", async () => {
        const res = await h.api<Endpoint[]>("GET", base);
        assert.equal(res.status, 200);
        assert.deepEqual(
            res.body.map((e) => e.name),
            ["Alice's iPhone", "Alice's iPad"],
        );
        assert.deepEqual(res.body[0]!.device, DEVICE);
        assert.ok(res.body[0]!.enrollmentDate && !Number.isNaN(Date.parse(res.body[0]!.enrollmentDate)));
    });

    it("gets one endpoint; another user's endpoint is 404", async () => {
        const res = await h.api<Endpoint>("GET", `${base}/${ids[0]}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.id, ids[0]);
        assertError(await h.api("GET", `${base}/${ids[2]}`), 404);
    });

    it("PATCH changes name and state and persists", async () => {
        const res = await h.api<Endpoint>("PATCH", `${base}/${ids[0]}`, {
            body: { name: "Work phone", state: "inactive" },
        });
        assert.equal(res.status, 200);
        assert.equal(res.body.name, "Work phone");
        assert.equal(res.body.state, "inactive");
        assert.deepEqual(res.body.device, DEVICE);
        const got = await h.api<Endpoint>("GET", `${base}/${ids[0]}`);
        assert.deepEqual(got.body, res.body);
        const stateOnly = await h.api<Endpoint>("PATCH", `${base}/${ids[0]}`, { body: { state: "active" } });
        assert.equal(stateOnly.body.name, "Work phone");
    });

    it("PATCH refuses unknown keys, bad states and wrong types without writing", async () => {
        assertError(await h.api("PATCH", `${base}/${ids[0]}`, { body: { name: "x", device: {} } }), 400, "body.device");
        assertError(await h.api("PATCH", `${base}/${ids[0]}`, { body: { state: "enabled" } }), 400, "active, inactive");
        assertError(await h.api("PATCH", `${base}/${ids[0]}`, { body: { name: 3 } }), 400, "body.name");
        const got = await h.api<Endpoint>("GET", `${base}/${ids[0]}`);
        assert.equal(got.body.name, "Alice's iPhone");
    });

    it("DELETE answers 200 with the deleted endpoint, then 404", async () => {
        const before = await h.api<Endpoint>("GET", `${base}/${ids[1]}`);
        const del = await h.api<Endpoint>("DELETE", `${base}/${ids[1]}`);
        assert.equal(del.status, 200);
        assert.deepEqual(del.body, before.body);
        assertError(await h.api("GET", `${base}/${ids[1]}`), 404);
        assertError(await h.api("DELETE", `${base}/${ids[1]}`), 404);
        const list = await h.api<Endpoint[]>("GET", base);
        assert.equal(list.body.length, 1);
    });

    it("an unknown user is 404; malformed ids are 400", async () => {
        assertError(await h.api("GET", "/users/5f0c0000000000000000ffff/pushendpoints"), 404);
        assertError(await h.api("GET", "/users/alice/pushendpoints"), 400, "user_id");
        assertError(await h.api("GET", `${base}/xyz`), 400, "push_endpoint_id");
        assertError(await h.api("PATCH", `${base}/xyz`, { body: { name: "n" } }), 400, "push_endpoint_id");
    });

    it("there is no POST (the API cannot create push endpoints)", async () => {
        assertError(await h.api("POST", base, { body: { name: "n" } }), 404);
    });
});
