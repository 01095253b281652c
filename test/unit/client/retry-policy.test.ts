import assert from "node:assert/strict";
import { DEFAULT_RETRY } from "../../../provider/client/defaults";
import {
    type AttemptOutcome,
    backoffDelay,
    decideRetry,
    isRetryable,
    mayHaveBeenApplied,
    neverConnected,
    parseRetryAfter,
    resolveRetryPolicy,
} from "../../../provider/client/retry-policy";

const status = (s: number): AttemptOutcome => ({ kind: "status", status: s });
const reset: AttemptOutcome = { kind: "network", refused: false };
const refused: AttemptOutcome = { kind: "network", refused: true };
const timeout: AttemptOutcome = { kind: "timeout" };

describe("retry policy", () => {
    describe("decision table (status x method)", () => {
        // [outcome label, outcome, GET, PUT, DELETE, PATCH, POST]
        const table: Array<[string, AttemptOutcome, boolean, boolean]> = [
            ["400", status(400), false, false],
            ["401", status(401), false, false],
            ["403", status(403), false, false],
            ["404", status(404), false, false],
            ["408", status(408), true, false],
            ["409", status(409), false, false],
            ["422", status(422), false, false],
            ["429", status(429), true, true],
            ["500", status(500), true, false],
            ["501", status(501), true, false],
            ["502", status(502), true, false],
            ["503", status(503), true, true],
            ["504", status(504), true, false],
            ["connection reset", reset, true, false],
            ["connection refused", refused, true, true],
            ["attempt timeout", timeout, true, false],
        ];
        for (const [label, outcome, idempotent, post] of table) {
            for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
                it(`${method} on ${label}: ${idempotent ? "retries" : "does not retry"}`, () => {
                    assert.equal(isRetryable(method, outcome), idempotent);
                });
            }
            it(`POST on ${label}: ${post ? "retries" : "does not retry"}`, () => {
                assert.equal(isRetryable("POST", outcome), post);
            });
        }
    });

    describe("may the server have carried out the request?", () => {
        const table: Array<[string, AttemptOutcome, boolean]> = [
            ["400", status(400), false],
            ["404", status(404), false],
            ["408", status(408), false],
            ["409", status(409), false],
            ["429", status(429), false],
            ["500", status(500), true],
            ["501", status(501), false],
            ["502", status(502), true],
            ["503", status(503), false],
            ["504", status(504), true],
            ["connection reset", reset, true],
            ["connection refused", refused, false],
            ["attempt timeout", timeout, true],
        ];
        for (const [label, outcome, applied] of table) {
            it(`${label}: ${applied ? "maybe" : "no"}`, () => assert.equal(mayHaveBeenApplied(outcome), applied));
        }
        it("only errors before a connection prove that nothing was sent", () => {
            for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]) {
                assert.equal(neverConnected(code), true, code);
            }
            for (const code of ["ECONNRESET", "EPIPE", "ETIMEDOUT", undefined, 42]) {
                assert.equal(neverConnected(code), false, String(code));
            }
        });
        it("a POST marked idempotent is retried like a PUT", () => {
            for (const outcome of [status(500), status(502), reset, timeout]) {
                assert.equal(isRetryable("POST", outcome, true), true);
                assert.equal(isRetryable("POST", outcome), false);
            }
        });
    });

    describe("Retry-After", () => {
        const now = Date.parse("2026-01-01T00:00:00Z");
        it("reads delay-seconds", () => {
            assert.equal(parseRetryAfter("3", now), 3000);
            assert.equal(parseRetryAfter("0", now), 0);
            assert.equal(parseRetryAfter(" 1.5 ", now), 1500);
        });
        it("reads an HTTP-date relative to now", () => {
            assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:07 GMT", now), 7000);
        });
        it("gives 0 for an HTTP-date in the past", () => {
            assert.equal(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now), 0);
        });
        it("ignores absent, empty and malformed values", () => {
            assert.equal(parseRetryAfter(null, now), undefined);
            assert.equal(parseRetryAfter(undefined, now), undefined);
            assert.equal(parseRetryAfter("", now), undefined);
            assert.equal(parseRetryAfter("-1", now), undefined);
            assert.equal(parseRetryAfter("soon", now), undefined);
            assert.equal(parseRetryAfter("2026", now), 2026000, "a bare number is seconds, never a year");
        });
        it("wins over the backoff", () => {
            const policy = resolveRetryPolicy({ random: () => 0.99 });
            assert.deepEqual(decideRetry(policy, "GET", status(429), 1, 1234), { retry: true, delayMs: 1234 });
        });
        it("fails at once when longer than maxRetryAfterMs", () => {
            const policy = resolveRetryPolicy({ maxRetryAfterMs: 10_000 });
            assert.deepEqual(decideRetry(policy, "GET", status(429), 1, 10_001), {
                retry: false,
                reason: "Retry-After too long",
            });
        });
    });

    describe("backoff", () => {
        it("is capped exponential with full jitter: [0, min(max, base*2^n))", () => {
            const top = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
            const bottom = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 });
            assert.deepEqual(
                [0, 1, 2, 3, 4, 10].map((n) => backoffDelay(top, n)),
                [99, 199, 399, 799, 999, 999],
            );
            assert.deepEqual(
                [0, 1, 2, 10].map((n) => backoffDelay(bottom, n)),
                [0, 0, 0, 0],
            );
        });
        it("stays within bounds with the real random source", () => {
            const policy = resolveRetryPolicy({ baseDelayMs: 50, maxDelayMs: 300 });
            for (let retry = 0; retry < 8; retry++) {
                for (let i = 0; i < 200; i++) {
                    const d = backoffDelay(policy, retry);
                    assert.ok(d >= 0 && d < Math.min(300, 50 * 2 ** retry), `retry ${retry}: ${d}`);
                }
            }
        });
        it("stops after maxRetries retries", () => {
            const policy = resolveRetryPolicy({ maxRetries: 2, random: () => 0.5 });
            assert.equal(decideRetry(policy, "GET", status(503), 1).retry, true);
            assert.equal(decideRetry(policy, "GET", status(503), 2).retry, true);
            assert.deepEqual(decideRetry(policy, "GET", status(503), 3), { retry: false, reason: "retries exhausted" });
        });
        it("never retries with maxRetries 0", () => {
            assert.equal(decideRetry(resolveRetryPolicy({ maxRetries: 0 }), "GET", status(503), 1).retry, false);
        });
    });

    describe("options", () => {
        it("documents its defaults", () => {
            assert.equal(DEFAULT_RETRY.maxRetries, 5);
            assert.equal(DEFAULT_RETRY.baseDelayMs, 500);
            assert.equal(DEFAULT_RETRY.maxDelayMs, 30_000);
            assert.equal(DEFAULT_RETRY.maxRetryAfterMs, 60_000);
        });
        it("merges partial options into a complete, frozen state", () => {
            const policy = resolveRetryPolicy({ maxRetries: 1, baseDelayMs: undefined });
            assert.equal(policy.maxRetries, 1);
            assert.equal(policy.baseDelayMs, 500);
            assert.ok(Object.isFrozen(policy));
        });
        it("rejects negative or non-finite numbers", () => {
            assert.throws(() => resolveRetryPolicy({ maxRetries: -1 }), /retry.maxRetries/);
            assert.throws(() => resolveRetryPolicy({ maxDelayMs: Number.NaN }), /retry.maxDelayMs/);
        });
    });
});
