/**
 * Contract: the client's retries against the simulator's fault plans, counting the requests the simulator saw.
 * Delays stay short (baseDelayMs 5, Retry-After at most 1 s).
 */
import assert from "node:assert/strict";
import {
    collect,
    JumpCloudClient,
    type JumpCloudClientOptions,
    NetworkError,
    RateBudget,
    RateLimitedError,
    ServerError,
} from "../../provider/client";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { LoggedRequest } from "../../simulator/request-log";

describe("contract: JumpCloudClient retries against simulator faults", () => {
    let sim: RunningSimulator;
    let since = 0;

    before(async () => {
        sim = await startSimulator({ importDelayMs: 0 });
    });
    after(() => sim?.close());
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        await simAdmin(sim.origin).clearFaults();
        await simAdmin(sim.origin).rateLimit(null);
        since = await simAdmin(sim.origin).lastSeq();
    });

    function client(extra: Partial<JumpCloudClientOptions> = {}): JumpCloudClient {
        return new JumpCloudClient({
            apiKey: sim.apiKey,
            apiUrl: sim.url,
            // A private budget per test: a 429 pause in one test must not slow the next.
            rateBudget: new RateBudget(10_000),
            retry: { baseDelayMs: 5, maxDelayMs: 50 },
            ...extra,
        });
    }

    async function served(): Promise<LoggedRequest[]> {
        const requests = await simAdmin(sim.origin).requests(since);
        if (requests.length > 0) since = Math.max(...requests.map((r) => r.seq));
        return requests;
    }

    const statuses = (requests: LoggedRequest[]): number[] => requests.map((r) => r.status);

    async function groupNames(): Promise<string[]> {
        const c = client();
        const names = (await collect(c.userGroups.list())).map((g) => g.name ?? "");
        since = await simAdmin(sim.origin).lastSeq();
        return names;
    }

    async function seedGroup(name: string): Promise<string> {
        const group = await client().userGroups.create({ name });
        since = await simAdmin(sim.origin).lastSeq();
        return group.id;
    }

    it("GET: 429 with Retry-After 1 s is waited out, then succeeds (2 requests)", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).faults([
            { method: "GET", path: "^/usergroups/", kind: "429", count: 1, retryAfterSeconds: 1 },
        ]);
        const started = Date.now();
        const group = await client().userGroups.get(id);
        const elapsed = Date.now() - started;
        assert.equal(group.id, id);
        assert.ok(elapsed >= 950, `waited ${elapsed} ms`);
        assert.deepEqual(statuses(await served()), [429, 200]);
    });

    it("a 429 with Retry-After pauses the shared budget: a concurrent call waits too", async () => {
        const id = await seedGroup("g");
        const budget = new RateBudget(10_000);
        await simAdmin(sim.origin).faults([
            { method: "GET", path: "^/usergroups/", kind: "429", count: 1, retryAfterSeconds: 1 },
        ]);
        const a = client({ rateBudget: budget });
        const b = client({ rateBudget: budget });
        const started = Date.now();
        const first = a.userGroups.get(id);
        // Let a's 429 arrive before b asks.
        while (budget.pausedUntilMs === 0 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 2));
        const second = b.userGroups.get(id).then(() => Date.now() - started);
        await first;
        const secondAt = await second;
        assert.ok(secondAt >= 900, `b finished at ${secondAt} ms`);
        assert.deepEqual(statuses(await served()), [429, 200, 200]);
    });

    it("GET: two 503s then success (3 requests)", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).faults([{ method: "GET", kind: "503", count: 2 }]);
        assert.equal((await client().userGroups.get(id)).id, id);
        assert.deepEqual(statuses(await served()), [503, 503, 200]);
    });

    it("GET: a reset before the handler is retried", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).faults([{ method: "GET", kind: "reset-before", count: 1 }]);
        assert.equal((await client().userGroups.get(id)).id, id);
        // The simulator logs a dropped connection with status 0.
        assert.deepEqual(statuses(await served()), [0, 200]);
    });

    it("GET: gives up after maxRetries 503s with a ServerError (exactly 1 + maxRetries requests)", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).faults([{ method: "GET", kind: "503", count: 10 }]);
        await assert.rejects(client({ retry: { maxRetries: 2, baseDelayMs: 5 } }).userGroups.get(id), (e: unknown) => {
            assert.ok(e instanceof ServerError);
            assert.equal(e.attempts, 3);
            return true;
        });
        assert.deepEqual(statuses(await served()), [503, 503, 503]);
    });

    it("PUT: 502 twice then success (3 requests, one change)", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).faults([{ method: "PUT", kind: "502", count: 2 }]);
        assert.equal((await client().userGroups.replace(id, { name: "renamed" })).name, "renamed");
        assert.deepEqual(statuses(await served()), [502, 502, 200]);
        assert.deepEqual(await groupNames(), ["renamed"]);
    });

    it("DELETE: 429 (Retry-After 1 s) then success", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).faults([{ method: "DELETE", kind: "429", count: 1, retryAfterSeconds: 1 }]);
        await client().userGroups.delete(id);
        const requests = await served();
        assert.equal(requests.length, 2);
        assert.equal(requests[0]?.status, 429);
        assert.deepEqual(await groupNames(), []);
    });

    it("PATCH push endpoint: 500 then success (idempotent)", async () => {
        const userId = "5f0c000000000000000000a1";
        const peId = "5f0c000000000000000000e1";
        await simAdmin(sim.origin).seed({
            users: [{ id: userId, username: "alice", email: "alice@example.com" }],
            pushEndpoints: [{ userId, id: peId, name: "phone", state: "active" }],
        });
        since = await simAdmin(sim.origin).lastSeq();
        await simAdmin(sim.origin).faults([{ method: "PATCH", kind: "500", count: 1 }]);
        const updated = await client().pushEndpoints.update(userId, peId, { state: "inactive" });
        assert.equal(updated.state, "inactive");
        assert.deepEqual(statuses(await served()), [500, 200]);
    });

    it("POST: 503 is retried (the server did not act): 2 requests, one group", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", path: "^/usergroups$", kind: "503", count: 1 }]);
        const group = await client().userGroups.create({ name: "once" });
        assert.equal(group.name, "once");
        assert.deepEqual(statuses(await served()), [503, 201]);
        assert.deepEqual(await groupNames(), ["once"]);
    });

    it("POST: 429 with Retry-After is retried: 2 requests, one group", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", kind: "429", count: 1, retryAfterSeconds: 1 }]);
        await client().userGroups.create({ name: "once" });
        assert.deepEqual(statuses(await served()), [429, 201]);
        assert.deepEqual(await groupNames(), ["once"]);
    });

    for (const kind of ["500", "502"] as const) {
        it(`POST: ${kind} is not retried (1 request)`, async () => {
            await simAdmin(sim.origin).faults([{ method: "POST", kind, count: 1 }]);
            await assert.rejects(client().userGroups.create({ name: "maybe" }), ServerError);
            assert.deepEqual(statuses(await served()), [Number(kind)]);
        });
    }

    it("POST: a reset after the write is not retried: no duplicate group", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", kind: "reset-after", count: 1 }]);
        await assert.rejects(client().userGroups.create({ name: "written" }), NetworkError);
        assert.equal((await served()).length, 1);
        assert.deepEqual(await groupNames(), ["written"], "the server acted once; the client did not repeat it");
    });

    it("POST: a reset before the handler is not retried either (the client cannot tell)", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", kind: "reset-before", count: 1 }]);
        await assert.rejects(client().userGroups.create({ name: "never" }), NetworkError);
        assert.deepEqual(statuses(await served()), [0]);
        assert.deepEqual(await groupNames(), []);
    });

    it("a Retry-After beyond maxRetryAfterMs fails fast with RateLimitedError", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).faults([{ method: "GET", kind: "429", count: 1, retryAfterSeconds: 1 }]);
        await assert.rejects(
            client({ retry: { maxRetryAfterMs: 500 } }).userGroups.get(id),
            (e: unknown) => e instanceof RateLimitedError && e.retryAfterMs === 1000,
        );
        assert.deepEqual(statuses(await served()), [429]);
    });

    it("a budget under the simulator's rate limit never draws a 429", async () => {
        const id = await seedGroup("g");
        await simAdmin(sim.origin).rateLimit(20, 1);
        const c = client({ rateBudget: new RateBudget(10) });
        const started = Date.now();
        await Promise.all(Array.from({ length: 15 }, () => c.userGroups.get(id)));
        const elapsed = Date.now() - started;
        const requests = await served();
        assert.equal(requests.length, 15);
        assert.ok(requests.every((r) => r.status === 200));
        assert.ok(elapsed >= 450, `15 calls at 10/s with a burst of 10 take >= 500 ms, took ${elapsed}`);
    });
});
