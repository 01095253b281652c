/**
 * The steps the request executor strings together, each on its own: building a call (prepared-request.ts),
 * classifying an attempt (attempt-verdict.ts) and the call's log lines (call-log.ts). The loop itself is covered
 * through the client in client-retries.test.ts and client-requests.test.ts.
 */
import * as assert from "node:assert/strict";
import { classifyAttempt } from "../../../provider/client/attempt-verdict";
import { CallLog } from "../../../provider/client/call-log";
import { ApiKeyCredential } from "../../../provider/client/credential";
import {
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TimeoutError,
} from "../../../provider/client/errors";
import { prepareRequest } from "../../../provider/client/prepared-request";
import type { AttemptResult } from "../../../provider/client/transport";

const KEY = "k-secret-123";
const connection = { apiUrl: "https://api.example/api/v2", credential: new ApiKeyCredential(KEY) };
const ORG = "5f0000000000000000000001";

function answer(status: number, text = "", headers: Record<string, string> = {}): AttemptResult {
    return { ok: true, response: { status, text, headers: { get: (n) => headers[n.toLowerCase()] ?? null } } };
}

describe("request steps", () => {
    describe("prepareRequest", () => {
        it("builds the URL with repeated query keys, the headers, and a JSON body with its content type", () => {
            const r = prepareRequest(
                connection,
                {
                    method: "POST",
                    path: "/usergroups",
                    query: { filter: ["a:eq:1", "b:eq:2"], skip: 0 },
                    body: { name: "x" },
                },
                { orgId: ORG },
            );
            assert.equal(r.url, "https://api.example/api/v2/usergroups?filter=a%3Aeq%3A1&filter=b%3Aeq%3A2&skip=0");
            assert.deepEqual(r.headers, {
                Accept: "application/json",
                "x-api-key": KEY,
                "Content-Type": "application/json",
                "x-org-id": ORG,
            });
            assert.equal(r.body, '{"name":"x"}');
        });

        it("sends no content type without a body, and the client's orgId when the call names none", () => {
            const r = prepareRequest({ ...connection, orgId: ORG }, { method: "DELETE", path: "/x" }, {});
            assert.deepEqual(Object.keys(r.headers), ["Accept", "x-api-key", "x-org-id"]);
            assert.equal(r.body, undefined);
        });

        it("scrubs the key and secret body values from any text, and from the path it names the call by", () => {
            const r = prepareRequest(
                connection,
                { method: "POST", path: `/x/${KEY}`, body: { auth: { basic: { password: "pw-77" } } } },
                {},
            );
            assert.equal(r.context.path, "/x/[redacted]");
            assert.equal(r.scrub(`echo ${KEY} and pw-77`), "echo [redacted] and [redacted]");
        });

        it("refuses an orgId that is not an ObjectId before anything is sent", () => {
            assert.throws(
                () => prepareRequest(connection, { method: "GET", path: "/x" }, { orgId: "a\r\nb" }),
                TypeError,
            );
        });
    });

    describe("classifyAttempt", () => {
        const request = prepareRequest(connection, { method: "GET", path: "/usergroups/1" }, {});
        const facts = { request, attempt: 3, timeoutMs: 1000, nowMs: Date.parse("2026-01-01T00:00:00Z") };

        it("a 2xx answer is a success with its body and headers", () => {
            const verdict = classifyAttempt(answer(200, "[]", { "x-total-count": "7" }), facts);
            assert.ok(verdict.ok);
            assert.equal(verdict.status, 200);
            assert.equal(verdict.text, "[]");
            assert.equal(verdict.headers.get("x-total-count"), "7");
        });

        const failures: Array<[string, AttemptResult, unknown, number | undefined, new (...a: never[]) => Error]> = [
            [
                "a 429 with Retry-After seconds",
                answer(429, "", { "retry-after": "2" }),
                { kind: "status", status: 429 },
                2000,
                RateLimitedError,
            ],
            [
                "a 503 with a Retry-After date",
                answer(503, "", { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }),
                { kind: "status", status: 503 },
                5000,
                ServerError,
            ],
            [
                "a 500, whose Retry-After is no request to wait",
                answer(500, "", { "retry-after": "9" }),
                { kind: "status", status: 500 },
                undefined,
                ServerError,
            ],
            [
                "a 404",
                answer(404, '{"message":"Not Found"}'),
                { kind: "status", status: 404 },
                undefined,
                NotFoundError,
            ],
            [
                "a refused connection",
                { ok: false, outcome: { kind: "network", refused: true }, cause: new Error("x") },
                { kind: "network", refused: true },
                undefined,
                NetworkError,
            ],
            [
                "a timeout",
                { ok: false, outcome: { kind: "timeout" }, cause: new Error("t") },
                { kind: "timeout" },
                undefined,
                TimeoutError,
            ],
        ];
        for (const [what, result, outcome, retryAfterMs, type] of failures) {
            it(`${what} is a failure with its outcome, its Retry-After and its error`, () => {
                const verdict = classifyAttempt(result, facts);
                assert.ok(!verdict.ok);
                assert.deepEqual(verdict.outcome, outcome);
                assert.equal(verdict.retryAfterMs, retryAfterMs);
                const error = verdict.error(true);
                assert.ok(error instanceof type, error.name);
                assert.equal(error.attempts, 3);
                assert.equal(error.mayHaveBeenApplied, true, "the call's verdict, not the attempt's");
            });
        }

        it("the API's message in an error is scrubbed of the call's secrets", () => {
            const verdict = classifyAttempt(answer(400, `{"message":"bad key ${KEY}"}`), facts);
            assert.ok(!verdict.ok);
            assert.equal(verdict.error(false).apiMessage, "bad key [redacted]");
        });
    });

    describe("CallLog", () => {
        const request = prepareRequest(
            connection,
            { method: "PUT", path: "/usergroups/1", body: { name: "n", password: "pw" } },
            {},
        );

        it("numbers each call and writes its request, attempts and answers, redacted", () => {
            const lines: string[] = [];
            const logger = {
                debug: (m: string) => lines.push(`debug ${m}`),
                warn: (m: string) => lines.push(`warn ${m}`),
            };
            const first = CallLog.open(logger, request);
            const second = CallLog.open(logger, request);
            first.sent(1);
            first.answered(503, 7, 1);
            first.retrying(503, 250, 2, 6);
            second.answered("network", 1, 1);
            const n = Number(/#(\d+)/.exec(lines[0] ?? "")?.[1]);
            assert.deepEqual(lines, [
                `debug JumpCloud #${n} PUT /usergroups/1 headers {"Accept":"application/json","x-api-key":"[redacted]","Content-Type":"application/json"}`,
                `debug JumpCloud #${n} PUT /usergroups/1 body {"name":"n","password":"[redacted]"}`,
                `debug JumpCloud #${n + 1} PUT /usergroups/1 headers {"Accept":"application/json","x-api-key":"[redacted]","Content-Type":"application/json"}`,
                `debug JumpCloud #${n + 1} PUT /usergroups/1 body {"name":"n","password":"[redacted]"}`,
                `debug JumpCloud #${n} PUT /usergroups/1 attempt 1 sent`,
                `debug JumpCloud #${n} PUT /usergroups/1 -> 503 (7 ms, attempt 1)`,
                `warn JumpCloud #${n} PUT /usergroups/1 -> 503; retrying in 250 ms (attempt 2 of 6)`,
                `debug JumpCloud #${n + 1} PUT /usergroups/1 -> network (1 ms, attempt 1)`,
            ]);
        });

        it("a call without a logger takes no number: logged calls stay consecutive", () => {
            const lines: string[] = [];
            const logger = { debug: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
            CallLog.open(logger, request).sent(1);
            const silent = CallLog.open(undefined, request);
            silent.sent(1);
            silent.retrying(429, 1, 2, 3);
            CallLog.open(logger, request).sent(1);
            const numbers = lines.filter((l) => l.endsWith("sent")).map((l) => Number(/#(\d+)/.exec(l)?.[1]));
            assert.deepEqual(numbers, [numbers[0], (numbers[0] ?? 0) + 1]);
        });
    });
});
