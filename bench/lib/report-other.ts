/**
 * Scenario 8 in RESULTS.md: the other resources' API calls per operation, their wall times, and their state size.
 */
import { OPS } from "./lifecycle";
import { s, table } from "./markdown";
import { OTHER_EXPECTED, OTHER_TYPES, type OtherResourcesResult, type OtherType, perResource } from "./other-resources";
import { formatByMethod } from "./request-log";
import { summarize } from "./stats";

const verdict = (ok: boolean) => (ok ? "holds" : "**misses**");

function range(xs: readonly number[]): string {
    const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    return lo === hi ? fmt(lo) : `${fmt(lo)}-${fmt(hi)}`;
}

/** Whether every run of every operation cost what the runtime documents, for one type. */
export function otherCallsHold(result: OtherResourcesResult, type: OtherType): boolean | undefined {
    if (!result.runs["up-create"].length) return undefined;
    return OPS.every((op) =>
        result.runs[op].every((run) => {
            const { min, max } = OTHER_EXPECTED[op][type];
            const x = perResource(run, type, result.n);
            return x >= min && x <= max && Object.keys(run.calls.other).length === 0;
        }),
    );
}

/** Rows for the Targets table. */
export function otherTargetRows(result: OtherResourcesResult): string[][] {
    const rows: string[][] = [];
    for (const type of OTHER_TYPES) {
        const ok = otherCallsHold(result, type);
        if (ok === undefined) continue;
        rows.push([
            `API calls per resource, ${type}: as documented, every operation (scenario 8)`,
            ok ? "as documented" : "see scenario 8",
            verdict(ok),
        ]);
    }
    for (const type of OTHER_TYPES) {
        const st = result.state[type];
        if (!st?.resources) continue;
        rows.push([
            `\`__provider\` <= 4096 bytes per resource, ${type} (both copies); no key, URL or password in it`,
            `${Math.round(st.providerBytesPerResource)}${st.leaks.length ? `; contains ${st.leaks.join(", ")}` : ""}`,
            verdict(st.providerBytesPerResource <= 4096 && st.leaks.length === 0),
        ]);
    }
    return rows;
}

/** The scenario's section body. */
export function renderOtherResources(result: OtherResourcesResult): string {
    const callRows: string[][] = [];
    for (const op of OPS) {
        const runs = result.runs[op];
        if (!runs.length) continue;
        for (const type of OTHER_TYPES) {
            const expected = OTHER_EXPECTED[op][type];
            const per = runs.map((r) => perResource(r, type, result.n));
            const ok = per.every((x) => x >= expected.min && x <= expected.max);
            callRows.push([
                op,
                type,
                type === "UserPushEndpoint" ? String(result.n) : "1",
                expected.what,
                range(per),
                formatByMethod(runs[runs.length - 1]!.calls[type]),
                verdict(ok),
            ]);
        }
    }
    const wallRows = OPS.flatMap((op) => {
        const sum = summarize(result.runs[op].map((r) => r.wallMs));
        if (!sum) return [];
        const unexpected = result.runs[op].flatMap((r, i) => (r.unexpected ? [`run ${i + 1}: ${r.unexpected}`] : []));
        return [[op, s(sum.median), `${s(sum.min)}-${s(sum.max)}`, String(sum.count), unexpected.join("; ") || "-"]];
    });
    const stateRows = OTHER_TYPES.flatMap((type) => {
        const st = result.state[type];
        if (!st?.resources) return [];
        return [
            [
                type,
                String(st.resources),
                String(Math.round(st.bytesPerResource)),
                String(Math.round(st.providerBytes)),
                `${Math.round(st.providerBytesPerResource)} (${st.providerCopies} copies)`,
                st.leaks.length ? st.leaks.join(", ") : "none",
            ],
        ];
    });
    return [
        "API calls per resource of each type (requests attributed by path), every run; the methods are the last run's.",
        "",
        table(
            ["Operation", "Resource", "Count", "Expected per resource", "Measured per resource", "Methods", "Verdict"],
            callRows,
        ),
        "",
        "Wall time of each operation on the whole stack:",
        "",
        table(["Operation", "Median (s)", "Min-max (s)", "Runs", "Unexpected"], wallRows),
        "",
        "State after the first run's create:",
        "",
        table(
            [
                "Resource",
                "Resources",
                "Bytes/resource (export)",
                "`__provider` bytes (one copy)",
                "`__provider` bytes/resource",
                "Key, URL or password in `__provider`",
            ],
            stateRows,
        ),
    ].join("\n");
}
