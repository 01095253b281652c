/**
 * UserGroupMembership (250 members: pagination) and UserGroupMember through the real engine against the
 * simulator, in one stack: create, a no-change preview with zero API calls, members added and removed in the
 * console shown by `preview --refresh` as user ids added and removed, repair by `up --refresh`, an update of the
 * declared set, and destroy, which removes only the members the resources hold. Every step's API calls are counted
 * in the simulator's request log.
 */
import * as assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests } from "../helpers/logged-requests";

type Json = Record<string, unknown>;

const MEMBERSHIP = "pulumi-nodejs:dynamic/jumpcloud:UserGroupMembership";
const MEMBER = "pulumi-nodejs:dynamic/jumpcloud:UserGroupMember";
const userId = (n: number) => `5f2b${n.toString(16).padStart(20, "0")}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The user ids that the pending membership update adds and removes, from the engine's events (old vs new inputs). */
function membershipChange(events: EngineEvent[]): { added: string[]; removed: string[]; op: string } | undefined {
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (m?.type !== MEMBERSHIP || m.op === "refresh") continue;
        const olds = ((m.old?.inputs as Json | undefined)?.["userIds"] ?? []) as string[];
        const news = ((m.new?.inputs as Json | undefined)?.["userIds"] ?? []) as string[];
        return {
            op: m.op,
            added: news.filter((id) => !olds.includes(id)),
            removed: olds.filter((id) => !news.includes(id)),
        };
    }
    return undefined;
}

describe("UserGroupMembership and UserGroupMember end to end (real engine, simulator)", function () {
    this.timeout(900_000);
    let e2e: E2E;
    let api: ApiCall;
    let declared = range(1, 250);
    let withMember = true;
    let groupIds: { engineering: string; oncall: string } = { engineering: "", oncall: "" };

    async function members(groupId: string): Promise<string[]> {
        const out: string[] = [];
        for (let skip = 0; ; skip += 100) {
            const page = (await api("GET", `/usergroups/${groupId}/members?limit=100&skip=${skip}`)) as unknown;
            const edges = page as Array<{ to: { id: string } }>;
            out.push(...edges.map((e) => e.to.id));
            if (edges.length < 100) return out.sort();
        }
    }
    async function calls<T>(step: () => Promise<T>): Promise<{ result: T; counts: Record<string, number> }> {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const result = await step();
        return { result, counts: countRequests(await simAdmin(e2e.sim.origin).requests(since)) };
    }

    before(async () => {
        e2e = await startE2E({
            project: "membership-e2e",
            program: async () => {
                const jc = jumpcloud();
                const engineering = new jc.UserGroup("engineering", { name: "Engineering" });
                const oncall = new jc.UserGroup("oncall", { name: "On call" });
                new jc.UserGroupMembership("engineering-members", {
                    groupId: engineering.id,
                    userIds: declared.map(userId),
                });
                if (withMember) new jc.UserGroupMember("oncall-alice", { groupId: oncall.id, userId: userId(1) });
                return { engineering: engineering.id, oncall: oncall.id };
            },
        });
        api = apiCaller(e2e.sim);
        await simAdmin(e2e.sim.origin).seed({
            users: range(1, 300).map((n) => ({ id: userId(n), username: `user${n}`, email: `user${n}@example.com` })),
        });
    });
    after(async () => e2e?.close());

    it("creates a 250-member membership and one member edge: 1 page + 250 POSTs, and 1 POST", async () => {
        const { result: up, counts } = await calls(() => e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["create"], 5, "the stack, two groups, the membership, the edge");
        assert.deepEqual(counts, {
            "POST /usergroups": 2,
            "GET /usergroups/:id/members": 1,
            "POST /usergroups/:id/members": 251,
        });
        groupIds = {
            engineering: String(up.outputs["engineering"]?.value),
            oncall: String(up.outputs["oncall"]?.value),
        };
        assert.deepEqual(await members(groupIds.engineering), declared.map(userId));
        assert.deepEqual(await members(groupIds.oncall), [userId(1)]);
        const state = (await e2e.engine.exportState()).deployment.resources ?? [];
        for (const [type, module] of [
            [MEMBERSHIP, "user-group-membership-provider"],
            [MEMBER, "user-group-member-provider"],
        ] as const) {
            const provider = String(
                (state.find((r) => r["type"] === type)?.["outputs"] as Json | undefined)?.["__provider"] ?? "",
            );
            assert.match(provider, new RegExp(`require\\("pulumi-jumpcloud/dist/resources/${module}\\.js"\\)`));
            assert.ok(provider.length < 2048, `${type} __provider is ${provider.length} bytes`);
            assert.doesNotMatch(provider, new RegExp(e2e.sim.apiKey));
        }
    });

    it("previews no changes with zero API calls; a refresh costs the member pages (3), one GET per edge, and 2 calls for the 2 groups", async () => {
        const preview = await calls(() => e2e.engine.preview());
        assert.deepEqual(Object.keys(preview.result.changeSummary), ["same"]);
        assert.deepEqual(preview.counts, {});
        const refreshed = await calls(() => e2e.engine.preview({ refresh: true }));
        assert.deepEqual(Object.keys(refreshed.result.changeSummary), ["same"]);
        // The two groups: a lone GET, then the probe of the listing that serves the second (batched refresh).
        assert.deepEqual(refreshed.counts, {
            "GET /usergroups/:id": 1,
            "GET /usergroups": 1,
            "GET /usergroups/:id/members": 3,
            "GET /usergroups/:id/membership": 1,
        });
    });

    it("console drift shows on preview --refresh as user ids added and removed; up --refresh repairs it", async () => {
        const post = (groupId: string, op: string, n: number) =>
            api("POST", `/usergroups/${groupId}/members`, { op, type: "user", id: userId(n) });
        await post(groupIds.engineering, "add", 300);
        await post(groupIds.engineering, "remove", 7);
        await post(groupIds.oncall, "remove", 1);
        const events: EngineEvent[] = [];
        const preview = await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        assert.deepEqual(membershipChange(events), { op: "update", added: [userId(7)], removed: [userId(300)] });
        assert.equal(preview.changeSummary["update"], 1, JSON.stringify(preview.changeSummary));
        assert.equal(preview.changeSummary["create"], 1, "the edge removed in the console is added again");

        const { result: up, counts } = await calls(() => e2e.engine.up({ refresh: true }));
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.deepEqual(counts, {
            "GET /usergroups/:id": 1,
            "GET /usergroups": 1,
            // The refresh's 3 pages, then the update's own 3.
            "GET /usergroups/:id/members": 6,
            "GET /usergroups/:id/membership": 1,
            "POST /usergroups/:id/members": 3,
        });
        assert.deepEqual(await members(groupIds.engineering), declared.map(userId));
        assert.deepEqual(await members(groupIds.oncall), [userId(1)]);
    });

    it("an update of the declared set costs the pages plus one POST per difference", async () => {
        declared = [...range(11, 250), ...range(291, 295)];
        const { result: up, counts } = await calls(() => e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.deepEqual(counts, { "GET /usergroups/:id/members": 3, "POST /usergroups/:id/members": 15 });
        assert.deepEqual(await members(groupIds.engineering), declared.map(userId).sort());
    });

    it("destroy removes only the members the resources hold: M POSTs for the membership, 1 for the edge", async () => {
        withMember = false;
        await api("POST", `/usergroups/${groupIds.oncall}/members`, { op: "add", type: "user", id: userId(2) });
        const removed = await calls(() => e2e.engine.up());
        assert.deepEqual(removed.counts, { "POST /usergroups/:id/members": 1 });
        assert.deepEqual(await members(groupIds.oncall), [userId(2)], "only the edge the resource held went");
        const { result: destroy, counts } = await calls(() => e2e.engine.destroy());
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(counts, { "POST /usergroups/:id/members": declared.length, "DELETE /usergroups/:id": 2 });
    });
});
