/**
 * Renders bench/RESULTS.md from the measurements: plain functions over plain data.
 */
import type { Environment } from "./environment";
import type { KnobResult, ProgramLoadResult } from "./knobs";
import { type LifecycleResult, OPS, type OpName, type OpRun } from "./lifecycle";
import { s, table } from "./markdown";
import { IMPORT_USERS, type OtherResourcesResult } from "./other-resources";
import { VARIANT_LABELS, VARIANTS, type Variant } from "./programs";
import type { RateLimitedResult } from "./rate-limited";
import { otherTargetRows, renderOtherResources } from "./report-other";
import { formatByMethod } from "./request-log";
import { pairedRatios, ratio, summarize } from "./stats";

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
    mode: string;
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
    otherResources?: OtherResourcesResult;
    knobs?: KnobResult[];
    knobsVariant?: Variant;
    programLoad?: ProgramLoadResult[];
    extras: ExtraSection[];
    notes: string[];
}

/** API calls per resource each operation may make. */
export const CALL_TARGETS: Record<OpName, number> = {
    "up-create": 1,
    preview: 0,
    "preview-refresh": 1,
    "up-update": 2,
    destroy: 1,
};

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
/** Rate-limited create: wall time (of the API phase) at most this many times N/R. */
export const RATE_LIMIT_FACTOR_TARGET = 1.2;

export const OP_TITLES: Record<OpName, string> = {
    "up-create": "1. `up` creating N groups from empty",
    preview: "2. `preview`, nothing changed",
    "preview-refresh": "3. `preview --refresh`, nothing changed",
    "up-update": "4. `up` changing `description` on all N",
    destroy: "5. `destroy` of all N",
};

const r2 = (x: number | undefined) => (x === undefined ? "n/a" : x.toFixed(2));
const verdict = (ok: boolean | undefined) => (ok === undefined ? "n/a" : ok ? "holds" : "**misses**");

export { table };

/** "100" when every run made the same number of calls, "100-104" otherwise. */
function callsCell(runs: readonly OpRun[]): string {
    const calls = runs.map((r) => r.calls).filter((c): c is number => c !== undefined);
    if (calls.length === 0) return "-";
    const lo = Math.min(...calls);
    const hi = Math.max(...calls);
    const last = runs[runs.length - 1]?.byMethod;
    return `${lo === hi ? lo : `${lo}-${hi}`}${last ? ` (${formatByMethod(last)})` : ""}`;
}

function maxCallsPerResource(runs: readonly OpRun[], n: number): number | undefined {
    const calls = runs.map((r) => r.calls).filter((c): c is number => c !== undefined);
    return calls.length ? Math.max(...calls) / n : undefined;
}

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

/** Compares ours with the floor for one operation (medians of wall time; the worst run's calls). */
export function judgeOp(lifecycle: LifecycleResult, op: OpName): OpVerdict {
    const ours = lifecycle.runs.ours[op];
    const floor = lifecycle.runs.floor[op];
    const callsPerResource = maxCallsPerResource(ours, lifecycle.n);
    const rt = ratio(summarize(ours.map((r) => r.wallMs))?.median, summarize(floor.map((r) => r.wallMs))?.median);
    const unexpected = VARIANTS.flatMap((v) =>
        lifecycle.runs[v][op].flatMap((run, i) => (run.unexpected ? [`${v} run ${i + 1}: ${run.unexpected}`] : [])),
    );
    return {
        op,
        ...(callsPerResource === undefined
            ? {}
            : { callsPerResource, callsOk: callsPerResource <= CALL_TARGETS[op] + 1e-9 }),
        ...(rt === undefined ? {} : { ratio: rt, ratioOk: rt <= RATIO_TARGETS[op] }),
        paired: pairedRatios(
            ours.map((r) => r.wallMs),
            floor.map((r) => r.wallMs),
        ),
        unexpected,
    };
}

/** The table of one lifecycle operation, every variant that ran. */
export function renderOpTable(lifecycle: LifecycleResult, op: OpName): string {
    const floorMedian = summarize(lifecycle.runs.floor[op].map((r) => r.wallMs))?.median;
    const rows: string[][] = [];
    for (const variant of VARIANTS) {
        const runs = lifecycle.runs[variant][op];
        const sum = summarize(runs.map((r) => r.wallMs));
        if (!sum) continue;
        const perResource = maxCallsPerResource(runs, lifecycle.n);
        rows.push([
            VARIANT_LABELS[variant],
            String(lifecycle.n),
            s(sum.median),
            `${s(sum.min)}-${s(sum.max)}`,
            String(sum.count),
            callsCell(runs),
            perResource === undefined ? "-" : `${perResource.toFixed(2)} (target ${CALL_TARGETS[op]})`,
            variant === "floor" ? "1.00" : `${r2(ratio(sum.median, floorMedian))}`,
        ]);
    }
    return table(
        [
            "Variant",
            "N",
            "Median wall (s)",
            "Min-max (s)",
            "Runs",
            "API calls",
            "Calls/resource",
            `Ratio to floor (target <= ${RATIO_TARGETS[op]})`,
        ],
        rows,
    );
}

function renderLifecycle(lifecycle: LifecycleResult): string {
    const parts: string[] = [];
    for (const op of OPS) {
        const v = judgeOp(lifecycle, op);
        parts.push(`### ${OP_TITLES[op]}`, "", renderOpTable(lifecycle, op), "");
        if (v.paired.length) {
            parts.push(`Paired ratios (run by run): ${v.paired.map((x) => x.toFixed(2)).join(", ")}.`, "");
        }
        for (const u of v.unexpected) parts.push(`- Unexpected: ${u}`);
        if (v.unexpected.length) parts.push("");
    }
    return parts.join("\n");
}

function renderState(lifecycle: LifecycleResult): string {
    const rows: string[][] = [];
    for (const variant of VARIANTS) {
        const st = lifecycle.state[variant];
        if (!st) continue;
        rows.push([
            VARIANT_LABELS[variant],
            String(st.resources),
            st.bytesPerResource.toFixed(0),
            st.checkpointBytesPerResource.toFixed(0),
            st.providerBytes.toFixed(0),
            `${st.providerBytesPerResource.toFixed(0)} (${st.providerCopies} copies)`,
            variant === "ours" ? (st.leaks.length ? `**found: ${st.leaks.join(", ")}**` : "none") : "-",
            variant === "ours" ? (st.secretInStateFiles ? "**API key found**" : "not found") : "-",
        ]);
    }
    return table(
        [
            "Variant",
            "Resources",
            "Bytes/resource (export, compact JSON)",
            "Checkpoint file bytes/resource",
            "`__provider` bytes (one copy)",
            "`__provider` bytes/resource",
            "Key/URL/host in `__provider`",
            "API key in backend files",
        ],
        rows,
    );
}

function renderRateLimited(results: readonly RateLimitedResult[]): string {
    const rows: string[][] = [];
    for (const res of results) {
        const floorMs = (res.n / res.requestsPerSecond) * 1000;
        const wall = summarize(res.runs.map((r) => r.wallMs));
        const span = summarize(res.runs.map((r) => r.apiSpanMs));
        const lead = summarize(res.runs.map((r) => r.leadInMs));
        if (!wall || !span || !lead) continue;
        const totals = res.runs.map((r) => r.tally.total);
        const rejected = res.runs.map((r) => r.tally.rejected);
        const after = res.runs.map((r) => r.tally.rejectedAfterFirst);
        const logged = res.runs.flatMap((r) => (r.clientLog ? [r.clientLog] : []));
        const range = (xs: number[]) =>
            Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}-${Math.max(...xs)}`;
        rows.push([
            res.variant.label,
            String(res.n),
            String(res.requestsPerSecond),
            s(floorMs),
            `${s(wall.median)} (${s(wall.min)}-${s(wall.max)})`,
            `${s(span.median)} (${s(span.min)}-${s(span.max)})`,
            s(lead.median),
            `${r2(span.median / floorMs)} (target <= ${RATE_LIMIT_FACTOR_TARGET})`,
            r2(wall.median / floorMs),
            range(totals),
            range(rejected),
            range(after),
            logged.length === res.runs.length ? range(logged.map((l) => l.refusedInFlight)) : "no client log",
            logged.length === res.runs.length
                ? `${range(logged.map((l) => l.refusedAfterClientKnew))} (target 0)`
                : "no client log",
        ]);
    }
    return table(
        [
            "Client settings",
            "N",
            "R (req/s)",
            "N/R (s)",
            "Wall median (min-max) (s)",
            "API phase median (min-max) (s)",
            "Start-up before 1st call (s)",
            "API phase / (N/R)",
            "Wall / (N/R)",
            "Requests",
            "429s",
            "429s after the first (simulator's log order)",
            "of which in flight when the first 429 reached the client",
            "429s to requests sent after the client had a 429",
        ],
        rows,
    );
}

function renderKnobs(knobs: readonly KnobResult[], variant: Variant): string {
    const base = knobs[0];
    const medianOf = (k: KnobResult, op: OpName) => summarize(k.result.runs[variant][op].map((r) => r.wallMs))?.median;
    const rows = knobs.map((k) => [
        k.config.label,
        String(k.result.runs[variant]["up-create"].length),
        ...OPS.map((op) => {
            const m = medianOf(k, op);
            const rel = base && k !== base ? ratio(m, medianOf(base, op)) : undefined;
            return m === undefined ? "failed" : `${s(m)}${rel === undefined ? "" : ` (x${rel.toFixed(2)})`}`;
        }),
    ]);
    return table(["Setting", "Runs", ...OPS.map((op) => `${op} median (s)`)], rows);
}

function renderProgramLoad(results: readonly ProgramLoadResult[]): string {
    return table(
        ["Program loaded with", "In a Pulumi project", "Median (s)", "Min-max (s)", "Runs"],
        results.map((r) => {
            const sum = summarize(r.ms);
            return [
                r.label,
                r.how,
                sum ? s(sum.median) : `failed: ${r.error ?? ""}`,
                sum ? `${s(sum.min)}-${s(sum.max)}` : "-",
                String(r.ms.length),
            ];
        }),
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
        parts.push(
            table(
                ["Metric", "Value", "Unit", "Target"],
                extra.rows.map((r) => [
                    r.name,
                    fmtValue(r.value),
                    r.unit ?? "",
                    r.target === undefined ? "" : fmtValue(r.target),
                ]),
            ),
            "",
        );
    }
    if (extra.seconds !== undefined) parts.push(`(took ${extra.seconds.toFixed(1)} s)`, "");
    return parts.join("\n");
}

/** The targets of the issue and whether this run held them. */
export function renderTargets(report: BenchReport): string {
    const rows: string[][] = [];
    const lc = report.lifecycle;
    if (lc?.runs.ours["up-create"].length) {
        for (const op of OPS) {
            const v = judgeOp(lc, op);
            rows.push([
                `API calls per resource, ${op}: ${CALL_TARGETS[op]}`,
                v.callsPerResource === undefined ? "n/a" : v.callsPerResource.toFixed(2),
                verdict(v.callsOk),
            ]);
        }
        for (const op of OPS) {
            const v = judgeOp(lc, op);
            rows.push([`Ratio to floor, ${op}: <= ${RATIO_TARGETS[op]}`, r2(v.ratio), verdict(v.ratioOk)]);
        }
        const st = lc.state.ours;
        if (st) {
            rows.push([
                `\`__provider\` <= ${PROVIDER_BYTES_TARGET} bytes per resource (one copy)`,
                `${st.providerBytes.toFixed(0)}`,
                verdict(st.providerBytes <= PROVIDER_BYTES_TARGET),
            ]);
            rows.push([
                `\`__provider\` <= ${PROVIDER_BYTES_TARGET} bytes per resource (both copies the engine keeps)`,
                `${st.providerBytesPerResource.toFixed(0)}`,
                verdict(st.providerBytesPerResource <= PROVIDER_BYTES_TARGET),
            ]);
            rows.push([
                "No API key, URL or host in `__provider`; no API key in backend files",
                st.leaks.length || st.secretInStateFiles ? `found: ${st.leaks.join(", ")}` : "clean",
                verdict(st.leaks.length === 0 && !st.secretInStateFiles),
            ]);
        }
    }
    const limited = report.rateLimited?.[0];
    if (limited?.runs.length) {
        const floorMs = (limited.n / limited.requestsPerSecond) * 1000;
        const span = summarize(limited.runs.map((r) => r.apiSpanMs))!.median;
        const wall = summarize(limited.runs.map((r) => r.wallMs))!.median;
        // Judged on the client's log: a request already on the wire when the first 429 came back cannot be recalled.
        const logged = limited.runs.every((r) => r.clientLog !== undefined);
        // A run whose client log and simulator log disagree (or that created the wrong count) cannot vouch for 0.
        const flagged = limited.runs.filter((r) => r.unexpected !== undefined).length;
        const after = Math.max(
            ...limited.runs.map((r) => r.clientLog?.refusedAfterClientKnew ?? r.tally.rejectedAfterFirst),
        );
        rows.push([
            `Rate-limited create (${limited.variant.label}), API phase <= ${RATE_LIMIT_FACTOR_TARGET} x N/R`,
            `${r2(span / floorMs)} x (wall incl. start-up ${r2(wall / floorMs)} x)`,
            verdict(span / floorMs <= RATE_LIMIT_FACTOR_TARGET),
        ]);
        rows.push([
            `Rate-limited create (${limited.variant.label}), no request beyond the limit after the first 429`,
            `${after} (worst run${logged ? ", from the client's log" : ", no client log: every 429 after the first"})` +
                (flagged ? `; ${flagged} run(s) flagged, see scenario 6` : ""),
            verdict(after === 0 && flagged === 0),
        ]);
    }
    if (report.otherResources) rows.push(...otherTargetRows(report.otherResources));
    return rows.length ? table(["Target", "Measured", "Verdict"], rows) : "No target could be measured in this run.";
}

/** The whole RESULTS.md. */
export function renderReport(report: BenchReport): string {
    const e = report.env;
    const out: string[] = [
        "# Benchmark results",
        "",
        `Generated by \`${report.command}\` (${report.mode} mode) on ${report.date}, in ${report.durationS.toFixed(0)} s.`,
        "Every scenario runs the real Pulumi engine (Automation API inline programs, file backend under `.work/`)",
        "against the embedded simulator on a loopback port. Wall times are medians of the runs; ratios are ours over",
        "the floor measured in the same invocation, interleaved operation by operation.",
        "",
        "## Reproduce",
        "",
        "```sh",
        report.command,
        "```",
        "",
        "`npm run bench` is the quick mode (N=100); `npm run bench -- --full` uses N=1000 and adds the knob study and",
        "the object-style floor; `npm run bench -- --knobs` runs the knob study at N=100. `--runs K` changes the number",
        "of runs (at least 3 for RESULTS.md).",
        "",
        "## Machine and versions",
        "",
        table(
            ["", ""],
            [
                ["CPU", `${e.cores} cores, ${e.cpuModel}`],
                ["Memory", `${e.memoryGiB} GiB`],
                ["OS", e.os],
                [
                    "Load average per core (1 min) before / after",
                    `${report.load.before.toFixed(2)} / ${report.load.after.toFixed(2)}`,
                ],
                ["Node.js", e.node],
                ["Pulumi CLI", e.pulumiCli],
                ["@pulumi/pulumi", e.pulumiSdk],
                ["pulumi-jumpcloud", `${e.packageVersion} (${e.commit})`],
            ],
        ),
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
    out.push("## Scenarios 1-5: lifecycle of N groups", "");
    if (report.lifecycleNote) out.push(report.lifecycleNote, "");
    if (report.lifecycle) {
        out.push(renderLifecycle(report.lifecycle));
        if (report.lifecycle.errors.length) {
            out.push("Failures:", "", "```", ...report.lifecycle.errors, "```", "");
        }
    }
    out.push("## Scenario 6: rate-limited create", "");
    if (report.rateLimitedNote) out.push(report.rateLimitedNote, "");
    if (report.rateLimited?.length) {
        out.push(renderRateLimited(report.rateLimited), "");
        const unexpected = report.rateLimited.flatMap((r) =>
            r.runs.flatMap((run, i) =>
                run.unexpected ? [`- Unexpected: ${r.variant.label}, run ${i + 1}: ${run.unexpected}`] : [],
            ),
        );
        if (unexpected.length) out.push(...unexpected, "");
        const errors = report.rateLimited.flatMap((r) => r.errors);
        if (errors.length) out.push("Failures:", "", "```", ...errors, "```", "");
    }
    out.push("## Scenario 7: state size", "");
    if (report.lifecycle && Object.keys(report.lifecycle.state).length) {
        out.push(
            `Measured after the first run's create of N=${report.lifecycle.n}. The engine keeps \`__provider\` twice`,
            "per resource (in its inputs and its outputs).",
            "",
            renderState(report.lifecycle),
            "",
        );
    } else out.push("Not measured in this run.", "");
    if (report.otherResources) {
        out.push(
            "## Scenario 8: the other resources",
            "",
            `One stack of N=${report.otherResources.n} UserPushEndpoints (each adopting a device seeded into the`,
            `simulator and renaming it), the WorkdayInstance and one WorkdayImport of ${IMPORT_USERS} users, through the`,
            "same five operations; `up-update` renames every device and changes the instance's report URL.",
            "",
            renderOtherResources(report.otherResources),
            "",
        );
        if (report.otherResources.errors.length) {
            out.push("Failures:", "", "```", ...report.otherResources.errors, "```", "");
        }
    }
    if (report.knobs?.length && report.knobsVariant) {
        out.push(
            "## Engine knobs",
            "",
            `The lifecycle of ${VARIANT_LABELS[report.knobsVariant]} at N=${report.knobs[0]?.result.n} under each`,
            "setting, round-robin; (xK) is the median relative to the defaults.",
            "",
            renderKnobs(report.knobs, report.knobsVariant),
            "",
        );
        const errors = report.knobs.flatMap((k) => k.result.errors);
        if (errors.length) out.push("Failures:", "", "```", ...errors, "```", "");
    }
    if (report.programLoad?.length) {
        out.push(
            "## Program load time",
            "",
            "A one-file program importing `@pulumi/pulumi` and `pulumi-jumpcloud`, started in a fresh Node.js",
            "process (Pulumi's TypeScript template tsconfig). The Node.js language host pays this on every preview,",
            "up and destroy; Automation API inline programs (as here) pay it once per process.",
            "",
            renderProgramLoad(report.programLoad),
            "",
        );
    }
    for (const extra of report.extras) out.push(renderExtra(extra));
    return `${out
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trimEnd()}\n`;
}
