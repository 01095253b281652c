import assert from "node:assert/strict";
import { assertError, type Group, SimHarness } from "./support/sim-harness";

interface Logged {
    seq: number;
    method: string;
    path: string;
    status: number;
    fault?: string;
}

describe("simulator: fault plans and rate limit", () => {
    const h = new SimHarness();
    before(() => h.start());
    after(() => h.stop());
    beforeEach(() => h.reset());

    const plan = async (...faults: unknown[]): Promise<void> => {
        const res = await h.admin("POST", "/faults", { faults });
        assert.equal(res.status, 200, JSON.stringify(res.body));
    };
    const groups = async (): Promise<Group[]> =>
        (await h.admin<{ userGroups: Group[] }>("GET", "/store")).body.userGroups;

    it("429 with Retry-After for the next N matching requests, before authentication", async () => {
        await plan({ method: "GET", path: "^/usergroups$", kind: "429", count: 2, retryAfterSeconds: 7 });
        for (let i = 0; i < 2; i++) {
            const res = await h.api("GET", "/usergroups", { noKey: true });
            assertError(res, 429);
            assert.equal(res.headers.get("retry-after"), "7");
        }
        assertError(await h.api("GET", "/usergroups", { noKey: true }), 401);
        assert.equal((await h.api("GET", "/usergroups")).status, 200);
    });

    it("only matching method and path fire", async () => {
        await plan({ method: "POST", path: "^/usergroups$", kind: "503", count: 1 });
        assert.equal((await h.api("GET", "/usergroups")).status, 200);
        assert.equal((await h.api("GET", "/workdays")).status, 200);
        assertError(await h.api("POST", "/usergroups", { body: { name: "x" } }), 503);
        assert.equal((await h.api("POST", "/usergroups", { body: { name: "x" } })).status, 201);
    });

    for (const kind of ["500", "502", "503"]) {
        it(`${kind} answers a JSON error and writes nothing`, async () => {
            await plan({ kind, count: 1 });
            const res = await h.api("POST", "/usergroups", { body: { name: "never" } });
            assertError(res, Number(kind));
            assert.equal((await groups()).length, 0);
        });
    }

    it("latency delays the response by latencyMs", async () => {
        await plan({ method: "GET", kind: "latency", latencyMs: 150, count: 1 });
        const started = performance.now();
        assert.equal((await h.api("GET", "/usergroups")).status, 200);
        assert.ok(performance.now() - started >= 140);
    });

    it("reset-before drops the connection and does nothing", async () => {
        await plan({ method: "POST", kind: "reset-before", count: 1 });
        await assert.rejects(h.api("POST", "/usergroups", { body: { name: "dropped" } }));
        assert.equal((await groups()).length, 0);
        assert.equal((await h.api("POST", "/usergroups", { body: { name: "dropped" } })).status, 201);
    });

    it("reset-after commits the write, then drops the connection without replying", async () => {
        await plan({ method: "POST", path: "^/usergroups", kind: "reset-after", count: 1 });
        await assert.rejects(h.api("POST", "/usergroups", { body: { name: "committed" } }));
        const stored = await groups();
        assert.deepEqual(
            stored.map((g) => g.name),
            ["committed"],
        );
        // A retry of the same create now meets the committed group.
        assertError(await h.api("POST", "/usergroups", { body: { name: "committed" } }), 409);
    });

    it("faults show in the request log with their kind", async () => {
        await plan({ method: "GET", kind: "500", count: 1 }, { method: "DELETE", kind: "reset-before", count: 1 });
        await h.api("GET", "/usergroups");
        await assert.rejects(h.api("DELETE", "/usergroups/5f0c00000000000000000001"));
        const log = (await h.admin<{ requests: Logged[] }>("GET", "/requests")).body.requests;
        assert.deepEqual(
            log.map((r) => [r.method, r.status, r.fault]),
            [
                ["GET", 500, "500"],
                ["DELETE", 0, "reset-before"],
            ],
        );
    });

    it("a seeded fraction fires on the same requests every time", async () => {
        const run = async (): Promise<number[]> => {
            await h.reset();
            await plan({ method: "GET", kind: "500", fraction: 0.3, seed: 42 });
            const statuses: number[] = [];
            for (let i = 0; i < 40; i++) statuses.push((await h.api("GET", "/usergroups")).status);
            return statuses;
        };
        const first = await run();
        const second = await run();
        assert.deepEqual(first, second);
        const failures = first.filter((s) => s === 500).length;
        assert.ok(failures >= 4 && failures <= 20, `about 30% of 40 failed: ${failures}`);
    });

    it("DELETE /__sim/faults clears the plan", async () => {
        await plan({ kind: "500", count: 5 });
        assert.equal((await h.admin("DELETE", "/faults")).status, 204);
        assert.equal((await h.api("GET", "/usergroups")).status, 200);
    });

    it("refuses a bad plan with 400 and adds none of it", async () => {
        for (const faults of [
            [{ kind: "418" }],
            [{ kind: "500", path: "(" }],
            [{ kind: "500", fraction: 2 }],
            [{ kind: "500", count: -1 }],
            [{ kind: "500" }, { kind: "nope" }],
        ]) {
            const res = await h.admin<{ code: number; message: string }>("POST", "/faults", { faults });
            assert.equal(res.status, 400, JSON.stringify(faults));
            assert.equal(res.body.code, 400);
        }
        assert.equal((await h.api("GET", "/usergroups")).status, 200);
    });

    it("the rate limit answers 429 with Retry-After beyond requestsPerSecond, and can be switched off", async () => {
        const set = await h.admin("POST", "/rate-limit", { requestsPerSecond: 5, retryAfterSeconds: 2 });
        assert.equal(set.status, 200);
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let i = 0; i < 12; i++) {
            const res = await h.api("GET", "/usergroups");
            statuses.push(res.status);
            if (res.status === 429) retryAfter = res.headers.get("retry-after");
        }
        assert.ok(statuses.slice(0, 5).every((s) => s === 200));
        assert.ok(statuses.filter((s) => s === 429).length >= 5, statuses.join(","));
        assert.equal(retryAfter, "2");
        await h.admin("POST", "/rate-limit", { requestsPerSecond: null });
        for (let i = 0; i < 10; i++) assert.equal((await h.api("GET", "/usergroups")).status, 200);
        const bad = await h.admin("POST", "/rate-limit", { requestsPerSecond: -1 });
        assert.equal(bad.status, 400);
    });
});
