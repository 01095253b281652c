/**
 * Renders a drift report as Markdown for a pull-request comment, or as JSON.
 */
import { type DriftReport, type DriftResource, graphChangeText } from "./drift-report";

/** Longest value shown in a table cell before it is cut. @default 200 */
export const MAX_CELL_LENGTH = 200;

/** The heading every Markdown report starts with (CI workflows find their earlier comment by it). */
export const DRIFT_HEADING = "### JumpCloud drift report";

const OP_TEXT: Record<string, string> = {
    update: "update",
    replace: "replace",
    create: "create",
    delete: "delete",
};

function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** One value as a table cell: JSON in a code span, "_unset_" when absent, cut at {@link MAX_CELL_LENGTH}. */
export function renderValue(v: unknown): string {
    if (v === undefined) return "_unset_";
    let text = JSON.stringify(v) ?? String(v);
    if (text.length > MAX_CELL_LENGTH) text = `${text.slice(0, MAX_CELL_LENGTH - 1)}…`;
    // A code span holding a backtick needs a longer fence and padding.
    const fence = text.includes("`") ? "``" : "`";
    const pad = text.includes("`") ? " " : "";
    return cell(`${fence}${pad}${text}${pad}${fence}`);
}

function rowsOf(r: DriftResource): string[] {
    const name = cell(`\`${r.name}\` (${r.type}, ${OP_TEXT[r.op] ?? r.op})`);
    if (r.op === "create") return [`| ${name} | _the resource_ | exists | _missing: deleted outside Pulumi_ |`];
    if (r.op === "delete") return [`| ${name} | _the resource_ | _not in the program_ | exists |`];
    if (r.fields.length === 0) return [`| ${name} | _unspecified_ | | |`];
    return r.fields.map(
        (f) => `| ${name} | \`${cell(f.path)}\` | ${renderValue(f.desired)} | ${renderValue(f.live)} |`,
    );
}

function countBy(report: DriftReport): string {
    const counts = new Map<string, number>();
    for (const r of report.resources) counts.set(r.op, (counts.get(r.op) ?? 0) + 1);
    return [...counts.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([op, n]) => `${n} to ${op}`)
        .join(", ");
}

/** Every member and association change of the report, one sentence each, prefixed with its resource. */
function graphLines(report: DriftReport, names: ReadonlyMap<string, string>): string[] {
    return report.resources.flatMap((r) =>
        (r.graph ?? []).map((c) => `- ${cell(`\`${r.name}\``)}: ${cell(graphChangeText(c, names))}`),
    );
}

/**
 * The Markdown report: a heading, a one-line summary, a table (resource, field, desired, live) and, when members or
 * associations changed, one line per change naming the user (from `names`: lower-cased id to email, username or
 * id) or the association.
 */
export function renderDriftMarkdown(report: DriftReport, names: ReadonlyMap<string, string> = new Map()): string {
    const lines = [DRIFT_HEADING, ""];
    if (report.errors.length > 0) {
        lines.push("**The preview failed**; the table may be incomplete:", "");
        for (const e of report.errors) lines.push(`> ${cell(e.split("\n")[0] ?? e)}`);
        lines.push("");
    }
    if (report.resources.length === 0) {
        lines.push("No drift: JumpCloud matches the desired state.");
        return `${lines.join("\n")}\n`;
    }
    const n = report.resources.length;
    lines.push(
        `**${n} resource${n === 1 ? "" : "s"} differ${n === 1 ? "s" : ""}** from the desired state (${countBy(report)}). ` +
            "`pulumi up` makes JumpCloud match the program.",
        "",
        "| Resource | Field | Desired | Live |",
        "|---|---|---|---|",
    );
    for (const r of report.resources) lines.push(...rowsOf(r));
    const graph = graphLines(report, names);
    if (graph.length > 0) lines.push("", "Members and associations changed outside Pulumi:", "", ...graph);
    return `${lines.join("\n")}\n`;
}

/**
 * The JSON report: the resources with their fields (secrets already masked), their member and association
 * changes (`graph`, with `changes` as sentences naming users from `names`), and the preview's errors.
 */
export function renderDriftJson(report: DriftReport, names: ReadonlyMap<string, string> = new Map()): string {
    return `${JSON.stringify(
        {
            drift: report.resources.length > 0,
            resources: report.resources.map((r) => ({
                ...r,
                fields: r.fields.map(({ path, desired, live, secret }) => ({ path, desired, live, secret })),
                ...(r.graph === undefined ? {} : { changes: r.graph.map((c) => graphChangeText(c, names)) }),
            })),
            errors: report.errors,
        },
        null,
        2,
    )}\n`;
}
