import assert from "node:assert/strict";
import { assertError, SimHarness } from "./support/sim-harness";

const ORG_B = "5f00000000000000000000b2";

interface Connection {
    to: { id: string; type: string };
    attributes?: Record<string, unknown>;
}

interface WithPaths {
    id: string;
    type: string;
    paths: Connection[][];
}

function users(n: number, prefix = "u"): { username: string; email: string }[] {
    return Array.from({ length: n }, (_, i) => ({ username: `${prefix}${i}`, email: `${prefix}${i}@example.com` }));
}

describe("simulator: group members, membership and memberof", () => {
    const h = new SimHarness();
    let userIds: string[];
    let groupId: string;
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        userIds = (await h.seed({ users: users(5) })).users;
        groupId = (await h.createGroup({ name: "static", membershipMethod: "STATIC" })).id;
    });

    const post = (op: string, id: string, extra: Record<string, unknown> = {}, group = groupId) =>
        h.api("POST", `/usergroups/${group}/members`, { body: { op, type: "user", id, ...extra } });
    const memberIds = async (group = groupId): Promise<string[]> => {
        const res = await h.api<Connection[]>("GET", `/usergroups/${group}/members?limit=100`);
        assert.equal(res.status, 200, res.text);
        for (const c of res.body) assert.equal(c.to.type, "user");
        return res.body.map((c) => c.to.id);
    };

    it("POST add/remove answers 204 and the members list follows", async () => {
        assert.equal((await post("add", userIds[0]!)).status, 204);
        assert.equal((await post("add", userIds[2]!)).status, 204);
        assert.deepEqual(await memberIds(), [userIds[0], userIds[2]]);
        assert.equal((await post("remove", userIds[0]!)).status, 204);
        assert.deepEqual(await memberIds(), [userIds[2]]);
    });

    it("reads a 250-member group back in exactly 3 pages of 100, every member once, with x-total-count", async () => {
        const ids = (await h.seed({ users: users(250, "big") })).users;
        const big = (await h.seed({ userGroups: [{ name: "big", members: ids }] })).userGroups[0]!;
        const seen: string[] = [];
        let requests = 0;
        for (let skip = 0; ; skip += 100) {
            const res = await h.api<Connection[]>("GET", `/usergroups/${big}/members?limit=100&skip=${skip}`);
            requests += 1;
            assert.equal(res.headers.get("x-total-count"), "250");
            seen.push(...res.body.map((c) => c.to.id));
            if (res.body.length < 100) break;
        }
        assert.equal(requests, 3);
        assert.equal(seen.length, 250);
        assert.deepEqual([...seen].sort(), [...ids].sort());
        const first = await h.api<Connection[]>("GET", `/usergroups/${big}/members`);
        assert.equal(first.body.length, 10, "limit defaults to 10");
        assertError(await h.api("GET", `/usergroups/${big}/members?limit=101`), 400, "limit");
    });

    it("accepts requests as JumpCloud's SDKs send them: JSON content type on GETs, Accept, x-org-id", async () => {
        const sdk = { "content-type": "application/json", accept: "application/json", "x-org-id": h.sim.orgId };
        const add = await h.api("POST", `/usergroups/${groupId}/members`, {
            headers: sdk,
            body: { id: userIds[0], op: "add", attributes: {}, type: "user" },
        });
        assert.equal(add.status, 204, add.text);
        for (const path of [
            `/usergroups/${groupId}/members?limit=10&skip=0`,
            `/usergroups/${groupId}/membership?limit=10&skip=0`,
            `/users/${userIds[0]}/memberof?limit=10&skip=0`,
            `/usergroups/${groupId}/associations?targets=system&limit=10&skip=0`,
            `/usergroups/${groupId}/suggestions?limit=10&skip=0`,
        ]) {
            const res = await h.api("GET", path, { headers: sdk });
            assert.equal(res.status, 200, `${path}: ${res.text}`);
        }
        const empty = await h.api("GET", `/usergroups/${groupId}/members`, { headers: { ...sdk, "x-org-id": "" } });
        assert.equal(empty.status, 200, "an empty x-org-id is no x-org-id");
    });

    it("observed, not specified: adding an existing member is 409 Already Exists, removing a non-member 404", async () => {
        await post("add", userIds[1]!);
        const again = await post("add", userIds[1]!);
        assertError(again, 409);
        assert.deepEqual(again.body, { code: 409, message: "Already Exists", status: "Conflict" });
        assertError(await post("remove", userIds[3]!), 404, "not a member");
        assertError(await post("update", userIds[3]!, { attributes: {} }), 404, "not a member");
        assert.deepEqual(await memberIds(), [userIds[1]]);
    });

    it("observed: an unknown user or group is 404; malformed ids and bodies are 400 naming the field", async () => {
        assertError(await post("add", "5f0c0000000000000000ffff"), 404, "user");
        assertError(await post("add", userIds[0]!, {}, "5f0c0000000000000000eeee"), 404, "user group");
        assertError(await h.api("GET", "/usergroups/5f0c0000000000000000eeee/members"), 404, "user group");
        assertError(await post("add", "nope"), 400, "id");
        assertError(await h.api("GET", "/usergroups/nope/members"), 400, "group_id");
        assertError(
            await h.api("POST", `/usergroups/${groupId}/members`, { body: { op: "add", id: userIds[0] } }),
            400,
            "type",
        );
        assertError(await post("add", userIds[0]!, { type: "system" }), 400, "body.type must be one of: user");
        assertError(await post("join", userIds[0]!), 400, "body.op must be one of: add, remove, update");
        assertError(
            await h.api("POST", `/usergroups/${groupId}/members`, { body: { op: "add", type: "user" } }),
            400,
            "body.id",
        );
        assertError(await post("add", userIds[0]!, { attributes: "x" }), 400, "attributes");
        assertError(
            await h.api("POST", `/usergroups/${groupId}/members`, {
                rawBody: "op=add",
                headers: { "content-type": "application/x-www-form-urlencoded" },
            }),
            415,
        );
        assert.deepEqual(await memberIds(), []);
    });

    it("op update sets a member's attributes, which the list shows on the connection", async () => {
        await post("add", userIds[0]!, { attributes: { role: "lead" } });
        let list = await h.api<Connection[]>("GET", `/usergroups/${groupId}/members`);
        assert.deepEqual(list.body, [{ attributes: { role: "lead" }, to: { id: userIds[0], type: "user" } }]);
        assert.equal((await post("update", userIds[0]!, { attributes: { role: "member" } })).status, 204);
        list = await h.api<Connection[]>("GET", `/usergroups/${groupId}/members`);
        assert.deepEqual(list.body[0]!.attributes, { role: "member" });
    });

    it("deleting a group deletes its edges; a suspended user stays a member", async () => {
        await post("add", userIds[0]!);
        await post("add", userIds[1]!);
        const suspended = await h.admin("PATCH", `/users/${userIds[0]}`, { state: "SUSPENDED" });
        assert.equal(suspended.status, 200, JSON.stringify(suspended.body));
        assert.deepEqual(await memberIds(), [userIds[0], userIds[1]]);
        assert.equal((await h.api("DELETE", `/usergroups/${groupId}`)).status, 204);
        const dump = (await h.admin<{ groupEdges: { groupId: string }[] }>("GET", "/store")).body;
        assert.deepEqual(
            dump.groupEdges.filter((e) => e.groupId === groupId),
            [],
        );
        assertError(await h.api("GET", `/usergroups/${groupId}/members`), 404);
        const memberOf = await h.api<WithPaths[]>("GET", `/users/${userIds[1]}/memberof`);
        assert.deepEqual(memberOf.body, []);
    });

    it("membership lists the users with paths, filterable on object_id and type, sortable, paged", async () => {
        for (const id of userIds.slice(0, 4)) await post("add", id);
        const res = await h.api<WithPaths[]>("GET", `/usergroups/${groupId}/membership`);
        assert.equal(res.headers.get("x-total-count"), "4");
        assert.deepEqual(res.body[0], {
            id: userIds[0],
            type: "user",
            paths: [[{ to: { id: userIds[0], type: "user" } }]],
        });
        const one = await h.api<WithPaths[]>(
            "GET",
            `/usergroups/${groupId}/membership?filter=object_id:eq:${userIds[2]}`,
        );
        assert.deepEqual(
            one.body.map((m) => m.id),
            [userIds[2]],
        );
        const typed = await h.api<WithPaths[]>("GET", `/usergroups/${groupId}/membership?filter=type:eq:user_group`);
        assert.deepEqual(typed.body, []);
        const sorted = await h.api<WithPaths[]>("GET", `/usergroups/${groupId}/membership?sort=-id&limit=2&skip=1`);
        assert.deepEqual(
            sorted.body.map((m) => m.id),
            [...userIds.slice(0, 4)].sort().reverse().slice(1, 3),
        );
        assertError(await h.api("GET", `/usergroups/${groupId}/membership?filter=email:eq:x`), 400, "object_id");
    });

    it("memberof lists the user's groups with paths, in creation order", async () => {
        const second = (await h.createGroup({ name: "second" })).id;
        await h.createGroup({ name: "third" });
        await post("add", userIds[0]!, {}, second);
        await post("add", userIds[0]!);
        const res = await h.api<WithPaths[]>("GET", `/users/${userIds[0]}/memberof`);
        assert.equal(res.headers.get("x-total-count"), "2");
        assert.deepEqual(res.body, [
            { id: groupId, type: "user_group", paths: [[{ to: { id: groupId, type: "user_group" } }]] },
            { id: second, type: "user_group", paths: [[{ to: { id: second, type: "user_group" } }]] },
        ]);
        const filtered = await h.api<WithPaths[]>("GET", `/users/${userIds[0]}/memberof?filter=object_id:eq:${second}`);
        assert.deepEqual(
            filtered.body.map((g) => g.id),
            [second],
        );
        assert.deepEqual((await h.api<WithPaths[]>("GET", `/users/${userIds[4]}/memberof`)).body, []);
        assertError(await h.api("GET", "/users/5f0c0000000000000000ffff/memberof"), 404, "user");
    });

    it("keeps tenants apart: another org's user cannot be added, another org's group is 404", async () => {
        const seeded = await h.seed({
            orgs: [{ id: ORG_B, apiKeys: ["key-b"] }],
            users: [{ username: "b", email: "b@example.com", orgId: ORG_B }],
            userGroups: [{ name: "b-group", orgId: ORG_B }],
        });
        const [bUser] = seeded.users;
        const [bGroup] = seeded.userGroups;
        assertError(await post("add", bUser!), 404, "user");
        assertError(await h.api("GET", `/usergroups/${bGroup}/members`), 404);
        assertError(await h.api("GET", `/usergroups/${bGroup}/membership`), 404);
        assertError(await h.api("GET", `/users/${bUser}/memberof`), 404);
        const asB = { "x-api-key": "key-b" };
        assertError(
            await h.api("POST", `/usergroups/${groupId}/members`, {
                headers: asB,
                body: { op: "add", type: "user", id: bUser },
            }),
            404,
        );
        const ok = await h.api("POST", `/usergroups/${bGroup}/members`, {
            headers: asB,
            body: { op: "add", type: "user", id: bUser },
        });
        assert.equal(ok.status, 204);
        assertError(
            await h.api("POST", `/usergroups/${bGroup}/members`, {
                headers: asB,
                body: { op: "add", type: "user", id: userIds[0] },
            }),
            404,
        );
    });

    it("seeds groups with members; refuses unknown, foreign or repeated members and members of automated groups", async () => {
        const [seeded] = (await h.seed({ userGroups: [{ name: "seeded", members: [userIds[3]!, userIds[1]!] }] }))
            .userGroups;
        assert.deepEqual(await memberIds(seeded), [userIds[3], userIds[1]]);
        for (const [members, extra, message] of [
            [["5f0c0000000000000000ffff"], {}, "members[0] is not a user"],
            [[userIds[0], userIds[0]], {}, "members[1] lists user"],
            [["bad"], {}, "members[0] must be"],
            [[userIds[0]], { membershipMethod: "DYNAMIC_AUTOMATED" }, "DYNAMIC_AUTOMATED"],
        ] as const) {
            const res = await h.admin<{ message: string }>("POST", "/seed", {
                userGroups: [{ name: "refused", members, ...extra }],
            });
            assert.equal(res.status, 400, JSON.stringify(res.body));
            assert.ok(res.body.message.includes(message), res.body.message);
        }
        assert.deepEqual((await h.api("GET", "/usergroups?filter=name:eq:refused")).body, [], "nothing written");
    });
});
