/**
 * The crash scenario: `kill -9` of the `pulumi up` CLI (and the plugin it started) at a random moment while it
 * creates N user groups, then the documented recovery (bench/RELIABILITY.md, "Recovering from a killed pulumi up"):
 *
 *   1. pulumi cancel --yes                          (removes the lock the killed process left)
 *   2. pulumi refresh --clear-pending-creates --yes
 *   3. pulumi up, with `adopt: { by: "name", mode: "verify" }` on the groups
 *
 * converges with no duplicate and no orphan, and a preview then shows no changes.
 */
import * as assert from "node:assert/strict";
import { simAdmin } from "../../../simulator/admin-client";
import { jumpcloud } from "../../helpers/e2e";
import { groupArgs } from "./faults-scenario";
import { type Figure, recordFigure } from "./figures";
import {
    apiGroups,
    findPulumiProcess,
    killTree,
    matchGroups,
    pendingOperations,
    type Rig,
    seeded,
    sleep,
    startRig,
    stateResources,
} from "./harness";

export interface CrashScenarioOptions {
    suite: Figure["suite"];
    groups: number;
    seed: number;
    /** How many `up`s are killed in a row (the first, then recovery ups) before one is let finish. @default 1 */
    kills?: number;
}

interface KillOutcome {
    /** POSTs the simulator had answered when the kill was sent. */
    postsBeforeKill: number;
    killedPids: number;
    apiGroupsAfter: number;
    stateGroupsAfter: number;
    pendingAfter: number;
}

/**
 * Starts `up` and SIGKILLs the CLI process tree once the simulator has seen `afterPosts` group creations. Resolves
 * once the Automation API has seen the CLI die.
 */
async function upAndKill(rig: Rig, afterPosts: number): Promise<{ posts: number; pids: number }> {
    const since = await simAdmin(rig.sim.origin).lastSeq();
    const running = rig.engine.up().then(
        () => "finished",
        (e: Error) => e.message,
    );
    let finished = false;
    void running.then(() => {
        finished = true;
    });
    // Bounded: 120 s of 25 ms polls.
    for (let i = 0; i < 4800 && !finished; i++) {
        const posts = (await simAdmin(rig.sim.origin).requests(since)).filter(
            (r) => r.method === "POST" && r.path === "/usergroups",
        ).length;
        if (posts >= afterPosts) {
            const target = findPulumiProcess("up");
            assert.ok(target, "the pulumi up process was not found in the process tree");
            const pids = killTree(target);
            const result = await running;
            assert.doesNotMatch(result, /^finished$/, "up finished before it could be killed");
            return { posts, pids: pids.length };
        }
        await sleep(25);
    }
    throw new Error(`up ended (or stalled) before ${afterPosts} creations: ${await running}`);
}

/** Runs the scenario, asserts convergence, records the figure. */
export async function runCrashScenario(opts: CrashScenarioOptions): Promise<void> {
    const started = Date.now();
    const kills = opts.kills ?? 1;
    const random = seeded(opts.seed);
    let adopt = false;
    const names = Array.from({ length: opts.groups }, (_, i) => String(groupArgs(i, "Crew")["name"]));
    const rig = await startRig({
        project: "reliability-crash",
        program: async () => {
            const jc = jumpcloud();
            for (let i = 0; i < opts.groups; i++) {
                const args = groupArgs(i, "Crew");
                // The recovery run declares adoption, so groups created just before the kill are taken over.
                if (adopt) args["adopt"] = { by: "name", mode: "verify" };
                new jc.UserGroup(`g${i}`, args as never);
            }
        },
    });
    const outcomes: KillOutcome[] = [];
    let engineRuns = 0;
    try {
        for (let k = 0; k < kills; k++) {
            const before = (await apiGroups(rig.sim)).length;
            const remaining = opts.groups - before;
            // Somewhere between 10% and 80% of the creations still to do.
            const afterPosts = Math.max(1, Math.floor(remaining * (0.1 + 0.7 * random())));
            if (k > 0) {
                // A killed recovery: steps 1-2 of the procedure, then an adopting up that is killed too.
                await rig.engine.stack.cancel();
                await rig.engine.refresh({ clearPendingCreates: true });
                engineRuns += 2;
                adopt = true;
            }
            const { posts, pids } = await upAndKill(rig, afterPosts);
            engineRuns++;
            // The file backend's metadata sidecar is its one in-place write: an empty one left by the kill makes
            // every command fail with "failed to load checkpoint: EOF". The backend URL turns it off.
            const sidecars = rig.engine.backendFiles().filter((f) => f.endsWith(".attrs"));
            assert.deepEqual(sidecars, [], "no metadata sidecar in the file backend");
            outcomes.push({
                postsBeforeKill: posts,
                killedPids: pids,
                apiGroupsAfter: (await apiGroups(rig.sim)).length,
                stateGroupsAfter: (await stateResources(rig.engine, "UserGroup")).length,
                pendingAfter: (await pendingOperations(rig.engine)).length,
            });
        }

        // The documented recovery.
        await rig.engine.stack.cancel();
        const refresh = await rig.engine.refresh({ clearPendingCreates: true });
        assert.equal(refresh.summary.result, "succeeded");
        assert.deepEqual(await pendingOperations(rig.engine), [], "pending operations cleared");
        adopt = true;
        const up = await rig.engine.up();
        engineRuns += 3;
        assert.equal(up.summary.result, "succeeded");

        const apiList = await apiGroups(rig.sim);
        const state = await stateResources(rig.engine, "UserGroup");
        const match = matchGroups(apiList, state, names);
        const preview = await rig.engine.preview();
        engineRuns++;
        const changes = Object.keys(preview.changeSummary).filter((k) => k !== "same");
        const ok = match.duplicates.length + match.orphans.length + match.missing.length === 0 && !changes.length;
        recordFigure({
            scenario: `crash: kill -9 of pulumi up ×${kills} while creating ${opts.groups} groups, seed ${opts.seed}`,
            suite: opts.suite,
            runs: engineRuns,
            resources: opts.groups,
            faults: kills,
            outcome: ok ? "recovered, converged" : `FAILED (${JSON.stringify({ ...match, changes })})`,
            seconds: Math.round((Date.now() - started) / 1000),
            details: {
                kills: outcomes,
                adoptedOnRecovery: up.summary.resourceChanges?.["create"] ?? 0,
                pendingCreatesLeft: outcomes.map((o) => o.pendingAfter),
            },
        });
        assert.deepEqual(match, { duplicates: [], orphans: [], missing: [] });
        assert.equal(state.length, opts.groups);
        assert.deepEqual(changes, [], "a preview after recovery shows changes");
    } finally {
        await rig.close();
    }
}
