/**
 * Reading the simulator's request log (GET /__sim/requests): API calls by method, and how a client behaved
 * against the rate limit.
 */

/** The fields of a logged request the benchmarks use. */
export interface LoggedCall {
    seq: number;
    method: string;
    path: string;
    status: number;
}

/** Requests counted by method, e.g. `{ GET: 100, PUT: 100 }`, keys sorted. */
export function countByMethod(requests: readonly LoggedCall[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of requests) counts[r.method] = (counts[r.method] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** `GET 100, PUT 100`, or `none`. */
export function formatByMethod(counts: Record<string, number>): string {
    const parts = Object.entries(counts).map(([m, n]) => `${m} ${n}`);
    return parts.length ? parts.join(", ") : "none";
}

/** How requests fared against the simulator's rate limit. */
export interface RateLimitTally {
    /** Every logged request, retries included. */
    total: number;
    /** Requests answered 429. */
    rejected: number;
    /**
     * 429s logged after the first one (in log order): requests the client sent beyond the limit although the
     * server had already told it to slow down (some may have been in flight when the first 429 came back).
     */
    rejectedAfterFirst: number;
    /** Requests answered 2xx. */
    succeeded: number;
}

/** Tallies a request log against the rate limit. */
export function tallyRateLimit(requests: readonly LoggedCall[]): RateLimitTally {
    const ordered = [...requests].sort((a, b) => a.seq - b.seq);
    const rejected = ordered.filter((r) => r.status === 429);
    return {
        total: ordered.length,
        rejected: rejected.length,
        rejectedAfterFirst: Math.max(0, rejected.length - 1),
        succeeded: ordered.filter((r) => r.status >= 200 && r.status < 300).length,
    };
}
