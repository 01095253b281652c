/**
 * Contract: the group graph through the real client against the simulator over HTTP: members and membership,
 * a user's groups, associations, dynamic groups and their suggestions, the observed 409/404 rules as outcomes
 * (also after a lost answer, with the simulator's faults), and tenancy; every call's requests counted in its log.
 */
import assert from "node:assert/strict";
import {
    type ApiMemberQuery,
    BadRequestError,
    collect,
    filter,
    JumpCloudClient,
    type JumpCloudClientOptions,
    NotFoundError,
} from "../../provider/client";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { SeedUser } from "../../simulator/seed";

const ORG_B = "5f00000000000000000000b2";

function seedUser(n: number, extra: Partial<SeedUser> = {}): SeedUser {
    return {
        id: `5f2b${n.toString(16).padStart(20, "0")}`,
        username: `member${n}`,
        email: `member${n}@example.com`,
        ...extra,
    };
}

describe("contract: the group graph through the client", () => {
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

    const client = (extra: Partial<JumpCloudClientOptions> = {}): JumpCloudClient =>
        new JumpCloudClient({
            apiKey: sim.apiKey,
            apiUrl: sim.url,
            maxRequestsPerSecond: 10_000,
            retry: { baseDelayMs: 5 },
            ...extra,
        });

    /**
     * The API requests since the last look, as "METHOD path?query status" (paths relative to the API's base), with
     * an injected fault after the status the handler gave.
     */
    async function served(): Promise<string[]> {
        const requests = await simAdmin(sim.origin).requests(since);
        if (requests.length > 0) since = Math.max(...requests.map((r) => r.seq));
        return requests.map(
            (r) =>
                `${r.method} ${r.path}${r.query === "" ? "" : `?${r.query}`} ${r.status}${r.fault ? ` ${r.fault}` : ""}`,
        );
    }

    /** Seeds users 1..n and one static group holding the given ones; resolves with the group's id. */
    async function groupOf(n: number, members: number[], extra: Record<string, unknown> = {}): Promise<string> {
        const seeded = await simAdmin(sim.origin).seed({
            users: Array.from({ length: n }, (_, i) => seedUser(i + 1)),
            userGroups: [{ name: "Graph", members: members.map((m) => seedUser(m).id ?? ""), ...extra }],
        });
        await served();
        const [id] = seeded.userGroups;
        assert.ok(id);
        return id;
    }

    describe("members", () => {
        it("reads a 250-member group back exactly once each, in 3 requests of 100", async () => {
            const all = Array.from({ length: 250 }, (_, i) => i + 1);
            const group = await groupOf(250, all);
            const edges = await collect(client().userGroups.members.list(group));
            const ids = edges.map((e) => e.to.id);
            assert.equal(ids.length, 250);
            assert.deepEqual(new Set(ids), new Set(all.map((m) => seedUser(m).id)), "every member, none twice");
            assert.ok(edges.every((e) => e.to.type === "user"));
            assert.deepEqual(await served(), [
                `GET /usergroups/${group}/members?limit=100&skip=0 200`,
                `GET /usergroups/${group}/members?limit=100&skip=100 200`,
                `GET /usergroups/${group}/members?limit=100&skip=200 200`,
            ]);
            const membership = await collect(client().userGroups.members.membership(group));
            assert.equal(new Set(membership.map((m) => m.id)).size, 250);
            assert.equal((await served()).length, 3);
        });

        it("add, add again, remove, remove again: one POST each, the 409 and 404 as outcomes", async () => {
            const group = await groupOf(2, [1]);
            const members = client().userGroups.members;
            const user = seedUser(2).id ?? "";
            assert.deepEqual(await members.add(group, user), {
                outcome: "added",
                afterAmbiguousFailure: false,
                attempts: 1,
            });
            assert.equal((await members.add(group, user)).outcome, "already-present");
            assert.deepEqual(
                (await collect(members.list(group))).map((e) => e.to.id).sort(),
                [seedUser(1).id, user].sort(),
            );
            assert.equal((await members.remove(group, user)).outcome, "removed");
            assert.deepEqual(await members.remove(group, user), {
                outcome: "already-absent",
                afterAmbiguousFailure: false,
                attempts: 1,
            });
            assert.deepEqual(await served(), [
                `POST /usergroups/${group}/members 204`,
                `POST /usergroups/${group}/members 409`,
                `GET /usergroups/${group}/members?limit=100&skip=0 200`,
                `POST /usergroups/${group}/members 204`,
                `POST /usergroups/${group}/members 404`,
            ]);
        });

        it("an add or remove whose answer was lost is sent again; the 409 or 404 that follows is its own", async () => {
            const group = await groupOf(1, []);
            const user = seedUser(1).id ?? "";
            const members = client().userGroups.members;
            const lose = (kind: "reset-after" | "502") =>
                simAdmin(sim.origin).faults([{ method: "POST", path: "/members$", kind }]);
            await lose("reset-after");
            assert.deepEqual(await members.add(group, user), {
                outcome: "already-present",
                afterAmbiguousFailure: true,
                attempts: 2,
            });
            await lose("reset-after");
            assert.deepEqual(await members.remove(group, user), {
                outcome: "already-absent",
                afterAmbiguousFailure: true,
                attempts: 2,
            });
            // A 502 that did nothing: the retry makes the change itself.
            await lose("502");
            assert.deepEqual(await members.add(group, user), {
                outcome: "added",
                afterAmbiguousFailure: true,
                attempts: 2,
            });
            // reset-after: the handler's change was committed, then the connection dropped before the answer.
            assert.deepEqual(await served(), [
                `POST /usergroups/${group}/members 204 reset-after`,
                `POST /usergroups/${group}/members 409`,
                `POST /usergroups/${group}/members 204 reset-after`,
                `POST /usergroups/${group}/members 404`,
                `POST /usergroups/${group}/members 502 502`,
                `POST /usergroups/${group}/members 204`,
            ]);
            assert.deepEqual(
                (await collect(members.list(group))).map((e) => e.to.id),
                [user],
            );
        });

        it("update changes a member edge's attributes; a non-member's is a NotFoundError", async () => {
            const group = await groupOf(2, [1]);
            const members = client().userGroups.members;
            await members.update(group, seedUser(1).id ?? "", { note: "kept" });
            assert.deepEqual(await collect(members.list(group)), [
                { attributes: { note: "kept" }, to: { id: seedUser(1).id, type: "user" } },
            ]);
            await assert.rejects(members.update(group, seedUser(2).id ?? "", {}), NotFoundError);
        });

        it("an unknown user or group is a NotFoundError on add; a remove of either is already-absent", async () => {
            const group = await groupOf(1, []);
            const members = client().userGroups.members;
            const ghost = "5f2bffffffffffffffffffff";
            await assert.rejects(members.add(group, ghost), NotFoundError);
            await assert.rejects(members.add(ghost, seedUser(1).id ?? ""), NotFoundError);
            assert.equal((await members.remove(ghost, seedUser(1).id ?? "")).outcome, "already-absent");
            await assert.rejects(collect(members.list(ghost)), NotFoundError);
        });

        it("a user's groups (memberOf) and one edge's existence (has) in one request each", async () => {
            const seeded = await simAdmin(sim.origin).seed({
                users: [seedUser(1), seedUser(2)],
                userGroups: [
                    { name: "A", members: [seedUser(1).id ?? ""] },
                    { name: "B", members: [seedUser(1).id ?? "", seedUser(2).id ?? ""] },
                    { name: "C" },
                ],
            });
            const [a, b, c] = seeded.userGroups as [string, string, string];
            await served();
            const api = client();
            const groups = await collect(api.users.memberOf(seedUser(1).id ?? ""));
            assert.deepEqual(
                groups.map((g) => [g.id, g.type]),
                [
                    [a, "user_group"],
                    [b, "user_group"],
                ],
            );
            assert.deepEqual(groups[0]?.paths, [[{ to: { id: a, type: "user_group" } }]]);
            const only = await collect(api.users.memberOf(seedUser(1).id ?? "", { filter: filter.eq("object_id", b) }));
            assert.deepEqual(
                only.map((g) => g.id),
                [b],
            );
            assert.equal(await api.userGroups.members.has(b, seedUser(2).id ?? ""), true);
            assert.equal(await api.userGroups.members.has(c, seedUser(2).id ?? ""), false);
            assert.equal((await served()).length, 4, "one request per call");
            await assert.rejects(collect(api.users.memberOf("5f2bffffffffffffffffffff")), NotFoundError);
        });
    });

    describe("dynamic groups", () => {
        const sales: ApiMemberQuery = {
            queryType: "FilterQuery",
            filters: [{ field: "department", operator: "eq", value: "Sales" }],
        };

        it("a DYNAMIC_AUTOMATED group's members are its rule's matches, minus exemptions; member changes are a 400", async () => {
            await simAdmin(sim.origin).seed({
                users: [
                    seedUser(1, { department: "Sales" }),
                    seedUser(2, { department: "Sales" }),
                    seedUser(3, { department: "Support" }),
                    seedUser(4, { department: "Sales" }),
                ],
            });
            const api = client();
            const group = await api.userGroups.create({
                name: "Sales (auto)",
                membershipMethod: "DYNAMIC_AUTOMATED",
                memberQuery: { queryType: "Filter", filters: ["department:$eq:Sales"] },
                memberQueryExemptions: [{ id: seedUser(4).id ?? "", type: "user" }],
            });
            const ids = async () =>
                (await collect(api.userGroups.members.membership(group.id))).map((m) => m.id).sort();
            assert.deepEqual(await ids(), [seedUser(1).id, seedUser(2).id].sort());
            await simAdmin(sim.origin).patchUser(seedUser(3).id ?? "", { department: "Sales" });
            assert.deepEqual(await ids(), [seedUser(1).id, seedUser(2).id, seedUser(3).id].sort());
            assert.equal(await api.userGroups.members.has(group.id, seedUser(4).id ?? ""), false, "exempted");
            await assert.rejects(api.userGroups.members.add(group.id, seedUser(4).id ?? ""), (e: unknown) => {
                assert.ok(e instanceof BadRequestError);
                assert.match(e.message, /DYNAMIC_AUTOMATED/);
                return true;
            });
        });

        it("a DYNAMIC_REVIEW_REQUIRED group changes only when its suggestions are applied", async () => {
            const group = await groupOf(3, [3], {});
            const api = client();
            for (const n of [1, 2]) await simAdmin(sim.origin).patchUser(seedUser(n).id ?? "", { department: "Sales" });
            const current = await api.userGroups.get(group);
            await api.userGroups.replace(group, {
                name: current.name ?? "Graph",
                membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
                memberQuery: sales,
            });
            assert.deepEqual((await api.userGroups.get(group)).suggestionCounts, { add: 2, remove: 1, total: 3 });
            const suggestions = await collect(api.userGroups.suggestions.list(group));
            assert.deepEqual(
                suggestions.map((s) => `${s.op} ${s.object.id}`).sort(),
                [`add ${seedUser(1).id}`, `add ${seedUser(2).id}`, `remove ${seedUser(3).id}`].sort(),
            );
            await served();
            const applied = await api.userGroups.suggestions.apply(group, [
                seedUser(1).id ?? "",
                seedUser(3).id ?? "",
                "5f2bffffffffffffffffffff",
            ]);
            assert.deepEqual(applied.found.sort(), [seedUser(1).id, seedUser(3).id].sort());
            assert.deepEqual(applied.notFound, ["5f2bffffffffffffffffffff"]);
            assert.deepEqual(await served(), [`POST /usergroups/${group}/suggestions 200`]);
            assert.deepEqual(
                (await collect(api.userGroups.members.list(group))).map((e) => e.to.id),
                [seedUser(1).id],
            );
            assert.deepEqual((await api.userGroups.get(group)).suggestionCounts, { add: 1, remove: 0, total: 1 });
        });
    });

    describe("associations", () => {
        it("add (with sudo), list by type, update, remove: the 409 and 404 as outcomes", async () => {
            const seeded = await simAdmin(sim.origin).seed({
                targets: [
                    { type: "system", name: "web-1" },
                    { type: "system_group", name: "servers" },
                    { type: "application", name: "wiki" },
                ],
                userGroups: [{ name: "Ops" }],
            });
            const [system, systemGroup, app] = seeded.targets as [string, string, string];
            const [group] = seeded.userGroups as [string];
            await served();
            const associations = client().userGroups.associations;
            const sudo = { sudo: { enabled: true, withoutPassword: false } };
            assert.equal(
                (await associations.add(group, { type: "system", id: system }, { attributes: sudo })).outcome,
                "added",
            );
            assert.equal((await associations.add(group, { type: "system", id: system })).outcome, "already-present");
            assert.equal((await associations.add(group, { type: "system_group", id: systemGroup })).outcome, "added");
            assert.equal((await associations.add(group, { type: "application", id: app })).outcome, "added");
            assert.deepEqual(await collect(associations.list(group, "system")), [
                { attributes: sudo, to: { id: system, type: "system" } },
            ]);
            assert.deepEqual(await collect(associations.list(group, "application")), [
                { to: { id: app, type: "application" } },
            ]);
            const noPassword = { sudo: { enabled: true, withoutPassword: true } };
            await associations.update(group, { type: "system", id: system }, noPassword);
            assert.deepEqual((await collect(associations.list(group, "system")))[0]?.attributes, noPassword);
            assert.equal((await associations.remove(group, { type: "system", id: system })).outcome, "removed");
            assert.equal((await associations.remove(group, { type: "system", id: system })).outcome, "already-absent");
            await assert.rejects(associations.update(group, { type: "system", id: system }, {}), NotFoundError);
            assert.deepEqual(await collect(associations.list(group, "system")), []);
            assert.deepEqual(await served(), [
                `POST /usergroups/${group}/associations 204`,
                `POST /usergroups/${group}/associations 409`,
                `POST /usergroups/${group}/associations 204`,
                `POST /usergroups/${group}/associations 204`,
                `GET /usergroups/${group}/associations?targets=system&limit=100&skip=0 200`,
                `GET /usergroups/${group}/associations?targets=application&limit=100&skip=0 200`,
                `POST /usergroups/${group}/associations 204`,
                `GET /usergroups/${group}/associations?targets=system&limit=100&skip=0 200`,
                `POST /usergroups/${group}/associations 204`,
                `POST /usergroups/${group}/associations 404`,
                `POST /usergroups/${group}/associations 404`,
                `GET /usergroups/${group}/associations?targets=system&limit=100&skip=0 200`,
            ]);
        });

        it("lists 150 system associations in 2 requests", async () => {
            const targets = Array.from({ length: 150 }, (_, i) => ({ type: "system", name: `host-${i}` }));
            const seeded = await simAdmin(sim.origin).seed({ targets });
            const seededGroup = await simAdmin(sim.origin).seed({
                userGroups: [{ name: "Fleet", associations: seeded.targets.map((id) => ({ type: "system", id })) }],
            });
            const [group] = seededGroup.userGroups as [string];
            await served();
            const listed = await collect(client().userGroups.associations.list(group, "system"));
            assert.deepEqual(new Set(listed.map((e) => e.to.id)), new Set(seeded.targets));
            assert.equal(listed.length, 150);
            assert.equal((await served()).length, 2);
        });
    });

    describe("tenancy", () => {
        it("another organisation's users, groups and targets are 404 (NotFoundError, or already-absent)", async () => {
            const seeded = await simAdmin(sim.origin).seed({
                orgs: [{ id: ORG_B, apiKeys: ["key-b"] }],
                users: [seedUser(1), seedUser(2, { orgId: ORG_B })],
                targets: [
                    { type: "system", name: "mine" },
                    { type: "system", name: "theirs", orgId: ORG_B },
                ],
                userGroups: [
                    { name: "Mine", members: [seedUser(1).id ?? ""] },
                    { name: "Theirs", orgId: ORG_B, members: [seedUser(2).id ?? ""] },
                ],
            });
            const [, theirSystem] = seeded.targets as [string, string];
            const [mine, theirs] = seeded.userGroups as [string, string];
            const api = client();
            const me = seedUser(1).id ?? "";
            const them = seedUser(2).id ?? "";
            await assert.rejects(collect(api.userGroups.members.list(theirs)), NotFoundError);
            await assert.rejects(collect(api.userGroups.members.membership(theirs)), NotFoundError);
            await assert.rejects(api.userGroups.members.add(theirs, me), NotFoundError);
            assert.equal((await api.userGroups.members.remove(theirs, them)).outcome, "already-absent");
            await assert.rejects(api.userGroups.members.add(mine, them), NotFoundError);
            await assert.rejects(collect(api.users.memberOf(them)), NotFoundError);
            await assert.rejects(
                api.userGroups.associations.add(mine, { type: "system", id: theirSystem }),
                NotFoundError,
            );
            await assert.rejects(collect(api.userGroups.associations.list(theirs, "system")), NotFoundError);
            await assert.rejects(collect(api.userGroups.suggestions.list(theirs)), NotFoundError);
            // Nothing of theirs changed: their member is still theirs.
            const asB = client({ apiKey: "key-b" });
            assert.deepEqual(
                (await collect(asB.userGroups.members.list(theirs))).map((e) => e.to.id),
                [them],
            );
        });
    });
});
