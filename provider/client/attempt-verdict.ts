/**
 * Classifies one attempt: a 2xx answer, or a failure with what the retry decision needs (the outcome, the server's
 * `Retry-After`) and the error to throw if it is the last attempt.
 */
import { apiMessageOf, errorForStatus } from "./error-for-status";
import { type JumpCloudError, NetworkError, TimeoutError } from "./errors";
import type { PreparedRequest } from "./prepared-request";
import { type AttemptOutcome, parseRetryAfter } from "./retry-policy";
import type { AttemptResult } from "./transport";

/** How one attempt ended. */
export type AttemptVerdict =
    | {
          readonly ok: true;
          readonly status: number;
          readonly text: string;
          readonly headers: { get(name: string): string | null };
      }
    | {
          readonly ok: false;
          readonly outcome: AttemptOutcome;
          /** For 429 and 503: how long the server asked to wait. */
          readonly retryAfterMs?: number;
          /** For a network failure or a timeout: the underlying error. */
          readonly cause?: unknown;
          /** The error of the call if this attempt is its last, given whether any attempt may have been applied. */
          error(mayHaveBeenApplied: boolean): JumpCloudError;
      };

/** What the classification needs besides the attempt's result. */
export interface AttemptFacts {
    readonly request: PreparedRequest;
    /** 1-based. */
    readonly attempt: number;
    /** The attempt timeout in force, for a timeout's message. */
    readonly timeoutMs: number;
    /** Epoch milliseconds now, to read an HTTP-date `Retry-After`. */
    readonly nowMs: number;
}

/** The verdict on one attempt. */
export function classifyAttempt(result: AttemptResult, facts: AttemptFacts): AttemptVerdict {
    const { request, attempt } = facts;
    if (!result.ok) {
        const { outcome, cause } = result;
        const init = { ...request.context, attempts: attempt, cause };
        return {
            ok: false,
            outcome,
            cause,
            error: (applied) =>
                outcome.kind === "timeout"
                    ? new TimeoutError({
                          ...init,
                          mayHaveBeenApplied: applied,
                          timeoutMs: facts.timeoutMs,
                          deadline: false,
                      })
                    : new NetworkError({ ...init, mayHaveBeenApplied: applied }),
        };
    }
    const { status, text, headers } = result.response;
    if (status >= 200 && status < 300) return { ok: true, status, text, headers };
    // Only 429 and 503 mean "come back later"; elsewhere the header is not the server's request to us.
    const retryAfterMs =
        status === 429 || status === 503 ? parseRetryAfter(headers.get("retry-after"), facts.nowMs) : undefined;
    const apiMessage = apiMessageOf(text);
    return {
        ok: false,
        outcome: { kind: "status", status },
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        error: (applied) =>
            errorForStatus({
                ...request.context,
                status,
                attempts: attempt,
                mayHaveBeenApplied: applied,
                ...(apiMessage === undefined ? {} : { apiMessage: request.scrub(apiMessage) }),
                ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
            }),
    };
}
