/**
 * Contract: `client.users` (API v1) against the simulator over HTTP: every page read once, the v1 filters, sort and
 * fields, the exactly-one lookups, and tenancy, each call's requests counted in the simulator's log.
 */
import assert from "node:assert/strict";
import { collect, isUserLookupError, JumpCloudClient, NotFoundError, userFilter } from "../../provider/client";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { SeedUser } from "../../simulator/seed";
import { countRequests } from "../helpers/logged-requests";

const ORG_B = "5f00000000000000000000b2";

/** User number n: ids in creation order, departments in turns. */
function seedUser(n: number, extra: Partial<SeedUser> = {}): SeedUser {
    return {
        id: `5f1a${n.toString(16).padStart(20, "0")}`,
        username: `user${String(n).padStart(3, "0")}`,
        email: `user${n}@example.com`,
        department: ["Engineering", "Sales", "Support"][n % 3] ?? "",
        ...extra,
    };
}

describe("contract: client.users (API v1) against the simulator", () => {
    let sim: RunningSimulator;
    let since = 0;

    before(async () => {
        sim = await startSimulator();
    });
    after(() => sim?.close());
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        since = await simAdmin(sim.origin).lastSeq();
    });

    const client = (): JumpCloudClient =>
        new JumpCloudClient({ apiKey: sim.apiKey, apiUrl: sim.url, maxRequestsPerSecond: 10_000 });

    /** The API requests since the last look, as "METHOD api path?query". */
    async function served(): Promise<string[]> {
        const requests = await simAdmin(sim.origin).requests(since);
        if (requests.length > 0) since = Math.max(...requests.map((r) => r.seq));
        return requests.map((r) => `${r.method} ${r.api} ${r.path}${r.query === "" ? "" : `?${r.query}`} ${r.status}`);
    }

    it("lists 250 users, each exactly once, in 3 requests of 100 at the v1 base", async () => {
        await simAdmin(sim.origin).seed({ users: Array.from({ length: 250 }, (_, i) => seedUser(i + 1)) });
        await served();
        const users = await collect(client().users.list());
        assert.equal(users.length, 250);
        assert.equal(new Set(users.map((u) => u._id)).size, 250, "no user twice");
        assert.deepEqual(
            users.map((u) => u.username),
            Array.from({ length: 250 }, (_, i) => seedUser(i + 1).username),
            "in _id order",
        );
        assert.deepEqual(await served(), [
            "GET v1 /systemusers?limit=100&skip=0&sort=_id 200",
            "GET v1 /systemusers?limit=100&skip=100&sort=_id 200",
            "GET v1 /systemusers?limit=100&skip=200&sort=_id 200",
        ]);
    });

    it("stops at the envelope's total: 200 users take 2 requests, not 3", async () => {
        await simAdmin(sim.origin).seed({ users: Array.from({ length: 200 }, (_, i) => seedUser(i + 1)) });
        await served();
        assert.equal((await collect(client().users.list())).length, 200);
        assert.equal((await served()).length, 2);
    });

    it("filters with the v1 $ operators (ANDed, ORed), sorts and projects as asked", async () => {
        await simAdmin(sim.origin).seed({
            users: [
                seedUser(1, { department: "Sales", state: "ACTIVATED", jobTitle: "Rep" }),
                seedUser(2, { department: "Sales", state: "SUSPENDED", jobTitle: "Lead" }),
                seedUser(3, { department: "Sales", state: "STAGED", jobTitle: "Analyst" }),
                seedUser(4, { department: "Engineering", state: "ACTIVATED", jobTitle: "Rep" }),
            ],
        });
        const c = client();
        const names = async (query: Parameters<JumpCloudClient["users"]["list"]>[0]) =>
            (await collect(c.users.list(query))).map((u) => u.username);
        assert.deepEqual(await names({ filter: userFilter.eq("department", "Sales") }), [
            "user001",
            "user002",
            "user003",
        ]);
        assert.deepEqual(
            await names({
                filter: [userFilter.eq("department", "Sales"), userFilter.ne("state", "SUSPENDED")],
                sort: "-username",
            }),
            ["user003", "user001"],
        );
        assert.deepEqual(
            await names({
                filter: userFilter.eq("department", "Sales"),
                anyOf: [userFilter.eq("jobTitle", "Lead"), userFilter.eq("jobTitle", "Analyst")],
            }),
            ["user002", "user003"],
        );
        assert.deepEqual(
            await names({ filter: userFilter.eq("department", "sales") }),
            [],
            "values are case-sensitive",
        );
        const [projected] = await collect(
            c.users.list({ filter: userFilter.eq("username", "user004"), fields: ["email"] }),
        );
        assert.deepEqual(projected, { _id: seedUser(4).id, email: "user4@example.com" });
    });

    it("gets one user (with its directory fields), and a projection of it", async () => {
        const [id] = (
            await simAdmin(sim.origin).seed({
                users: [
                    seedUser(1, {
                        firstname: "Ada",
                        lastname: "Lovelace",
                        jobTitle: "Engineer",
                        employeeIdentifier: "E-1",
                        attributes: [{ name: "badge", value: "42" }],
                    }),
                ],
            })
        ).users;
        assert.ok(id);
        await served();
        const c = client();
        const ada = await c.users.get(id);
        assert.equal(ada._id, id);
        assert.equal(ada.firstname, "Ada");
        assert.equal(ada.state, "ACTIVATED");
        assert.deepEqual(ada.attributes, [{ name: "badge", value: "42" }]);
        assert.deepEqual(await c.users.get(id, { fields: ["username"] }), { _id: id, username: "user001" });
        assert.deepEqual(await served(), [
            `GET v1 /systemusers/${id} 200`,
            `GET v1 /systemusers/${id}?fields=username 200`,
        ]);
    });

    // Two matches cannot be seeded (usernames and emails are unique); the unit tests cover that message.
    it("findByEmail / findByUsername: one request each; no match is a UserLookupError", async () => {
        await simAdmin(sim.origin).seed({ users: [seedUser(1), seedUser(2), seedUser(3)] });
        await served();
        const c = client();
        assert.equal((await c.users.findByEmail("user2@example.com")).username, "user002");
        assert.equal((await c.users.findByUsername("user003")).email, "user3@example.com");
        assert.deepEqual(countRequests(await simAdmin(sim.origin).requests(since)), { "GET /systemusers": 2 });
        await served();
        await assert.rejects(c.users.findByEmail("USER2@example.com"), (e: unknown) => {
            assert.ok(isUserLookupError(e));
            assert.deepEqual(e.matches, []);
            assert.match(e.message, /No JumpCloud user has email "USER2@example.com"/);
            return true;
        });
        assert.equal((await served()).length, 1);
    });

    it("another organisation's users are not found and not listed", async () => {
        const seeded = await simAdmin(sim.origin).seed({
            orgs: [{ id: ORG_B, apiKeys: ["key-b"] }],
            users: [seedUser(1), seedUser(2, { orgId: ORG_B })],
        });
        const other = seeded.users[1];
        assert.ok(other);
        const c = client();
        await assert.rejects(c.users.get(other), NotFoundError);
        assert.deepEqual(
            (await collect(c.users.list())).map((u) => u.username),
            ["user001"],
        );
        await assert.rejects(c.users.findByUsername("user002"), isUserLookupError);
        const asB = new JumpCloudClient({ apiKey: "key-b", apiUrl: sim.url, maxRequestsPerSecond: 10_000 });
        assert.equal((await asB.users.get(other)).username, "user002");
    });
});
