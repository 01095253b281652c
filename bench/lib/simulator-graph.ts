/**
 * The simulator's user and graph figures: paging the members of a 10,000-member group, looking a user up by email
 * among 100,000 (API v1), and evaluating a dynamic group over those 100,000 users. Each figure is the median of
 * sequential requests over a keep-alive connection, timed around the whole HTTP exchange.
 */
import { median } from "./stats";

/** One measured figure (the shape bench/run.ts renders). */
export interface GraphBenchRow {
    name: string;
    value: number;
    unit: string;
    /** The goal, e.g. "< 20". */
    target: string;
}

/** Where the simulator child listens and how to authenticate. */
export interface GraphBenchTarget {
    /** e.g. http://127.0.0.1:40123 */
    origin: string;
    apiKey: string;
}

const USERS = 100_000;
const SEED_CHUNK = 10_000;
const BIG_GROUP = 10_000;
const DEPARTMENTS = 10;
const COMPANIES = 50;
/** Sequential requests per figure: enough for a stable median, few enough to keep the bench short. */
const SAMPLES = 300;

function user(i: number): Record<string, unknown> {
    const n = String(i).padStart(6, "0");
    return {
        username: `user${n}`,
        email: `user${n}@example.com`,
        firstname: "User",
        lastname: n,
        department: `Dept-${i % DEPARTMENTS}`,
        company: `Company ${i % COMPANIES}`,
        jobTitle: i % 7 === 0 ? "Manager" : "Engineer",
        state: i % 20 === 0 ? "SUSPENDED" : "ACTIVATED",
    };
}

async function call(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<string> {
    const res = await fetch(url, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
    return text;
}

/** Median wall time (ms, 2 decimals) of `SAMPLES` sequential GETs, the i-th to `urlOf(i)`. */
async function medianGet(urlOf: (i: number) => string, headers: Record<string, string>): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
        const started = performance.now();
        await call("GET", urlOf(i), headers);
        times.push(performance.now() - started);
    }
    return Math.round(median(times) * 100) / 100;
}

/** Seeds 100,000 users and the groups, then measures. The org must be empty of users. */
export async function runGraphBench(target: GraphBenchTarget): Promise<GraphBenchRow[]> {
    const api = `${target.origin}/api/v2`;
    const headers = { "x-api-key": target.apiKey, accept: "application/json" };
    const userIds: string[] = [];
    for (let start = 0; start < USERS; start += SEED_CHUNK) {
        const users = Array.from({ length: SEED_CHUNK }, (_, i) => user(start + i));
        const seeded = JSON.parse(await call("POST", `${target.origin}/__sim/seed`, {}, { users })) as {
            users: string[];
        };
        userIds.push(...seeded.users);
    }
    const seededGroups = JSON.parse(
        await call(
            "POST",
            `${target.origin}/__sim/seed`,
            {},
            {
                userGroups: [{ name: "bench-10k-members", members: userIds.slice(0, BIG_GROUP) }],
            },
        ),
    ) as { userGroups: string[] };
    const bigGroup = seededGroups.userGroups[0]!;
    const createGroup = async (body: Record<string, unknown>): Promise<string> =>
        (JSON.parse(await call("POST", `${api}/usergroups`, headers, body)) as { id: string }).id;
    const byDepartment = {
        queryType: "FilterQuery",
        filters: [{ field: "department", operator: "eq", value: "Dept-3" }],
    };
    const automated = await createGroup({
        name: "bench-dynamic-department",
        membershipMethod: "DYNAMIC_AUTOMATED",
        memberQuery: byDepartment,
    });
    const scanning = await createGroup({
        name: "bench-dynamic-company-contains",
        membershipMethod: "DYNAMIC_AUTOMATED",
        memberQuery: { queryType: "Filter", filters: ["company:$co:pany 1", "jobTitle:$eq:Manager"] },
    });
    const review = await createGroup({
        name: "bench-review-department",
        membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
        memberQuery: byDepartment,
    });

    const pages = BIG_GROUP / 100;
    const membersPage = await medianGet(
        (i) => `${api}/usergroups/${bigGroup}/members?limit=100&skip=${(i % pages) * 100}`,
        headers,
    );
    const byEmail = await medianGet((i) => {
        const n = String((i * 7919) % USERS).padStart(6, "0");
        return `${target.origin}/api/systemusers?filter=email:$eq:user${n}@example.com`;
    }, headers);
    const automatedPage = await medianGet(
        (i) => `${api}/usergroups/${automated}/members?limit=100&skip=${(i % 10) * 100}`,
        headers,
    );
    const scanningPage = await medianGet(
        (i) => `${api}/usergroups/${scanning}/members?limit=100&skip=${(i % 3) * 100}`,
        headers,
    );
    const suggestions = await medianGet(
        (i) => `${api}/usergroups/${review}/suggestions?limit=100&skip=${(i % 10) * 100}`,
        headers,
    );
    const reviewPut = [] as number[];
    for (let i = 0; i < 50; i++) {
        const started = performance.now();
        await call("PUT", `${api}/usergroups/${review}`, headers, {
            name: "bench-review-department",
            description: `round ${i}`,
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: byDepartment,
        });
        reviewPut.push(performance.now() - started);
    }

    const k = (n: number): string => `${n / 1000}k`;
    return [
        {
            name: `GET /usergroups/{id}/members?limit=100 of a ${k(BIG_GROUP)}-member group, every page, median per page`,
            value: membersPage,
            unit: "ms",
            target: "",
        },
        {
            name: `GET /api/systemusers?filter=email:$eq:… over ${k(USERS)} users, median`,
            value: byEmail,
            unit: "ms",
            target: "< 20",
        },
        {
            name: `dynamic evaluation: GET /usergroups/{id}/members?limit=100 of a DYNAMIC_AUTOMATED group (department eq, ${k(USERS / DEPARTMENTS)} of ${k(USERS)} users match), median`,
            value: automatedPage,
            unit: "ms",
            target: "< 200",
        },
        {
            name: `dynamic evaluation without an index: Filter company:$co + jobTitle:$eq over ${k(USERS)} users, members page, median`,
            value: scanningPage,
            unit: "ms",
            target: "",
        },
        {
            name: `DYNAMIC_REVIEW_REQUIRED: GET /usergroups/{id}/suggestions?limit=100 (${k(USERS / DEPARTMENTS)} adds over ${k(USERS)} users), median`,
            value: suggestions,
            unit: "ms",
            target: "",
        },
        {
            name: `DYNAMIC_REVIEW_REQUIRED: PUT /usergroups/{id} recomputing suggestionCounts over ${k(USERS)} users (durable), median`,
            value: Math.round(median(reviewPut) * 100) / 100,
            unit: "ms",
            target: "",
        },
    ];
}
