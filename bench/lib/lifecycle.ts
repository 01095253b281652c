/**
 * The lifecycle: the life of a stack of N groups (create, preview, preview --refresh, update every group, destroy),
 * for our UserGroup and for the floor, interleaved operation by operation so that machine noise hits both alike.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { EngineStack } from "../../scripts/lib/engine";
import { simAdmin } from "../../simulator/admin-client";
import {
    groupsProgram,
    installedUserGroup,
    noopGroupClass,
    type ProgramShape,
    TYPE_TOKENS,
    type Variant,
} from "./programs";
import { countByMethod } from "./request-log";
import type { BenchSimulator } from "./sim";
import { measureState, type StateSizes } from "./state-size";

/** The measured operations, in the order a run performs them. */
export const OPS = ["up-create", "preview", "preview-refresh", "up-update", "destroy"] as const;
export type OpName = (typeof OPS)[number];

/** One measured operation. */
export interface OpRun {
    /** Wall time of the Automation API call (CLI start, program, provider process, steps, checkpoint). */
    wallMs: number;
    /** API requests the simulator logged during the operation (ours only). */
    calls?: number;
    /** The same, by HTTP method. */
    byMethod?: Record<string, number>;
    /** Set when the engine reported other changes than the scenario expects (e.g. drift on an unchanged preview). */
    unexpected?: string;
}

/** Everything both variants need. */
export interface LifecycleContext {
    /** Scratch folder for stacks (`.work/bench`); the floor package lives in its node_modules. */
    benchDir: string;
    /** The simulator; without it only the floor runs. */
    sim?: BenchSimulator;
    /** The floor's provider (from the installed floor package). */
    noop: pulumi.dynamic.ResourceProvider;
    /** Variants to run. */
    variants: readonly Variant[];
}

/** The runs of one lifecycle measurement. */
export interface LifecycleResult {
    n: number;
    /** Per variant and operation, one entry per completed run. */
    runs: Record<Variant, Record<OpName, OpRun[]>>;
    /** The state size, measured after the first run's create. */
    state: Partial<Record<Variant, StateSizes & { checkpointBytesPerResource: number; secretInStateFiles: boolean }>>;
    /** Failures, by variant (redacted, shortened). */
    errors: string[];
}

interface LiveStack {
    variant: Variant;
    engine: EngineStack;
    shape: ProgramShape;
    failed: boolean;
}

function emptyRuns(): Record<OpName, OpRun[]> {
    return { "up-create": [], preview: [], "preview-refresh": [], "up-update": [], destroy: [] };
}

/** No runs yet, for every variant. */
export function emptyVariantRuns(): Record<Variant, Record<OpName, OpRun[]>> {
    return { ours: emptyRuns(), floor: emptyRuns() };
}

/** The changes the engine must report for an operation on N groups (the stack resource included). */
export function expectedChanges(op: OpName, n: number): Record<string, number> {
    switch (op) {
        case "up-create":
            return { create: n + 1 };
        case "preview":
        case "preview-refresh":
            return { same: n + 1 };
        case "up-update":
            return { same: 1, update: n };
        case "destroy":
            return { delete: n + 1 };
    }
}

/** Whether two engine change summaries agree, ignoring zero counts and key order. */
export function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
    const norm = (o: Record<string, number>) =>
        JSON.stringify(
            Object.entries(o)
                .filter(([, v]) => v > 0)
                .sort(([x], [y]) => x.localeCompare(y)),
        );
    return norm(a) === norm(b);
}

async function createStack(ctx: LifecycleContext, variant: Variant, n: number, tag: string): Promise<LiveStack> {
    const shape: ProgramShape = { n, namePrefix: `bench-${tag}`, description: "managed by the benchmark" };
    const Group = variant === "ours" ? installedUserGroup() : noopGroupClass(ctx.noop);
    const sim = ctx.sim;
    // Both variants get the same config (a secret to decrypt, a URL): the floor pays the same config cost.
    const engine = await EngineStack.create({
        project: `bench-${variant}`,
        dir: fs.mkdtempSync(path.join(ctx.benchDir, `stack-${variant}-`)),
        program: groupsProgram(Group, shape),
        config: {
            "jumpcloud:apiKey": { value: sim?.apiKey ?? "bench-floor-key", secret: true },
            "jumpcloud:apiUrl": { value: sim?.url ?? "http://127.0.0.1:9/api/v2" },
        },
    });
    return { variant, engine, shape, failed: false };
}

/** Runs one operation of the lifecycle on a stack; answers the engine's change summary. */
export async function engineOp(
    engine: EngineStack,
    op: OpName,
    opts: { parallel?: number } = {},
): Promise<Record<string, number>> {
    switch (op) {
        case "up-create":
        case "up-update":
            return (await engine.up(opts)).summary.resourceChanges ?? {};
        case "preview":
            return (await engine.preview({ ...opts, diff: false })).changeSummary;
        case "preview-refresh":
            return (await engine.preview({ ...opts, diff: false, refresh: true })).changeSummary;
        case "destroy":
            return (await engine.destroy(opts)).summary.resourceChanges ?? {};
    }
}

async function runOp(live: LiveStack, op: OpName, ctx: LifecycleContext): Promise<OpRun> {
    const sim = live.variant === "ours" ? ctx.sim : undefined;
    if (sim) await simAdmin(sim.origin).clearRequests();
    if (op === "up-update") live.shape.description = "updated by the benchmark";
    const started = performance.now();
    const changes = await engineOp(live.engine, op);
    const wallMs = performance.now() - started;
    const run: OpRun = { wallMs };
    if (sim) {
        const requests = await simAdmin(sim.origin).requests();
        run.calls = requests.length;
        run.byMethod = countByMethod(requests);
    }
    const expected = expectedChanges(op, live.shape.n);
    if (!sameCounts(changes, expected)) {
        run.unexpected = `expected ${JSON.stringify(expected)}, engine reported ${JSON.stringify(changes)}`;
    }
    return run;
}

function checkpointBytes(backendDir: string): number {
    let biggest = 0;
    for (const entry of fs.readdirSync(backendDir, { withFileTypes: true, recursive: true })) {
        const full = path.join(entry.parentPath, entry.name);
        if (entry.isFile() && entry.name.endsWith(".json") && full.includes(`${path.sep}stacks${path.sep}`)) {
            biggest = Math.max(biggest, fs.statSync(full).size);
        }
    }
    return biggest;
}

async function measureStack(live: LiveStack, sim: BenchSimulator | undefined) {
    const state = await live.engine.exportState();
    const forbidden: Record<string, string> = {};
    if (sim) {
        forbidden["API key"] = sim.apiKey;
        forbidden["API URL"] = sim.url;
        forbidden["simulator host"] = new URL(sim.origin).host;
    }
    const sizes = measureState(state.deployment.resources ?? [], TYPE_TOKENS[live.variant], forbidden);
    const n = Math.max(1, sizes.resources);
    return {
        ...sizes,
        checkpointBytesPerResource: checkpointBytes(live.engine.backendDir) / n,
        secretInStateFiles: sim ? live.engine.stateFilesText().includes(sim.apiKey) : false,
    };
}

/** Shortens an error and removes anything secret from it. */
export function describeError(err: unknown, secrets: readonly string[]): string {
    let text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    for (const s of secrets) if (s) text = text.split(s).join("<redacted>");
    // The Automation API puts the CLI's whole output in the message; its tail names the failure.
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const tail = lines.length > 14 ? [...lines.slice(0, 2), "...", ...lines.slice(-10)] : lines;
    return tail.join("\n").slice(0, 2500);
}

/**
 * Runs `runs` lifecycles of N groups per variant. Within a run both stacks exist side by side and each operation
 * runs on both back to back, the order alternating between runs.
 * @param onProgress called with a line after every operation.
 */
export async function runLifecycles(
    ctx: LifecycleContext,
    n: number,
    runs: number,
    onProgress: (line: string) => void = () => {},
): Promise<LifecycleResult> {
    const result: LifecycleResult = {
        n,
        runs: emptyVariantRuns(),
        state: {},
        errors: [],
    };
    const secrets = ctx.sim ? [ctx.sim.apiKey] : [];
    for (let run = 0; run < runs; run++) {
        if (ctx.sim) await simAdmin(ctx.sim.origin).reset();
        const stacks: LiveStack[] = [];
        try {
            for (const variant of ctx.variants) {
                try {
                    stacks.push(await createStack(ctx, variant, n, `r${run}`));
                } catch (err) {
                    result.errors.push(`${variant}, run ${run + 1}, stack setup: ${describeError(err, secrets)}`);
                }
            }
            // Rotate who goes first so a warm-up or cache effect does not always favour the same variant.
            for (let i = 0; i < run % Math.max(1, stacks.length); i++) stacks.push(stacks.shift()!);
            for (const op of OPS) {
                for (const live of stacks) {
                    if (live.failed) continue;
                    try {
                        const measured = await runOp(live, op, ctx);
                        result.runs[live.variant][op].push(measured);
                        onProgress(
                            `run ${run + 1}/${runs} ${live.variant.padEnd(12)} ${op.padEnd(15)} ` +
                                `${(measured.wallMs / 1000).toFixed(2)}s` +
                                (measured.calls === undefined ? "" : ` ${measured.calls} calls`) +
                                (measured.unexpected ? ` UNEXPECTED ${measured.unexpected}` : ""),
                        );
                        if (op === "up-create" && run === 0) {
                            result.state[live.variant] = await measureStack(live, ctx.sim);
                        }
                    } catch (err) {
                        live.failed = true;
                        const message = `${live.variant}, run ${run + 1}, ${op}: ${describeError(err, secrets)}`;
                        result.errors.push(message);
                        onProgress(`FAILED ${message.split("\n")[0]}`);
                    }
                }
            }
        } finally {
            for (const live of stacks) live.engine.remove();
        }
    }
    return result;
}
