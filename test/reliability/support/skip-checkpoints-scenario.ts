/**
 * The no-checkpoint crash scenario (issue #18): under `PULUMI_SKIP_CHECKPOINTS=true` a killed run loses every state
 * change it made. With `jumpcloud:adoptExactMatches: true` the documented recovery (README, "Runs that lose their
 * state changes") is: `pulumi cancel` if the killed run left its lock, then the same command again, with no program
 * edit. This scenario proves it for both directions on one stack of N user groups (a mix of plain, attribute-heavy
 * and dynamic ones), two memberships of 120 users and two associations:
 *
 * 1. `kill -9` of `pulumi up` (the CLI and its plugin) after a seeded number of group creations, then the recovery
 *    (`cancel` if locked, plain `up`): the API holds exactly the declared groups (0 duplicates by name, 0 orphans,
 *    0 missing), the state has every resource, the members are exactly the declared ones, and a
 *    `preview --refresh` shows no change;
 * 2. `kill -9` of `pulumi destroy` after a seeded number of group deletions, then the recovery (`cancel` if locked,
 *    `destroy` again: its deletes of groups and edges already gone answer 404, which count as done): no group and
 *    no edge remain, the users are all still there, and the state is empty.
 */
import * as assert from "node:assert/strict";
import { simAdmin } from "../../../simulator/admin-client";
import type { LoggedRequest } from "../../../simulator/request-log";
import { jumpcloud } from "../../helpers/e2e";
import { groupArgs } from "./faults-scenario";
import { type Figure, recordFigure } from "./figures";
import { liveMembers, range, userId } from "./graph";
import {
    apiGroups,
    findPulumiProcess,
    killTree,
    matchGroups,
    type Rig,
    seeded,
    sleep,
    startRig,
    stateResources,
} from "./harness";

export interface SkipCheckpointsScenarioOptions {
    suite: Figure["suite"];
    groups: number;
    seed: number;
}

/** What one kill left behind. */
interface KillOutcome {
    command: "up" | "destroy";
    /** Group POSTs (up) or DELETEs (destroy) the simulator had answered when the kill was sent. */
    requestsBeforeKill: number;
    apiGroupsAfter: number;
    stateResourcesAfter: number;
    /** Whether the killed run's lock file was still in the backend (then `pulumi cancel` removes it). */
    lockLeft: boolean;
}

const MEMBERS = 120;
const isGroupCreate = (r: LoggedRequest) => r.method === "POST" && r.path === "/usergroups";
const isGroupDelete = (r: LoggedRequest) => r.method === "DELETE" && /^\/usergroups\/[0-9a-f]{24}$/.test(r.path);

/**
 * Starts `command` and SIGKILLs the CLI process tree once the simulator has answered `after` requests that
 * `counts`. Resolves once the Automation API has seen the CLI die.
 */
async function runAndKill(
    rig: Rig,
    command: "up" | "destroy",
    counts: (r: LoggedRequest) => boolean,
    after: number,
): Promise<number> {
    const since = await simAdmin(rig.sim.origin).lastSeq();
    const running = (command === "up" ? rig.engine.up() : rig.engine.destroy()).then(
        () => "finished",
        (e: Error) => e.message,
    );
    let finished = false;
    void running.then(() => {
        finished = true;
    });
    // Bounded: 300 s of 25 ms polls.
    for (let i = 0; i < 12_000 && !finished; i++) {
        const seen = (await simAdmin(rig.sim.origin).requests(since)).filter(counts).length;
        if (seen >= after) {
            const target = findPulumiProcess(command);
            assert.ok(target, `the pulumi ${command} process was not found in the process tree`);
            killTree(target);
            const result = await running;
            assert.doesNotMatch(result, /^finished$/, `${command} finished before it could be killed`);
            return seen;
        }
        await sleep(25);
    }
    throw new Error(`${command} ended (or stalled) before ${after} requests: ${await running}`);
}

/** Every resource of the stack in the state (the stack itself and the provider left out). */
async function stateCount(rig: Rig): Promise<number> {
    const resources = (await rig.engine.exportState()).deployment.resources ?? [];
    return resources.filter((r) => String(r["type"]).startsWith("pulumi-nodejs:dynamic/")).length;
}

function lockLeft(rig: Rig): boolean {
    return rig.engine.backendFiles().some((f) => f.includes("/locks/"));
}

/** Runs the scenario, asserts convergence both ways, records the figure. */
export async function runSkipCheckpointsScenario(opts: SkipCheckpointsScenarioOptions): Promise<void> {
    const started = Date.now();
    const random = seeded(opts.seed);
    const names = Array.from({ length: opts.groups }, (_, i) => String(groupArgs(i, "Bulk")["name"]));
    // Two static groups (i % 5 != 0) carry the memberships: users 1-120 and 81-200.
    const membershipGroups = [1, 2];
    const declaredMembers = (m: number) => range(m * 80 + 1, m * 80 + MEMBERS).map(userId);
    const users = range(1, 80 + MEMBERS);
    let targets: string[] = [];
    const rig = await startRig({
        project: "reliability-skip-checkpoints",
        config: {
            "jumpcloud:adoptExactMatches": { value: "true" },
            "jumpcloud:maxRequestsPerSecond": { value: "1000" },
        },
        env: { PULUMI_SKIP_CHECKPOINTS: "true" },
        program: async () => {
            const jc = jumpcloud();
            const out: Record<string, unknown> = {};
            for (let i = 0; i < opts.groups; i++) {
                const group = new jc.UserGroup(`g${i}`, groupArgs(i, "Bulk") as never);
                const m = membershipGroups.indexOf(i);
                if (m >= 0) {
                    new jc.UserGroupMembership(`g${i}-members`, { groupId: group.id, userIds: declaredMembers(m) });
                    new jc.UserGroupAssociation(`g${i}-target`, {
                        groupId: group.id,
                        targetType: m === 0 ? "system" : "application",
                        targetId: targets[m]!,
                    });
                    out[`g${i}`] = group.id;
                }
            }
            return out;
        },
    });
    const expectedResources = opts.groups + 2 * membershipGroups.length;
    const kills: KillOutcome[] = [];
    let engineRuns = 0;
    const fail: string[] = [];
    let adoptedOnRecovery = 0;
    let destroy404s = 0;
    try {
        const seededDoc = await simAdmin(rig.sim.origin).seed({
            users: users.map((n) => ({ id: userId(n), username: `user${n}`, email: `user${n}@example.com` })),
            targets: [
                { type: "system", name: "host-0" },
                { type: "application", name: "app-0" },
            ],
        });
        targets = seededDoc.targets;

        // 1. up, killed after 10-80% of the group creations.
        const upAfter = Math.max(1, Math.floor(opts.groups * (0.1 + 0.7 * random())));
        const upSeen = await runAndKill(rig, "up", isGroupCreate, upAfter);
        engineRuns++;
        kills.push({
            command: "up",
            requestsBeforeKill: upSeen,
            apiGroupsAfter: (await apiGroups(rig.sim)).length,
            stateResourcesAfter: await stateCount(rig),
            lockLeft: lockLeft(rig),
        });

        // Recovery: cancel if locked, then the same plain up.
        if (kills[0]!.lockLeft) {
            await rig.engine.stack.cancel();
            engineRuns++;
        }
        const since = await simAdmin(rig.sim.origin).lastSeq();
        const up = await rig.engine.up();
        engineRuns++;
        assert.equal(up.summary.result, "succeeded");
        adoptedOnRecovery = (await simAdmin(rig.sim.origin).requests(since)).filter(
            (r) => isGroupCreate(r) && r.status === 409,
        ).length;

        const apiList = await apiGroups(rig.sim);
        const state = await stateResources(rig.engine, "UserGroup");
        const match = matchGroups(apiList, state, names);
        const resourcesInState = await stateCount(rig);
        const memberDiffs: string[] = [];
        for (const [m, i] of membershipGroups.entries()) {
            const live = await liveMembers(rig.sim, String(up.outputs[`g${i}`]?.value));
            if (JSON.stringify(live) !== JSON.stringify(declaredMembers(m).sort())) memberDiffs.push(`g${i}`);
        }
        const preview = await rig.engine.preview({ refresh: true });
        engineRuns++;
        const changes = Object.keys(preview.changeSummary).filter((k) => k !== "same");
        if (match.duplicates.length + match.orphans.length + match.missing.length > 0) {
            fail.push(`after up recovery ${JSON.stringify(match)}`);
        }
        if (resourcesInState !== expectedResources) fail.push(`state holds ${resourcesInState} resources`);
        if (memberDiffs.length) fail.push(`members differ in ${memberDiffs.join(", ")}`);
        if (changes.length) fail.push(`preview after up recovery shows ${changes.join("/")}`);

        // 2. destroy, killed after 10-80% of the group deletions.
        const destroyAfter = Math.max(1, Math.floor(opts.groups * (0.1 + 0.7 * random())));
        const destroySeen = await runAndKill(rig, "destroy", isGroupDelete, destroyAfter);
        engineRuns++;
        kills.push({
            command: "destroy",
            requestsBeforeKill: destroySeen,
            apiGroupsAfter: (await apiGroups(rig.sim)).length,
            stateResourcesAfter: await stateCount(rig),
            lockLeft: lockLeft(rig),
        });
        if (kills[1]!.lockLeft) {
            await rig.engine.stack.cancel();
            engineRuns++;
        }
        const destroySince = await simAdmin(rig.sim.origin).lastSeq();
        const destroyed = await rig.engine.destroy();
        engineRuns++;
        assert.equal(destroyed.summary.result, "succeeded");
        destroy404s = (await simAdmin(rig.sim.origin).requests(destroySince)).filter(
            (r) => r.method !== "GET" && r.status === 404,
        ).length;
        const store = await simAdmin(rig.sim.origin).store();
        const groupsLeft = (await apiGroups(rig.sim)).length;
        const stateLeft = await stateCount(rig);
        if (groupsLeft !== 0) fail.push(`${groupsLeft} groups left after destroy recovery`);
        if ((store["groupEdges"] ?? []).length !== 0) fail.push(`${store["groupEdges"]?.length} edges left`);
        if ((store["users"] ?? []).length !== users.length) fail.push(`${store["users"]?.length} users left`);
        if (stateLeft !== 0) fail.push(`${stateLeft} resources left in the state`);

        recordFigure({
            scenario: `no checkpoints: kill -9 of up and of destroy, ${opts.groups} groups + 2 memberships × ${MEMBERS} + 2 associations, seed ${opts.seed}`,
            suite: opts.suite,
            runs: engineRuns,
            resources: expectedResources,
            faults: kills.length,
            outcome: fail.length === 0 ? "recovered both ways: 0 duplicates, 0 orphans" : `FAILED (${fail.join("; ")})`,
            seconds: Math.round((Date.now() - started) / 1000),
            details: { kills, adoptedOnRecovery, destroy404s },
        });
        assert.deepEqual(match, { duplicates: [], orphans: [], missing: [] }, "after the up recovery");
        assert.equal(state.length, opts.groups);
        assert.equal(resourcesInState, expectedResources, "the state holds every resource after the up recovery");
        assert.deepEqual(memberDiffs, [], "the memberships hold exactly the declared users");
        assert.deepEqual(changes, [], "a preview --refresh after the up recovery shows changes");
        assert.ok(upSeen < opts.groups && destroySeen < opts.groups, "both kills came before the run's end");
        assert.deepEqual(fail, []);
    } finally {
        await rig.close();
    }
}
