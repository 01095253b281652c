/**
 * getUser, getUsers and getUserGroupMembers against the real simulator over HTTP: lookups by email, username and
 * id, none found, filters, 250 users and a 250-member group (pagination), bad arguments, and the
 * requests each costs.
 */
import * as assert from "node:assert/strict";
import { getUser, getUserGroupMembers, getUsers } from "../../provider/functions";
import { isProviderError } from "../../provider/runtime/errors";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import { countRequests } from "../helpers/logged-requests";

const userId = (n: number) => `5f2c${n.toString(16).padStart(20, "0")}`;

describe("user lookup functions against the simulator", () => {
    let sim: RunningSimulator;
    let groupId = "";
    const saved: Record<string, string | undefined> = {};
    const ENV = ["JUMPCLOUD_API_KEY", "JUMPCLOUD_API_URL", "JUMPCLOUD_ORG_ID", "JUMPCLOUD_REGION"];

    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; counts: Record<string, number> }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, counts: countRequests(await simAdmin(sim.origin).requests(since)) };
    }

    before(async () => {
        sim = await startSimulator();
        for (const k of ENV) saved[k] = process.env[k];
        for (const k of ENV) delete process.env[k];
        process.env.JUMPCLOUD_API_KEY = sim.apiKey;
        process.env.JUMPCLOUD_API_URL = sim.url;
        const seeded = await simAdmin(sim.origin).seed({
            users: Array.from({ length: 250 }, (_, i) => ({
                id: userId(i + 1),
                username: `user${i + 1}`,
                email: `user${i + 1}@example.com`,
                firstname: "User",
                lastname: String(i + 1),
                department: i < 120 ? "Sales" : "Support",
            })),
            userGroups: [{ name: "Everyone", members: Array.from({ length: 250 }, (_, i) => userId(i + 1)) }],
        });
        groupId = seeded.userGroups[0] ?? "";
    });
    after(async () => {
        for (const k of ENV) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
        await sim?.close();
    });

    it("getUser finds one user by email, username or id, in one request", async () => {
        const byEmail = await counted(() => getUser({ email: "user7@example.com" }));
        assert.deepEqual(byEmail.counts, { "GET /systemusers": 1 });
        assert.equal(byEmail.result.id, userId(7));
        assert.deepEqual(
            [byEmail.result.username, byEmail.result.firstname, byEmail.result.department],
            ["user7", "User", "Sales"],
        );
        assert.equal((await getUser({ username: "user8" })).id, userId(8));
        const byId = await counted(() => getUser({ id: userId(9) }));
        assert.deepEqual(byId.counts, { "GET /systemusers/:id": 1 });
        assert.equal(byId.result.email, "user9@example.com");
    });

    it("getUser: none found is NOT_FOUND (the simulator keeps emails unique, so several cannot be seeded), bad arguments name the property", async () => {
        await assert.rejects(
            getUser({ email: "nobody@example.com" }),
            (e: Error) => isProviderError(e, "NOT_FOUND") && /nobody@example\.com/.test(e.message),
        );
        await assert.rejects(getUser({ id: "5f2cffffffffffffffffffff" }), (e: Error) =>
            isProviderError(e, "NOT_FOUND"),
        );
        await assert.rejects(
            getUser({ email: "a@example.com", id: userId(1) } as never),
            /getUser: invalid arguments: \(arguments\) give exactly one of "email", "username" and "id"/,
        );
        await assert.rejects(getUser({ id: "alice" }), /id must be a 24-character hexadecimal ObjectId/);
    });

    it("getUsers reads every page (3 for 250 users) and filters", async () => {
        const all = await counted(() => getUsers());
        assert.equal(all.result.users.length, 250);
        assert.deepEqual(all.counts, { "GET /systemusers": 3 });
        assert.equal(new Set(all.result.users.map((u) => u.id)).size, 250, "each once");
        const sales = await getUsers({ filter: "department:$eq:Sales" });
        assert.equal(sales.users.length, 120);
        const some = await getUsers({ filter: ["department:$eq:Sales", "username:$eq:user3"] });
        assert.deepEqual(
            some.users.map((u) => u.id),
            [userId(3)],
        );
        await assert.rejects(getUsers({ filter: "department=Sales" }), /filter must be "<field>:\$<operator>:<value>"/);
    });

    it("getUserGroupMembers reads every page (3 for 250 members), sorted; an unknown group is NOT_FOUND", async () => {
        const { result, counts } = await counted(() => getUserGroupMembers({ groupId }));
        assert.deepEqual(counts, { "GET /usergroups/:id/members": 3 });
        assert.equal(result.userIds.length, 250);
        assert.deepEqual(result.userIds, [...result.userIds].sort());
        await assert.rejects(getUserGroupMembers({ groupId: "5f2cffffffffffffffffffff" }), (e: Error) =>
            isProviderError(e, "NOT_FOUND"),
        );
        await assert.rejects(getUserGroupMembers({ groupId: "eng" }), /groupId must be a 24-character/);
    });
});
