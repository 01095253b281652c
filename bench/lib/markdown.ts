/**
 * Markdown helpers shared by the RESULTS.md renderers.
 */

/** Milliseconds as seconds with two decimals. */
export const s = (ms: number): string => (ms / 1000).toFixed(2);

/** A Markdown table; pipes in cells are escaped and newlines flattened. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
    const esc = (cell: string) => cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
    return [
        `| ${headers.map(esc).join(" | ")} |`,
        `|${headers.map(() => "---").join("|")}|`,
        ...rows.map((row) => `| ${row.map(esc).join(" | ")} |`),
    ].join("\n");
}
