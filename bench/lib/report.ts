/**
 * Renders bench/RESULTS.md from the measurements: the targets and their verdicts first, then one table per
 * scenario. Plain functions over plain data.
 */
import { type CheckpointResult, renderCheckpoints } from "./checkpoints";
import type { Environment } from "./environment";
import { type LatencyResult, latencyTargets, renderLatency } from "./latency";
import { type LifecycleResult, OPS, type OpName, type OpRun } from "./lifecycle";
import { s, table } from "./markdown";
import { VARIANT_LABELS, VARIANTS } from "./programs";
import type { RateLimitedResult } from "./rate-limited";
import { formatByMethod } from "./request-log";
import { pairedRatios, ratio, type Summary, summarize } from "./stats";

/** A row returned by bench/simulator.ts or bench/client.ts. */
export interface ExtraRow {
    name: string;
    value: number | string;
    unit?: string;
    target?: number | string;
}

/** The section of one optional bench module. */
export interface ExtraSection {
    title: string;
    rows?: ExtraRow[];
    /** Why there are no rows (absent module, failure). */
    note?: string;
    seconds?: number;
}

/** Everything RESULTS.md shows. */
export interface BenchReport {
    command: string;
    date: string;
    durationS: number;
    env: Environment;
    /** One-minute load average per core, before and after. */
    load: { before: number; after: number };
    runs: number;
    floorDefinition: string;
    lifecycle?: LifecycleResult;
    lifecycleNote?: string;
    rateLimited?: RateLimitedResult[];
    rateLimitedNote?: string;
    latency?: LatencyResult;
    latencyNote?: string;
    checkpoints?: CheckpointResult;
    checkpointsNote?: string;
    extras: ExtraSection[];
    notes: string[];
}

/** API calls per resource each operation may make (refresh: see {@link callTarget}). */
export const CALL_TARGETS: Record<OpName, number> = {
    "up-create": 1,
    preview: 0,
    "preview-refresh": 1,
    "up-update": 2,
    destroy: 1,
};

/**
 * The most API calls an operation on N resources may make. A refresh is served from list pages (100 groups each)
 * once listing pays, so its target is the pages plus a few calls spent deciding, ⌈N/100⌉ + 5, and never more than
 * one per group plus the probe.
 */
export function callTarget(op: OpName, n: number): number {
    if (op === "preview-refresh") return Math.min(n + 1, Math.ceil(n / 100) + 5);
    return CALL_TARGETS[op] * n;
}

/** The call target as the report prints it. */
function callTargetText(op: OpName, n: number): string {
    return op === "preview-refresh" ? `⌈N/100⌉ + 5 = ${callTarget(op, n)} calls` : `${CALL_TARGETS[op]} per resource`;
}

/** The largest ours/floor ratio each operation may have. */
export const RATIO_TARGETS: Record<OpName, number> = {
    "up-create": 1.3,
    preview: 1.15,
    "preview-refresh": 1.3,
    "up-update": 1.3,
    destroy: 1.3,
};

/** `__provider` budget per resource, bytes. */
export const PROVIDER_BYTES_TARGET = 4096;
/** Rate-limited create: the API phase at most this many times N/R. */
export const RATE_LIMIT_FACTOR_TARGET = 1.2;

const r2 = (x: number | undefined) => (x === undefined ? "n/a" : x.toFixed(2));
const verdict = (ok: boolean | undefined) => (ok === undefined ? "n/a" : ok ? "holds" : "**misses**");
/** "1.25 (1.20-1.30)" in seconds, or "-". */
const spread = (sum: Summary | undefined) => (sum ? `${s(sum.median)} (${s(sum.min)}-${s(sum.max)})` : "-");
/** "3" when every value is the same, "1-2" otherwise. */
const range = (xs: readonly number[]) =>
    Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}-${Math.max(...xs)}`;

export { table };

/** The ours/floor verdicts of one operation. */
export interface OpVerdict {
    op: OpName;
    callsPerResource?: number;
    callsOk?: boolean;
    ratio?: number;
    ratioOk?: boolean;
    paired: number[];
    unexpected: string[];
}

const wallTimes = (runs: readonly OpRun[]) => runs.map((r) => r.wallMs);

/** Compares ours with the floor for one operation (medians of wall time; the worst run's calls). */
export function judgeOp(lifecycle: LifecycleResult, op: OpName): OpVerdict {
    const ours = lifecycle.runs.ours[op];
    const floor = lifecycle.runs.floor[op];
    const calls = ours.map((r) => r.calls).filter((c): c is number => c !== undefined);
    const callsPerResource = calls.length ? Math.max(...calls) / lifecycle.n : undefined;
    const rt = ratio(summarize(wallTimes(ours))?.median, summarize(wallTimes(floor))?.median);
    const unexpected = VARIANTS.flatMap((v) =>
        lifecycle.runs[v][op].flatMap((run, i) => (run.unexpected ? [`${v} run ${i + 1}: ${run.unexpected}`] : [])),
    );
    return {
        op,
        ...(callsPerResource === undefined
            ? {}
            : { callsPerResource, callsOk: Math.max(...calls) <= callTarget(op, lifecycle.n) }),
        ...(rt === undefined ? {} : { ratio: rt, ratioOk: rt <= RATIO_TARGETS[op] }),
        paired: pairedRatios(wallTimes(ours), wallTimes(floor)),
        unexpected,
    };
}

/** One row per operation: both variants' wall times, their ratio, and our API calls. */
function renderLifecycle(lifecycle: LifecycleResult): string {
    const rows = OPS.map((op) => {
        const v = judgeOp(lifecycle, op);
        const ours = lifecycle.runs.ours[op];
        const calls = ours.map((r) => r.calls).filter((c): c is number => c !== undefined);
        const methods = ours[ours.length - 1]?.byMethod;
        return [
            op,
            spread(summarize(wallTimes(ours))),
            spread(summarize(wallTimes(lifecycle.runs.floor[op]))),
            `${r2(v.ratio)} (target <= ${RATIO_TARGETS[op]})`,
            v.paired.map((x) => x.toFixed(2)).join(", ") || "-",
            calls.length ? `${range(calls)}${methods ? ` (${formatByMethod(methods)})` : ""}` : "-",
            `${r2(v.callsPerResource)} (target ${callTargetText(op, lifecycle.n)})`,
        ];
    });
    const unexpected = OPS.flatMap((op) => judgeOp(lifecycle, op).unexpected.map((u) => `- Unexpected, ${op}: ${u}`));
    return [
        table(
            [
                "Operation",
                `${VARIANT_LABELS.ours}: median (min-max) s`,
                `${VARIANT_LABELS.floor}: median (min-max) s`,
                "Ratio of medians",
                "Paired ratios, run by run",
                "API calls",
                "Calls per resource",
            ],
            rows,
        ),
        ...(unexpected.length ? ["", ...unexpected] : []),
    ].join("\n");
}

function renderState(lifecycle: LifecycleResult): string {
    const rows = VARIANTS.flatMap((variant) => {
        const st = lifecycle.state[variant];
        if (!st) return [];
        const ours = variant === "ours";
        return [
            [
                VARIANT_LABELS[variant],
                st.bytesPerResource.toFixed(0),
                st.checkpointBytesPerResource.toFixed(0),
                `${st.providerBytes.toFixed(0)} x ${st.providerCopies}`,
                ours ? (st.leaks.length ? `**found: ${st.leaks.join(", ")}**` : "none") : "-",
                ours ? (st.secretInStateFiles ? "**API key found**" : "not found") : "-",
            ],
        ];
    });
    return table(
        [
            "Variant",
            "Bytes per resource (export)",
            "Checkpoint bytes per resource",
            "`__provider` bytes x copies",
            "Key, URL or host in `__provider`",
            "API key in backend files",
        ],
        rows,
    );
}

function renderRateLimited(results: readonly RateLimitedResult[]): string {
    const rows = results.flatMap((res) => {
        if (!res.runs.length) return [];
        const floorMs = (res.n / res.requestsPerSecond) * 1000;
        const span = summarize(res.runs.map((r) => r.apiSpanMs));
        const logged = res.runs.flatMap((r) => (r.clientLog ? [r.clientLog] : []));
        const complete = logged.length === res.runs.length;
        return [
            [
                res.variant.label,
                `${res.n} at ${res.requestsPerSecond}/s (N/R ${s(floorMs)} s)`,
                `${spread(span)}; ${r2((span?.median ?? 0) / floorMs)} x N/R`,
                spread(summarize(res.runs.map((r) => r.wallMs))),
                range(res.runs.map((r) => r.tally.total)),
                range(res.runs.map((r) => r.tally.rejected)),
                complete ? range(logged.map((l) => l.refusedInFlight)) : "no client log",
                complete ? `${range(logged.map((l) => l.refusedAfterClientKnew))} (target 0)` : "no client log",
            ],
        ];
    });
    return table(
        [
            "Client settings",
            "Groups",
            "API phase: median (min-max) s",
            "Wall: median (min-max) s",
            "Requests",
            "429s",
            "429s in flight at the first",
            "429s to requests sent after the client had one",
        ],
        rows,
    );
}

function fmtValue(v: number | string): string {
    if (typeof v === "string") return v;
    if (Number.isInteger(v)) return String(v);
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

function renderExtra(extra: ExtraSection): string {
    const parts = [`## ${extra.title}`, ""];
    if (extra.note) parts.push(extra.note, "");
    if (extra.rows?.length) {
        const rows = extra.rows.map((r) => [
            r.name,
            fmtValue(r.value),
            r.unit ?? "",
            r.target === undefined ? "" : fmtValue(r.target),
        ]);
        parts.push(table(["Metric", "Value", "Unit", "Target"], rows), "");
    }
    if (extra.seconds !== undefined) parts.push(`(took ${extra.seconds.toFixed(1)} s)`, "");
    return parts.join("\n");
}

/** The rate-limited targets, judged on the first variant (the package's defaults). */
function rateLimitedTargets(limited: RateLimitedResult): string[][] {
    const floorMs = (limited.n / limited.requestsPerSecond) * 1000;
    const span = summarize(limited.runs.map((r) => r.apiSpanMs))?.median ?? 0;
    const wall = summarize(limited.runs.map((r) => r.wallMs))?.median ?? 0;
    // Judged on the client's log: a request already on the wire when the first 429 came back cannot be recalled.
    const logged = limited.runs.every((r) => r.clientLog !== undefined);
    // A run whose client log and simulator log disagree (or that created the wrong count) cannot vouch for 0.
    const flagged = limited.runs.filter((r) => r.unexpected !== undefined).length;
    const after = Math.max(
        ...limited.runs.map((r) => r.clientLog?.refusedAfterClientKnew ?? r.tally.rejectedAfterFirst),
    );
    const label = `Rate-limited create (${limited.variant.label})`;
    return [
        [
            `${label}, API phase <= ${RATE_LIMIT_FACTOR_TARGET} x N/R`,
            `${r2(span / floorMs)} x (wall incl. start-up ${r2(wall / floorMs)} x)`,
            verdict(span / floorMs <= RATE_LIMIT_FACTOR_TARGET),
        ],
        [
            `${label}, no request beyond the limit after the first 429`,
            `${after} (worst run${logged ? ", from the client's log" : ", no client log: every 429 after the first"})` +
                (flagged ? `; ${flagged} run(s) flagged, see the rate-limited create` : ""),
            verdict(after === 0 && flagged === 0),
        ],
    ];
}

/** The targets and whether this run held them. */
export function renderTargets(report: BenchReport): string {
    const rows: string[][] = [];
    const lc = report.lifecycle;
    if (lc?.runs.ours["up-create"].length) {
        const verdicts = OPS.map((op) => judgeOp(lc, op));
        for (const v of verdicts) {
            rows.push([
                `API calls, ${v.op}: ${callTargetText(v.op, lc.n)}`,
                r2(v.callsPerResource),
                verdict(v.callsOk),
            ]);
        }
        for (const v of verdicts) {
            rows.push([`Ratio to floor, ${v.op}: <= ${RATIO_TARGETS[v.op]}`, r2(v.ratio), verdict(v.ratioOk)]);
        }
        const st = lc.state.ours;
        if (st) {
            const budget = `\`__provider\` <= ${PROVIDER_BYTES_TARGET} bytes per resource`;
            rows.push(
                [
                    `${budget} (one copy)`,
                    st.providerBytes.toFixed(0),
                    verdict(st.providerBytes <= PROVIDER_BYTES_TARGET),
                ],
                [
                    `${budget} (both copies the engine keeps)`,
                    st.providerBytesPerResource.toFixed(0),
                    verdict(st.providerBytesPerResource <= PROVIDER_BYTES_TARGET),
                ],
                [
                    "No API key, URL or host in `__provider`; no API key in backend files",
                    st.leaks.length || st.secretInStateFiles ? `found: ${st.leaks.join(", ")}` : "clean",
                    verdict(st.leaks.length === 0 && !st.secretInStateFiles),
                ],
            );
        }
    }
    const limited = report.rateLimited?.[0];
    if (limited?.runs.length) rows.push(...rateLimitedTargets(limited));
    if (report.latency) rows.push(...latencyTargets(report.latency));
    if (report.checkpoints) rows.push(...renderCheckpoints(report.checkpoints).targets);
    return rows.length ? table(["Target", "Measured", "Verdict"], rows) : "No target could be measured in this run.";
}

/** The whole RESULTS.md. */
export function renderReport(report: BenchReport): string {
    const e = report.env;
    const machine = [
        ["CPU", `${e.cores} cores, ${e.cpuModel}`],
        ["Memory", `${e.memoryGiB} GiB`],
        ["OS", e.os],
        ["Load per core (1 min) before / after", `${report.load.before.toFixed(2)} / ${report.load.after.toFixed(2)}`],
        ["Node.js", e.node],
        ["Pulumi CLI", e.pulumiCli],
        ["@pulumi/pulumi", e.pulumiSdk],
        ["pulumi-jumpcloud", `${e.packageVersion} (${e.commit})`],
    ];
    const out: string[] = [
        "# Benchmark results",
        "",
        `Generated by \`${report.command}\` on ${report.date}, in ${report.durationS.toFixed(0)} s, ${report.runs} run(s)`,
        "per measurement. Every scenario runs the real Pulumi engine (Automation API inline programs, file backend under",
        "`.work/`) against the embedded simulator on a loopback port; ratios are ours over the floor measured in the same",
        "invocation, interleaved operation by operation. `npm run bench -- --full` uses N=1000; `--runs K` changes the",
        "number of runs (at least 3 for this file). The API calls each operation of the other resources costs are",
        "asserted exactly by the end-to-end tests (test/e2e), not measured here.",
        "",
        "```sh",
        report.command,
        "```",
        "",
        table(["Machine and versions", ""], machine),
        "",
        "## The floor",
        "",
        report.floorDefinition,
        "",
        "## Targets",
        "",
        renderTargets(report),
        "",
    ];
    if (report.notes.length) out.push("## Notes", "", ...report.notes.map((n) => `- ${n}`), "");
    out.push("## Lifecycle of N groups", "");
    if (report.lifecycleNote) out.push(report.lifecycleNote, "");
    const lc = report.lifecycle;
    if (lc) {
        out.push(`N=${lc.n}. create, preview, preview --refresh, an update of every description, destroy.`, "");
        out.push(renderLifecycle(lc), "");
        if (lc.errors.length) out.push("Failures:", "", "```", ...lc.errors, "```", "");
        if (Object.keys(lc.state).length) {
            out.push("State after the first run's create (the engine keeps `__provider` in inputs and outputs):", "");
            out.push(renderState(lc), "");
        }
    }
    out.push("## Rate-limited create", "");
    if (report.rateLimitedNote) out.push(report.rateLimitedNote, "");
    for (const res of report.rateLimited ?? []) {
        res.runs.forEach((run, i) => {
            if (run.unexpected) out.push(`- Unexpected: ${res.variant.label}, run ${i + 1}: ${run.unexpected}`);
        });
        if (res.errors.length) out.push("Failures:", "", "```", ...res.errors, "```", "");
    }
    if (report.rateLimited?.length) out.push("", renderRateLimited(report.rateLimited), "");
    if (report.latency) {
        const lt = report.latency;
        out.push(`## Lifecycle under ${lt.latencyMs} ms of API latency`, "");
        if (report.latencyNote) out.push(report.latencyNote, "");
        out.push(renderLatency(lt), "");
    }
    if (report.checkpoints) {
        out.push(`## Checkpoints on and off (N=${report.checkpoints.n})`, "");
        if (report.checkpointsNote) out.push(report.checkpointsNote, "");
        out.push(renderCheckpoints(report.checkpoints).section, "");
    }
    for (const extra of report.extras) out.push(renderExtra(extra));
    return `${out
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trimEnd()}\n`;
}
