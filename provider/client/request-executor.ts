/**
 * Runs one API call as a short pipeline of steps, each in its own module: build the request once
 * (prepared-request.ts), then per attempt throttle (the shared rate budget, within the call's deadline), send
 * (transport.ts), classify the answer (attempt-verdict.ts), decide whether and when to try again
 * (retry-policy.ts) and log (call-log.ts). The loop below only strings them together and keeps the two facts that
 * span attempts: the attempt number and whether any attempt may have been applied.
 */

import { type AttemptVerdict, classifyAttempt } from "./attempt-verdict";
import { type AttemptEnd, CallLog, type ClientLogger } from "./call-log";
import type { CallOptions } from "./call-options";
import type { Clock } from "./clock";
import { TimeoutError } from "./errors";
import { type PreparedRequest, prepareRequest, type RequestSpec } from "./prepared-request";
import type { RateBudget } from "./rate-budget";
import { parseJsonBody } from "./response-shape";
import { backoffDelay, decideRetry, mayHaveBeenApplied, type RetryDecision, type RetryPolicy } from "./retry-policy";
import type { Transport } from "./transport";

/** The fixed configuration of an executor. */
export interface ExecutorConfig {
    apiUrl: string;
    apiKey: string;
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
}

function endOf(verdict: AttemptVerdict & { ok: false }): AttemptEnd {
    return verdict.outcome.kind === "status" ? verdict.outcome.status : verdict.outcome.kind;
}

/** Executes calls for one client. */
export class RequestExecutor {
    constructor(private readonly config: ExecutorConfig) {}

    /** Performs the call; resolves with the parsed JSON body, or undefined for an empty (204) body. */
    async call<T>(spec: RequestSpec, options: CallOptions = {}): Promise<T | undefined> {
        const { config } = this;
        const request = prepareRequest(config, spec, options);
        const state: CallState = {
            request,
            log: CallLog.open(config.logger, request),
            signal: options.signal,
            deadlineAt: config.clock.now() + config.deadlineMs,
            attempt: 0,
            applied: false,
        };
        if (state.signal?.aborted) throw state.signal.reason;
        // The deadline needs no timer of its own: budget waits refuse to end past it, each attempt's timeout is
        // cut to what remains, and no retry wait is started that would cross it.
        for (;;) {
            state.attempt++;
            const timeoutMs = await this.throttle(state);
            const verdict = await this.attempt(state, timeoutMs);
            if (verdict.ok) return parseJsonBody<T>(verdict.text, verdict.status, request, state.attempt);
            state.applied ||= mayHaveBeenApplied(verdict.outcome);
            if (verdict.outcome.kind === "timeout" && timeoutMs < config.timeoutMs) {
                // The attempt was cut short by the overall deadline, not by its own timeout.
                throw this.deadlineError(state, verdict.cause);
            }
            const decision = this.decide(spec, state, verdict);
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

    /** Sends one attempt, classifies how it ended and logs both. */
    private async attempt(state: CallState, timeoutMs: number): Promise<AttemptVerdict> {
        const { transport, clock, budget } = this.config;
        const { request } = state;
        state.log.sent(state.attempt);
        const started = clock.now();
        const result = await transport.send({
            method: request.method,
            url: request.url,
            headers: request.headers,
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
    private decide(spec: RequestSpec, state: CallState, verdict: AttemptVerdict & { ok: false }): RetryDecision {
        const { retry, budget, clock } = this.config;
        const decision = decideRetry(
            retry,
            spec.method,
            verdict.outcome,
            state.attempt,
            verdict.retryAfterMs,
            spec.idempotent,
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
