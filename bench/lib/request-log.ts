/**
 * Reading the simulator's request log (GET /__sim/requests): API calls by method, and how a client behaved
 * against the rate limit.
 */
import type { LoggedRequest } from "../../simulator/request-log";

/** The fields of a logged request the benchmarks use. */
export type LoggedCall = Pick<LoggedRequest, "seq" | "method" | "path" | "status">;

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

/**
 * What the client's own log (`JUMPCLOUD_LOG_FILE`) says about the 429s: which refused requests were sent before the
 * client had received its first 429 (in flight: nothing could have held them back) and which were sent after.
 * Lines of one process are written synchronously, so their order is the order in which things happened there.
 */
export interface ClientLogTally {
    /** Attempts the client sent. */
    sent: number;
    /** Attempts answered 429. */
    refused: number;
    /** 429s to attempts sent before the client received the first 429, the first one excluded. */
    refusedInFlight: number;
    /** 429s to attempts sent after the client had received a 429: requests beyond a limit it already knew. */
    refusedAfterClientKnew: number;
}

const SENT = /^\S+ pid=(\d+) \w+ JumpCloud #(\d+) \S+ \S+ attempt (\d+) sent$/;
const ANSWER = /^\S+ pid=(\d+) \w+ JumpCloud #(\d+) \S+ \S+ -> (\S+) \(\d+ ms, attempt (\d+)\)$/;

/** Tallies the client's log lines (one process's, or several processes' mixed: attempts are keyed by pid). */
export function tallyClientLog(text: string): ClientLogTally {
    const sentAt = new Map<string, number>();
    const tally: ClientLogTally = { sent: 0, refused: 0, refusedInFlight: 0, refusedAfterClientKnew: 0 };
    let first429: number | undefined;
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        const sent = SENT.exec(line);
        if (sent) {
            sentAt.set(`${sent[1]}#${sent[2]}/${sent[3]}`, i);
            tally.sent++;
            continue;
        }
        const answer = ANSWER.exec(line);
        if (answer?.[3] !== "429") continue;
        tally.refused++;
        if (first429 === undefined) {
            first429 = i;
            continue;
        }
        // An answer without its "sent" line (a truncated log) counts against the client.
        const sentLine = sentAt.get(`${answer[1]}#${answer[2]}/${answer[4]}`) ?? Number.POSITIVE_INFINITY;
        if (sentLine > first429) tally.refusedAfterClientKnew++;
        else tally.refusedInFlight++;
    }
    return tally;
}

/** One runner's API activity, from its client log: how much it sent, how often it was refused, and when. */
export interface ClientTimeline {
    /** Attempts sent. */
    sent: number;
    /** Attempts answered 429. */
    refused: number;
    /** Epoch ms of the first attempt sent; undefined when none was. */
    firstSentMs?: number;
    /** Epoch ms of the last answer (any status); undefined when none came. */
    lastAnswerMs?: number;
}

const TIMED = /^(\S+) pid=\d+ \w+ JumpCloud #\d+ \S+ \S+ (attempt \d+ sent|-> (\S+) \(\d+ ms, attempt \d+\))$/;

/** Reads a client log (`JUMPCLOUD_LOG_FILE`, one runner's): attempts, 429s, the first send and the last answer. */
export function clientTimeline(text: string): ClientTimeline {
    const timeline: ClientTimeline = { sent: 0, refused: 0 };
    for (const line of text.split("\n")) {
        const m = TIMED.exec(line);
        if (!m) continue;
        const at = Date.parse(m[1] ?? "");
        if (m[3] === undefined) {
            timeline.sent++;
            timeline.firstSentMs = Math.min(timeline.firstSentMs ?? at, at);
            continue;
        }
        if (m[3] === "429") timeline.refused++;
        timeline.lastAnswerMs = Math.max(timeline.lastAnswerMs ?? at, at);
    }
    return timeline;
}
