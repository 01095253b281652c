/**
 * UserGroupAssociation and the user lookup getUser through the real engine against the simulator: a group bound to
 * a system (sudo attributes) and to an application, its member found by email at program time; a no-change preview
 * costing only the program-time lookup; sudo changed in the console shown by `preview --refresh` and repaired;
 * attributes updated in place; an association removed in the console recreated; destroy. API calls counted.
 */
import * as assert from "node:assert/strict";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests } from "../helpers/logged-requests";

describe("UserGroupAssociation and getUser end to end (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let api: ApiCall;
    let systemId = "";
    let appId = "";
    let groupId = "";
    let withoutPassword = false;

    async function calls<T>(step: () => Promise<T>): Promise<{ result: T; counts: Record<string, number> }> {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const result = await step();
        return { result, counts: countRequests(await simAdmin(e2e.sim.origin).requests(since)) };
    }
    const associations = async (type: string) =>
        (await api("GET", `/usergroups/${groupId}/associations?targets=${type}`)) as unknown as Array<{
            to: { id: string };
            attributes?: Record<string, unknown>;
        }>;

    before(async () => {
        e2e = await startE2E({
            project: "association-e2e",
            program: async () => {
                const jc = jumpcloud();
                const group = new jc.UserGroup("admins", { name: "Admins" });
                const alice = await jc.getUser({ email: "alice@example.com" });
                new jc.UserGroupMember("admins-alice", { groupId: group.id, userId: alice.id });
                new jc.UserGroupAssociation("admins-web", {
                    groupId: group.id,
                    targetType: "system",
                    targetId: systemId,
                    attributes: { sudo: { enabled: true, withoutPassword } },
                });
                new jc.UserGroupAssociation("admins-wiki", {
                    groupId: group.id,
                    targetType: "application",
                    targetId: appId,
                });
                return { groupId: group.id, alice: alice.username };
            },
        });
        api = apiCaller(e2e.sim);
        const seeded = await simAdmin(e2e.sim.origin).seed({
            users: [{ username: "alice", email: "alice@example.com" }],
            targets: [
                { type: "system", name: "web-1" },
                { type: "application", name: "Wiki" },
            ],
        });
        [systemId = "", appId = ""] = seeded.targets;
    });
    after(async () => e2e?.close());

    it("creates the group, the member found by email and two associations: one POST each", async () => {
        const { result: up, counts } = await calls(() => e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["create"], 5);
        assert.deepEqual(counts, {
            "GET /systemusers": 1,
            "POST /usergroups": 1,
            "POST /usergroups/:id/members": 1,
            "POST /usergroups/:id/associations": 2,
        });
        assert.equal(up.outputs["alice"]?.value, "alice");
        groupId = String(up.outputs["groupId"]?.value);
        assert.deepEqual((await associations("system"))[0]?.attributes, {
            sudo: { enabled: true, withoutPassword: false },
        });
        assert.equal((await associations("application")).length, 1);
    });

    it("previews no change with only the program-time lookup; a refresh costs one GET per resource", async () => {
        const preview = await calls(() => e2e.engine.preview());
        assert.deepEqual(Object.keys(preview.result.changeSummary), ["same"]);
        assert.deepEqual(preview.counts, { "GET /systemusers": 1 }, "getUser only: no provider call");
        const refreshed = await calls(() => e2e.engine.preview({ refresh: true }));
        assert.deepEqual(Object.keys(refreshed.result.changeSummary), ["same"]);
        assert.deepEqual(refreshed.counts, {
            "GET /systemusers": 1,
            "GET /usergroups/:id": 1,
            "GET /usergroups/:id/membership": 1,
            "GET /usergroups/:id/associations": 2,
        });
    });

    it("sudo changed in the console shows on preview --refresh; an association removed is recreated; up repairs both", async () => {
        await api("POST", `/usergroups/${groupId}/associations`, {
            op: "update",
            type: "system",
            id: systemId,
            attributes: { sudo: { enabled: true, withoutPassword: true } },
        });
        await api("POST", `/usergroups/${groupId}/associations`, { op: "remove", type: "application", id: appId });
        const preview = await e2e.engine.preview({ refresh: true });
        assert.equal(preview.changeSummary["update"], 1, JSON.stringify(preview.changeSummary));
        assert.equal(preview.changeSummary["create"], 1, JSON.stringify(preview.changeSummary));
        assert.match(preview.stdout, /withoutPassword\s*:\s*true => false/, preview.stdout);

        const { counts } = await calls(() => e2e.engine.up({ refresh: true }));
        assert.equal(counts["POST /usergroups/:id/associations"], 2, JSON.stringify(counts));
        assert.deepEqual((await associations("system"))[0]?.attributes, {
            sudo: { enabled: true, withoutPassword: false },
        });
        assert.equal((await associations("application")).length, 1);
    });

    it("new attributes are one POST update in place; destroy removes each edge with one POST", async () => {
        withoutPassword = true;
        const { result: up, counts } = await calls(() => e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.deepEqual(counts, { "GET /systemusers": 1, "POST /usergroups/:id/associations": 1 });
        assert.deepEqual((await associations("system"))[0]?.attributes, {
            sudo: { enabled: true, withoutPassword: true },
        });
        const destroyed = await calls(() => e2e.engine.destroy());
        assert.equal(destroyed.result.summary.result, "succeeded");
        assert.deepEqual(destroyed.counts, {
            "POST /usergroups/:id/members": 1,
            "POST /usergroups/:id/associations": 2,
            "DELETE /usergroups/:id": 1,
        });
    });
});
