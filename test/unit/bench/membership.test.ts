import * as assert from "node:assert/strict";
import {
    apiMinimum,
    burstOf,
    clientLatencies,
    countByRoute,
    countMismatch,
    expectedCalls,
    lastGrantMs,
    pages,
    sequentialRounds,
} from "../../../bench/lib/membership";

const shape = { m: 1000, a: 50, r: 50 };

describe("bench membership arithmetic", () => {
    it("pages: ⌊L/100⌋ + 1, a full last page followed by an empty one", () => {
        assert.deepEqual([0, 99, 100, 250, 1000].map(pages), [1, 1, 2, 3, 11]);
    });

    it("expects the README's calls per operation for M = 1000, a = r = 50", () => {
        assert.deepEqual(expectedCalls("up-create", shape), {
            "POST /usergroups": 1,
            "GET /usergroups/:id/members": 1,
            "POST /usergroups/:id/members": 1000,
        });
        assert.deepEqual(expectedCalls("preview", shape), {});
        assert.deepEqual(expectedCalls("preview-refresh", shape), {
            "GET /usergroups/:id": 1,
            "GET /usergroups/:id/members": 11,
        });
        assert.deepEqual(expectedCalls("up-update", shape), {
            "GET /usergroups/:id/members": 11,
            "POST /usergroups/:id/members": 100,
        });
        assert.deepEqual(expectedCalls("destroy", shape), {
            "POST /usergroups/:id/members": 1000,
            "DELETE /usergroups/:id": 1,
        });
    });

    it("counts logged requests by route with ObjectIds folded, and tells any difference", () => {
        const id = "5f2b00000000000000000001";
        const counts = countByRoute([
            { seq: 1, method: "GET", path: `/usergroups/${id}/members`, status: 200 },
            { seq: 2, method: "POST", path: `/usergroups/${id}/members`, status: 204 },
            { seq: 3, method: "POST", path: `/usergroups/${id}/members`, status: 204 },
        ]);
        assert.deepEqual(counts, { "GET /usergroups/:id/members": 1, "POST /usergroups/:id/members": 2 });
        assert.equal(
            countMismatch({ "POST /usergroups/:id/members": 2, "GET /usergroups/:id/members": 1 }, counts),
            undefined,
        );
        assert.match(
            countMismatch({ "GET /usergroups/:id/members": 1, "POST /usergroups/:id/members": 3 }, counts) ?? "",
            /expected .*3.*logged .*2/,
        );
        assert.ok(countMismatch({}, counts));
    });

    it("takes the rate bound from the package's RateBudget: a burst of R, then 1/R s per request", () => {
        assert.equal(burstOf(100), 100);
        assert.equal(lastGrantMs(100, 100), 0);
        assert.equal(Math.round(lastGrantMs(1002, 100)), 9020);
        assert.equal(Math.round(lastGrantMs(20, 10)), 1000);
    });

    it("bounds the API phase by the rate and by the chain of requests that wait for each other", () => {
        assert.equal(sequentialRounds("up-create", shape, 8), 1 + 1 + 125);
        assert.equal(sequentialRounds("up-update", shape, 8), 11 + 7 + 7);
        const min = apiMinimum("up-create", shape, 1002, { requestsPerSecond: 100, concurrency: 8, latencyMs: 2 });
        assert.equal(Math.round(min.rateMs), 9022);
        assert.equal(min.chainMs, 254);
        assert.equal(min.minimumMs, min.rateMs);
        const slow = apiMinimum("up-create", shape, 1002, { requestsPerSecond: 100, concurrency: 8, latencyMs: 100 });
        assert.equal(slow.minimumMs, 12_700);
        assert.equal(
            apiMinimum("preview", shape, 0, { requestsPerSecond: 100, concurrency: 8, latencyMs: 5 }).minimumMs,
            0,
        );
    });

    it("reads the client's latencies from its log lines", () => {
        const log = [
            "2026-12-01T15:00:00.000Z pid=1 debug JumpCloud #1 POST /usergroups/x/members attempt 1 sent",
            "2026-12-01T15:00:00.010Z pid=1 debug JumpCloud #1 POST /usergroups/x/members -> 204 (10 ms, attempt 1)",
            "2026-12-01T15:00:00.020Z pid=1 debug JumpCloud #2 GET /usergroups/x/members -> 200 (7 ms, attempt 1)",
        ].join("\n");
        assert.deepEqual(clientLatencies(log), [10, 7]);
    });
});
