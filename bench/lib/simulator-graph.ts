/**
 * The simulator's user and graph figures: paging the members of a 10,000-member group, looking a user up by email
 * among 100,000 (API v1), and evaluating a dynamic group over those 100,000 users. Each figure is the median of
 * sequential requests over a keep-alive connection, timed around the whole HTTP exchange.
 */
import { simAdmin } from "../../simulator/admin-client";
import { apiRequest } from "../../simulator/api-caller";
import type { SeedUser } from "../../simulator/seed";
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

function user(i: number): SeedUser {
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

/** One API call (path relative to the origin) that must succeed. */
async function call(target: GraphBenchTarget, method: string, path: string, body?: unknown): Promise<unknown> {
    const api = { url: target.origin, apiKey: target.apiKey };
    const { status, json } = await apiRequest(api, method, path, body);
    if (status < 200 || status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
    return json;
}

/** Median wall time (ms, 2 decimals) of `SAMPLES` sequential GETs, the i-th to `pathOf(i)`. */
async function medianGet(target: GraphBenchTarget, pathOf: (i: number) => string): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
        const started = performance.now();
        await call(target, "GET", pathOf(i));
        times.push(performance.now() - started);
    }
    return Math.round(median(times) * 100) / 100;
}

/** Seeds 100,000 users and the groups, then measures. The org must be empty of users. */
export async function runGraphBench(target: GraphBenchTarget): Promise<GraphBenchRow[]> {
    const api = "/api/v2";
    const admin = simAdmin(target.origin);
    const userIds: string[] = [];
    for (let start = 0; start < USERS; start += SEED_CHUNK) {
        const users = Array.from({ length: SEED_CHUNK }, (_, i) => user(start + i));
        userIds.push(...(await admin.seed({ users })).users);
    }
    const seeded = await admin.seed({
        userGroups: [{ name: "bench-10k-members", members: userIds.slice(0, BIG_GROUP) }],
    });
    const bigGroup = seeded.userGroups[0]!;
    const createGroup = async (body: Record<string, unknown>): Promise<string> =>
        ((await call(target, "POST", `${api}/usergroups`, body)) as { id: string }).id;
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
        target,
        (i) => `${api}/usergroups/${bigGroup}/members?limit=100&skip=${(i % pages) * 100}`,
    );
    const byEmail = await medianGet(target, (i) => {
        const n = String((i * 7919) % USERS).padStart(6, "0");
        return `/api/systemusers?filter=email:$eq:user${n}@example.com`;
    });
    const automatedPage = await medianGet(
        target,
        (i) => `${api}/usergroups/${automated}/members?limit=100&skip=${(i % 10) * 100}`,
    );
    const scanningPage = await medianGet(
        target,
        (i) => `${api}/usergroups/${scanning}/members?limit=100&skip=${(i % 3) * 100}`,
    );
    const suggestions = await medianGet(
        target,
        (i) => `${api}/usergroups/${review}/suggestions?limit=100&skip=${(i % 10) * 100}`,
    );
    const reviewPut = [] as number[];
    for (let i = 0; i < 50; i++) {
        const started = performance.now();
        await call(target, "PUT", `${api}/usergroups/${review}`, {
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
