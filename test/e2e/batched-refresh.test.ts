/**
 * Batched refresh through the real engine: a stack of 150 groups is refreshed from list pages instead of 150 GETs,
 * and drift in one group among them (a changed field, a group deleted in the console) is still found exactly.
 */
import * as assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests, writes } from "../helpers/logged-requests";

type Json = Record<string, unknown>;

const N = 150;

function groupArgs(i: number): Json {
    return {
        name: `batch-${String(i).padStart(3, "0")}`,
        description: `group ${i}`,
        ...(i % 3 === 0 ? { attributes: { sudo: { enabled: true, withoutPassword: false } } } : {}),
    };
}

/** The inputs that differ between state and program, per changing resource (what `preview --diff` shows). */
function changes(events: EngineEvent[]): Record<string, { op: string; fields: string[] }> {
    const out: Record<string, { op: string; fields: string[] }> = {};
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (m?.type !== "pulumi-nodejs:dynamic/jumpcloud:UserGroup" || m.op === "same" || m.op === "refresh") continue;
        const olds = (m.old?.inputs ?? {}) as Json;
        const news = (m.new?.inputs ?? {}) as Json;
        const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "__provider");
        out[m.urn.split("::").pop() ?? m.urn] = {
            op: m.op,
            fields: m.op === "update" ? keys.filter((k) => !isDeepStrictEqual(olds[k], news[k])).sort() : [],
        };
    }
    return out;
}

describe("batched refresh end to end (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let api: ApiCall;
    let ids: Record<string, string> = {};

    before(async () => {
        e2e = await startE2E({
            project: "batched-refresh-e2e",
            config: { "jumpcloud:maxRequestsPerSecond": { value: "1000" } },
            program: async () => {
                const { UserGroup } = jumpcloud();
                const out: Record<string, unknown> = {};
                for (let i = 0; i < N; i++) out[`g${i}`] = new UserGroup(`g${i}`, groupArgs(i) as never).id;
                return out;
            },
        });
        api = apiCaller(e2e.sim);
        // Groups that belong to nobody's stack: the listing pages carry them too, and they must not show up.
        await simAdmin(e2e.sim.origin).seed({
            userGroups: Array.from({ length: 40 }, (_, i) => ({ name: `console-only-${i}` })),
        });
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        ids = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, String(v.value)]));
    });
    after(async () => e2e?.close());

    it(`refreshing ${N} unchanged groups costs a few list pages, not ${N} GETs, and shows no changes`, async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const events: EngineEvent[] = [];
        const preview = await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.deepEqual(changes(events), {});
        const requests = await simAdmin(e2e.sim.origin).requests(since);
        assert.deepEqual(writes(requests), []);
        // 190 groups in the org: 2 pages, the probe among them, plus at most the lone first GET and one GET per
        // read that raced ahead of the decision to list.
        assert.ok(requests.length <= Math.ceil((N + 40) / 100) + 5, JSON.stringify(countRequests(requests)));
    });

    it("finds a change in one group and a deletion of another among them, and nothing else", async () => {
        const changed = ids["g77"] ?? "";
        const live = await api("GET", `/usergroups/${changed}`);
        await api("PUT", `/usergroups/${changed}`, { name: live["name"], description: "changed in the console" });
        await api("DELETE", `/usergroups/${ids["g120"]}`);

        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const events: EngineEvent[] = [];
        const preview = await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        assert.deepEqual(changes(events), {
            g77: { op: "update", fields: ["description"] },
            g120: { op: "create", fields: [] },
        });
        assert.equal(preview.changeSummary["update"], 1);
        assert.equal(preview.changeSummary["create"], 1);
        const requests = await simAdmin(e2e.sim.origin).requests(since);
        const counts = countRequests(requests);
        assert.equal(counts["GET /usergroups/:id"] !== undefined && counts["GET /usergroups/:id"] >= 1, true);
        assert.ok(
            requests.some(
                (r) => r.method === "GET" && r.path.endsWith(`/usergroups/${ids["g120"]}`) && r.status === 404,
            ),
            "the deleted group's absence is confirmed by its own GET",
        );
        assert.ok(requests.length <= Math.ceil((N + 40) / 100) + 6, JSON.stringify(counts));

        const up = await e2e.engine.up({ refresh: true });
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.equal(up.summary.resourceChanges?.["create"], 1);
        const again = await e2e.engine.preview({ refresh: true });
        assert.deepEqual(Object.keys(again.changeSummary), ["same"], JSON.stringify(again.changeSummary));
    });
});
