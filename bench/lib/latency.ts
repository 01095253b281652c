/**
 * The lifecycle under API latency: every API request answered after an injected delay (the simulator's `latency`
 * fault), at several `--parallel` values, with our UserGroup and the floor interleaved operation by operation.
 * For each operation: the wall time, the API calls, and the API phase (the provider's client log, from the first
 * request sent to the last answer) against the physical minimum those calls allow at that parallelism and the
 * package's rate budget.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineStack } from "../../scripts/lib/engine";
import { simAdmin } from "../../simulator/admin-client";
import {
    describeError,
    engineOp,
    expectedChanges,
    type LifecycleContext,
    OPS,
    type OpName,
    sameCounts,
} from "./lifecycle";
import { s, table } from "./markdown";
import { groupsProgram, installedUserGroup, noopGroupClass, type ProgramShape, type Variant } from "./programs";
import { clientTimeline, countByMethod, formatByMethod } from "./request-log";
import { summarize } from "./stats";

/** The `--parallel` values measured. */
export const LATENCY_PARALLELS = [8, 16, 32, 64] as const;
/** Delay added to every API request, ms. */
export const LATENCY_MS = 150;
/** The package's default `jumpcloud:maxRequestsPerSecond`. */
export const PACKAGE_RATE_BUDGET = 100;

/** Terraform figures from the issue (N=100, 150 ms per request), seconds of wall time. */
export const TERRAFORM_S: Partial<Record<OpName, number>> = {
    "up-create": 5.1,
    preview: 0.36,
    "preview-refresh": 1.9,
    "up-update": 5.2,
    destroy: 3.7,
};
/** Target: refresh's API phase, the time it adds to the floor's fixed cost, seconds. */
export const REFRESH_BEYOND_FLOOR_S = 1.5;

/** One measured operation. */
export interface LatencyOpRun {
    wallMs: number;
    /** API requests the simulator logged (ours only). */
    calls?: number;
    byMethod?: Record<string, number>;
    /** From the first request sent to the last answer, per the provider's client log (ours only, 0 when no call). */
    apiPhaseMs?: number;
    /** From the start of the operation to the first request sent. */
    leadInMs?: number;
    unexpected?: string;
}

/** Every run of every operation, per parallelism and variant. */
export interface LatencyResult {
    n: number;
    latencyMs: number;
    rateBudget: number;
    parallels: number[];
    runs: Record<string, Record<Variant, Record<OpName, LatencyOpRun[]>>>;
    errors: string[];
}

interface Live {
    variant: Variant;
    engine: EngineStack;
    shape: ProgramShape;
    logFile: string;
    failed: boolean;
}

const emptyOps = (): Record<OpName, LatencyOpRun[]> => ({
    "up-create": [],
    preview: [],
    "preview-refresh": [],
    "up-update": [],
    destroy: [],
});

/**
 * The least API phase `calls` requests can take: every resource's requests are a chain (an update is a GET then a
 * PUT), at most `parallel` chains run at once, each request takes the latency, and the client sends at most
 * `rate` requests per second. Refresh's calls are counted as independent (a lower bound).
 */
export function physicalMinimumMs(
    op: OpName,
    calls: number,
    n: number,
    parallel: number,
    latencyMs: number,
    rate: number,
): number {
    if (calls === 0) return 0;
    const chain = op === "up-update" ? Math.max(1, Math.round(calls / n)) : 1;
    const chains = Math.ceil(calls / chain);
    const byLatency = Math.ceil(chains / parallel) * chain * latencyMs;
    // The first request goes at once; the last can leave no earlier than (calls - 1) / rate, then takes the latency.
    const byRate = ((calls - 1) / rate) * 1000 + latencyMs;
    return Math.max(byLatency, byRate);
}

async function runOp(live: Live, op: OpName, parallel: number, ctx: LifecycleContext): Promise<LatencyOpRun> {
    const sim = live.variant === "ours" ? ctx.sim : undefined;
    if (sim) await simAdmin(sim.origin).clearRequests();
    fs.writeFileSync(live.logFile, "");
    if (op === "up-update") live.shape.description = `updated at parallel ${parallel}`;
    const startedEpoch = Date.now();
    const started = performance.now();
    const changes = await engineOp(live.engine, op, { parallel });
    const run: LatencyOpRun = { wallMs: performance.now() - started };
    if (sim) {
        const requests = await simAdmin(sim.origin).requests();
        run.calls = requests.length;
        run.byMethod = countByMethod(requests);
        const t = clientTimeline(fs.readFileSync(live.logFile, "utf8"));
        run.apiPhaseMs =
            t.firstSentMs !== undefined && t.lastAnswerMs !== undefined ? t.lastAnswerMs - t.firstSentMs : 0;
        if (t.firstSentMs !== undefined) run.leadInMs = t.firstSentMs - startedEpoch;
        if (t.sent !== run.calls) run.unexpected = `client logged ${t.sent} requests, simulator ${run.calls}`;
    }
    const expected = expectedChanges(op, live.shape.n);
    if (!sameCounts(changes, expected)) {
        const msg = `expected ${JSON.stringify(expected)}, engine reported ${JSON.stringify(changes)}`;
        run.unexpected = run.unexpected ? `${run.unexpected}; ${msg}` : msg;
    }
    return run;
}

/**
 * Runs the lifecycle of N groups at every parallelism, `runs` times, with the latency fault on every API request.
 * @param onProgress called with a line after every operation.
 */
export async function runLatency(
    ctx: LifecycleContext,
    opts: { n: number; runs: number; parallels?: readonly number[]; latencyMs?: number },
    onProgress: (line: string) => void = () => {},
): Promise<LatencyResult> {
    const parallels = [...(opts.parallels ?? LATENCY_PARALLELS)];
    const latencyMs = opts.latencyMs ?? LATENCY_MS;
    const result: LatencyResult = {
        n: opts.n,
        latencyMs,
        rateBudget: PACKAGE_RATE_BUDGET,
        parallels,
        runs: Object.fromEntries(parallels.map((p) => [String(p), { ours: emptyOps(), floor: emptyOps() }])),
        errors: [],
    };
    const secrets = ctx.sim ? [ctx.sim.apiKey] : [];
    for (let run = 0; run < opts.runs; run++) {
        for (const parallel of parallels) {
            if (ctx.sim) {
                const admin = simAdmin(ctx.sim.origin);
                await admin.reset();
                await admin.faults([{ kind: "latency", latencyMs, fraction: 1 }]);
            }
            const stacks: Live[] = [];
            try {
                for (const variant of ctx.variants) {
                    const shape: ProgramShape = {
                        n: opts.n,
                        namePrefix: `lat-r${run}-p${parallel}`,
                        description: "managed by the benchmark",
                    };
                    const dir = fs.mkdtempSync(path.join(ctx.benchDir, `stack-lat-${variant}-`));
                    const logFile = path.join(dir, "jumpcloud-api.log");
                    try {
                        const Group = variant === "ours" ? installedUserGroup() : noopGroupClass(ctx.noop);
                        const engine = await EngineStack.create({
                            project: `bench-lat-${variant}`,
                            dir,
                            env: { JUMPCLOUD_LOG_FILE: logFile },
                            program: groupsProgram(Group, shape),
                            config: {
                                "jumpcloud:apiKey": { value: ctx.sim?.apiKey ?? "bench-floor-key", secret: true },
                                "jumpcloud:apiUrl": { value: ctx.sim?.url ?? "http://127.0.0.1:9/api/v2" },
                            },
                        });
                        stacks.push({ variant, engine, shape, logFile, failed: false });
                    } catch (err) {
                        result.errors.push(`${variant}, p${parallel}, run ${run + 1}: ${describeError(err, secrets)}`);
                    }
                }
                if (run % 2 === 1) stacks.reverse();
                for (const op of OPS) {
                    for (const live of stacks) {
                        if (live.failed) continue;
                        try {
                            const m = await runOp(live, op, parallel, ctx);
                            result.runs[String(parallel)]![live.variant][op].push(m);
                            onProgress(
                                `latency run ${run + 1}/${opts.runs} p${parallel} ${live.variant.padEnd(6)} ` +
                                    `${op.padEnd(15)} ${s(m.wallMs)}s` +
                                    (m.calls === undefined ? "" : ` ${m.calls} calls, API ${s(m.apiPhaseMs ?? 0)}s`) +
                                    (m.unexpected ? ` UNEXPECTED ${m.unexpected}` : ""),
                            );
                        } catch (err) {
                            live.failed = true;
                            const msg = `${live.variant}, p${parallel}, run ${run + 1}, ${op}: ${describeError(err, secrets)}`;
                            result.errors.push(msg);
                            onProgress(`FAILED ${msg.split("\n")[0]}`);
                        }
                    }
                }
            } finally {
                for (const live of stacks) live.engine.remove();
                if (ctx.sim) await simAdmin(ctx.sim.origin).clearFaults();
            }
        }
    }
    return result;
}

const med = (xs: readonly number[]) => summarize(xs)?.median;
const sec = (ms: number | undefined) => (ms === undefined ? "-" : s(ms));

/** The medians of one operation at one parallelism. */
export function latencyCell(result: LatencyResult, parallel: number, op: OpName) {
    const byVariant = result.runs[String(parallel)];
    const ours = byVariant?.ours[op] ?? [];
    const floor = byVariant?.floor[op] ?? [];
    const calls = med(ours.flatMap((r) => (r.calls === undefined ? [] : [r.calls])));
    const apiPhaseMs = med(ours.flatMap((r) => (r.apiPhaseMs === undefined ? [] : [r.apiPhaseMs])));
    const minimumMs =
        calls === undefined
            ? undefined
            : physicalMinimumMs(op, calls, result.n, parallel, result.latencyMs, result.rateBudget);
    return {
        oursMs: med(ours.map((r) => r.wallMs)),
        floorMs: med(floor.map((r) => r.wallMs)),
        calls,
        byMethod: ours[ours.length - 1]?.byMethod,
        apiPhaseMs,
        minimumMs,
        runs: ours.length,
        unexpected: [...ours, ...floor].flatMap((r) => (r.unexpected ? [r.unexpected] : [])),
    };
}

/** The section of RESULTS.md: one row per operation and parallelism, then the issue's targets. */
export function renderLatency(result: LatencyResult): string {
    const rows: string[][] = [];
    const unexpected: string[] = [];
    for (const op of OPS) {
        for (const p of result.parallels) {
            const c = latencyCell(result, p, op);
            if (c.oursMs === undefined && c.floorMs === undefined) continue;
            const beyond = c.oursMs !== undefined && c.floorMs !== undefined ? c.oursMs - c.floorMs : undefined;
            rows.push([
                op,
                String(p),
                sec(c.oursMs),
                sec(c.floorMs),
                sec(beyond),
                c.calls === undefined ? "-" : `${c.calls}${c.byMethod ? ` (${formatByMethod(c.byMethod)})` : ""}`,
                sec(c.apiPhaseMs),
                sec(c.minimumMs),
                c.apiPhaseMs !== undefined && c.minimumMs ? (c.apiPhaseMs / c.minimumMs).toFixed(2) : "-",
            ]);
            for (const u of c.unexpected) unexpected.push(`- Unexpected, ${op} at --parallel ${p}: ${u}`);
        }
    }
    const out = [
        table(
            [
                "Operation",
                "--parallel",
                "UserGroup wall s",
                "floor wall s",
                "Beyond the floor s",
                "API calls",
                "API phase s",
                "Physical minimum s",
                "API phase / minimum",
            ],
            rows,
        ),
    ];
    if (unexpected.length) out.push("", ...unexpected);
    if (result.errors.length) out.push("", "Failures:", "", "```", ...result.errors, "```");
    return out.join("\n");
}

/**
 * The issue's targets: refresh beyond the floor at each parallelism, and each operation at its fastest parallelism
 * against Terraform's figure.
 */
export function latencyTargets(result: LatencyResult): string[][] {
    const rows: string[][] = [];
    for (const p of result.parallels) {
        const refresh = latencyCell(result, p, "preview-refresh");
        if (refresh.apiPhaseMs !== undefined) {
            const beyond =
                refresh.oursMs !== undefined && refresh.floorMs !== undefined
                    ? `; wall beyond the floor's ${sec(refresh.oursMs - refresh.floorMs)} s`
                    : "";
            rows.push([
                `Latency ${result.latencyMs} ms, --parallel ${p}: preview --refresh API phase (beyond the floor's fixed cost) <= ${REFRESH_BEYOND_FLOOR_S} s`,
                `${sec(refresh.apiPhaseMs)} s${beyond}`,
                refresh.apiPhaseMs / 1000 <= REFRESH_BEYOND_FLOOR_S ? "holds" : "**misses**",
            ]);
        }
    }
    for (const op of OPS) {
        const tf = TERRAFORM_S[op];
        const cells = result.parallels.map((p) => ({ p, c: latencyCell(result, p, op) }));
        const measured = cells.filter((x) => x.c.oursMs !== undefined);
        if (tf === undefined || measured.length === 0) continue;
        const best = measured.reduce((a, b) => ((b.c.oursMs ?? 0) < (a.c.oursMs ?? 0) ? b : a));
        rows.push([
            `Latency ${result.latencyMs} ms: ${op} wall < Terraform's ${tf} s (at the fastest --parallel)`,
            `${sec(best.c.oursMs)} s at ${best.p} (floor ${sec(best.c.floorMs)} s)`,
            (best.c.oursMs ?? 0) / 1000 < tf ? "holds" : "**misses**",
        ]);
    }
    return rows;
}
