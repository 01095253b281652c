/**
 * A global token-bucket rate limit on API requests, switched on through `/__sim/rate-limit`.
 */

/** The current limit. */
export interface RateLimitSettings {
    /** Null switches the limit off. */
    requestsPerSecond: number | null;
    /** Sent as Retry-After on a 429. @default 1 */
    retryAfterSeconds: number;
}

/** Allows `requestsPerSecond` requests per second with bursts of the same size. */
export class RateLimiter {
    private rate: number | null = null;
    private retryAfter = 1;
    private tokens = 0;
    private last = 0;

    /** Changes the limit; the bucket starts full. */
    configure(settings: RateLimitSettings): void {
        this.rate = settings.requestsPerSecond;
        this.retryAfter = settings.retryAfterSeconds;
        this.tokens = this.rate ?? 0;
        this.last = performance.now();
    }

    /** The current settings. */
    get settings(): RateLimitSettings {
        return { requestsPerSecond: this.rate, retryAfterSeconds: this.retryAfter };
    }

    /** Takes a token; returns the Retry-After seconds when the request is over the limit, else undefined. */
    take(now: number = performance.now()): number | undefined {
        if (this.rate === null) return undefined;
        this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
        this.last = now;
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return undefined;
        }
        return this.retryAfter;
    }
}
