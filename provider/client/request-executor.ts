/**
 * Runs one API call as a short pipeline of steps, each in its own module: build the request once
 * (prepared-request.ts), then per attempt authorize (a service account's bearer token, see service-account.ts),
 * throttle (the shared rate budget, within the call's deadline), send (transport.ts), classify the answer
 * (attempt-verdict.ts), decide whether and when to try again (retry-policy.ts) and log (call-log.ts). The loop
 * below only strings them together and keeps the facts that span attempts: the attempt number, whether any attempt
 * may have been applied, and whether the call already renewed a refused token.
 */

import { type AttemptVerdict, classifyAttempt } from "./attempt-verdict";
import { type AttemptEnd, CallLog, type ClientLogger } from "./call-log";
import type { CallOptions } from "./call-options";
import type { Clock } from "./clock";
import type { Credential } from "./credential";
import { TimeoutError } from "./errors";
import { type PreparedRequest, prepareRequest, type RequestSpec } from "./prepared-request";
import type { RateBudget } from "./rate-budget";
import { parseJsonBody } from "./response-shape";
import { backoffDelay, decideRetry, mayHaveBeenApplied, type RetryDecision, type RetryPolicy } from "./retry-policy";
import type { Transport } from "./transport";

/** The fixed configuration of an executor. */
export interface ExecutorConfig {
    /** The API v2 base URL. */
    apiUrl: string;
    /** The API v1 base URL, when known. */
    apiV1Url?: string;
    credential: Credential;
    orgId?: string;
    retry: RetryPolicy;
    timeoutMs: number;
    deadlineMs: number;
    budget: RateBudget;
    transport: Transport;
    clock: Clock;
    logger?: ClientLogger;
}

/** What one call carries from attempt to attempt. */
interface CallState {
    readonly request: PreparedRequest;
    readonly log: CallLog;
    readonly signal: AbortSignal | undefined;
    /** Epoch ms after which no attempt starts and no wait ends. */
    readonly deadlineAt: number;
    attempt: number;
    /** Whether any attempt so far may have been carried out by the server: a later refusal does not undo that. */
    applied: boolean;
    /** Whether the call already fetched a new token after a 401 (once per call: a second 401 is the answer). */
    renewed: boolean;
}

/** The 401 of an attempt that carried a bearer token: the token was refused (expired, revoked). */
function tokenRefused(verdict: AttemptVerdict & { ok: false }, token: string | undefined): token is string {
    return token !== undefined && verdict.outcome.kind === "status" && verdict.outcome.status === 401;
}

function endOf(verdict: AttemptVerdict & { ok: false }): AttemptEnd {
    return verdict.outcome.kind === "status" ? verdict.outcome.status : verdict.outcome.kind;
}

/** A successful call's answer and how it was reached. */
export interface Exchange<T> {
    /** The parsed JSON body, or undefined for an empty (204) one. */
    readonly body: T | undefined;
    /** Attempts made, retries included. */
    readonly attempts: number;
    /** Whether an earlier attempt may have been carried out by the server (see `mayHaveBeenApplied`). */
    readonly afterAmbiguousFailure: boolean;
    /** The response's headers (`x-total-count` of a list page). */
    readonly headers: { get(name: string): string | null };
}

/** Executes calls for one client. */
export class RequestExecutor {
    constructor(private readonly config: ExecutorConfig) {}

    /** Performs the call; resolves with the parsed JSON body, or undefined for an empty (204) body. */
    async call<T>(spec: RequestSpec, options: CallOptions = {}): Promise<T | undefined> {
        return (await this.run<T>(prepareRequest(this.config, spec, options), options.signal)).body;
    }

    /** Performs the call; resolves with its answer and how many attempts it took (see `Exchange`). */
    exchange<T>(spec: RequestSpec, options: CallOptions = {}): Promise<Exchange<T>> {
        return this.run<T>(prepareRequest(this.config, spec, options), options.signal);
    }

    /**
     * Performs a request built elsewhere (the service account's token request, which goes to another host with its
     * own authentication), with the same budget, retries, deadline and log as every call.
     */
    async send<T>(request: PreparedRequest, signal?: AbortSignal): Promise<T | undefined> {
        return (await this.run<T>(request, signal)).body;
    }

    private async run<T>(request: PreparedRequest, signal: AbortSignal | undefined): Promise<Exchange<T>> {
        const { config } = this;
        const state: CallState = {
            request,
            log: CallLog.open(config.logger, request),
            signal,
            deadlineAt: config.clock.now() + config.deadlineMs,
            attempt: 0,
            applied: false,
            renewed: false,
        };
        if (state.signal?.aborted) throw state.signal.reason;
        // The deadline needs no timer of its own: budget waits refuse to end past it, each attempt's timeout is
        // cut to what remains, and no retry wait is started that would cross it.
        for (;;) {
            state.attempt++;
            // The token first: fetching one may take a while, and the budget's grant should not wait for it.
            const token = await request.bearer?.token(state.signal);
            const timeoutMs = await this.throttle(state);
            const verdict = await this.attempt(state, timeoutMs, token);
            if (verdict.ok) {
                const body = parseJsonBody<T>(verdict.text, verdict.status, request, state.attempt);
                return {
                    body,
                    attempts: state.attempt,
                    afterAmbiguousFailure: state.applied,
                    headers: verdict.headers,
                };
            }
            if (tokenRefused(verdict, token) && !state.renewed) {
                // An expired or revoked token: the server did nothing. Forget it and go again at once with a new
                // one, whatever the retry policy says (this is not a retry of a failure); once per call.
                request.bearer?.refused(token);
                state.renewed = true;
                state.log.renewingToken(state.attempt + 1);
                continue;
            }
            state.applied ||= mayHaveBeenApplied(verdict.outcome);
            if (verdict.outcome.kind === "timeout" && timeoutMs < config.timeoutMs) {
                // The attempt was cut short by the overall deadline, not by its own timeout.
                throw this.deadlineError(state, verdict.cause);
            }
            const decision = this.decide(state, verdict);
            if (!decision.retry) throw verdict.error(state.applied);
            state.log.retrying(endOf(verdict), decision.delayMs, state.attempt + 1, config.retry.maxRetries + 1);
            await config.clock.sleep(decision.delayMs, state.signal);
        }
    }

    /** Retries the policy allows after a first attempt. */
    get maxRetries(): number {
        return this.config.retry.maxRetries;
    }

    /**
     * Waits the policy's backoff before retry number `retry` (0 for the first), for callers that repeat a whole
     * operation themselves (see `createAtMostOnce`); rejects with the signal's reason when it aborts.
     */
    backoff(retry: number, signal?: AbortSignal): Promise<void> {
        return this.config.clock.sleep(backoffDelay(this.config.retry, retry), signal);
    }

    /** Takes a token from the rate budget; resolves with the attempt's timeout, cut to what the deadline leaves. */
    private async throttle(state: CallState): Promise<number> {
        const { budget, clock, timeoutMs } = this.config;
        if (!(await budget.acquire(state.signal, state.deadlineAt))) throw this.deadlineError(state);
        const remaining = state.deadlineAt - clock.now();
        if (remaining <= 0) throw this.deadlineError(state);
        return Math.min(timeoutMs, remaining);
    }

    /** Sends one attempt (with `token` as its bearer token, if any), classifies how it ended and logs both. */
    private async attempt(state: CallState, timeoutMs: number, token: string | undefined): Promise<AttemptVerdict> {
        const { transport, clock, budget } = this.config;
        const { request } = state;
        state.log.sent(state.attempt);
        const started = clock.now();
        const result = await transport.send({
            method: request.method,
            url: request.url,
            headers: token === undefined ? request.headers : { ...request.headers, Authorization: `Bearer ${token}` },
            ...(request.body === undefined ? {} : { body: request.body }),
            timeoutMs,
            ...(state.signal === undefined ? {} : { signal: state.signal }),
        });
        const elapsedMs = clock.now() - started;
        // Any answer but a 429 tells the budget what the server accepts (see RateBudget.pause).
        if (result.ok && result.response.status !== 429) budget.recordAnswered();
        const verdict = classifyAttempt(result, {
            request,
            attempt: state.attempt,
            timeoutMs: this.config.timeoutMs,
            nowMs: clock.now(),
        });
        state.log.answered(verdict.ok ? verdict.status : endOf(verdict), elapsedMs, state.attempt);
        return verdict;
    }

    /**
     * Whether to try again and after how long: the retry policy's decision, refused when the wait would cross the
     * deadline (the call then fails with its real cause rather than a timeout). A 429 pauses the shared budget.
     */
    private decide(state: CallState, verdict: AttemptVerdict & { ok: false }): RetryDecision {
        const { retry, budget, clock } = this.config;
        const { request } = state;
        // A token renewal is not one of the retries the policy allows.
        const failures = state.attempt - (state.renewed ? 1 : 0);
        const decision = decideRetry(
            retry,
            request.method,
            verdict.outcome,
            failures,
            verdict.retryAfterMs,
            request.idempotent,
        );
        if (verdict.outcome.kind === "status" && verdict.outcome.status === 429) {
            // Everyone sharing the budget waits, not just this caller (capped: a huge Retry-After fails this call
            // instead of freezing the process).
            const pauseMs = decision.retry ? decision.delayMs : (verdict.retryAfterMs ?? 0);
            budget.pause(Math.min(pauseMs, retry.maxRetryAfterMs));
        }
        if (decision.retry && clock.now() + decision.delayMs >= state.deadlineAt) {
            return { retry: false, reason: "the wait would cross the deadline" };
        }
        return decision;
    }

    private deadlineError(state: CallState, cause?: unknown): TimeoutError {
        return new TimeoutError({
            ...state.request.context,
            attempts: state.attempt,
            timeoutMs: this.config.deadlineMs,
            deadline: true,
            mayHaveBeenApplied: state.applied,
            cause,
        });
    }
}
