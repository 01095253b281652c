/**
 * Contract: reads of single groups and push endpoints served from listings (`provider/client/listing-reads.ts`),
 * over real HTTP against the simulator. What a listing serves must be exactly what a GET returns, and the number
 * of requests must follow the batching rule the README states.
 */
import assert from "node:assert/strict";
import { type ApiUserGroup, JumpCloudClient, NotFoundError } from "../../provider/client";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";

const USER_ID = "5f0c000000000000000000a1";

/**
 * A member query in each shape the API's group schema admits (simulator schema user-group-put): FilterQuery with
 * filter objects, Filter with filter strings, and Search with its searchFilters as JSON text and as an object.
 */
function memberQueries(department: string): Array<Record<string, unknown>> {
    const search = { filter: { and: [`department:$eq:${department}`] } };
    return [
        { queryType: "FilterQuery", filters: [{ field: "department", operator: "eq", value: department }] },
        { queryType: "Filter", filters: [`department:$eq:${department}`] },
        { queryType: "Search", searchFilters: JSON.stringify(search) },
        { queryType: "Search", searchFilters: search },
    ];
}

/** Groups that use every field a program can set, in all three member-query shapes (Search in both forms). */
function variedGroups(n: number): Array<{ name: string } & Record<string, unknown>> {
    return Array.from({ length: n }, (_, i) => {
        const group: { name: string } & Record<string, unknown> = { name: `batched-${String(i).padStart(4, "0")}` };
        if (i % 2 === 0) group["description"] = `group ${i}`;
        if (i % 3 === 0) group["email"] = `g${i}@example.com`;
        if (i % 4 === 0) group["attributes"] = { sudo: { enabled: true, withoutPassword: i % 8 === 0 } };
        if (i % 5 === 0) {
            group["membershipMethod"] = "DYNAMIC_REVIEW_REQUIRED";
            group["memberQuery"] = memberQueries(`dept-${i}`)[(i / 5) % 4];
            group["memberSuggestionsNotify"] = i % 10 === 0;
        }
        return group;
    });
}

describe("contract: batched reads against the simulator", () => {
    let sim: RunningSimulator;
    let since = 0;

    before(async () => {
        sim = await startSimulator();
    });
    after(() => sim?.close());
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
    });

    function client(): JumpCloudClient {
        return new JumpCloudClient({
            apiKey: sim.apiKey,
            apiUrl: sim.url,
            maxRequestsPerSecond: 10_000,
            retry: { baseDelayMs: 5 },
        });
    }

    async function mark(): Promise<void> {
        since = await simAdmin(sim.origin).lastSeq();
    }

    /** API requests since the mark, as "METHOD path" (path relative to /api/v2, query dropped). */
    async function served(): Promise<string[]> {
        const requests = await simAdmin(sim.origin).requests(since);
        return requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/v2/, "").replace(/\?.*$/, "")}`);
    }

    async function seedGroups(n: number): Promise<string[]> {
        return (await simAdmin(sim.origin).seed({ userGroups: variedGroups(n) })).userGroups;
    }

    it("a group served from a listing equals its GET, field for field", async () => {
        const ids = await seedGroups(150);
        const c = client();
        const listed: ApiUserGroup[] = [];
        for (let skip = 0; skip < 150; skip += 100) listed.push(...(await c.userGroups.page(skip, 100)).items);
        assert.equal(listed.length, 150);
        assert.deepEqual(listed.map((g) => g.id).sort(), [...ids].sort());
        for (const group of listed) assert.deepEqual(group, await c.userGroups.get(group.id), group.name);
        // Every shape was among them, 7 or 8 groups each (30 dynamic groups, the shapes in turn).
        const shapes = listed.flatMap((g) => {
            const q = g.memberQuery as { queryType?: string; filters?: unknown[]; searchFilters?: unknown } | undefined;
            if (q?.queryType === undefined) return [];
            const detail = q.queryType === "Search" ? typeof q.searchFilters : typeof q.filters?.[0];
            return [`${q.queryType} ${detail}`];
        });
        const count = (shape: string) => shapes.filter((s) => s === shape).length;
        assert.deepEqual(
            ["FilterQuery object", "Filter string", "Search string", "Search object"].map(count),
            [8, 8, 7, 7],
        );
    });

    it("250 concurrent reads cost 3 list pages, not 250 GETs, and return what GETs return", async () => {
        const ids = await seedGroups(250);
        const truth = new Map<string, ApiUserGroup>();
        for (const id of ids) truth.set(id, await client().userGroups.get(id));
        await mark();
        const c = client();
        const read = await Promise.all(ids.map((id) => c.userGroups.read(id)));
        const requests = await served();
        assert.ok(requests.length <= 4, `at most the lone first GET and 3 pages: ${requests.join(", ")}`);
        assert.ok(requests.every((r) => r === "GET /usergroups" || r.startsWith("GET /usergroups/")));
        for (const [i, group] of read.entries()) assert.deepEqual(group, truth.get(ids[i] ?? ""));
    });

    // A small stack in a large org: every k-th group, 50 in all. In an org of 1,000 a listing of 10 pages pays; in
    // one of 10,000 its 100 pages never do, so beyond the probe page every read is its own GET.
    for (const [org, pagesAtMost] of [
        [1000, 10],
        [10_000, 1],
    ] as const) {
        it(`50 reads in an org of ${org.toLocaleString("en")} groups cost at most 51 requests, at most ${pagesAtMost} of them list pages`, async () => {
            const ids = await seedGroups(org);
            const mine = ids.filter((_, i) => i % (org / 50) === 7);
            assert.equal(mine.length, 50);
            await mark();
            const c = client();
            await Promise.all(mine.map((id) => c.userGroups.read(id)));
            const requests = await served();
            assert.ok(requests.length <= 51, `${requests.length} requests`);
            const pages = requests.filter((r) => r === "GET /usergroups").length;
            assert.ok(pages <= pagesAtMost, `${pages} list pages`);
        });
    }

    it("a group deleted in the console is confirmed by its own GET before it is reported gone", async () => {
        const ids = await seedGroups(120);
        const gone = ids[60] ?? "";
        const c = client();
        // Deleted in the console before the refresh: absent from the listing, which alone must not say "gone".
        await client().userGroups.delete(gone);
        await mark();
        const results = await Promise.allSettled(ids.map((id) => c.userGroups.read(id)));
        const rejected = results.flatMap((r, i) => (r.status === "rejected" ? [{ i, reason: r.reason }] : []));
        assert.equal(rejected.length, 1);
        assert.equal(rejected[0]?.i, 60);
        assert.ok(rejected[0]?.reason instanceof NotFoundError);
        const requests = await served();
        assert.ok(requests.includes(`GET /usergroups/${gone}`), "absence confirmed by a GET");
        assert.ok(requests.length <= 4, requests.join(", "));
    });

    it("a changed group is read as changed: a listing never serves what was true before the read began", async () => {
        const ids = await seedGroups(120);
        const target = ids[30] ?? "";
        const before = await client().userGroups.get(target);
        await client().userGroups.replace(target, { name: String(before.name), description: "changed in the console" });
        const c = client();
        const read = await Promise.all(ids.map((id) => c.userGroups.read(id)));
        assert.equal(read[30]?.description, "changed in the console");
    });

    it("push endpoints of one user: reads served from the user's list equal their GETs", async () => {
        const seeded = await simAdmin(sim.origin).seed({
            pushEndpoints: Array.from({ length: 12 }, (_, i) => ({
                userId: USER_ID,
                name: `phone-${i}`,
                state: i % 2 === 0 ? "active" : "inactive",
            })),
        });
        const c = client();
        await mark();
        const read = await Promise.all(seeded.pushEndpoints.map((id) => c.pushEndpoints.read(USER_ID, id)));
        const requests = await served();
        assert.ok(requests.length <= 3, requests.join(", "));
        for (const endpoint of read) assert.deepEqual(endpoint, await client().pushEndpoints.get(USER_ID, endpoint.id));
    });
});
