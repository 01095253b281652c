import assert from "node:assert/strict";
import sinon from "sinon";
import {
    isJumpCloudError,
    JumpCloudClient,
    type JumpCloudClientOptions,
    NetworkError,
    RateBudget,
    RateLimitedError,
    ServerError,
    TimeoutError,
} from "../../../provider/client";
import { API_KEY, type FakeFetch, fakeFetch, GROUP_ID, networkError, response, type Step } from "./fake-fetch";

const GROUP = { id: GROUP_ID, name: "Engineering", type: "user_group" };

describe("JumpCloudClient retries and time (virtual time)", () => {
    let clock: sinon.SinonFakeTimers;
    const T0 = 1_700_000_000_000;
    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: T0 });
    });
    afterEach(() => clock.restore());

    function client(fake: FakeFetch, extra: Partial<JumpCloudClientOptions> = {}): JumpCloudClient {
        return new JumpCloudClient({
            apiKey: API_KEY,
            apiUrl: "http://jc.test/api/v2",
            fetch: fake.fetch,
            rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
            retry: { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 },
            ...extra,
        });
    }

    /** Runs `promise` to completion in virtual time; resolves with its outcome without ever rejecting. */
    async function settle<T>(promise: Promise<T>, ms = 600_000): Promise<{ value?: T; error?: unknown }> {
        const outcome = promise.then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
        );
        await clock.tickAsync(ms);
        return outcome;
    }

    const offsets = (fake: FakeFetch): number[] => fake.calls.map((c) => c.at - T0);

    it("retries a GET on 503 with capped exponential backoff, then succeeds", async () => {
        const fake = fakeFetch([response(503), response(503), response(503), response(200, GROUP)]);
        const { value } = await settle(client(fake).userGroups.get(GROUP_ID));
        assert.deepEqual(value, GROUP);
        // random 0.5 of 100, 200, 400
        assert.deepEqual(offsets(fake), [0, 50, 150, 350]);
    });

    for (const s of [408, 429, 500, 502, 504]) {
        it(`retries GET, PUT and DELETE on ${s}`, async () => {
            for (const method of ["get", "replace", "delete"] as const) {
                const fake = fakeFetch([response(s), response(200, GROUP)]);
                const c = client(fake);
                const call =
                    method === "get"
                        ? c.userGroups.get(GROUP_ID)
                        : method === "replace"
                          ? c.userGroups.replace(GROUP_ID, { name: "Engineering" })
                          : c.userGroups.delete(GROUP_ID);
                const { value } = await settle(call);
                assert.deepEqual(value, GROUP, method);
                assert.equal(fake.calls.length, 2, method);
            }
        });
    }

    it("retries a PATCH (idempotent) on 502", async () => {
        const fake = fakeFetch([response(502), response(200, { id: "pe1", state: "inactive" })]);
        const { value } = await settle(client(fake).pushEndpoints.update(GROUP_ID, "pe1", { state: "inactive" }));
        assert.deepEqual(value, { id: "pe1", state: "inactive" });
        assert.equal(fake.calls.length, 2);
    });

    for (const s of [500, 502, 504]) {
        it(`does not retry POST on ${s}`, async () => {
            const fake = fakeFetch([response(s, { message: "boom" }), response(201, GROUP)]);
            const { error } = await settle(client(fake).userGroups.create({ name: "Engineering" }));
            assert.ok(error instanceof ServerError);
            assert.equal(error.status, s);
            assert.equal(fake.calls.length, 1);
        });
    }

    describe("the client decides whether a failed call may have been applied", () => {
        const cases: Array<[string, Step[], boolean]> = [
            ["a reset POST", [networkError("ECONNRESET")], true],
            ["a POST answered 500", [response(500)], true],
            ["a POST answered 502", [response(502)], true],
            ["a POST refused every time", [networkError("ECONNREFUSED")], false],
            ["a POST answered 503 every time", [response(503)], false],
            ["a POST answered 429 every time", [response(429, undefined, { "Retry-After": "1" })], false],
            ["a POST answered 400", [response(400, { message: "name is required" })], false],
            ["a POST answered 409", [response(409, { message: "Already Exists" })], false],
        ];
        for (const [label, script, applied] of cases) {
            it(`${label}: mayHaveBeenApplied is ${applied}`, async () => {
                const { error } = await settle(client(fakeFetch(script)).userGroups.create({ name: "Engineering" }));
                assert.ok(isJumpCloudError(error));
                assert.equal(error.mayHaveBeenApplied, applied);
            });
        }

        it("an earlier attempt's lost answer is not undone by a later refusal (GET: reset, then 503s)", async () => {
            const fake = fakeFetch([networkError("ECONNRESET"), response(503)]);
            const { error } = await settle(
                client(fake, { retry: { maxRetries: 2, random: () => 0 } }).userGroups.get(GROUP_ID),
            );
            assert.ok(isJumpCloudError(error));
            assert.equal(error.status, 503);
            assert.equal(error.mayHaveBeenApplied, true);
            assert.equal(fake.calls.length, 3);
        });

        it("setting Workday credentials (a POST that repeats to the same state) is retried after a 500 and a reset", async () => {
            const fake = fakeFetch([response(500), networkError("ECONNRESET"), response(204)]);
            const { error } = await settle(
                client(fake).workdays.authorize(GROUP_ID, { auth: { basic: { username: "u", password: "p" } } }),
            );
            assert.equal(error, undefined);
            assert.equal(fake.calls.length, 3);
        });

        it("an import job is sent again after its answer was lost (JumpCloud imports each user once)", async () => {
            const fake = fakeFetch([networkError("ECONNRESET"), response(201, { jobId: "job-2" })]);
            const { value } = await settle(
                client(fake).workdays.startImport(GROUP_ID, [{ email: "a@example.com", username: "a" }]),
            );
            assert.deepEqual(value, { jobId: "job-2" });
            assert.equal(fake.calls.length, 2);
        });
    });

    describe("createAtMostOnce", () => {
        const ambiguous = () =>
            new ServerError({ method: "POST", path: "/usergroups", status: 502, mayHaveBeenApplied: true });

        it("sends again, with the policy's backoff, only while the lookup proves nothing was created", async () => {
            const c = client(fakeFetch([response(200, [])]), {
                retry: { maxRetries: 3, baseDelayMs: 100, random: () => 0.5 },
            });
            const sent: number[] = [];
            const looked: number[] = [];
            const { value } = await settle(
                c.createAtMostOnce({
                    send: async () => {
                        sent.push(Date.now() - T0);
                        if (sent.length < 3) throw ambiguous();
                        return "created";
                    },
                    findApplied: async () => {
                        looked.push(Date.now() - T0);
                        return undefined;
                    },
                }),
            );
            assert.equal(value, "created");
            // Backoff of 0.5 × 100, then 0.5 × 200 after each lookup.
            assert.deepEqual(sent, [0, 50, 150]);
            assert.deepEqual(looked, [0, 50]);
        });

        it("takes what the lookup finds, and never sends twice then", async () => {
            let sends = 0;
            const { value } = await settle(
                client(fakeFetch([response(200, [])])).createAtMostOnce({
                    send: async () => {
                        sends++;
                        throw ambiguous();
                    },
                    findApplied: async () => "found",
                }),
            );
            assert.equal(value, "found");
            assert.equal(sends, 1);
        });

        it("gives up with the last failure once the policy's retries are spent", async () => {
            let sends = 0;
            const { error } = await settle(
                client(fakeFetch([response(200, [])]), { retry: { maxRetries: 2 } }).createAtMostOnce({
                    send: async () => {
                        sends++;
                        throw ambiguous();
                    },
                    findApplied: async () => undefined,
                }),
            );
            assert.ok(error instanceof ServerError);
            assert.equal(sends, 3);
        });

        it("a 409 after an ambiguous attempt asks the lookup (a late landing); a first 409 is the caller's", async () => {
            const conflict = () => new ServerError({ method: "POST", path: "/usergroups", status: 409 });
            let looked = 0;
            const late = await settle(
                client(fakeFetch([response(200, [])])).createAtMostOnce({
                    send: (() => {
                        let n = 0;
                        return async () => {
                            n++;
                            throw n === 1 ? ambiguous() : conflict();
                        };
                    })(),
                    findApplied: async () => (++looked === 2 ? "landed late" : undefined),
                }),
            );
            assert.equal(late.value, "landed late");
            looked = 0;
            const first = await settle(
                client(fakeFetch([response(200, [])])).createAtMostOnce({
                    send: async () => {
                        throw conflict();
                    },
                    findApplied: async () => {
                        looked++;
                        return "never asked";
                    },
                }),
            );
            assert.equal((first.error as ServerError).status, 409);
            assert.equal(looked, 0);
        });

        it("never looks anything up after a failure that had no effect", async () => {
            let looked = 0;
            const { error } = await settle(
                client(fakeFetch([response(200, [])])).createAtMostOnce({
                    send: async () => {
                        throw new ServerError({ method: "POST", path: "/usergroups", status: 503 });
                    },
                    findApplied: async () => {
                        looked++;
                        return "x";
                    },
                }),
            );
            assert.ok(error instanceof ServerError);
            assert.equal(looked, 0);
        });
    });

    it("does not retry POST on a connection reset", async () => {
        const fake = fakeFetch([networkError("ECONNRESET"), response(201, GROUP)]);
        const { error } = await settle(client(fake).userGroups.create({ name: "Engineering" }));
        assert.ok(error instanceof NetworkError);
        assert.equal((error.cause as { code?: string }).code, "ECONNRESET");
        assert.equal(fake.calls.length, 1);
    });

    it("does not retry POST on its own attempt timeout", async () => {
        const fake = fakeFetch(["hang", response(201, GROUP)]);
        const { error } = await settle(client(fake, { timeoutMs: 1000 }).userGroups.create({ name: "Engineering" }));
        assert.ok(error instanceof TimeoutError);
        assert.equal(fake.calls.length, 1);
    });

    for (const s of [429, 503]) {
        it(`retries POST on ${s} (the server did not act)`, async () => {
            const fake = fakeFetch([response(s), response(201, GROUP)]);
            const { value } = await settle(client(fake).userGroups.create({ name: "Engineering" }));
            assert.deepEqual(value, GROUP);
            assert.equal(fake.calls.length, 2);
        });
    }

    it("retries POST when the connection was refused (never sent)", async () => {
        const fake = fakeFetch([networkError("ECONNREFUSED"), response(201, GROUP)]);
        const { value } = await settle(client(fake).userGroups.create({ name: "Engineering" }));
        assert.deepEqual(value, GROUP);
        assert.equal(fake.calls.length, 2);
    });

    it("retries a GET on a reset and on its own timeout", async () => {
        const fake = fakeFetch([networkError("ECONNRESET"), "hang", response(200, GROUP)]);
        const { value } = await settle(client(fake, { timeoutMs: 2000 }).userGroups.get(GROUP_ID));
        assert.deepEqual(value, GROUP);
        assert.deepEqual(offsets(fake), [0, 50, 50 + 2000 + 100]);
    });

    it("honours Retry-After in seconds", async () => {
        const fake = fakeFetch([response(429, { message: "slow down" }, { "Retry-After": "3" }), response(200, GROUP)]);
        await settle(client(fake).userGroups.get(GROUP_ID));
        assert.deepEqual(offsets(fake), [0, 3000]);
    });

    it("honours Retry-After as an HTTP-date", async () => {
        const at = new Date(T0 + 7000).toUTCString();
        const fake = fakeFetch([response(503, undefined, { "retry-after": at }), response(200, GROUP)]);
        await settle(client(fake).userGroups.get(GROUP_ID));
        assert.deepEqual(offsets(fake), [0, 7000]);
    });

    it("a 429 with Retry-After pauses the shared budget for every caller", async () => {
        const budget = new RateBudget(1000);
        const first = fakeFetch([response(429, undefined, { "Retry-After": "2" }), response(200, GROUP)]);
        const second = fakeFetch([response(200, GROUP)]);
        const a = client(first, { rateBudget: budget });
        const b = client(second, { rateBudget: budget });
        const callA = a.userGroups.get(GROUP_ID);
        await clock.tickAsync(10);
        // b starts after a's 429 arrived: it must wait for the pause, although b itself never saw a 429.
        const callB = b.userGroups.get(GROUP_ID);
        await clock.tickAsync(5000);
        assert.deepEqual(await callA, GROUP);
        assert.deepEqual(await callB, GROUP);
        const [firstAt, retryAt] = offsets(first);
        assert.equal(firstAt, 0);
        assert.ok(retryAt !== undefined && retryAt >= 2000 && retryAt <= 2002, `a retried at ${retryAt}`);
        assert.equal(second.calls.length, 1);
        assert.ok((second.calls[0]?.at ?? 0) - T0 >= 2000, `b went at ${(second.calls[0]?.at ?? 0) - T0}`);
    });

    it("gives up after maxRetries with the last status error", async () => {
        const fake = fakeFetch([response(429, { message: "Too Many Requests" }, { "Retry-After": "1" })]);
        const { error } = await settle(client(fake, { retry: { maxRetries: 2 } }).userGroups.get(GROUP_ID));
        assert.ok(error instanceof RateLimitedError);
        assert.equal(error.attempts, 3);
        assert.equal(error.retryAfterMs, 1000);
        assert.equal(fake.calls.length, 3);
        assert.match(error.message, /gave up after 3 attempts/);
    });

    it("fails at once when Retry-After exceeds maxRetryAfterMs", async () => {
        const fake = fakeFetch([response(429, undefined, { "Retry-After": "3600" })]);
        const { error } = await settle(client(fake).userGroups.get(GROUP_ID));
        assert.ok(error instanceof RateLimitedError);
        assert.equal(error.retryAfterMs, 3_600_000);
        assert.equal(fake.calls.length, 1);
    });

    it("does not retry other 4xx", async () => {
        for (const s of [400, 401, 403, 404, 409]) {
            const fake = fakeFetch([response(s), response(200, GROUP)]);
            const { error } = await settle(client(fake).userGroups.get(GROUP_ID));
            assert.ok(isJumpCloudError(error) && error.status === s, String(s));
            assert.equal(fake.calls.length, 1);
        }
    });

    it("stops at the overall deadline, even mid-attempt", async () => {
        const fake = fakeFetch(["hang"]);
        const { error } = await settle(
            client(fake, { timeoutMs: 4000, deadlineMs: 10_000 }).userGroups.get(GROUP_ID),
            60_000,
        );
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.timeoutMs, 10_000);
        assert.match(error.message, /overall deadline of 10000 ms/);
        // attempts at 0, 4050 (+50 backoff), 8150 (+100); the third is cut by the deadline at 10000
        assert.deepEqual(offsets(fake), [0, 4050, 8150]);
        assert.equal(Date.now() - T0, 60_000);
    });

    it("does not wait for the budget past the deadline", async () => {
        const budget = new RateBudget(10);
        budget.pause(20_000);
        const fake = fakeFetch([response(200, GROUP)]);
        const { error } = await settle(
            client(fake, { rateBudget: budget, deadlineMs: 10_000 }).userGroups.get(GROUP_ID),
        );
        assert.ok(error instanceof TimeoutError);
        assert.match(error.message, /overall deadline of 10000 ms/);
        assert.equal(fake.calls.length, 0);
    });

    it("does not sleep past the deadline: fails with the real cause instead", async () => {
        const fake = fakeFetch([response(503, undefined, { "Retry-After": "30" })]);
        const { error } = await settle(client(fake, { deadlineMs: 10_000 }).userGroups.get(GROUP_ID));
        assert.ok(error instanceof ServerError);
        assert.equal(fake.calls.length, 1);
    });

    it("an abort during a retry wait rejects at once with the signal's reason", async () => {
        const fake = fakeFetch([response(503), response(200, GROUP)]);
        const controller = new AbortController();
        const call = client(fake, { retry: { baseDelayMs: 10_000, random: () => 0.9 } }).userGroups.get(GROUP_ID, {
            signal: controller.signal,
        });
        const outcome = call.then(
            () => "resolved",
            (e: unknown) => e,
        );
        await clock.tickAsync(1000);
        controller.abort(new Error("cancelled by test"));
        await clock.tickAsync(0);
        const error = await outcome;
        assert.ok(error instanceof Error && error.message === "cancelled by test");
        assert.equal(Date.now() - T0, 1000);
        assert.equal(fake.calls.length, 1);
    });

    it("an abort during an attempt rejects with the signal's reason and no retry", async () => {
        const fake = fakeFetch(["hang"]);
        const controller = new AbortController();
        const call = client(fake).userGroups.get(GROUP_ID, { signal: controller.signal });
        const outcome = call.then(
            () => "resolved",
            (e: unknown) => e,
        );
        await clock.tickAsync(200);
        controller.abort(new Error("cancelled"));
        await clock.tickAsync(60_000);
        assert.match(String(await outcome), /cancelled/);
        assert.equal(fake.calls.length, 1);
    });

    it("an already aborted signal makes no request", async () => {
        const fake = fakeFetch([response(200, GROUP)]);
        const controller = new AbortController();
        controller.abort(new Error("early"));
        await assert.rejects(client(fake).userGroups.get(GROUP_ID, { signal: controller.signal }), /early/);
        assert.equal(fake.calls.length, 0);
    });

    it("logs each attempt at debug and each retry at warn, numbering the call", async () => {
        const lines: string[] = [];
        const fake = fakeFetch([response(503), response(200, GROUP)] as Step[]);
        const logger = {
            debug: (m: string) => void lines.push(`debug ${m}`),
            warn: (m: string) => void lines.push(`warn ${m}`),
        };
        await settle(client(fake, { logger }).userGroups.get(GROUP_ID));
        const call = /^debug JumpCloud (#\d+) /.exec(lines[0] ?? "")?.[1];
        assert.ok(call, lines[0]);
        const at = `JumpCloud ${call} GET /usergroups/${GROUP_ID}`;
        assert.deepEqual(lines, [
            `debug ${at} headers {"Accept":"application/json","x-api-key":"[redacted]"}`,
            `debug ${at} attempt 1 sent`,
            `debug ${at} -> 503 (0 ms, attempt 1)`,
            `warn ${at} -> 503; retrying in 50 ms (attempt 2 of 6)`,
            `debug ${at} attempt 2 sent`,
            `debug ${at} -> 200 (0 ms, attempt 2)`,
        ]);
        // The next call gets the next number.
        lines.length = 0;
        await settle(client(fakeFetch([response(200, GROUP)] as Step[]), { logger }).userGroups.get(GROUP_ID));
        assert.match(lines[0] ?? "", new RegExp(`^debug JumpCloud #${Number(call.slice(1)) + 1} GET `));
    });
});
