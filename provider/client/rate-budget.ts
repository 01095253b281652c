/**
 * The request budget shared by every call of the process: a token bucket refilled at `maxRequestsPerSecond`, which
 * a 429 lowers and quiet time restores.
 *
 * Why shared: a `pulumi up` of 500 resources runs many provider calls at once, each with its own client. Taking
 * tokens from one bucket per API endpoint and key keeps their sum under the limit, and a 429 with `Retry-After`
 * pauses the bucket itself, so every caller backs off together instead of each one hammering the API in turn.
 *
 * It is a budget per process, so per runner: several `pulumi` runs at once (one pipeline per team folder) each have
 * their own, and only the API's 429s tell them about each other. After a 429 the rate follows AIMD, as TCP's
 * congestion control does: a multiplicative decrease to {@link RATE_DECREASE_FACTOR} of the rate the API accepted
 * from this process just before, then, while no 429 comes, an additive increase back to the configured rate whose
 * step starts at {@link RATE_FIRST_STEP} request/s and doubles every {@link RATE_STEP_MS}. Runners that share a limit
 * each shrink in proportion and grow by the same steps, so they settle around the limit with about equal shares; a
 * lone 429 early in a run (when little had been answered) costs a few seconds, not a minute of crawling.
 *
 * How "the rate the API accepted" is measured depends on what the API's bucket may hold. During the increase after a
 * 429 it was empty at that 429, so the answers since the pause ended, over the time spent sending since then, are
 * about what it sustains (plus what it refilled during the pause, at most one pause's worth). Otherwise (a run's first 429, or one after the rate has climbed back) it may have started full,
 * and its burst B, plus what the sustained rate R refilled in the t seconds spent sending, read as (B + R·t) / t —
 * several times R when t is short, so the lowered rate would still exceed the limit and meet a second 429 right
 * after the pause. Then the answers of the last whole second count instead: at most B + R, and 70% of that stays
 * under R for the common burst of one second's worth met within 0.4 s; the increase regains any underestimate
 * within seconds.
 */

import { type Clock, systemClock } from "./clock";

/** What a 429 leaves of the rate the API accepted just before it. @default 0.7 */
export const RATE_DECREASE_FACTOR = 0.7;
/** The first additive step after a decrease, in requests/s; each later step doubles. @default 1 */
export const RATE_FIRST_STEP = 1;
/** How long the rate holds between two steps of the increase. @default 1000 */
export const RATE_STEP_MS = 1000;
/** No decrease goes below this rate (or the configured one, when that is lower). @default 1 */
export const RATE_FLOOR = 1;

/** The shortest stretch of sending that is measured as a rate; shorter ones fall back to the paced rate. */
const MIN_MEASURED_MS = 100;

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
    /** The rate asked for by configuration; a 429 lowers the effective rate below it for a while. */
    private configuredRate = Number.POSITIVE_INFINITY;
    private effectiveRate = Number.POSITIVE_INFINITY;
    /** The increase under way after the last decrease: its starting rate, and when its first step is due. */
    private recovery: { from: number; startsAt: number } | undefined;
    /** When the last decrease happened (epoch ms); 429s to requests sent before it do not decrease again. */
    private decreasedAt = Number.NEGATIVE_INFINITY;
    /** When sending (re)started: the first grant, or the end of the last pause (epoch ms). */
    private activeSince: number | undefined;
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

    /**
     * Changes the configured rate; the burst is one second's worth of requests (at least one). A decrease after a
     * 429 keeps holding (capped by the new rate): a new client of the same process must not undo it.
     */
    setRate(requestsPerSecond: number): void {
        if (!(requestsPerSecond > 0)) {
            throw new RangeError(`maxRequestsPerSecond must be positive, got ${requestsPerSecond}`);
        }
        this.configuredRate = requestsPerSecond;
        this.apply(this.recovery ? Math.min(requestsPerSecond, this.effectiveRate) : requestsPerSecond);
        this.advance(this.clock.now());
    }

    /** The rate in force now: the configured one, or lower for a few seconds after a 429. */
    get requestsPerSecond(): number {
        this.advance(this.clock.now());
        return this.effectiveRate;
    }

    /** Until when (epoch ms) the budget is paused; 0 when it never was. */
    get pausedUntilMs(): number {
        return this.pausedUntil;
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

    /**
     * The additive increase, computed from the time since it began rather than from timers: after k whole steps
     * the rate is `from + RATE_FIRST_STEP × (2^k − 1)`, until it reaches the configured rate.
     */
    private advance(now: number): void {
        if (!this.recovery) return;
        const steps = Math.floor((now - this.recovery.startsAt) / RATE_STEP_MS);
        if (steps <= 0) return;
        const rate = this.recovery.from + RATE_FIRST_STEP * (2 ** steps - 1);
        if (rate >= this.configuredRate) {
            this.recovery = undefined;
            this.apply(this.configuredRate);
        } else if (rate !== this.effectiveRate) {
            this.apply(rate);
        }
    }

    /**
     * Waits for a token. Resolves true once granted, or false at once when the grant would come after `notAfter`
     * (epoch ms; the caller's deadline), without spending a token. Rejects with the signal's reason if `signal`
     * aborts first. No timer is involved when a token is free, the common case.
     */
    acquire(signal?: AbortSignal, notAfter = Number.POSITIVE_INFINITY): Promise<boolean> {
        if (signal?.aborted) return Promise.reject(signal.reason);
        const now = this.clock.now();
        this.advance(now);
        const start = Math.max(now, this.pausedUntil, this.tat - this.toleranceMs);
        if (start > notAfter) return Promise.resolve(false);
        this.tat = Math.max(this.tat, start) + this.intervalMs;
        this.activeSince ??= start;
        if (start <= now) return Promise.resolve(true);
        return this.clock.sleep(start - now, signal).then(() =>
            // A pause that arrived while this caller slept also applies to it: book again after the pause.
            this.pausedUntil > this.clock.now() ? this.acquire(signal, notAfter) : true,
        );
    }

    /**
     * Stops handing out tokens for `ms` from now (a 429's `Retry-After`) and lowers the rate (see the module
     * comment). After the pause the bucket starts empty, so callers resume at the lowered rate rather than all at
     * once.
     */
    pause(ms: number): void {
        const now = this.clock.now();
        const until = Math.max(now + Math.max(0, ms), this.pausedUntil);
        // 429s to requests that were already under way when the last decrease came (several at once, or during its
        // pause) report the same overload: one decrease per overload, not one per refused request. An unlimited
        // budget stays unlimited; it only pauses.
        const fresh = now >= this.decreasedAt + RATE_STEP_MS && now >= this.pausedUntil;
        if (fresh && Number.isFinite(this.configuredRate)) {
            this.advance(now);
            const floor = Math.min(this.configuredRate, RATE_FLOOR);
            const rate = Math.max(floor, RATE_DECREASE_FACTOR * Math.min(this.effectiveRate, this.acceptedRate(now)));
            if (rate < this.configuredRate) {
                this.recovery = { from: rate, startsAt: until };
                this.apply(rate);
            }
            this.decreasedAt = now;
        }
        this.pausedUntil = until;
        this.activeSince = until;
        this.tat = Math.max(this.tat, this.pausedUntil + this.toleranceMs);
    }

    /**
     * What the API accepted from this process lately, in requests/s (see the module comment): during an increase,
     * the answers of the last second over the part of it spent sending since the pause (200 ms and 12 answers ran at
     * 60/s, not 12/s); otherwise the answers of the last whole second. With too little to measure (nothing answered,
     * or under {@link MIN_MEASURED_MS} of sending), the paced rate.
     */
    private acceptedRate(now: number): number {
        this.prune(now);
        const sendingMs = Math.min(1000, now - (this.activeSince ?? now));
        if (sendingMs < MIN_MEASURED_MS || this.answered.length === 0) return this.effectiveRate;
        return (this.answered.length * 1000) / (this.recovery ? sendingMs : 1000);
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
