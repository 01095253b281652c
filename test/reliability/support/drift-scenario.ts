/**
 * The drift scenario (issue #18): a stack of N user groups (the refresh reads them from listings: batched refresh);
 * one group's description is changed and another group deleted "in the console". Under 20% injected faults of every
 * kind, `preview --refresh` reports exactly those two (an update of the description, a create of the deleted one)
 * and nothing else; `up --refresh` (at most the documented retry) repairs both; the next `preview --refresh`, still
 * under faults, shows no change, and the API's groups and the state's match one to one.
 */
import * as assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { simAdmin } from "../../../simulator/admin-client";
import { apiRequest } from "../../../simulator/api-caller";
import { jumpcloud } from "../../helpers/e2e";
import { failureLines, groupArgs } from "./faults-scenario";
import { type Figure, recordFigure } from "./figures";
import {
    apiGroups,
    faultCounts,
    type Json,
    matchGroups,
    mixedFaults,
    OutputLog,
    seeded,
    startRig,
    stateResources,
    total,
} from "./harness";

export interface DriftScenarioOptions {
    suite: Figure["suite"];
    groups: number;
    seed: number;
    /** Share of API requests that fail. @default 0.2 */
    rate?: number;
}

/** The planned steps of an engine run other than `same` (and the refresh steps), as `op name [diffs]`. */
function plannedSteps(events: EngineEvent[]): string[] {
    const out: string[] = [];
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (!m || m.op === "same" || m.op === "refresh" || m.type === "pulumi:pulumi:Stack") continue;
        const name = m.urn.split("::").pop();
        // The inputs that differ between the old and the new state (a dynamic provider's diff names none itself).
        const olds = (m.old?.inputs ?? {}) as Record<string, unknown>;
        const news = (m.new?.inputs ?? {}) as Record<string, unknown>;
        const changed = m.old
            ? [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter(
                  (k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
              )
            : [];
        out.push(`${m.op} ${name}${changed.length ? ` [${changed.sort().join(",")}]` : ""}`);
    }
    return out.sort();
}

/** Runs the scenario, asserts, records the figure. */
export async function runDriftScenario(opts: DriftScenarioOptions): Promise<void> {
    const started = Date.now();
    const rate = opts.rate ?? 0.2;
    const random = seeded(opts.seed);
    const names = Array.from({ length: opts.groups }, (_, i) => String(groupArgs(i, "Drift")["name"]));
    const rig = await startRig({
        project: "reliability-drift",
        // Creating the stack is not what is measured: a high rate keeps it short.
        config: { "jumpcloud:maxRequestsPerSecond": { value: "1000" } },
        program: async () => {
            const jc = jumpcloud();
            for (let i = 0; i < opts.groups; i++) new jc.UserGroup(`g${i}`, groupArgs(i, "Drift") as never);
        },
    });
    let engineRuns = 0;
    try {
        const created = await rig.engine.up();
        engineRuns++;
        assert.equal(created.summary.result, "succeeded");
        const byName = new Map((await apiGroups(rig.sim)).map((g) => [String(g["name"]), String(g["id"])]));

        // The console changes: two distinct seeded groups.
        const changed = Math.floor(random() * opts.groups);
        let deleted = Math.floor(random() * (opts.groups - 1));
        if (deleted >= changed) deleted++;
        const changedId = byName.get(names[changed]!)!;
        const live = (await apiRequest(rig.sim, "GET", `/usergroups/${changedId}`)).json as Json;
        const put = await apiRequest(rig.sim, "PUT", `/usergroups/${changedId}`, {
            ...live,
            description: "edited in the console",
        });
        assert.equal(put.status, 200, JSON.stringify(put.json));
        const del = await apiRequest(rig.sim, "DELETE", `/usergroups/${byName.get(names[deleted]!)!}`);
        assert.ok(del.status < 300, `console delete: ${del.status}`);

        const since = await simAdmin(rig.sim.origin).lastSeq();
        await simAdmin(rig.sim.origin).faults(mixedFaults(rate, opts.seed));

        // 1. preview --refresh finds exactly the two.
        const previewEvents: EngineEvent[] = [];
        const preview = await rig.engine.preview({ refresh: true, onEvent: (e) => previewEvents.push(e) });
        engineRuns++;
        const previewRequests = await simAdmin(rig.sim.origin).requests(since);
        const found = plannedSteps(previewEvents);
        const expected = [`create g${deleted}`, `update g${changed} [description]`].sort();

        // 2. up --refresh repairs (at most the documented retry).
        const failures: string[] = [];
        let ups = 0;
        let converged = false;
        let repairSteps: string[] = [];
        while (ups < 2 && !converged) {
            ups++;
            const log = new OutputLog();
            const events: EngineEvent[] = [];
            try {
                const up = await rig.engine.up({
                    refresh: true,
                    onOutput: log.onOutput,
                    onError: log.onError,
                    onEvent: (e) => events.push(e),
                });
                converged = up.summary.result === "succeeded";
            } catch (e) {
                failures.push(...failureLines(`${(e as Error).message}\n${log.text()}`));
            }
            if (ups === 1) repairSteps = plannedSteps(events);
        }
        engineRuns += ups;

        // 3. The next preview --refresh, still under faults, is clean.
        const after = converged ? await rig.engine.preview({ refresh: true }) : undefined;
        if (after) engineRuns++;
        const requests = await simAdmin(rig.sim.origin).requests(since);
        await simAdmin(rig.sim.origin).clearFaults();
        const faults = faultCounts(requests);
        const changes = after ? Object.keys(after.changeSummary).filter((c) => c !== "same") : ["no preview"];
        const apiList = await apiGroups(rig.sim);
        const match = matchGroups(apiList, await stateResources(rig.engine, "UserGroup"), names);
        const repaired = apiList.find((g) => g["name"] === names[changed]);
        const recreated = apiList.find((g) => g["name"] === names[deleted]);
        const exact = JSON.stringify(found) === JSON.stringify(expected);
        const ok =
            exact &&
            converged &&
            changes.length === 0 &&
            match.duplicates.length + match.orphans.length + match.missing.length === 0;
        recordFigure({
            scenario: `drift under faults ${Math.round(rate * 100)}%: 1 edited + 1 deleted among ${opts.groups} groups, seed ${opts.seed}`,
            suite: opts.suite,
            runs: engineRuns,
            resources: opts.groups,
            faults: total(faults),
            outcome: ok
                ? `found exactly the 2, repaired in ${ups} up${ups > 1 ? "s" : ""}`
                : `FAILED (${JSON.stringify({ found, converged, changes, match })})`,
            seconds: Math.round((Date.now() - started) / 1000),
            details: {
                previewRefreshRequests: previewRequests.length,
                previewRefreshFaults: total(faultCounts(previewRequests)),
                // Which reads of the refresh failed (a listing page falls back to GETs, a GET is retried).
                previewRefreshFaulted: previewRequests
                    .filter((r) => r.fault)
                    .map((r) => `${r.method} ${r.path} ${r.fault} ${r.status}`),
                requests: requests.length,
                faultsByKind: faults,
                upFailures: failures.slice(0, 10),
            },
        });

        assert.deepEqual(found, expected, "preview --refresh reports exactly the edited and the deleted group");
        assert.deepEqual(Object.fromEntries(Object.entries(preview.changeSummary).filter(([k]) => k !== "same")), {
            create: 1,
            update: 1,
        });
        assert.ok(converged, `up --refresh did not converge after ${ups} up(s):\n${failures.join("\n")}`);
        for (const f of failures) {
            assert.match(f, /did not take effect: run the update again/, `an up failed for another reason: ${f}`);
        }
        assert.deepEqual(repairSteps, expected, "up --refresh changes exactly the two groups");
        assert.deepEqual(match, { duplicates: [], orphans: [], missing: [] });
        assert.equal(repaired?.["description"], groupArgs(changed, "Drift")["description"]);
        assert.equal(recreated?.["description"], groupArgs(deleted, "Drift")["description"]);
        assert.deepEqual(changes, [], "a preview --refresh after the repair shows changes");
    } finally {
        await rig.close();
    }
}
