/**
 * Generic canonical forms: the building blocks each resource's model uses to compare desired and live values
 * without false drift (key order, list order of set-like lists, differently formatted JSON).
 */
import fastDeepEqual from "fast-deep-equal";
import { isPlainObject } from "./validation";

/**
 * A deep copy with object keys sorted and `undefined` properties dropped (as JSON would drop them); arrays keep
 * their order. Non-JSON leaves (functions, symbols) become `undefined`, as in `JSON.stringify`.
 */
export function canonicalJson(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((item) => (item === undefined ? null : canonicalJson(item)));
    if (isPlainObject(v)) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v).sort()) {
            const child = canonicalJson(v[key]);
            if (child !== undefined) out[key] = child;
        }
        return out;
    }
    if (typeof v === "function" || typeof v === "symbol") return undefined;
    return v;
}

/** `JSON.stringify` with object keys sorted at every level: equal values give equal text. */
export function stableStringify(v: unknown): string {
    return JSON.stringify(canonicalJson(v)) ?? "undefined";
}

/**
 * The canonical form of a list whose order carries no meaning: each item canonicalised (by `canon`, default
 * {@link canonicalJson}), duplicates dropped and the rest sorted by their stable text. `undefined` gives [].
 */
export function canonicalSet<T>(
    items: readonly T[] | undefined,
    canon: (item: T) => unknown = canonicalJson,
): unknown[] {
    if (items === undefined) return [];
    const byText = new Map<string, unknown>();
    for (const item of items) {
        const c = canon(item);
        byText.set(stableStringify(c), c);
    }
    return [...byText.keys()].sort().map((k) => byText.get(k));
}

/** Structural equality (key order ignored, array order significant): canonicalise first for set semantics. */
export function deepEqual(a: unknown, b: unknown): boolean {
    return fastDeepEqual(a, b);
}
