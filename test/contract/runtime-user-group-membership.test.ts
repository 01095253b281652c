/**
 * The UserGroupMembership and UserGroupMember runtimes against the real simulator over HTTP: a 250-member group
 * created, read back (3 pages) and converged after console changes, update, delete that leaves undeclared members
 * alone, a dynamic group's clear error, bad inputs refused by check, and the API calls each operation costs.
 */
import * as assert from "node:assert/strict";
import type { UserGroupMembershipInputs } from "../../provider/model/user-group-membership";
import { setConfigGetter } from "../../provider/runtime/context";
import { isProviderError } from "../../provider/runtime/errors";
import * as member from "../../provider/runtime/user-group-member";
import * as membership from "../../provider/runtime/user-group-membership";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import { apiCaller } from "../../simulator/api-caller";
import type { LoggedRequest } from "../../simulator/request-log";
import { countRequests } from "../helpers/logged-requests";

/** The deterministic id of seeded user n. */
const userId = (n: number) => `5f2b${n.toString(16).padStart(20, "0")}`;
const users = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => userId(from + i));

describe("UserGroupMembership and UserGroupMember runtimes against the simulator", () => {
    let sim: RunningSimulator;
    let groupId: string;

    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, requests: await simAdmin(sim.origin).requests(since) };
    }
    async function liveMembers(id = groupId): Promise<string[]> {
        const out: string[] = [];
        for (let skip = 0; ; skip += 100) {
            const page = (await apiCaller(sim)("GET", `/usergroups/${id}/members?limit=100&skip=${skip}`)) as unknown;
            const edges = page as Array<{ to: { id: string } }>;
            out.push(...edges.map((e) => e.to.id));
            if (edges.length < 100) return out.sort();
        }
    }

    before(async () => {
        sim = await startSimulator();
        setConfigGetter(
            (key) => ({ apiKey: sim.apiKey, apiUrl: sim.url, maxRetries: "2", maxRequestsPerSecond: "10000" })[key],
        );
    });
    after(async () => {
        setConfigGetter(undefined);
        await sim?.close();
    });
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        const seeded = await simAdmin(sim.origin).seed({
            users: Array.from({ length: 300 }, (_, i) => ({
                id: userId(i + 1),
                username: `user${i + 1}`,
                email: `user${i + 1}@example.com`,
            })),
            userGroups: [{ name: "Engineering", members: [userId(1), userId(2), userId(299)] }],
        });
        groupId = seeded.userGroups[0] ?? "";
    });

    const inputs = (userIds: string[]): UserGroupMembershipInputs => ({ groupId, userIds });

    describe("UserGroupMembership", () => {
        it("check sorts and lower-cases the ids, accepts [], and refuses duplicates, malformed ids and a missing list", async () => {
            const ok = await membership.check({}, { groupId, userIds: [userId(3).toUpperCase(), userId(1)] });
            assert.deepEqual(ok.inputs?.userIds, [userId(1), userId(3)]);
            assert.deepEqual((await membership.check({}, { groupId, userIds: [] })).inputs?.userIds, []);
            const bad = await membership.check({}, { groupId: "eng", userIds: [userId(1), "alice", userId(1)] });
            const byProperty = Object.fromEntries((bad.failures ?? []).map((f) => [f.property, f.reason]));
            assert.match(byProperty["groupId"] ?? "", /24-character hexadecimal ObjectId.*group\.id/);
            assert.match(byProperty["userIds[1]"] ?? "", /ObjectId.*getUser/);
            assert.match(byProperty["userIds[2]"] ?? "", /repeats the user id .* of item \[0\]/);
            const missing = await membership.check({}, { groupId });
            assert.match(missing.failures?.[0]?.reason ?? "", /is required.*\[\] for a group without direct members/);
            assert.equal(missing.failures?.[0]?.property, "userIds");
        });

        it("creates a 250-member membership: 1 page of live members + one POST per difference", async () => {
            const wanted = users(1, 250);
            const { result, requests } = await counted(() => membership.create(inputs(wanted)));
            // Live: 1, 2, 299. Add 3..250 (248), remove 299 (1).
            assert.deepEqual(countRequests(requests), {
                "GET /usergroups/:id/members": 1,
                "POST /usergroups/:id/members": 249,
            });
            assert.equal(result.id, groupId);
            assert.deepEqual(result.outs?.userIds, wanted);
            assert.deepEqual(await liveMembers(), wanted);
        });

        it("reads the live members over every page (3 for 250) and shows console drift; update converges", async () => {
            const wanted = users(1, 250);
            const { outs } = await membership.create(inputs(wanted));
            const api = apiCaller(sim);
            await api("POST", `/usergroups/${groupId}/members`, { op: "add", type: "user", id: userId(300) });
            await api("POST", `/usergroups/${groupId}/members`, { op: "remove", type: "user", id: userId(7) });
            const read = await counted(() => membership.read(groupId, outs));
            assert.deepEqual(countRequests(read.requests), { "GET /usergroups/:id/members": 3 });
            const drifted = read.result.inputs?.userIds ?? [];
            assert.equal(drifted.length, 250);
            assert.ok(drifted.includes(userId(300)) && !drifted.includes(userId(7)));
            assert.deepEqual(drifted, [...drifted].sort(), "sorted");
            const props = read.result.props;
            assert.ok(props);
            assert.equal((await membership.diff(groupId, props, inputs(wanted))).changes, true);
            assert.equal(
                (await membership.diff(groupId, props, inputs([...drifted].reverse()))).changes,
                false,
                "order never makes a diff",
            );

            const up = await counted(() => membership.update(groupId, props, inputs(wanted)));
            assert.deepEqual(countRequests(up.requests), {
                "GET /usergroups/:id/members": 3,
                "POST /usergroups/:id/members": 2,
            });
            assert.deepEqual(await liveMembers(), wanted);
        });

        it("[] empties the group; delete removes only the members in state, one POST each, twice is harmless", async () => {
            const created = await membership.create(inputs([userId(1), userId(5)]));
            assert.deepEqual(await liveMembers(), [userId(1), userId(5)]);
            await apiCaller(sim)("POST", `/usergroups/${groupId}/members`, { op: "add", type: "user", id: userId(9) });
            const { outs } = await membership.update(groupId, created.outs!, inputs([userId(1), userId(5), userId(9)]));
            await apiCaller(sim)("POST", `/usergroups/${groupId}/members`, { op: "add", type: "user", id: userId(8) });
            const del = await counted(() => membership.delete(groupId, outs!));
            assert.deepEqual(countRequests(del.requests), { "POST /usergroups/:id/members": 3 });
            assert.deepEqual(await liveMembers(), [userId(8)], "a member the resource never held stays");
            await membership.delete(groupId, outs!);

            const emptied = await counted(() => membership.update(groupId, outs!, inputs([])));
            assert.deepEqual(emptied.result.outs?.userIds, []);
            assert.deepEqual(await liveMembers(), []);
        });

        it("a group deleted out of band drops the resource on read; a missing group or user fails clearly", async () => {
            await apiCaller(sim)("DELETE", `/usergroups/${groupId}`);
            assert.deepEqual(await membership.read(groupId, { groupId, userIds: [] }), {});
            await assert.rejects(
                membership.create(inputs([userId(1)])),
                (e: Error) => isProviderError(e, "NOT_FOUND") && /groupId .* is not a user group/.test(e.message),
            );
            const [other] = (await simAdmin(sim.origin).seed({ userGroups: [{ name: "Other" }] })).userGroups;
            await assert.rejects(
                membership.create({ groupId: other ?? "", userIds: ["5f2bffffffffffffffffffff"] }),
                (e: Error) => isProviderError(e, "NOT_FOUND") && /no user 5f2bffffffffffffffffffff/.test(e.message),
            );
        });

        it("converges in one run under 20% injected faults (500, 502, resets before and after) with exactly the declared members", async () => {
            const wanted = users(101, 250);
            const [other] = (
                await simAdmin(sim.origin).seed({
                    userGroups: [{ name: "Untouched", members: [userId(1), userId(200)] }],
                })
            ).userGroups;
            const kinds = ["500", "502", "reset-before", "reset-after"] as const;
            await simAdmin(sim.origin).faults(
                kinds.map((kind, i) => ({ path: "/members$", kind, fraction: 0.05, seed: i + 7 })),
            );
            // The default retry budget (5 retries), as a stack without settings has.
            setConfigGetter((key) => ({ apiKey: sim.apiKey, apiUrl: sim.url, maxRequestsPerSecond: "10000" })[key]);
            let attempts = 0;
            for (; attempts < 2; attempts++) {
                try {
                    await membership.create(inputs(wanted));
                    break;
                } catch (e) {
                    // Reported, then retried once as a second `up` would, so the final state is still checked.
                    console.log(`      run ${attempts + 1} failed: ${(e as Error).message.slice(0, 200)}`);
                }
            }
            await simAdmin(sim.origin).clearFaults();
            setConfigGetter(
                (key) => ({ apiKey: sim.apiKey, apiUrl: sim.url, maxRetries: "2", maxRequestsPerSecond: "10000" })[key],
            );
            assert.equal(attempts, 0, "converged in one run");
            assert.deepEqual(await liveMembers(), wanted, "none missing, none extra");
            assert.deepEqual(await liveMembers(other), [userId(1), userId(200)], "no user touched in another group");
        });

        it("refuses a dynamic group with an error that says why, and changes nothing", async () => {
            const [dynamic] = (
                await simAdmin(sim.origin).seed({
                    userGroups: [
                        {
                            name: "Sales (auto)",
                            membershipMethod: "DYNAMIC_AUTOMATED",
                            memberQuery: { queryType: "Filter", filters: ["department:$eq:Sales"] },
                        },
                    ],
                })
            ).userGroups;
            const { requests } = await counted(() =>
                assert.rejects(
                    membership.create({ groupId: dynamic ?? "", userIds: [userId(1)] }),
                    (e: Error) =>
                        isProviderError(e, "DYNAMIC_GROUP") &&
                        /DYNAMIC_AUTOMATED.*memberQuery.*"STATIC"/s.test(e.message),
                ),
            );
            assert.ok(
                requests.every((r) => r.method === "GET" || r.status === 400),
                "nothing written",
            );
        });
    });

    describe("UserGroupMember", () => {
        it("create adds with one POST (an existing edge is adopted), read is one GET, delete one POST", async () => {
            const created = await counted(() => member.create({ groupId, userId: userId(10) }));
            assert.deepEqual(countRequests(created.requests), { "POST /usergroups/:id/members": 1 });
            assert.equal(created.result.id, `${groupId}/${userId(10)}`);
            const adopted = await member.create({ groupId, userId: userId(1) });
            assert.equal(adopted.id, `${groupId}/${userId(1)}`);

            const read = await counted(() => member.read(created.result.id, created.result.outs));
            assert.deepEqual(countRequests(read.requests), { "GET /usergroups/:id/membership": 1 });
            assert.deepEqual(read.result.inputs, { groupId, userId: userId(10) });

            const del = await counted(() => member.delete(created.result.id, created.result.outs!));
            assert.deepEqual(countRequests(del.requests), { "POST /usergroups/:id/members": 1 });
            assert.deepEqual(await liveMembers(), [userId(1), userId(2), userId(299)], "only this edge went");
            await member.delete(created.result.id, created.result.outs!);
            assert.deepEqual(await member.read(created.result.id, created.result.outs), {}, "gone: dropped");
        });

        it("every change replaces, deleting first; check names bad ids", async () => {
            const diff = await member.diff("x", { groupId, userId: userId(1) }, { groupId, userId: userId(2) });
            assert.deepEqual(diff, {
                changes: true,
                changedFields: ["userId"],
                replaces: ["userId"],
                deleteBeforeReplace: true,
            });
            const same = await member.diff("x", { groupId, userId: userId(1) }, { groupId, userId: userId(1) });
            assert.equal(same.changes, false);
            const bad = await member.check({}, { groupId, userId: "alice@example.com" });
            assert.equal(bad.failures?.[0]?.property, "userId");
            assert.match(bad.failures?.[0]?.reason ?? "", /ObjectId.*getUser\(\{ email \}\)/);
        });
    });
});
