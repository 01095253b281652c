/**
 * Typed copies of plain objects without `undefined` properties: the shape JSON, the engine's state and the API
 * all have (an absent field, never a field holding `undefined`), which the library's types require
 * (`exactOptionalPropertyTypes`).
 */

/** The properties of `T` named `K`, each optional and never `undefined`. */
export type Picked<T, K extends keyof T> = { [P in K]?: Exclude<T[P], undefined> };

/** The properties `keys` of `from` that are not undefined, typed as they are on `from`. */
export function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Picked<T, K> {
    const out: Picked<T, K> = {};
    for (const key of keys) {
        const value = from[key];
        // `value` is T[K] without undefined here, which is what Picked holds; the compiler cannot relate the two
        // for a generic K, hence the one widening of `out`.
        if (value !== undefined) (out as Partial<Record<K, unknown>>)[key] = value;
    }
    return out;
}

/** A copy of `from` without its undefined properties. */
export function defined<T extends object>(from: T): Picked<T, keyof T> {
    return pick(from, Object.keys(from) as Array<keyof T>);
}
