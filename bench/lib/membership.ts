/**
 * The membership bench's arithmetic: the API calls each operation on a group and a `UserGroupMembership` of M users
 * must make (the README's formulas), the physical minimum of its API phase under the client's rate budget and the
 * runtime's member concurrency, and the rendering of bench/RESULTS-membership.md. Plain functions over plain data.
 */
import { RateBudget } from "../../provider/client/rate-budget";
import type { OpName } from "./lifecycle";
import type { LoggedCall } from "./request-log";

/** What the bench declares: M members, then an update that adds `a` new users and removes `r` of the M. */
export interface MembershipShape {
    m: number;
    a: number;
    r: number;
}

/** Reading L live members costs ⌊L/100⌋ + 1 pages (a list ends on a short page). */
export const pages = (live: number): number => Math.floor(live / 100) + 1;

/** Requests counted by method and path with ObjectIds folded, e.g. `{ "POST /usergroups/:id/members": 1000 }`. */
export function countByRoute(requests: readonly LoggedCall[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of requests) {
        const key = `${r.method} ${r.path.replace(/[0-9a-f]{24}/g, ":id")}`;
        out[key] = (out[key] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The calls each operation must make, by route: the membership's formula (README, "API calls of the graph
 * resources") plus the group's own calls (create 1 POST, a lone refresh 1 GET, unchanged on update, 1 DELETE).
 */
export function expectedCalls(op: OpName, shape: MembershipShape): Record<string, number> {
    const { m, a, r } = shape;
    const members = "GET /usergroups/:id/members";
    const memberPosts = "POST /usergroups/:id/members";
    switch (op) {
        case "up-create":
            // The group is new, so L = 0: one (empty) page, then M adds.
            return { "POST /usergroups": 1, [members]: pages(0), [memberPosts]: m };
        case "preview":
            return {};
        case "preview-refresh":
            return { "GET /usergroups/:id": 1, [members]: pages(m) };
        case "up-update":
            return { [members]: pages(m), [memberPosts]: a + r };
        case "destroy":
            // The membership removes the M members its state holds, then the group goes.
            return { [memberPosts]: m - r + a, "DELETE /usergroups/:id": 1 };
    }
}

/** The formula behind {@link expectedCalls}, as the report prints it. */
export function formulaText(op: OpName): string {
    switch (op) {
        case "up-create":
            return "group POST + ⌊0/100⌋+1 page + M POSTs";
        case "preview":
            return "0";
        case "preview-refresh":
            return "group GET + ⌊M/100⌋+1 pages";
        case "up-update":
            return "⌊M/100⌋+1 pages + a + r POSTs";
        case "destroy":
            return "M POSTs + group DELETE";
    }
}

/** Sorted, zero-free JSON of a route count, for comparison. */
const canonical = (counts: Record<string, number>) =>
    JSON.stringify(
        Object.entries(counts)
            .filter(([, n]) => n > 0)
            .sort(([x], [y]) => x.localeCompare(y)),
    );

/** Undefined when `actual` is exactly `expected`, else a line saying how they differ. */
export function countMismatch(expected: Record<string, number>, actual: Record<string, number>): string | undefined {
    if (canonical(expected) === canonical(actual)) return undefined;
    return `expected ${canonical(expected)}, the simulator logged ${canonical(actual)}`;
}

/** `POST /usergroups/:id/members 1000, GET ... 11`, or `none`. */
export function formatRoutes(counts: Record<string, number>): string {
    const parts = Object.entries(counts).map(([route, n]) => `${route} ${n}`);
    return parts.length ? parts.join(", ") : "none";
}

/**
 * When a fresh {@link RateBudget} of `requestsPerSecond` (the package's, so its burst too) grants the last of `n`
 * tokens asked for at once, in ms after the first: no client on that budget can send its n-th request sooner.
 */
export function lastGrantMs(n: number, requestsPerSecond: number): number {
    if (n <= 0) return 0;
    const start = 1_000_000;
    let waited = 0;
    const clock = {
        now: () => start,
        sleep: (ms: number) => {
            waited = Math.max(waited, ms);
            return Promise.resolve();
        },
    };
    const budget = new RateBudget(requestsPerSecond, clock);
    for (let i = 0; i < n; i++) void budget.acquire();
    return waited;
}

/** How many tokens a fresh budget of `requestsPerSecond` grants at once. */
export function burstOf(requestsPerSecond: number): number {
    let n = 1;
    while (n < 100_000 && lastGrantMs(n + 1, requestsPerSecond) === 0) n++;
    return n;
}

/**
 * The longest chain of requests that must follow one another (each waits for the answer before): the member
 * POSTs go `concurrency` at a time, the pages one after the other, and the runtime reads, then adds, then removes.
 * The group's own call comes before (create) or after (destroy) the membership's; its refresh GET runs beside the
 * pages.
 */
export function sequentialRounds(op: OpName, shape: MembershipShape, concurrency: number): number {
    const rounds = (n: number) => Math.ceil(n / concurrency);
    switch (op) {
        case "up-create":
            return 1 + pages(0) + rounds(shape.m);
        case "preview":
            return 0;
        case "preview-refresh":
            return pages(shape.m);
        case "up-update":
            return pages(shape.m) + rounds(shape.a) + rounds(shape.r);
        case "destroy":
            return rounds(shape.m - shape.r + shape.a) + 1;
    }
}

/** The physical minimum of one operation's API phase, and what sets it. */
export interface ApiMinimum {
    /** Requests of the operation. */
    calls: number;
    /** The rate bound: the last token's grant plus one request's latency, ms. */
    rateMs: number;
    /** The concurrency bound: the chain of requests that wait for each other, times one request's latency, ms. */
    chainMs: number;
    /** The larger of the two: no client with these settings can finish the API phase sooner. */
    minimumMs: number;
}

/**
 * The minimum of an API phase of `calls` requests: at least the rate budget's last grant (its burst, then 1/R each)
 * plus one answer, and at least `sequentialRounds` answers of `latencyMs` one after the other.
 */
export function apiMinimum(
    op: OpName,
    shape: MembershipShape,
    calls: number,
    settings: { requestsPerSecond: number; concurrency: number; latencyMs: number },
): ApiMinimum {
    if (calls === 0) return { calls, rateMs: 0, chainMs: 0, minimumMs: 0 };
    const rateMs = lastGrantMs(calls, settings.requestsPerSecond) + settings.latencyMs;
    const chainMs = sequentialRounds(op, shape, settings.concurrency) * settings.latencyMs;
    return { calls, rateMs, chainMs, minimumMs: Math.max(rateMs, chainMs) };
}

const ANSWERED = / JumpCloud #\d+ \S+ \S+ -> \S+ \((\d+) ms, attempt \d+\)$/;

/** The latency of every answered attempt in a client log (`JUMPCLOUD_LOG_FILE`), as the client measured it, ms. */
export function clientLatencies(text: string): number[] {
    const out: number[] = [];
    for (const line of text.split("\n")) {
        const m = ANSWERED.exec(line);
        if (m) out.push(Number(m[1]));
    }
    return out;
}
