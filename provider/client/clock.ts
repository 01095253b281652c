/**
 * Time as the client sees it. The default reads the globals at call time, so sinon's fake timers drive the
 * client (and its retry waits and rate budget) in virtual time.
 */

/** A source of time and of abortable waits. */
export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Waits `ms` milliseconds on the global timers; an abort rejects at once and clears the timer. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms <= 0 && !signal) return Promise.resolve();
    return new Promise((resolve, reject) => {
        const onAbort = (): void => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(
            () => {
                signal?.removeEventListener("abort", onAbort);
                resolve();
            },
            Math.max(0, ms),
        );
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

/** The real clock (through the globals, so fake timers apply). */
export const systemClock: Clock = {
    now: () => Date.now(),
    sleep,
};
