/**
 * Several runners, one org's API limit: each runner is a `pulumi up --refresh` of its own stack of the GitOps
 * example (the deploy template's command, so its own CLI, program and provider process, hence its own rate budget),
 * all against one simulator whose org-wide token bucket allows R requests per second. Measured from each runner's
 * client log (`JUMPCLOUD_LOG_FILE`): attempts, 429s and the span from its first request to its last answer.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProgramFolder } from "../../scripts/lib/program-folder";
import { simAdmin } from "../../simulator/admin-client";
import { clientTimeline } from "./request-log";
import type { BenchSimulator } from "./sim";

/** One way of running the runners. */
export interface SharedLimitScenario {
    /** How the report names it. */
    readonly label: string;
    readonly runners: number;
    /** Groups per runner: one POST each. */
    readonly groupsPerRunner: number;
    /** The org-wide limit; null for none. */
    readonly requestsPerSecond: number | null;
    /** Runner i starts i × this after the first. @default 0 */
    readonly staggerMs?: number;
    /** Stack config of every runner, e.g. `{ "jumpcloud:maxRequestsPerSecond": "6" }`. @default package defaults */
    readonly config?: Readonly<Record<string, string>>;
    /**
     * One 429 (Retry-After 1 s) to the first request after this many groups were created: a lone refusal early in
     * a run, when little has been answered yet. @default none
     */
    readonly lone429AfterCreates?: number;
}

/** One runner's figures in one run. */
export interface RunnerFigures {
    readonly sent: number;
    readonly refused: number;
    /** First request to last answer, ms. */
    readonly apiMs: number;
    /** The whole `pulumi up`, ms. */
    readonly wallMs: number;
}

/** One run of a scenario. */
export interface SharedLimitRun {
    readonly runners: RunnerFigures[];
    /** First request of any runner to the last answer of any, ms. */
    readonly apiPhaseMs: number;
    /** Set when a runner failed or the org does not hold exactly the groups declared. */
    readonly problem?: string;
}

/**
 * Adds a one-off 429 to the fault plan once the simulator has answered `creates` group POSTs since `since` (polled
 * every 10 ms, so it lands on one of the next requests), or gives up when `active()` turns false.
 */
async function injectLone429(sim: BenchSimulator, since: number, creates: number, active: () => boolean) {
    const admin = simAdmin(sim.origin);
    while (active()) {
        const created = (await admin.requests(since)).filter((r) => r.method === "POST" && r.status === 201).length;
        if (created >= creates) {
            await admin.faults([{ method: "*", kind: "429", count: 1, retryAfterSeconds: 1 }]);
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

/** Writes `count` group files named after `prefix` into `dir`. */
export function writeGroupFiles(dir: string, prefix: string, count: number): string[] {
    fs.mkdirSync(dir, { recursive: true });
    const names: string[] = [];
    for (let i = 1; i <= count; i++) {
        const name = `${prefix} ${String(i).padStart(3, "0")}`;
        names.push(name);
        const file = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.yaml`;
        fs.writeFileSync(path.join(dir, file), `name: ${name}\ndescription: one of ${prefix}'s groups\n`);
    }
    return names;
}

/**
 * Runs `scenario` once in `folder` (the GitOps example, logged in to a backend, configured for `sim` by
 * environment): a fresh org, one new stack per runner, the runners' ups at once (or staggered).
 */
export async function runSharedLimit(
    folder: ProgramFolder,
    sim: BenchSimulator,
    scenario: SharedLimitScenario,
    runId: string,
): Promise<SharedLimitRun> {
    const admin = simAdmin(sim.origin);
    await admin.reset();
    const work = fs.mkdtempSync(path.join(folder.dir, `shared-limit-${runId}-`));
    const runners = Array.from({ length: scenario.runners }, (_, i) => {
        const stack = `${path.basename(work)}-r${i + 1}`;
        const groupsDir = path.join(work, `runner-${i + 1}`);
        return {
            stack,
            logFile: path.join(work, `runner-${i + 1}.log`),
            names: writeGroupFiles(groupsDir, `Runner ${i + 1} ${runId}`, scenario.groupsPerRunner),
            groupsDir: path.relative(folder.dir, groupsDir),
        };
    });
    try {
        for (const r of runners) {
            await folder.pulumi(["stack", "init", r.stack], { quiet: true });
            await folder.pulumi(["config", "set", "groupsDir", r.groupsDir, "--stack", r.stack], { quiet: true });
            for (const [key, value] of Object.entries(scenario.config ?? {})) {
                await folder.pulumi(["config", "set", key, value, "--stack", r.stack], { quiet: true });
            }
        }
        if (scenario.requestsPerSecond !== null) await admin.rateLimit(scenario.requestsPerSecond, 1);
        const since = await admin.lastSeq();
        let running = true;
        const injection =
            scenario.lone429AfterCreates === undefined
                ? Promise.resolve()
                : injectLone429(sim, since, scenario.lone429AfterCreates, () => running);
        const results = await Promise.all(
            runners.map(async (r, i) => {
                await new Promise((resolve) => setTimeout(resolve, i * (scenario.staggerMs ?? 0)));
                return folder.pulumi(["up", "--yes", "--refresh", "--non-interactive", "--stack", r.stack], {
                    env: { JUMPCLOUD_LOG_FILE: r.logFile },
                    allowFailure: true,
                    quiet: true,
                });
            }),
        ).finally(() => {
            running = false;
        });
        await injection;
        const timelines = runners.map((r) =>
            clientTimeline(fs.existsSync(r.logFile) ? fs.readFileSync(r.logFile, "utf8") : ""),
        );
        const figures = timelines.map(
            (t, i): RunnerFigures => ({
                sent: t.sent,
                refused: t.refused,
                apiMs: (t.lastAnswerMs ?? Number.NaN) - (t.firstSentMs ?? Number.NaN),
                wallMs: results[i]?.durationMs ?? Number.NaN,
            }),
        );
        const firstSent = Math.min(...timelines.map((t) => t.firstSentMs ?? Number.NaN));
        const lastAnswer = Math.max(...timelines.map((t) => t.lastAnswerMs ?? Number.NaN));
        const problems = results.flatMap((r, i) =>
            r.code === 0 ? [] : [`runner ${i + 1} exited ${r.code}: ${`${r.stdout}${r.stderr}`.slice(-600)}`],
        );
        const live = (await admin.store<{ userGroups?: Array<{ name?: unknown }> }>()).userGroups ?? [];
        const declared = runners.flatMap((r) => r.names).sort();
        const held = live.map((g) => String(g.name)).sort();
        if (JSON.stringify(held) !== JSON.stringify(declared)) {
            problems.push(`the org holds ${held.length} groups, ${declared.length} were declared`);
        }
        return {
            runners: figures,
            apiPhaseMs: lastAnswer - firstSent,
            ...(problems.length ? { problem: problems.join("; ") } : {}),
        };
    } finally {
        await admin.rateLimit(null).catch(() => undefined);
        await admin.clearFaults().catch(() => undefined);
    }
}
