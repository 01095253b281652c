/**
 * UserGroup's `observeMembers` and `applySuggestions` through the real engine against the simulator: a
 * DYNAMIC_REVIEW_REQUIRED group with both, beside a static group with `observeMembers` and a group without either. Users created and changed in the console
 * make suggestions; `preview --refresh` shows the approval with its counts (`suggestionsToApprove: "add 3,
 * remove 1"`, going away), `up --refresh` approves exactly those, and the next preview is clean with no API call.
 * The group without the flags is read as before: no member or suggestion calls; a member count changed in the
 * console shows in the outputs but is no change. Every step's calls are counted in the simulator's request log.
 */
import * as assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { driftReport } from "../../provider/cli/drift-report";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests } from "../helpers/logged-requests";

type Json = Record<string, unknown>;

const USER_GROUP = "pulumi-nodejs:dynamic/jumpcloud:UserGroup";
const userId = (n: number) => `5f2d${n.toString(16).padStart(20, "0")}`;
const user = (n: number, department: string) => ({
    id: userId(n),
    username: `review${n}`,
    email: `review${n}@example.com`,
    department,
});

/** The UserGroup steps of an engine run other than refreshes: op, and the old and new `suggestionsToApprove`. */
function groupSteps(events: EngineEvent[]): Array<{ name: string; op: string; before: unknown; after: unknown }> {
    const out: Array<{ name: string; op: string; before: unknown; after: unknown }> = [];
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (m?.type !== USER_GROUP || m.op === "refresh") continue;
        out.push({
            name: m.urn.split("::").pop() ?? "",
            op: m.op,
            before: (m.old?.inputs as Json | undefined)?.["suggestionsToApprove"],
            after: (m.new?.inputs as Json | undefined)?.["suggestionsToApprove"],
        });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
}

describe("UserGroup observeMembers and applySuggestions end to end (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let api: ApiCall;
    let ids = { review: "", plain: "", counted: "" };

    async function members(groupId: string): Promise<string[]> {
        const edges = (await api("GET", `/usergroups/${groupId}/members?limit=100`)) as unknown as {
            to: { id: string };
        }[];
        return edges.map((e) => e.to.id).sort();
    }
    /** The step's requests by route, and the group ids the member and suggestion requests concerned. */
    async function calls<T>(
        step: () => Promise<T>,
    ): Promise<{ result: T; counts: Record<string, number>; groups: string[] }> {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const result = await step();
        const requests = await simAdmin(e2e.sim.origin).requests(since);
        const groups = requests
            .map((r) => /^\/usergroups\/([0-9a-f]{24})\/(members|suggestions)$/.exec(r.path)?.[1])
            .filter((id): id is string => id !== undefined);
        return { result, counts: countRequests(requests), groups: [...new Set(groups)].sort() };
    }

    before(async () => {
        e2e = await startE2E({
            project: "suggestions-e2e",
            program: async () => {
                const jc = jumpcloud();
                const review = new jc.UserGroup("review", {
                    name: "Sales (reviewed)",
                    membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
                    memberQuery: {
                        queryType: "FilterQuery",
                        filters: [{ field: "department", operator: "eq", value: "Sales" }],
                    },
                    observeMembers: true,
                    applySuggestions: true,
                });
                const plain = new jc.UserGroup("plain", { name: "Plain" });
                const counted = new jc.UserGroup("counted", { name: "Counted", observeMembers: true });
                return { review: review.id, plain: plain.id, counted: counted.id, memberCount: review.memberCount };
            },
        });
        api = apiCaller(e2e.sim);
        await simAdmin(e2e.sim.origin).seed({
            users: [user(1, "Sales"), user(2, "Sales"), user(3, "Engineering")],
        });
    });
    after(async () => e2e?.close());

    it("up creates the groups; the observing ones also read their members (and suggestions), approving nothing", async () => {
        const { result: up, counts, groups } = await calls(() => e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["create"], 4, "the stack and three groups");
        ids = {
            review: String(up.outputs["review"]?.value),
            plain: String(up.outputs["plain"]?.value),
            counted: String(up.outputs["counted"]?.value),
        };
        assert.deepEqual(counts, {
            "POST /usergroups": 3,
            // Both observing groups' members; suggestions only for the review-required one.
            "GET /usergroups/:id/members": 2,
            "GET /usergroups/:id/suggestions": 1,
        });
        assert.deepEqual(groups, [ids.review, ids.counted].sort());
        assert.equal(up.outputs["memberCount"]?.value, 0);
        assert.deepEqual(await members(ids.review), [], "create approves nothing");
    });

    it("console changes show on preview --refresh as the approval with its counts; the plain group stays one read", async () => {
        // In the console: one pending user approved by hand, then three new Sales users, and user 1 exempted.
        await api("POST", `/usergroups/${ids.review}/suggestions`, { user_ids: [userId(1), userId(2)] });
        await simAdmin(e2e.sim.origin).seed({ users: [user(4, "Sales"), user(5, "Sales"), user(6, "Sales")] });
        const live = (await api("GET", `/usergroups/${ids.review}`)) as Json;
        await api("PUT", `/usergroups/${ids.review}`, {
            name: live["name"],
            membershipMethod: live["membershipMethod"],
            memberQuery: live["memberQuery"],
            memberQueryExemptions: [{ id: userId(1), type: "user" }],
        });

        const events: EngineEvent[] = [];
        const {
            result: preview,
            counts,
            groups,
        } = await calls(() => e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) }));
        assert.deepEqual(groupSteps(events), [
            { name: "counted", op: "same", before: undefined, after: undefined },
            { name: "plain", op: "same", before: undefined, after: undefined },
            { name: "review", op: "update", before: "add 3, remove 1", after: undefined },
        ]);
        assert.equal(preview.changeSummary["update"], 1, JSON.stringify(preview.changeSummary));
        // What the user reads in the CLI's diff.
        assert.match(preview.stdout, /^\s*- suggestionsToApprove\s*: "add 3, remove 1"$/m, preview.stdout);
        // The drift report of the gitops workflows lists the pending approval.
        const report = driftReport(events).resources.map((r) => ({ name: r.name, op: r.op, fields: r.fields }));
        assert.deepEqual(report, [
            {
                name: "review",
                op: "update",
                fields: [{ path: "suggestionsToApprove", desired: undefined, live: "add 3, remove 1", secret: false }],
            },
        ]);
        // The three groups: a lone GET, then the listing's probe that serves the others (batched refresh); the member
        // pages only for the observing groups, the suggestion pages only for the review-required one.
        assert.deepEqual(counts, {
            "GET /usergroups/:id": 1,
            "GET /usergroups": 1,
            "GET /usergroups/:id/members": 2,
            "GET /usergroups/:id/suggestions": 1,
        });
        assert.deepEqual(groups, [ids.review, ids.counted].sort());
        assert.deepEqual(await members(ids.review), [userId(1), userId(2)], "a preview changes nothing");
    });

    it("up --refresh approves exactly those suggestions: one POST, and the members follow", async () => {
        const { result: up, counts } = await calls(() => e2e.engine.up({ refresh: true }));
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.deepEqual(counts, {
            // The refresh: a GET and the probe, the pages; the update: its GET, the approval, a GET for the new
            // suggestionCounts (no PUT: no group field changed), the pages again.
            "GET /usergroups/:id": 3,
            "GET /usergroups": 1,
            "GET /usergroups/:id/members": 3,
            "GET /usergroups/:id/suggestions": 2,
            "POST /usergroups/:id/suggestions": 1,
        });
        assert.deepEqual(await members(ids.review), [2, 4, 5, 6].map(userId));
        assert.equal(up.outputs["memberCount"]?.value, 4);
        const group = (await api("GET", `/usergroups/${ids.review}`)) as Json;
        assert.deepEqual(group["suggestionCounts"], { add: 0, remove: 0, total: 0 });
    });

    it("the next preview is clean with zero API calls; a member count changed in the console is no change", async () => {
        const preview = await calls(() => e2e.engine.preview());
        assert.deepEqual(Object.keys(preview.result.changeSummary), ["same"]);
        assert.deepEqual(preview.counts, {});
        await api("POST", `/usergroups/${ids.counted}/members`, { op: "add", type: "user", id: userId(3) });
        const events: EngineEvent[] = [];
        const refreshed = await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        assert.deepEqual(Object.keys(refreshed.changeSummary), ["same"], JSON.stringify(refreshed.changeSummary));
        // The refresh read the new count (the outputs after the read), yet the preview shows no change.
        const read = events.find((e) => {
            const m = e.resOutputsEvent?.metadata;
            return m?.op === "refresh" && m.urn.endsWith("::counted");
        });
        assert.equal((read?.resOutputsEvent?.metadata.new?.outputs as Json | undefined)?.["memberCount"], 1);
    });
});
