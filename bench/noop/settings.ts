/**
 * Where the floor's runtime would find its settings: kept only so the floor's `configure()` does what the real one
 * does (store a getter), at the same cost.
 */

let getter: ((key: string) => string | undefined) | undefined;

/** Stores the stack-config getter handed over by `configure()`. */
export function setConfigGetter(next: (key: string) => string | undefined): void {
    getter = next;
}

/** The stored getter, if `configure()` ran. */
export function configGetter(): ((key: string) => string | undefined) | undefined {
    return getter;
}
