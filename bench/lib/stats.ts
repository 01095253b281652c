/**
 * Plain statistics over repeated measurements.
 */

/** Median, minimum and maximum of a series. */
export interface Summary {
    median: number;
    min: number;
    max: number;
    /** How many values the summary covers. */
    count: number;
}

/** The median (mean of the two middle values for an even count). Throws on an empty series. */
export function median(values: readonly number[]): number {
    if (values.length === 0) throw new RangeError("median of an empty series");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max; undefined for an empty series (a scenario that did not run). */
export function summarize(values: readonly number[]): Summary | undefined {
    if (values.length === 0) return undefined;
    return { median: median(values), min: Math.min(...values), max: Math.max(...values), count: values.length };
}

/** `a / b`, or undefined when either is missing or `b` is not positive. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
    if (a === undefined || b === undefined || !(b > 0)) return undefined;
    return a / b;
}

/**
 * Ratios of paired runs (run i of ours over run i of the floor, measured back to back): their spread shows how much
 * of a difference is noise. Pairs where either side is missing are skipped.
 */
export function pairedRatios(ours: readonly number[], floor: readonly number[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < Math.min(ours.length, floor.length); i++) {
        const r = ratio(ours[i], floor[i]);
        if (r !== undefined) out.push(r);
    }
    return out;
}
