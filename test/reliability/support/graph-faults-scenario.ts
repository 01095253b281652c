/**
 * The graph fault scenario (issue #15): with the simulator failing a seeded share of all API requests (every fault
 * kind), one `pulumi up` (at most the documented retry) of a stack of groups whose memberships hold 100+ users each,
 * with associations, leaves exactly the declared graph:
 *
 * - every declared group's direct members are exactly its `UserGroupMembership.userIds` (none missing, none extra),
 *   including a group that existed before with members of its own, some of them undeclared (they are removed);
 * - every declared group's associations are exactly the declared ones, with the declared attributes;
 * - a group the program does not declare (its members overlap the declared ones, it has associations of its own)
 *   receives no write at all and keeps its members and associations;
 * - the next `preview --refresh` shows no change.
 */
import * as assert from "node:assert/strict";
import { simAdmin } from "../../../simulator/admin-client";
import { type ApiTarget, apiRequest } from "../../../simulator/api-caller";
import { jumpcloud } from "../../helpers/e2e";
import { failureLines } from "./faults-scenario";
import { type Figure, recordFigure } from "./figures";
import { liveAssociations, liveMembers, range, userId } from "./graph";
import { faultCounts, mixedFaults, OutputLog, startRig, stateResources, total } from "./harness";

export interface GraphFaultScenarioOptions {
    suite: Figure["suite"];
    seed: number;
    /** Groups the stack creates, each with a membership. @default 3 */
    groups?: number;
    /** Declared members per created group. @default 120 */
    members?: number;
    /** Share of API requests that fail. @default 0.2 */
    rate?: number;
}

type Assoc = { type: string; index: number; attributes?: Record<string, unknown> };

/** Runs the scenario, asserts the exact graph, records the figure. */
export async function runGraphFaultScenario(opts: GraphFaultScenarioOptions): Promise<void> {
    const started = Date.now();
    const rate = opts.rate ?? 0.2;
    const groups = opts.groups ?? 3;
    const perGroup = opts.members ?? 120;
    // Created group k holds users k*100+1 .. k*100+perGroup: neighbouring groups share users.
    const declaredMembers = (k: number) => range(k * 100 + 1, k * 100 + perGroup).map(userId);
    const lastUser = (groups - 1) * 100 + perGroup;
    // The legacy group exists before the run with 50 members; the program declares 50, 30 of them new.
    const legacyBefore = range(lastUser + 1, lastUser + 50).map(userId);
    const legacyDeclared = range(lastUser + 21, lastUser + 70).map(userId);
    // The undeclared group shares users with the first created group and the legacy group.
    const bystanderMembers = [
        ...range(1, 40),
        ...range(lastUser + 1, lastUser + 10),
        ...range(lastUser + 71, lastUser + 90),
    ]
        .map(userId)
        .sort();
    const users = range(1, lastUser + 90);

    const rig = await startRig({
        project: "reliability-graph-faults",
        program: async () => {
            const jc = jumpcloud();
            const out: Record<string, unknown> = {};
            for (let k = 0; k < groups; k++) {
                const group = new jc.UserGroup(`g${k}`, { name: `Graph ${k}`, description: `graph group ${k}` });
                new jc.UserGroupMembership(`g${k}-members`, { groupId: group.id, userIds: declaredMembers(k) });
                for (const a of associationsOf(k)) {
                    new jc.UserGroupAssociation(`g${k}-${a.type}-${a.index}`, {
                        groupId: group.id,
                        targetType: a.type,
                        targetId: targetIds[a.type]![a.index]!,
                        ...(a.attributes ? { attributes: a.attributes } : {}),
                    } as never);
                }
                out[`g${k}`] = group.id;
            }
            new jc.UserGroupMembership("legacy-members", { groupId: legacyId, userIds: legacyDeclared });
            new jc.UserGroupAssociation("legacy-system-2", {
                groupId: legacyId,
                targetType: "system",
                targetId: targetIds["system"]![2]!,
            });
            return out;
        },
    });
    let targetIds: Record<string, string[]> = {};
    let legacyId = "";
    const failures: string[] = [];
    let ups = 0;
    let converged = false;
    try {
        const seeded = await simAdmin(rig.sim.origin).seed({
            users: users.map((n) => ({ id: userId(n), username: `user${n}`, email: `user${n}@example.com` })),
            targets: [
                ...range(0, 2).map((i) => ({ type: "system", name: `host-${i}` })),
                ...range(0, 1).map((i) => ({ type: "application", name: `app-${i}` })),
                { type: "system_group", name: "servers" },
            ],
        });
        targetIds = {
            system: seeded.targets.slice(0, 3),
            application: seeded.targets.slice(3, 5),
            system_group: seeded.targets.slice(5, 6),
        };
        const groupsSeeded = await simAdmin(rig.sim.origin).seed({
            userGroups: [
                { name: "Legacy", description: "existed before the stack", members: legacyBefore },
                {
                    name: "Bystanders",
                    description: "not declared by the program",
                    members: bystanderMembers,
                    associations: [
                        {
                            type: "system",
                            id: targetIds["system"]![0]!,
                            attributes: { sudo: { enabled: true, withoutPassword: true } },
                        },
                        { type: "application", id: targetIds["application"]![1]! },
                        { type: "system_group", id: targetIds["system_group"]![0]! },
                    ],
                },
            ],
        });
        legacyId = groupsSeeded.userGroups[0]!;
        const bystanderId = groupsSeeded.userGroups[1]!;
        const bystanderBefore = await bystanderView(rig.sim, bystanderId);

        const since = await simAdmin(rig.sim.origin).lastSeq();
        await simAdmin(rig.sim.origin).faults(mixedFaults(rate, opts.seed));
        let outputs: Record<string, { value: unknown }> = {};
        while (ups < 2 && !converged) {
            ups++;
            const log = new OutputLog();
            try {
                const up = await rig.engine.up({ onOutput: log.onOutput, onError: log.onError });
                converged = up.summary.result === "succeeded";
                outputs = up.outputs;
            } catch (e) {
                failures.push(...failureLines(`${(e as Error).message}\n${log.text()}`));
            }
        }
        const requests = await simAdmin(rig.sim.origin).requests(since);
        await simAdmin(rig.sim.origin).clearFaults();
        const faults = faultCounts(requests);

        // The live graph against the declared one.
        const wrong: string[] = [];
        const groupIds = range(0, groups - 1).map((k) => String(outputs[`g${k}`]?.value ?? ""));
        for (let k = 0; k < groups && converged; k++) {
            wrong.push(...setDiff(`Graph ${k} members`, await liveMembers(rig.sim, groupIds[k]!), declaredMembers(k)));
            for (const type of Object.keys(targetIds)) {
                const live = await liveAssociations(rig.sim, groupIds[k]!, type);
                const declared = associationsOf(k).filter((a) => a.type === type);
                wrong.push(
                    ...setDiff(
                        `Graph ${k} ${type} associations`,
                        Object.keys(live),
                        declared.map((a) => targetIds[type]![a.index]!),
                    ),
                );
                for (const a of declared.filter((d) => d.attributes)) {
                    const attrs = live[targetIds[type]![a.index]!];
                    if (JSON.stringify(attrs) !== JSON.stringify(a.attributes)) {
                        wrong.push(`Graph ${k} ${type} ${a.index} attributes ${JSON.stringify(attrs)}`);
                    }
                }
            }
        }
        wrong.push(...setDiff("Legacy members", await liveMembers(rig.sim, legacyId), legacyDeclared));
        wrong.push(
            ...setDiff("Legacy system associations", Object.keys(await liveAssociations(rig.sim, legacyId, "system")), [
                targetIds["system"]![2]!,
            ]),
        );
        const bystanderAfter = await bystanderView(rig.sim, bystanderId);
        const bystanderWrites = requests.filter((r) => r.method !== "GET" && r.path.includes(bystanderId));
        const bystanderChanged = JSON.stringify(bystanderAfter) !== JSON.stringify(bystanderBefore);
        const memberPosts = requests.filter((r) => r.method === "POST" && /\/members$/.test(r.path)).length;
        const preview = converged ? await rig.engine.preview({ refresh: true }) : undefined;
        const changes = preview ? Object.keys(preview.changeSummary).filter((c) => c !== "same") : ["no preview"];
        const resources = groups * (2 + 4) + 2;
        const ok = converged && wrong.length === 0 && !bystanderChanged && bystanderWrites.length === 0;
        recordFigure({
            scenario: `faults ${Math.round(rate * 100)}%: ${groups} groups × ${perGroup} members + legacy group + associations, seed ${opts.seed}`,
            suite: opts.suite,
            runs: ups + (preview ? 1 : 0),
            resources,
            faults: total(faults),
            outcome:
                ok && changes.length === 0
                    ? `converged in ${ups} up${ups > 1 ? "s" : ""}, graph exact`
                    : `FAILED (${[
                          converged ? "" : "did not converge",
                          wrong.length ? `${wrong.length} differences` : "",
                          bystanderChanged || bystanderWrites.length ? "undeclared group touched" : "",
                          changes.length ? `preview shows ${changes.join("/")}` : "",
                      ]
                          .filter(Boolean)
                          .join(", ")})`,
            seconds: Math.round((Date.now() - started) / 1000),
            details: {
                requests: requests.length,
                memberPosts,
                faultsByKind: faults,
                declaredMembers: groups * perGroup + legacyDeclared.length,
                differences: wrong.slice(0, 10),
                upFailures: failures.slice(0, 10),
            },
        });

        assert.ok(converged, `not converged after ${ups} up(s):\n${failures.join("\n")}`);
        for (const f of failures) {
            // The one documented retry: a group create proven not to have taken effect on every allowed attempt.
            assert.match(f, /did not take effect: run the update again/, `an up failed for another reason: ${f}`);
        }
        assert.deepEqual(wrong, [], "the live graph differs from the declared one");
        assert.deepEqual(
            bystanderWrites.map((r) => `${r.method} ${r.path}`),
            [],
            "no write to the undeclared group",
        );
        assert.deepEqual(bystanderAfter, bystanderBefore, "the undeclared group kept its members and associations");
        assert.equal((await stateResources(rig.engine, "UserGroupMembership")).length, groups + 1);
        assert.equal((await stateResources(rig.engine, "UserGroupAssociation")).length, groups * 4 + 1);
        assert.deepEqual(changes, [], "a preview --refresh after convergence shows changes");
    } finally {
        await rig.close();
    }
}

/** Group k's declared associations: its own system (sudo on even k), both applications, the system group on k 0. */
function associationsOf(k: number): Assoc[] {
    return [
        {
            type: "system",
            index: k % 3,
            attributes: { sudo: { enabled: k % 2 === 0, withoutPassword: false } },
        },
        { type: "application", index: 0 },
        { type: "application", index: 1 },
        k === 0 ? { type: "system_group", index: 0 } : { type: "system", index: (k + 1) % 3 },
    ];
}

/** What the undeclared group looks like: the group object, its members and its associations of every type. */
async function bystanderView(sim: ApiTarget, id: string): Promise<unknown> {
    return {
        group: (await apiRequest(sim, "GET", `/usergroups/${id}`)).json,
        members: await liveMembers(sim, id),
        system: await liveAssociations(sim, id, "system"),
        application: await liveAssociations(sim, id, "application"),
        systemGroup: await liveAssociations(sim, id, "system_group"),
    };
}

/** "missing"/"extra" lines of `live` against `declared`. */
function setDiff(what: string, live: string[], declared: string[]): string[] {
    const l = new Set(live);
    const d = new Set(declared);
    return [
        ...declared.filter((x) => !l.has(x)).map((x) => `${what}: missing ${x}`),
        ...live.filter((x) => !d.has(x)).map((x) => `${what}: extra ${x}`),
        ...(live.length !== l.size ? [`${what}: duplicates in the listing`] : []),
    ];
}
