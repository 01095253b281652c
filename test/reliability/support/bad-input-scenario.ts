/**
 * The invalid-input scenario: every row of the table fails at preview with a message naming its property, and the
 * simulator sees no write. The quick run checks every row without the engine (runtime `check`, the functions and
 * the YAML parser called directly) plus one row per target through `pulumi preview`; the full run previews every
 * row through the engine (the engine stops a preview at the first failing `check`, so resource and function rows
 * get a preview each; the YAML loader reports every file of a folder at once, so the YAML rows share one).
 */
import * as assert from "node:assert/strict";
import { BadInputPreviewer, directMessage, namesProperty } from "./bad-input-runner";
import { BAD_INPUTS, type BadInput } from "./bad-input-table";
import { type Figure, recordFigure } from "./figures";

/** Every row without the engine; returns the problems. */
export async function checkAllDirectly(): Promise<string[]> {
    const problems: string[] = [];
    for (const row of BAD_INPUTS) {
        const problem = namesProperty(row, await directMessage(row));
        if (problem) problems.push(problem);
    }
    return problems;
}

/** The previews a set of rows needs: one per resource or function row, one for all YAML rows. */
function previewBatches(rows: readonly BadInput[]): BadInput[][] {
    const yaml = rows.filter((r) => r.target === "yaml");
    return [...rows.filter((r) => r.target !== "yaml").map((r) => [r]), ...(yaml.length ? [yaml] : [])];
}

/** Previews the rows through the engine on `parallel` stacks; asserts and records. */
export async function previewRows(suite: Figure["suite"], rows: readonly BadInput[], parallel: number): Promise<void> {
    const started = Date.now();
    const batches = previewBatches(rows);
    const previewers = await Promise.all(Array.from({ length: parallel }, () => BadInputPreviewer.start()));
    const problems: string[] = [];
    let requests = 0;
    try {
        let next = 0;
        await Promise.all(
            previewers.map(async (p) => {
                while (next < batches.length) {
                    const batch = batches[next++]!;
                    try {
                        const messages = await p.preview(batch);
                        for (const row of batch) {
                            const problem = namesProperty(row, messages.get(row.id) ?? "");
                            if (problem) problems.push(problem);
                        }
                    } catch (e) {
                        problems.push(`${batch.map((r) => r.id).join(",")}: ${(e as Error).message}`);
                    }
                }
            }),
        );
        for (const p of previewers) requests += await p.requestCount();
    } finally {
        await Promise.all(previewers.map((p) => p.rig.close()));
    }
    recordFigure({
        scenario: `bad input: ${rows.length} invalid inputs through pulumi preview`,
        suite,
        runs: batches.length,
        resources: rows.length,
        faults: 0,
        outcome: problems.length === 0 ? "all rejected at preview, no write" : `FAILED (${problems.length} rows)`,
        seconds: Math.round((Date.now() - started) / 1000),
        details: { apiRequests: requests, problems: problems.slice(0, 10) },
    });
    assert.deepEqual(problems, []);
    assert.equal(requests, 0, "previews of invalid inputs made API requests");
}

/** One row per target: the quick run's engine subset. */
export function representativeRows(): BadInput[] {
    const seen = new Set<string>();
    const picked: BadInput[] = [];
    for (const row of BAD_INPUTS) {
        if (row.target === "yaml" || !seen.has(row.target)) picked.push(row);
        seen.add(row.target);
    }
    return picked;
}
