/**
 * The log of API requests the admin surface exposes. It records no headers and no bodies, so no secret can reach it.
 */

/** One logged API request. */
export interface LoggedRequest {
    /** Increases by one per request since the simulator started; never reused, even after a clear. */
    seq: number;
    method: string;
    /** Which API: "v2" (/api/v2), "v1" (/api) or "oauth" (the token endpoint). */
    api: string;
    /** Path after the API's base (/api/v2, /api, or "" for /oauth2/token), without the query string. */
    path: string;
    /** The raw query string without "?" ("" when none), as the client sent it; always "" for the token endpoint. */
    query: string;
    /** Response status; 0 when the connection was dropped before any response. */
    status: number;
    durationMs: number;
    /** The org the request acted for, when it got that far. */
    orgId: string | null;
    /** The injected fault, when one fired. */
    fault?: string;
}

/** Oldest entries are dropped beyond this many, so a long benchmark cannot exhaust memory. */
const MAX_ENTRIES = 100_000;

/** An in-memory, bounded request log. */
export class RequestLog {
    private entries: LoggedRequest[] = [];
    private seq = 0;

    /** Appends an entry, assigning its sequence number. */
    add(entry: Omit<LoggedRequest, "seq">): void {
        this.seq += 1;
        this.entries.push({ seq: this.seq, ...entry });
        if (this.entries.length > MAX_ENTRIES) this.entries = this.entries.slice(-MAX_ENTRIES / 2);
    }

    /** Entries with a sequence number above `since`. */
    since(since = 0): LoggedRequest[] {
        return this.entries.filter((e) => e.seq > since);
    }

    /** Forgets every entry (sequence numbers keep increasing). */
    clear(): void {
        this.entries = [];
    }
}
