/**
 * Checkpoints on and off: `up` creating N groups and `destroy`, on loopback with the client allowed R requests per
 * second, once with the file backend's per-step checkpoints and once with `PULUMI_SKIP_CHECKPOINTS=true` (in the
 * safe mode the README describes: `jumpcloud:adoptExactMatches: true`, set on both stacks alike). The two stacks
 * are interleaved operation by operation, the order alternating between runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineStack } from "../../scripts/lib/engine";
import { simAdmin } from "../../simulator/admin-client";
import { describeError, sameCounts } from "./lifecycle";
import { s, table } from "./markdown";
import { groupsProgram, installedUserGroup, type ProgramShape } from "./programs";
import type { BenchSimulator } from "./sim";
import { summarize } from "./stats";

/** The two modes. */
export const CHECKPOINT_MODES = ["checkpoints", "skip-checkpoints"] as const;
export type CheckpointMode = (typeof CHECKPOINT_MODES)[number];
/** The operations measured. */
export const CHECKPOINT_OPS = ["up-create", "destroy"] as const;
export type CheckpointOp = (typeof CHECKPOINT_OPS)[number];
/** Targets from the issue: skip-checkpoints time over checkpoints time, at most. */
export const CHECKPOINT_TARGETS: Record<CheckpointOp, number> = { "up-create": 0.35, destroy: 0.1 };

export interface CheckpointRun {
    wallMs: number;
    calls: number;
    unexpected?: string;
}

export interface CheckpointResult {
    n: number;
    requestsPerSecond: number;
    runs: Record<CheckpointMode, Record<CheckpointOp, CheckpointRun[]>>;
    errors: string[];
}

/** Runs `runs` create/destroy pairs of N groups in both modes. */
export async function runCheckpoints(
    sim: BenchSimulator,
    benchDir: string,
    opts: { n: number; requestsPerSecond: number; runs: number },
    onProgress: (line: string) => void = () => {},
): Promise<CheckpointResult> {
    const result: CheckpointResult = {
        n: opts.n,
        requestsPerSecond: opts.requestsPerSecond,
        runs: {
            checkpoints: { "up-create": [], destroy: [] },
            "skip-checkpoints": { "up-create": [], destroy: [] },
        },
        errors: [],
    };
    for (let run = 0; run < opts.runs; run++) {
        await simAdmin(sim.origin).reset();
        const stacks: Array<{ mode: CheckpointMode; engine: EngineStack; failed: boolean }> = [];
        try {
            for (const mode of CHECKPOINT_MODES) {
                const shape: ProgramShape = { n: opts.n, namePrefix: `ckpt-r${run}-${mode}`, description: "bench" };
                const engine = await EngineStack.create({
                    project: `bench-${mode}`,
                    dir: fs.mkdtempSync(path.join(benchDir, `stack-${mode}-`)),
                    ...(mode === "skip-checkpoints" ? { env: { PULUMI_SKIP_CHECKPOINTS: "true" } } : {}),
                    program: groupsProgram(installedUserGroup(), shape),
                    config: {
                        "jumpcloud:apiKey": { value: sim.apiKey, secret: true },
                        "jumpcloud:apiUrl": { value: sim.url },
                        "jumpcloud:maxRequestsPerSecond": { value: String(opts.requestsPerSecond) },
                        "jumpcloud:adoptExactMatches": { value: "true" },
                    },
                });
                stacks.push({ mode, engine, failed: false });
            }
            if (run % 2 === 1) stacks.reverse();
            for (const op of CHECKPOINT_OPS) {
                for (const live of stacks) {
                    if (live.failed) continue;
                    try {
                        await simAdmin(sim.origin).clearRequests();
                        const started = performance.now();
                        const summary =
                            op === "up-create"
                                ? (await live.engine.up()).summary.resourceChanges
                                : (await live.engine.destroy()).summary.resourceChanges;
                        const wallMs = performance.now() - started;
                        const calls = (await simAdmin(sim.origin).requests()).length;
                        const expected: Record<string, number> = {
                            [op === "up-create" ? "create" : "delete"]: opts.n + 1,
                        };
                        const m: CheckpointRun = { wallMs, calls };
                        if (!sameCounts(summary ?? {}, expected))
                            m.unexpected = `engine reported ${JSON.stringify(summary)}`;
                        result.runs[live.mode][op].push(m);
                        onProgress(
                            `checkpoints run ${run + 1}/${opts.runs} ${live.mode.padEnd(16)} ${op.padEnd(9)} ` +
                                `${s(wallMs)}s ${calls} calls${m.unexpected ? ` UNEXPECTED ${m.unexpected}` : ""}`,
                        );
                    } catch (err) {
                        live.failed = true;
                        const msg = `${live.mode}, run ${run + 1}, ${op}: ${describeError(err, [sim.apiKey])}`;
                        result.errors.push(msg);
                        onProgress(`FAILED ${msg.split("\n")[0]}`);
                    }
                }
            }
        } catch (err) {
            result.errors.push(`run ${run + 1}, setup: ${describeError(err, [sim.apiKey])}`);
        } finally {
            for (const live of stacks) live.engine.remove();
        }
    }
    return result;
}

const median = (runs: readonly CheckpointRun[]) => summarize(runs.map((r) => r.wallMs))?.median;

/** skip-checkpoints over checkpoints, medians, per operation. */
export function checkpointRatio(result: CheckpointResult, op: CheckpointOp): number | undefined {
    const on = median(result.runs.checkpoints[op]);
    const off = median(result.runs["skip-checkpoints"][op]);
    return on && off !== undefined ? off / on : undefined;
}

/** The table and the target rows. */
export function renderCheckpoints(result: CheckpointResult): { section: string; targets: string[][] } {
    const rows = CHECKPOINT_OPS.map((op) => {
        const on = result.runs.checkpoints[op];
        const off = result.runs["skip-checkpoints"][op];
        const r = checkpointRatio(result, op);
        const fmt = (xs: readonly CheckpointRun[]) => {
            const sum = summarize(xs.map((x) => x.wallMs));
            return sum ? `${s(sum.median)} (${s(sum.min)}-${s(sum.max)})` : "-";
        };
        return [
            op,
            fmt(on),
            fmt(off),
            r === undefined ? "-" : `${r.toFixed(2)} (target <= ${CHECKPOINT_TARGETS[op]})`,
            [...on, ...off].map((x) => x.calls).join(", "),
        ];
    });
    const unexpected = CHECKPOINT_MODES.flatMap((mode) =>
        CHECKPOINT_OPS.flatMap((op) =>
            result.runs[mode][op].flatMap((x) =>
                x.unexpected ? [`- Unexpected, ${mode} ${op}: ${x.unexpected}`] : [],
            ),
        ),
    );
    const section = [
        table(
            [
                "Operation",
                "Checkpoints: median (min-max) s",
                "PULUMI_SKIP_CHECKPOINTS=true: median (min-max) s",
                "Ratio (skip / checkpoints)",
                "API calls, every run",
            ],
            rows,
        ),
        ...(unexpected.length ? ["", ...unexpected] : []),
        ...(result.errors.length ? ["", "Failures:", "", "```", ...result.errors, "```"] : []),
    ].join("\n");
    const targets = CHECKPOINT_OPS.flatMap((op) => {
        const r = checkpointRatio(result, op);
        if (r === undefined) return [];
        const limit = CHECKPOINT_TARGETS[op];
        return [
            [
                `N=${result.n} at ${result.requestsPerSecond} requests/s: ${op} with PULUMI_SKIP_CHECKPOINTS=true <= ${limit}x with checkpoints`,
                `${r.toFixed(2)}x`,
                r <= limit ? "holds" : "**misses**",
            ],
        ];
    });
    return { section, targets };
}
