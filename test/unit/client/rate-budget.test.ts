import assert from "node:assert/strict";
import sinon from "sinon";
import { RateBudget, sharedRateBudget } from "../../../provider/client/rate-budget";

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

    /** `n` requests granted and answered, one every `everyMs` from now: `1000 / everyMs` requests/s for `n × everyMs`. */
    async function answered(budget: RateBudget, n: number, everyMs: number): Promise<void> {
        for (let i = 0; i < n; i++) {
            await budget.acquire();
            budget.recordAnswered();
            await clock.tickAsync(everyMs);
        }
    }

    /** The rate at `offsets` (ms after now), read in turn. */
    async function ratesAt(budget: RateBudget, offsets: readonly number[]): Promise<number[]> {
        const start = Date.now();
        const rates: number[] = [];
        for (const at of offsets) {
            await clock.tickAsync(start + at - Date.now());
            rates.push(budget.requestsPerSecond);
        }
        return rates;
    }

    // The client used to drop to 90% of what the API had answered in the last second, for a whole minute: a lone
    // 429 early in a run (3 answers so far) held it at 2.7 requests/s for 60 s, and runners sharing one limit kept
    // whatever uneven shares their first 429 gave them. These tests hold the AIMD recovery that replaced it.
    it("after a 429, drops to 70% of the rate the API accepted, then climbs back by steps of 1, 2, 4... per second", async () => {
        const budget = new RateBudget(50);
        await answered(budget, 30, 40); // 25 requests/s for 1.2 s: 24 answers in the last second
        budget.pause(1000);
        const tenths = (rate: number) => Math.round(rate * 10) / 10;
        assert.equal(tenths(budget.requestsPerSecond), 16.8, "70% of the 24/s accepted");
        // The configured rate set again by a new client does not lift the decrease.
        budget.setRate(50);
        assert.equal(tenths(budget.requestsPerSecond), 16.8);
        const { times, all } = grantTimes(budget, 18);
        await clock.tickAsync(3000);
        await all;
        assert.ok(times[0]! >= 1000, "nothing before the pause ends");
        const firstSecond = times.filter((t) => t < times[0]! + 1000);
        assert.ok(firstSecond.length <= 17, `${firstSecond.length} grants in the first second after the pause`);
        // The steps count from the end of the pause (1000 ms after it began; 3000 ms have passed).
        const rates = await ratesAt(budget, [0, 1000, 2000, 3000, 4000]);
        assert.deepEqual(rates.map(tenths), [19.8, 23.8, 31.8, 47.8, 50]);
    });

    it("a run's first 429 counts a whole second's answers: an API's initial burst is not read as its rate", async () => {
        const budget = new RateBudget(100);
        await answered(budget, 8, 20); // 8 answers in the run's first 160 ms: 8 in the last second, not 50/s
        budget.pause(1000);
        assert.ok(Math.abs(budget.requestsPerSecond - 5.6) < 1e-9, `${budget.requestsPerSecond}`);
        // A lone 429 still costs seconds: from the end of the pause +1, +2, +4... and the configured 100 at 7 s.
        const rates = await ratesAt(budget, [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
        assert.deepEqual(
            rates.map((r) => Math.round(r * 10) / 10),
            [5.6, 6.6, 8.6, 12.6, 20.6, 36.6, 68.6, 100],
        );
    });

    it("with too little sent to measure, a 429 lowers the paced rate itself", async () => {
        const budget = new RateBudget(100);
        await answered(budget, 2, 10); // 10 ms of sending: no measurable rate
        budget.pause(1000);
        assert.equal(budget.requestsPerSecond, 70);
        const idle = new RateBudget(100);
        await idle.acquire();
        await clock.tickAsync(500);
        idle.pause(1000); // nothing answered
        assert.equal(idle.requestsPerSecond, 70);
    });

    /** An API's limit like the simulator's: a token bucket of `limit` per second that starts full; true = accepted. */
    function tokenBucket(limit: number): () => boolean {
        let tokens = limit;
        let last = Date.now();
        return () => {
            const now = Date.now();
            tokens = Math.min(limit, tokens + ((now - last) / 1000) * limit);
            last = now;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        };
    }

    // Issue 8's target: against a token bucket that starts full, no request beyond the limit after the first 429.
    // Measuring the first 429's rate over the short time spent sending read the burst as rate (at 60/s, 30 answers
    // in 0.5 s: 60/s, lowered to 42/s), and the next 429 came less than a second after the pause.
    for (const pace of [30, 60, 120]) {
        it(`a run paced at ${pace}/s against a 20/s bucket that starts full meets one 429 and no other`, async () => {
            const take = tokenBucket(20);
            const budget = new RateBudget(100);
            const start = Date.now();
            const refusedAt: number[] = [];
            let lastAnswer = 0;
            // 100 creates, one started every 1000/pace ms (the engine's pace), each retried after a 429's pause.
            const create = async () => {
                for (;;) {
                    await budget.acquire();
                    if (take()) {
                        budget.recordAnswered();
                        lastAnswer = Date.now() - start;
                        return;
                    }
                    refusedAt.push(Date.now() - start);
                    budget.pause(1000);
                    await new Promise((r) => setTimeout(r, 1000));
                }
            };
            const creates: Promise<void>[] = [];
            const feed = (async () => {
                for (let i = 0; i < 100; i++) {
                    creates.push(create());
                    await new Promise((r) => setTimeout(r, 1000 / pace));
                }
            })();
            await clock.tickAsync(20_000);
            await feed;
            await Promise.all(creates);
            assert.equal(refusedAt.length, 1, `429s at ${refusedAt.join(", ")} ms`);
            // And the limit is still used: within 1.2 x N/R of the 5 s that 100 requests at 20/s need.
            assert.ok(lastAnswer <= 6000, `the last answer at ${lastAnswer} ms`);
        });
    }

    it("429s to requests already under way lower the rate once; a 429 at the lowered rate lowers it again", async () => {
        const budget = new RateBudget(50);
        await answered(budget, 30, 40);
        budget.pause(1000);
        await clock.tickAsync(20);
        budget.pause(1000); // in flight when the first 429 came: the same overload
        assert.ok(Math.abs(budget.requestsPerSecond - 16.8) < 1e-9, `${budget.requestsPerSecond}`);
        await clock.tickAsync(1000);
        await answered(budget, 7, 60); // 7 in 420 ms, under the lowered pace
        budget.pause(1000);
        assert.ok(
            Math.abs(budget.requestsPerSecond - 0.7 * (7000 / 420)) < 1e-9,
            `${budget.requestsPerSecond}: 70% of what the API accepted since the pause, then refused again`,
        );
    });

    it("never decreases below one request per second, nor an unlimited budget at all", async () => {
        const slow = new RateBudget(1.2);
        await answered(slow, 2, 1000);
        slow.pause(1000);
        assert.equal(slow.requestsPerSecond, 1);
        const unlimited = new RateBudget(Number.POSITIVE_INFINITY);
        await answered(unlimited, 5, 30);
        unlimited.pause(1000);
        assert.equal(unlimited.requestsPerSecond, Number.POSITIVE_INFINITY);
        assert.equal(unlimited.pausedUntilMs, Date.now() + 1000, "an unlimited budget still pauses");
    });

    it("three runners sharing one limit settle around it in about equal shares, with a 429 every few seconds", async function () {
        this.timeout(30_000);
        // A token bucket like the simulator's (20/s, burst 20, Retry-After 1 s) and three runners at the default
        // rate, each four requests at a time with 5 ms of latency; the second and third start 5 and 10 s late.
        const limit = 20;
        const take = tokenBucket(limit);
        const t0 = Date.now();
        // Shares are measured over 90 s: over 30 s, which runner was refused last decides a good part of them.
        const window = { from: t0 + 30_000, to: t0 + 120_000 };
        let stop = false;
        const runners = [0, 5000, 10_000].map((delay) => {
            const budget = new RateBudget(100);
            const tally = { accepted: 0, refused: 0 };
            const worker = async () => {
                await clock.tickAsync(0);
                await new Promise((r) => setTimeout(r, delay));
                while (!stop) {
                    await budget.acquire();
                    await new Promise((r) => setTimeout(r, 5));
                    const inWindow = Date.now() >= window.from && Date.now() < window.to;
                    if (take()) {
                        budget.recordAnswered();
                        if (inWindow) tally.accepted++;
                    } else {
                        budget.pause(1000);
                        if (inWindow) tally.refused++;
                    }
                }
            };
            return { tally, done: Promise.all([worker(), worker(), worker(), worker()]) };
        });
        await clock.tickAsync(120_000);
        stop = true;
        await clock.tickAsync(2000);
        await Promise.all(runners.map((r) => r.done));
        const accepted = runners.map((r) => r.tally.accepted);
        const refused = runners.map((r) => r.tally.refused);
        const total = accepted.reduce((a, b) => a + b, 0);
        const detail = `accepted ${accepted.join("/")}, 429s ${refused.join("/")} in the last 90 s`;
        assert.ok(total >= 0.8 * limit * 90, `the limit is used: ${detail}`);
        for (const a of accepted) assert.ok(a >= total / 4 && a <= total / 2, `about equal shares: ${detail}`);
        for (const r of refused) assert.ok(r <= 45, `a 429 every two seconds at most: ${detail}`);
    });

    it("does not limit at Infinity", async () => {
        const budget = new RateBudget(Number.POSITIVE_INFINITY);
        const { times, all } = grantTimes(budget, 50);
        await clock.tickAsync(0);
        await all;
        assert.equal(times.length, 50);
        assert.ok(times.every((t) => t === 0));
    });

    it("a pause holds back every concurrent caller, which then resume at the lowered rate", async () => {
        const budget = new RateBudget(10);
        budget.pause(2000);
        const { times, all } = grantTimes(budget, 3);
        await clock.tickAsync(1999);
        assert.deepEqual(times, [], "nobody passes during the pause");
        await clock.tickAsync(1000);
        await all;
        // 1000/7 ms apart: the 429 behind the pause also lowered the rate, to 70% of 10/s.
        assert.deepEqual(times, [2000, 2142, 2285]);
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
