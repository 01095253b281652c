/**
 * The team setup, end to end: three team folders of examples/gitops (each its own copy, PULUMI_HOME and stack,
 * with disjoint groups) on one PostgreSQL backend, against one simulated org whose API limit they share. Everything
 * runs through the plain CLI and the workflow templates' own steps, as CI runners would:
 *
 *   - the three teams' deploys at once, under an org-wide rate limit, then their drift checks at once: all
 *     converge, and no runner creates or reads another team's groups;
 *   - two `pulumi up` of one stack at once: one applies, the other is refused by the backend's lock;
 *   - a pipeline killed mid-run leaves its lock; `pulumi cancel` and the documented recovery converge.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type PostgresCluster, startPostgres } from "../../scripts/lib/postgres-cluster";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import {
    describeJob,
    groupNames,
    orgGroups,
    prepareTeamFolders,
    removeTeamFolders,
    runTeamWorkflow,
    stateGroups,
    type TeamFolder,
    title,
    touchedByLog,
    writeGroupFiles,
} from "./support/team-folders";

const TEAMS = ["platform", "sales", "support"] as const;
const GROUPS_PER_TEAM = 12;
/** The org-wide limit during the teams' deploys: well under what three runners send at the package defaults. */
const ORG_LIMIT = 8;

/** Groups of the lock check, and how long each of its creates takes at the API. */
const LOCK_GROUPS = 5;
const LOCK_HOLD_MS = 20_000;

/** Polls a client log until it records a group creation sent; fails after 2 minutes or when `still()` ends. */
async function sentCreate(log: string, still: () => boolean): Promise<void> {
    for (let i = 0; i < 4800 && still(); i++) {
        if (fs.existsSync(log) && / POST \/usergroups\b/.test(fs.readFileSync(log, "utf8"))) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("the first up sent no create before it ended or 2 minutes passed");
}

/** Polls the simulator's log until `count` group creations were answered since `since`; fails after 2 minutes. */
async function createdSince(sim: RunningSimulator, since: number, count: number, still: () => boolean) {
    for (let i = 0; i < 4800 && still(); i++) {
        const created = (await simAdmin(sim.origin).requests(since)).filter(
            (r) => r.method === "POST" && r.path === "/usergroups" && r.status === 201,
        ).length;
        if (created >= count) return created;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`fewer than ${count} groups were created before the run ended or 2 minutes passed`);
}

describe("team setup on a PostgreSQL backend (program folders, plain CLI, workflow templates)", function () {
    this.timeout(1_800_000);
    let pg: PostgresCluster;
    let sim: RunningSimulator;
    let teams: TeamFolder[] = [];

    before(async () => {
        pg = await startPostgres({ log: (line) => process.stdout.write(`      [postgres] ${line}\n`) });
        process.stdout.write(`      [postgres] ${pg.binaries.label}, port ${pg.port}\n`);
        sim = await startSimulator({ importDelayMs: 100, apiKey: `team-key-${randomBytes(12).toString("hex")}` });
        teams = await prepareTeamFolders(TEAMS, sim, pg, GROUPS_PER_TEAM);
    });
    after(async () => {
        removeTeamFolders(teams);
        await sim?.close();
        pg?.stop();
    });

    /** Asserts that no secret reached a job's log or summary. */
    function assertNoSecret(text: string, where: string): void {
        for (const [what, secret] of [
            ["the API key", sim.apiKey],
            ["the backend's password", pg.password],
        ] as const) {
            assert.ok(!text.includes(secret), `${what} is in ${where}`);
        }
    }

    it("three teams deploy at once under one org-wide API limit: all converge, none touches another's groups", async () => {
        await simAdmin(sim.origin).rateLimit(ORG_LIMIT, 1);
        let jobs: Awaited<ReturnType<typeof runTeamWorkflow>>[];
        try {
            jobs = await Promise.all(teams.map((t) => runTeamWorkflow(t, "deploy.yml", sim, pg)));
        } finally {
            await simAdmin(sim.origin).rateLimit(null);
        }
        for (const [i, job] of jobs.entries()) {
            assert.equal(job.conclusion, "success", describeJob(job));
            assert.match(
                job.steps.find((s) => s.name === "pulumi up")?.stdout ?? "",
                new RegExp(`\\+ ${GROUPS_PER_TEAM + 1} created`),
                "the groups and the stack itself",
            );
            assertNoSecret(job.log + job.summary, `${TEAMS[i]}'s deploy job`);
        }
        const refused = teams.map((t) => (t.apiLogText().match(/ -> 429 \(/g) ?? []).length);
        process.stdout.write(`      429s per runner at ${ORG_LIMIT} requests/s for the org: ${refused.join("/")}\n`);

        // Each stack holds exactly its team's groups, and the org holds exactly one group per declared name.
        const org = await orgGroups(sim);
        const owner = new Map<string, string>();
        for (const t of teams) {
            const { groups, pending } = await stateGroups(t, t.team);
            assert.deepEqual(pending, [], `${t.team}: no pending operation`);
            const names = groupNames(title(t.team), GROUPS_PER_TEAM);
            assert.deepEqual(groups.map((g) => String(g.outputs?.["name"])).sort(), names);
            for (const g of groups) {
                assert.ok(!owner.has(String(g.id)), `${g.id} is in two stacks`);
                owner.set(String(g.id), t.team);
            }
            const live = org.filter((g) => names.includes(String(g["name"])));
            assert.equal(live.length, GROUPS_PER_TEAM, `${t.team}: one group per name in the org`);
            assert.deepEqual(live.map((g) => String(g["id"])).sort(), groups.map((g) => String(g.id)).sort());
        }

        for (const t of teams) {
            const { createdNames } = touchedByLog(t.apiLogText());
            assert.deepEqual(
                [...createdNames].sort(),
                groupNames(title(t.team), GROUPS_PER_TEAM),
                `${t.team}'s runner created its own groups, once each`,
            );
            fs.writeFileSync(t.apiLog, "");
        }

        // The scheduled drift check of every team, at once: each passes, reading only its own stack's groups.
        const checks = await Promise.all(teams.map((t) => runTeamWorkflow(t, "drift-check.yml", sim, pg)));
        for (const [i, job] of checks.entries()) {
            assert.equal(job.conclusion, "success", describeJob(job));
            assertNoSecret(job.log + job.summary, `${TEAMS[i]}'s drift-check job`);
        }
        for (const t of teams) {
            const touched = touchedByLog(t.apiLogText());
            assert.ok(touched.ids.size > 0, `${t.team}'s drift check read its groups`);
            for (const id of touched.ids) assert.equal(owner.get(id), t.team, `${t.team}'s runner touched ${id}`);
            assert.deepEqual([...touched.createdNames], [], `${t.team}'s drift check created nothing`);
        }
    });

    it("two pulumi up of one stack at once: one applies, the other is refused by the lock; state and org intact", async () => {
        const [t] = teams;
        assert.ok(t);
        const stack = "lock-check";
        await t.pulumi(["stack", "init", stack]);
        await t.pulumi(["config", "set", "groupsDir", "lock-groups", "--stack", stack]);
        const names = writeGroupFiles(t.folder, "lock-groups", "Lock check", LOCK_GROUPS);
        // Each create of the first up takes LOCK_HOLD_MS at the API, so it holds the stack's lock for at least that
        // long after its first request, however slowly the second CLI starts on a busy machine.
        await simAdmin(sim.origin).faults([
            { method: "POST", path: "^/usergroups$", kind: "latency", latencyMs: LOCK_HOLD_MS, count: LOCK_GROUPS },
        ]);
        const firstLog = path.join(t.folder.dir, "first-run-api.log");
        const first = t.start(["up", "--yes", "--non-interactive", "--stack", stack], {
            allowFailure: true,
            env: { JUMPCLOUD_LOG_FILE: firstLog },
        });
        let firstRunning = true;
        void first.result.finally(() => {
            firstRunning = false;
        });
        // The second starts once the first has sent a create, i.e. while it holds the stack's lock.
        await sentCreate(firstLog, () => firstRunning);
        const secondLog = path.join(t.folder.dir, "second-run-api.log");
        const secondStarted = Date.now();
        const second = await t.pulumi(["up", "--yes", "--non-interactive", "--stack", stack], {
            allowFailure: true,
            env: { JUMPCLOUD_LOG_FILE: secondLog },
        });
        const refusedAfterMs = Date.now() - secondStarted;
        assert.ok(firstRunning, `the first up ended before the second was refused (${refusedAfterMs} ms)`);
        const firstResult = await first.result;

        assert.equal(firstResult.code, 0, firstResult.stdout + firstResult.stderr);
        // The summary counts the groups and the stack itself.
        assert.match(firstResult.stdout, new RegExp(`\\+ ${LOCK_GROUPS + 1} created`));
        await simAdmin(sim.origin).clearFaults();
        assert.notEqual(second.code, 0, "the second up must be refused");
        const refusal = second.stdout + second.stderr;
        assert.match(refusal, /the stack is currently locked by 1 lock\(s\)/);
        assert.match(refusal, /pulumi cancel/);
        assertNoSecret(refusal, "the refused up's output");
        assert.ok(!fs.existsSync(secondLog), "the refused up made no API call");
        process.stdout.write(`      the second up was refused after ${(refusedAfterMs / 1000).toFixed(1)} s\n`);

        const { groups, pending } = await stateGroups(t, stack);
        assert.deepEqual(pending, []);
        assert.deepEqual(groups.map((g) => String(g.outputs?.["name"])).sort(), names);
        const live = (await orgGroups(sim)).filter((g) => names.includes(String(g["name"])));
        assert.deepEqual(live.map((g) => String(g["id"])).sort(), groups.map((g) => String(g.id)).sort());
        // The refused pipeline run again: nothing left to do.
        const rerun = await t.pulumi([
            "up",
            "--yes",
            "--refresh",
            "--expect-no-changes",
            "--non-interactive",
            "--stack",
            stack,
        ]);
        assert.match(rerun.stdout, new RegExp(`\\b${LOCK_GROUPS + 1} unchanged`));
    });

    it("a pipeline killed mid-run leaves its lock; pulumi cancel and the documented recovery converge", async () => {
        const t = teams[1];
        assert.ok(t);
        const stack = "crash-check";
        await t.pulumi(["stack", "init", stack]);
        await t.pulumi(["config", "set", "groupsDir", "crash-groups", "--stack", stack]);
        const names = writeGroupFiles(t.folder, "crash-groups", "Crash check", 30);
        const since = await simAdmin(sim.origin).lastSeq();
        const run = t.start(["up", "--yes", "--non-interactive", "--stack", stack], { allowFailure: true });
        let running = true;
        void run.result.finally(() => {
            running = false;
        });
        await createdSince(sim, since, 8, () => running);
        // The runner dies: the CLI, its language host, the program and the provider, all at once.
        run.killGroup("SIGKILL");
        const killed = await run.result;
        assert.equal(killed.code, null, `the up was killed, not finished: ${killed.stdout.slice(-500)}`);

        // The next run of the pipeline meets the dead run's lock.
        const blocked = await t.pulumi(["up", "--yes", "--non-interactive", "--stack", stack], { allowFailure: true });
        assert.notEqual(blocked.code, 0);
        assert.match(blocked.stdout + blocked.stderr, new RegExp(`locked by 1 lock\\(s\\)[\\s\\S]*pid ${run.pid}\\b`));

        // The documented recovery (README, Troubleshooting; bench/RELIABILITY.md).
        await t.pulumi(["cancel", "--yes", "--stack", stack]);
        await t.pulumi(["refresh", "--clear-pending-creates", "--yes", "--non-interactive", "--stack", stack]);
        writeGroupFiles(t.folder, "crash-groups", "Crash check", 30, "adopt: { by: name, mode: verify }\n");
        await t.pulumi(["up", "--yes", "--non-interactive", "--stack", stack]);

        const { groups, pending } = await stateGroups(t, stack);
        assert.deepEqual(pending, []);
        assert.deepEqual(groups.map((g) => String(g.outputs?.["name"])).sort(), names);
        const live = (await orgGroups(sim)).filter((g) => names.includes(String(g["name"])));
        assert.equal(live.length, 30, "no duplicate, none missing");
        assert.deepEqual(live.map((g) => String(g["id"])).sort(), groups.map((g) => String(g.id)).sort(), "no orphan");
        await t.pulumi(["preview", "--expect-no-changes", "--non-interactive", "--stack", stack]);
    });
});
