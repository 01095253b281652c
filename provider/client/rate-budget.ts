/**
 * The request budget shared by every call of the process: a token bucket refilled at `maxRequestsPerSecond`.
 *
 * Why shared: a `pulumi up` of 500 resources runs many provider calls at once, each with its own client. Taking
 * tokens from one bucket per API endpoint and key keeps their sum under the limit, and a 429 with `Retry-After`
 * pauses the bucket itself, so every caller backs off together instead of each one hammering the API in turn.
 */

import { type Clock, systemClock } from "./clock";

/**
 * A token bucket (implemented as GCRA reservations: each caller books the next free slot synchronously, so
 * concurrent callers are served in arrival order without a queue).
 */
export class RateBudget {
    private intervalMs = 0;
    private toleranceMs = 0;
    /** Theoretical arrival time of the next request when the bucket is empty. */
    private tat = 0;
    private pausedUntil = 0;
    /** The rate asked for by configuration; a 429 may lower the effective rate below it for a while. */
    private configuredRate = Number.POSITIVE_INFINITY;
    private effectiveRate = Number.POSITIVE_INFINITY;
    /** Until when (epoch ms) the rate learned from a 429 applies. */
    private learnedUntil = 0;
    /** When recent requests were answered without a 429 (epoch ms; only the last second is kept). */
    private readonly answered: number[] = [];

    /**
     * @param requestsPerSecond sustained rate; `Infinity` disables limiting (pauses still apply).
     * @param clock injectable for tests. @default systemClock
     */
    constructor(
        requestsPerSecond: number,
        private readonly clock: Clock = systemClock,
    ) {
        this.setRate(requestsPerSecond);
    }

    /** Changes the configured rate; the burst is one second's worth of requests (at least one). */
    setRate(requestsPerSecond: number): void {
        if (!(requestsPerSecond > 0)) {
            throw new RangeError(`maxRequestsPerSecond must be positive, got ${requestsPerSecond}`);
        }
        this.configuredRate = requestsPerSecond;
        this.apply(
            this.clock.now() < this.learnedUntil ? Math.min(requestsPerSecond, this.effectiveRate) : requestsPerSecond,
        );
    }

    /** The rate in force now: the configured one, or lower for a while after a 429. */
    get requestsPerSecond(): number {
        return this.effectiveRate;
    }

    private apply(requestsPerSecond: number): void {
        this.effectiveRate = requestsPerSecond;
        if (!Number.isFinite(requestsPerSecond)) {
            this.intervalMs = 0;
            this.toleranceMs = 0;
            return;
        }
        this.intervalMs = 1000 / requestsPerSecond;
        this.toleranceMs = this.intervalMs * (Math.max(1, Math.floor(requestsPerSecond)) - 1);
    }

    /** Until when (epoch ms) the budget is paused; 0 when it never was. */
    get pausedUntilMs(): number {
        return this.pausedUntil;
    }

    /**
     * Waits for a token. Resolves true once granted, or false at once when the grant would come after `notAfter`
     * (epoch ms; the caller's deadline), without spending a token. Rejects with the signal's reason if `signal`
     * aborts first. No timer is involved when a token is free, the common case.
     */
    acquire(signal?: AbortSignal, notAfter = Number.POSITIVE_INFINITY): Promise<boolean> {
        if (signal?.aborted) return Promise.reject(signal.reason);
        const now = this.clock.now();
        if (this.learnedUntil !== 0 && now >= this.learnedUntil) {
            // A quiet spell after the last 429: go back to the configured rate.
            this.learnedUntil = 0;
            this.apply(this.configuredRate);
        }
        const start = Math.max(now, this.pausedUntil, this.tat - this.toleranceMs);
        if (start > notAfter) return Promise.resolve(false);
        this.tat = Math.max(this.tat, start) + this.intervalMs;
        if (start <= now) return Promise.resolve(true);
        return this.clock.sleep(start - now, signal).then(() =>
            // A pause that arrived while this caller slept also applies to it: book again after the pause.
            this.pausedUntil > this.clock.now() ? this.acquire(signal, notAfter) : true,
        );
    }

    /**
     * Stops handing out tokens for `ms` from now (a 429's `Retry-After`). After the pause the bucket starts empty,
     * so callers resume at the sustained rate rather than all at once.
     */
    pause(ms: number): void {
        const now = this.clock.now();
        const until = now + Math.max(0, ms);
        // The server's real limit is about what it accepted in the last second before refusing: resume below that
        // (never above the configured rate) instead of meeting the limit again, for LEARNED_RATE_MS.
        this.prune(now);
        if (this.answered.length > 0) {
            this.learnedUntil = until + LEARNED_RATE_MS;
            this.apply(Math.min(this.configuredRate, this.effectiveRate, Math.max(1, this.answered.length * 0.9)));
        }
        if (until > this.pausedUntil) this.pausedUntil = until;
        this.tat = Math.max(this.tat, this.pausedUntil + this.toleranceMs);
    }

    /** Records a response that was not a 429: what the server accepts, measured over the last second. */
    recordAnswered(): void {
        const now = this.clock.now();
        this.answered.push(now);
        this.prune(now);
    }

    private prune(now: number): void {
        let stale = 0;
        for (const at of this.answered) {
            if (at > now - 1000) break;
            stale++;
        }
        if (stale > 0) this.answered.splice(0, stale);
        // Bound the memory however fast requests come back.
        if (this.answered.length > 10_000) this.answered.splice(0, this.answered.length - 10_000);
    }
}

/** How long a rate learned from a 429 stays in force after the pause ends. @default 60000 */
export const LEARNED_RATE_MS = 60_000;

const registry = new Map<string, RateBudget>();

/**
 * The process-wide budget for one API base URL and credential (`identity` is the credential's digest, so no secret
 * is kept here). Every client for the same URL and credential shares it; the most recently configured rate applies.
 */
export function sharedRateBudget(apiUrl: string, identity: string, requestsPerSecond: number): RateBudget {
    const key = `${apiUrl}#${identity}`;
    let budget = registry.get(key);
    if (budget) budget.setRate(requestsPerSecond);
    else {
        budget = new RateBudget(requestsPerSecond);
        registry.set(key, budget);
    }
    return budget;
}
