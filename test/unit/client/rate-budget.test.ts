import assert from "node:assert/strict";
import sinon from "sinon";
import { LEARNED_RATE_MS, RateBudget, sharedRateBudget } from "../../../provider/client/rate-budget";

describe("rate budget", () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: 1_000_000 });
    });
    afterEach(() => clock.restore());

    /** Starts `n` acquisitions at once and records the virtual time (relative to the start) each one is granted. */
    function grantTimes(budget: RateBudget, n: number, signal?: AbortSignal): { times: number[]; all: Promise<void> } {
        const start = Date.now();
        const times: number[] = [];
        const all = Promise.all(
            Array.from({ length: n }, () => budget.acquire(signal).then(() => void times.push(Date.now() - start))),
        ).then(() => undefined);
        return { times, all };
    }

    it("grants a burst of one second's worth, then one token per interval", async () => {
        const budget = new RateBudget(4);
        const { times, all } = grantTimes(budget, 7);
        await clock.tickAsync(2000);
        await all;
        assert.deepEqual(times, [0, 0, 0, 0, 250, 500, 750]);
    });

    it("after a 429, resumes below what the server accepted in the last second, then recovers", async () => {
        const budget = new RateBudget(50);
        for (let i = 0; i < 20; i++) {
            await budget.acquire();
            budget.recordAnswered();
            await clock.tickAsync(40);
        }
        budget.pause(1000);
        assert.equal(budget.requestsPerSecond, 18, "90% of the 20 answered in the last second");
        // The configured rate set again by a new client does not lift the learned cap while it holds.
        budget.setRate(50);
        assert.equal(budget.requestsPerSecond, 18);
        const { times, all } = grantTimes(budget, 20);
        await clock.tickAsync(3000);
        await all;
        const lastSecond = times.filter((t) => t >= times[times.length - 1]! - 999);
        assert.ok(lastSecond.length <= 18, `${lastSecond.length} grants in one second`);
        await clock.tickAsync(LEARNED_RATE_MS + 1000);
        await budget.acquire();
        assert.equal(budget.requestsPerSecond, 50, "back to the configured rate after a quiet minute");
    });

    it("does not limit at Infinity", async () => {
        const budget = new RateBudget(Number.POSITIVE_INFINITY);
        const { times, all } = grantTimes(budget, 50);
        await clock.tickAsync(0);
        await all;
        assert.equal(times.length, 50);
        assert.ok(times.every((t) => t === 0));
    });

    it("a pause holds back every concurrent caller, which then resume at the sustained rate", async () => {
        const budget = new RateBudget(10);
        budget.pause(2000);
        const { times, all } = grantTimes(budget, 3);
        await clock.tickAsync(1999);
        assert.deepEqual(times, [], "nobody passes during the pause");
        await clock.tickAsync(1000);
        await all;
        assert.deepEqual(times, [2000, 2100, 2200]);
    });

    it("a pause that arrives while callers wait for their slot also applies to them", async () => {
        const budget = new RateBudget(1);
        await budget.acquire(); // the one-token burst is spent
        const { times, all } = grantTimes(budget, 2); // booked for t=1000 and t=2000
        await clock.tickAsync(500);
        budget.pause(3000); // until t=3500
        await clock.tickAsync(10_000);
        await all;
        assert.ok(
            times.every((t) => t >= 3500),
            `granted at ${times.join(", ")}`,
        );
        assert.deepEqual(times, [3500, 4500]);
    });

    it("two clients sharing a budget: a 429 pause from one delays the other", async () => {
        const a = sharedRateBudget("http://127.0.0.1:1/api/v2", "key-one", 100);
        const b = sharedRateBudget("http://127.0.0.1:1/api/v2", "key-one", 100);
        const other = sharedRateBudget("http://127.0.0.1:1/api/v2", "key-two", 100);
        assert.equal(a, b, "same URL and key share one budget");
        assert.notEqual(a, other, "another key has its own");
        a.pause(1500);
        const { times, all } = grantTimes(b, 1);
        const free = grantTimes(other, 1);
        await clock.tickAsync(2000);
        await Promise.all([all, free.all]);
        assert.deepEqual(times, [1500]);
        assert.deepEqual(free.times, [0]);
    });

    it("rejects a waiting caller when its signal aborts", async () => {
        const budget = new RateBudget(1);
        budget.pause(10_000);
        const controller = new AbortController();
        const waiting = budget.acquire(controller.signal);
        await clock.tickAsync(100);
        controller.abort(new Error("stop"));
        await assert.rejects(waiting, /stop/);
        assert.equal(Date.now(), 1_000_100);
    });

    it("answers false at once, spending nothing, when the grant would come after the caller's deadline", async () => {
        const budget = new RateBudget(1);
        budget.pause(5000);
        assert.equal(await budget.acquire(undefined, Date.now() + 4999), false);
        assert.equal(Date.now(), 1_000_000, "no time passed");
        const granted = budget.acquire(undefined, Date.now() + 5000);
        await clock.tickAsync(5000);
        assert.equal(await granted, true);
    });

    it("refuses a non-positive rate", () => {
        assert.throws(() => new RateBudget(0), /maxRequestsPerSecond must be positive/);
        assert.throws(() => new RateBudget(-3), /maxRequestsPerSecond must be positive/);
    });
});
