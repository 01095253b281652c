/**
 * The figures each reliability scenario records, one JSON line per run, under .work/reliability/. The runner
 * (scripts/reliability.ts) collects them into the summary table of bench/RELIABILITY.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { workRoot } from "../../../scripts/lib/engine";

/** One scenario run, as the summary table shows it. */
export interface Figure {
    /** e.g. "faults: 100 groups + Workday, seed 7". */
    scenario: string;
    /** "quick" or "full". */
    suite: "quick" | "full";
    /** Engine operations (or HTTP requests, for the fuzz) the run took. */
    runs: number;
    /** Resources (or stored objects) involved. */
    resources: number;
    /** Faults the simulator injected (or kills, for crashes). */
    faults: number;
    /** "converged", "passed", or what went wrong. */
    outcome: string;
    /** Wall time in seconds. */
    seconds: number;
    /** Anything else worth keeping (request counts, ups needed...). */
    details?: Record<string, unknown>;
}

/** Where figures go; the runner points this at a fresh file per run. @default .work/reliability/figures.jsonl */
export function figuresFile(): string {
    return process.env["RELIABILITY_FIGURES"] ?? path.join(workRoot, "reliability", "figures.jsonl");
}

/** Appends one figure. */
export function recordFigure(figure: Figure): void {
    const file = figuresFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, `${JSON.stringify({ ...figure, at: new Date().toISOString() })}\n`);
}

/** Reads every figure recorded in `file`. */
export function readFigures(file: string = figuresFile()): Array<Figure & { at: string }> {
    if (!fs.existsSync(file)) return [];
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Figure & { at: string });
}
