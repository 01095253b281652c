import assert from "node:assert/strict";
import { type Group, SimHarness } from "./support/sim-harness";

interface Logged {
    seq: number;
    method: string;
    path: string;
    query: string;
    status: number;
    durationMs: number;
    orgId: string | null;
}

describe("simulator: admin surface", () => {
    const h = new SimHarness();
    before(() => h.start());
    after(() => h.stop());
    beforeEach(() => h.reset());

    const requests = async (since?: number): Promise<Logged[]> =>
        (await h.admin<{ requests: Logged[] }>("GET", `/requests${since === undefined ? "" : `?since=${since}`}`)).body
            .requests;

    it("reset empties all data but keeps the default key working", async () => {
        await h.createGroup({ name: "before" });
        await h.seed({ users: [{ username: "u", email: "u@example.com" }] });
        await h.reset();
        const dump = (await h.admin<Record<string, unknown[]>>("GET", "/store")).body;
        assert.deepEqual(dump["userGroups"], []);
        assert.deepEqual(dump["users"], []);
        assert.equal((await h.api("GET", "/usergroups")).status, 200);
    });

    it("reset accepts a JSON content type with an empty body", async () => {
        const res = await fetch(`${h.sim.origin}/__sim/reset`, {
            method: "POST",
            headers: { "content-type": "application/json" },
        });
        assert.equal(res.status, 204);
    });

    it("seed creates every kind of data and returns the ids", async () => {
        const ids = await h.seed({
            orgs: [{ id: "5f00000000000000000000b2", apiKeys: ["key-b"] }],
            users: [{ username: "ann", email: "ann@example.com" }],
            pushEndpoints: [
                { userId: "5f0c000000000000000000a9", name: "p", state: "active", id: "5f0c000000000000000000e1" },
            ],
            workdayWorkers: [{ username: "w", email: "w@example.com", firstName: "W", lastName: "K" }],
            userGroups: [
                { name: "seeded", description: "d" },
                { name: "in-b", orgId: "5f00000000000000000000b2" },
            ],
        });
        assert.deepEqual(ids.orgs, ["5f00000000000000000000b2"]);
        assert.deepEqual(ids.serviceAccounts, []);
        assert.deepEqual(ids.targets, []);
        assert.equal(ids.users.length, 1);
        assert.deepEqual(ids.pushEndpoints, ["5f0c000000000000000000e1"]);
        assert.equal(ids.workdayWorkers, 1);
        assert.equal(ids.userGroups.length, 2);
        const g = await h.api<Group>("GET", `/usergroups/${ids.userGroups[0]}`);
        assert.equal(g.body.description, "d");
        const inB = await h.api<Group>("GET", `/usergroups/${ids.userGroups[1]}`, {
            headers: { "x-api-key": "key-b" },
        });
        assert.equal(inB.status, 200);
        const ep = await h.api("GET", "/users/5f0c000000000000000000a9/pushendpoints/5f0c000000000000000000e1");
        assert.equal(ep.status, 200);
    });

    it("a bad seed is refused with 400 and writes nothing", async () => {
        for (const doc of [
            { userGroups: [{ name: "ok" }, { description: "no name" }] },
            { users: [{ username: "a", email: "a@x" }], orgs: [{ id: "short" }] },
            { userGroups: [{ name: "dup" }, { name: "DUP" }] },
            { pushEndpoints: [{ name: "p", state: "active" }] },
            { workdayWorkers: "nope" },
        ]) {
            const res = await h.admin<{ code: number }>("POST", "/seed", doc);
            assert.ok(res.status === 400 || res.status === 409, `${res.status} for ${JSON.stringify(doc)}`);
            assert.equal(res.body.code, res.status);
        }
        const dump = (await h.admin<Record<string, unknown[]>>("GET", "/store")).body;
        assert.deepEqual(dump["userGroups"], []);
        assert.deepEqual(dump["users"], []);
    });

    it("the request log lists API requests only, with since and clear", async () => {
        await h.api("GET", "/usergroups?limit=5&filter=name:eq:a&filter=name:eq:b");
        await h.api("POST", "/usergroups", { body: { name: "x" } });
        await h.api("GET", "/usergroups", { noKey: true });
        const log = await requests();
        assert.deepEqual(
            log.map((r) => [r.method, r.path, r.status]),
            [
                ["GET", "/usergroups", 200],
                ["POST", "/usergroups", 201],
                ["GET", "/usergroups", 401],
            ],
        );
        assert.equal(log[0]!.query, "limit=5&filter=name:eq:a&filter=name:eq:b");
        assert.equal(log[1]!.query, "");
        assert.equal(log[0]!.orgId, h.sim.orgId);
        assert.equal(log[2]!.orgId, null);
        assert.ok(log.every((r) => r.durationMs >= 0));
        assert.equal(log[1]!.seq, log[0]!.seq + 1);
        const later = await requests(log[1]!.seq);
        assert.deepEqual(
            later.map((r) => r.seq),
            [log[2]!.seq],
        );
        assert.equal((await h.admin("DELETE", "/requests")).status, 204);
        assert.deepEqual(await requests(), []);
        await h.api("GET", "/workdays");
        const after = await requests();
        assert.equal(after.length, 1);
        assert.ok(after[0]!.seq > log[2]!.seq, "sequence numbers are never reused");
    });

    it("PATCH /__sim/users/{id} changes a user's fields (not its identity) and answers the user", async () => {
        const [id] = (await h.seed({ users: [{ username: "pat", email: "pat@example.com", department: "A" }] })).users;
        const res = await h.admin<Record<string, unknown>>("PATCH", `/users/${id}`, {
            department: "B",
            state: "SUSPENDED",
            attributes: [{ name: "k", value: "v" }],
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual(
            [
                res.body["_id"],
                res.body["department"],
                res.body["suspended"],
                res.body["activated"],
                res.body["username"],
            ],
            [id, "B", true, false, "pat"],
        );
        const got = await h.v1<Record<string, unknown>>("GET", `/systemusers/${id}`);
        assert.deepEqual(got.body, res.body);
        for (const [path, body, status] of [
            [`/users/${id}`, { username: "renamed" }, 400],
            [`/users/${id}`, { state: "GONE" }, 400],
            [`/users/${id}`, { department: 5 }, 400],
            ["/users/5f0c0000000000000000ffff", { department: "X" }, 404],
            ["/users/bad", { department: "X" }, 400],
        ] as const) {
            const refused = await h.admin<{ code: number }>("PATCH", path, body);
            assert.equal(refused.status, status, `${path} ${JSON.stringify(body)}`);
            assert.equal(refused.body.code, status);
        }
        assert.equal((await h.v1<Record<string, unknown>>("GET", `/systemusers/${id}`)).body["department"], "B");
    });

    it("since must be a non-negative integer", async () => {
        assert.equal((await h.admin("GET", "/requests?since=-1")).status, 400);
        assert.equal((await h.admin("GET", "/requests?since=abc")).status, 400);
    });

    it("the store dump holds every area with org ids", async () => {
        await h.createGroup({ name: "dumped" });
        const dump = (await h.admin<Record<string, Record<string, unknown>[]>>("GET", "/store")).body;
        assert.deepEqual(Object.keys(dump).sort(), [
            "groupEdges",
            "importJobs",
            "importResults",
            "orgs",
            "pushEndpoints",
            "serviceAccounts",
            "targets",
            "userGroups",
            "users",
            "workdayWorkers",
            "workdays",
        ]);
        assert.equal(dump["userGroups"]![0]!["name"], "dumped");
        assert.equal(dump["userGroups"]![0]!["orgId"], h.sim.orgId);
        assert.deepEqual(dump["orgs"], [{ id: h.sim.orgId }]);
    });
});
