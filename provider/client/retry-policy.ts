/**
 * When and how long to retry. One policy object: partial user options are merged into a complete state by
 * {@link resolveRetryPolicy}; the decisions are plain functions over it, so they are table-testable.
 *
 * Which failures are retried:
 * - GET, PUT, DELETE and PATCH (idempotent: repeating one leaves the same state; PATCH here only sets
 *   push-endpoint `name`/`state`): 408, 429, every 5xx, network errors and attempt timeouts.
 * - POST (creates an object, so a repeat could create two): only 429 and 503, where the server certainly did not
 *   act, and a connection that was never established, which never reached it. Never on 500/502/504, a reset or a
 *   timeout: the caller must look the object up instead (see `createAtMostOnce`). A POST whose effect is the same
 *   however often it is sent (setting credentials) is marked idempotent by its endpoint and retried like a PUT.
 */

import { DEFAULT_RETRY } from "./defaults";

/** Partial retry options, as users give them. */
export interface RetryOptions {
    /** Retries after the first attempt; 0 disables retrying. @default 5 */
    maxRetries?: number;
    /** Backoff base: the cap of the first retry's delay, doubling per retry. @default 500 */
    baseDelayMs?: number;
    /** Cap of one backoff delay. @default 30000 */
    maxDelayMs?: number;
    /**
     * Longest `Retry-After` the client waits for; a longer one fails the call at once with a
     * `RateLimitedError` carrying `retryAfterMs`. @default 60000
     */
    maxRetryAfterMs?: number;
    /** Source of jitter in [0, 1); injectable for tests. @default Math.random */
    random?: () => number;
}

/** The complete policy: every option resolved. */
export type RetryPolicy = Readonly<Required<RetryOptions>>;

/** Merges partial options over the defaults; undefined values keep the default. */
export function resolveRetryPolicy(options?: RetryOptions): RetryPolicy {
    const merged: { -readonly [K in keyof RetryPolicy]: RetryPolicy[K] } = { ...DEFAULT_RETRY };
    for (const [key, value] of Object.entries(options ?? {})) {
        if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
    for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
        if (!Number.isFinite(merged[key]) || merged[key] < 0) {
            throw new RangeError(`retry.${key} must be a non-negative number, got ${String(merged[key])}`);
        }
    }
    return Object.freeze(merged);
}

/** How an attempt ended, as far as the retry decision cares. */
export type AttemptOutcome =
    | { kind: "status"; status: number }
    /** `refused`: the connection was never established, so the server cannot have acted. */
    | { kind: "network"; refused: boolean }
    | { kind: "timeout" };

/**
 * Network error codes that mean the connection was never established (refused, no route, name not resolved), so
 * no byte of the request reached the server. A reset or a broken pipe may come after the request was read.
 */
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** True when a network error's code proves the request never reached the server. */
export function neverConnected(code: unknown): boolean {
    return typeof code === "string" && NEVER_CONNECTED.has(code);
}

/**
 * Whether the server may have carried out a request that ended this way: no answer at all (a reset, a timeout)
 * after the connection was made, or a 5xx other than 501 and 503 (a gateway or the service failed mid-request).
 * 503 and 429 mean the request was turned away; 501 that nothing handles it; every other status is the server's
 * final word.
 */
export function mayHaveBeenApplied(outcome: AttemptOutcome): boolean {
    switch (outcome.kind) {
        case "timeout":
            return true;
        case "network":
            return !outcome.refused;
        case "status":
            return outcome.status >= 500 && outcome.status !== 501 && outcome.status !== 503;
    }
}

/** True when the method may be repeated without changing the result. */
export function isIdempotent(method: string): boolean {
    const m = method.toUpperCase();
    return m === "GET" || m === "HEAD" || m === "PUT" || m === "DELETE" || m === "PATCH";
}

/**
 * Whether this outcome of this method is worth another attempt (ignoring the attempt budget). `idempotent`
 * marks a request whose effect is the same however often it is sent, whatever its method.
 */
export function isRetryable(method: string, outcome: AttemptOutcome, idempotent = isIdempotent(method)): boolean {
    if (idempotent) {
        if (outcome.kind !== "status") return true;
        return outcome.status === 408 || outcome.status === 429 || (outcome.status >= 500 && outcome.status <= 599);
    }
    // POST: only where the request certainly had no effect.
    if (outcome.kind === "status") return outcome.status === 429 || outcome.status === 503;
    return outcome.kind === "network" && outcome.refused;
}

/**
 * Parses `Retry-After` (delay-seconds or an HTTP-date) into milliseconds from `nowMs`; undefined when absent or
 * malformed. A date in the past gives 0.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
    if (header === null || header === undefined) return undefined;
    const value = header.trim();
    if (value === "") return undefined;
    if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
    // Only accept something that looks like a date: Date.parse would otherwise read "5 apples" as a year.
    if (!/[a-z]/i.test(value)) return undefined;
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    return Math.max(0, at - nowMs);
}

/**
 * Capped exponential backoff with full jitter: a uniform delay in [0, min(maxDelayMs, baseDelayMs * 2^retry)),
 * where `retry` counts from 0 for the first retry. Full jitter spreads many clients that failed together.
 */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
    return Math.floor(policy.random() * ceiling);
}

/** The decision after a failed attempt. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * Decides whether attempt number `attempt` (1-based) gets a successor, and after how long. `retryAfterMs` is the
 * server's `Retry-After`, which wins over the backoff when present.
 */
export function decideRetry(
    policy: RetryPolicy,
    method: string,
    outcome: AttemptOutcome,
    attempt: number,
    retryAfterMs?: number,
    idempotent = isIdempotent(method),
): RetryDecision {
    if (!isRetryable(method, outcome, idempotent)) return { retry: false, reason: "not retryable" };
    if (attempt > policy.maxRetries) return { retry: false, reason: "retries exhausted" };
    if (retryAfterMs !== undefined) {
        if (retryAfterMs > policy.maxRetryAfterMs) return { retry: false, reason: "Retry-After too long" };
        return { retry: true, delayMs: retryAfterMs };
    }
    return { retry: true, delayMs: backoffDelay(policy, attempt - 1) };
}
