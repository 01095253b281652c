/**
 * Runs one API call: builds the request, takes tokens from the rate budget, sends attempts, retries by the policy
 * within the overall deadline, and turns the final outcome into a value or a {@link JumpCloudError}. Everything it
 * logs or puts in an error is redacted.
 */

import type { CallOptions } from "./call-options";
import type { Clock } from "./clock";
import {
    apiMessageOf,
    errorForStatus,
    type JumpCloudError,
    NetworkError,
    TimeoutError,
    UnexpectedResponseError,
} from "./errors";
import { objectId } from "./paths";
import type { RateBudget } from "./rate-budget";
import { redactBody, redactHeaders, scrubText, secretValues } from "./redact";
import {
    type AttemptOutcome,
    backoffDelay,
    decideRetry,
    mayHaveBeenApplied,
    parseRetryAfter,
    type RetryPolicy,
} from "./retry-policy";
import type { Transport } from "./transport";

/** Where the client's diagnostics go. Every message is already redacted. */
export interface ClientLogger {
    debug(message: string): void;
    warn(message: string): void;
}

/** A query value: arrays are sent as repeated keys. */
export type QueryValue = string | number | readonly string[] | undefined;

/** One call, as an endpoint describes it. */
export interface RequestSpec {
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Encoded path relative to the API base URL (build it with `apiPath`). */
    path: string;
    query?: Record<string, QueryValue>;
    /** JSON body. */
    body?: unknown;
    /**
     * The request has the same effect however often it is sent (e.g. a POST that sets credentials), so it is
     * retried like a PUT. @default true for GET, PUT, PATCH and DELETE, false for POST
     */
    idempotent?: boolean;
}

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

/** Calls made with a logger in this process; numbers each call in the log. */
let callCount = 0;

function queryString(query: Record<string, QueryValue> | undefined): string {
    if (!query) return "";
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
        if (value === undefined) continue;
        if (typeof value === "string" || typeof value === "number") params.append(key, String(value));
        else for (const item of value) params.append(key, item);
    }
    const text = params.toString();
    return text === "" ? "" : `?${text}`;
}

/** Executes calls for one client. */
export class RequestExecutor {
    constructor(private readonly config: ExecutorConfig) {}

    /** Performs the call; resolves with the parsed JSON body, or undefined for an empty (204) body. */
    async call<T>(spec: RequestSpec, options: CallOptions = {}): Promise<T | undefined> {
        const { config } = this;
        const orgId = options.orgId ?? config.orgId;
        // A header value, so validated like a path segment: only an ObjectId, never a line break or a second header.
        if (orgId !== undefined) objectId("orgId", orgId);
        const relative = spec.path + queryString(spec.query);
        const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
        const headers: Record<string, string> = { Accept: "application/json", "x-api-key": config.apiKey };
        // Content-Type only with a body: a JSON content type on an empty DELETE is refused by strict JSON parsers
        // (fastify answers 400 "body is empty"), and a body-less request has no content to type.
        if (body !== undefined) headers["Content-Type"] = "application/json";
        if (orgId !== undefined) headers["x-org-id"] = orgId;
        const secrets = [config.apiKey, ...secretValues(spec.body)];
        const scrub = (text: string): string => scrubText(text, secrets);
        const context = { method: spec.method, path: scrub(relative) };
        const log = config.logger;
        // Concurrent calls interleave in a log: the call number ties an attempt's lines together.
        const label = log ? `JumpCloud #${++callCount} ${context.method} ${context.path}` : "";
        if (log) {
            log.debug(scrub(`${label} headers ${JSON.stringify(redactHeaders(headers))}`));
            if (spec.body !== undefined) {
                log.debug(scrub(`${label} body ${JSON.stringify(redactBody(spec.body))}`));
            }
        }

        const deadlineAt = config.clock.now() + config.deadlineMs;
        const signal = options.signal;
        if (signal?.aborted) throw signal.reason;
        let attempt = 0;
        // Whether any attempt so far may have been carried out by the server: a later refusal does not undo that.
        let applied = false;
        const deadlineError = (cause?: unknown): TimeoutError =>
            new TimeoutError({
                ...context,
                attempts: attempt,
                timeoutMs: config.deadlineMs,
                deadline: true,
                mayHaveBeenApplied: applied,
                cause,
            });
        // The deadline needs no timer of its own: budget waits refuse to end past it, each attempt's timeout is
        // cut to what remains, and no retry wait is started that would cross it.
        for (;;) {
            attempt++;
            if (!(await config.budget.acquire(signal, deadlineAt))) throw deadlineError();
            const started = config.clock.now();
            const remaining = deadlineAt - started;
            if (remaining <= 0) throw deadlineError();
            const attemptTimeout = Math.min(config.timeoutMs, remaining);
            log?.debug(`${label} attempt ${attempt} sent`);
            const result = await config.transport.send({
                method: spec.method,
                url: config.apiUrl + relative,
                headers,
                ...(body === undefined ? {} : { body }),
                timeoutMs: attemptTimeout,
                ...(signal === undefined ? {} : { signal }),
            });
            const elapsed = config.clock.now() - started;

            let outcome: AttemptOutcome;
            let retryAfterMs: number | undefined;
            let failure: () => JumpCloudError;
            if (result.ok) {
                const { status, text } = result.response;
                if (status !== 429) config.budget.recordAnswered();
                log?.debug(`${label} -> ${status} (${elapsed} ms, attempt ${attempt})`);
                if (status >= 200 && status < 300) return this.parse<T>(text, status, context, attempt, scrub);
                outcome = { kind: "status", status };
                applied ||= mayHaveBeenApplied(outcome);
                if (status === 429 || status === 503) {
                    retryAfterMs = parseRetryAfter(result.response.headers.get("retry-after"), config.clock.now());
                }
                const apiMessage = apiMessageOf(text);
                const init = {
                    ...context,
                    status,
                    attempts: attempt,
                    mayHaveBeenApplied: applied,
                    ...(apiMessage === undefined ? {} : { apiMessage: scrub(apiMessage) }),
                    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
                };
                failure = () => errorForStatus(init);
            } else {
                outcome = result.outcome;
                applied ||= mayHaveBeenApplied(outcome);
                if (outcome.kind === "timeout" && attemptTimeout < config.timeoutMs) {
                    // The attempt was cut short by the overall deadline, not by its own timeout.
                    throw deadlineError(result.cause);
                }
                const { cause } = result;
                const init = { ...context, attempts: attempt, mayHaveBeenApplied: applied, cause };
                failure =
                    outcome.kind === "timeout"
                        ? () => new TimeoutError({ ...init, timeoutMs: config.timeoutMs, deadline: false })
                        : () => new NetworkError(init);
                log?.debug(`${label} -> ${outcome.kind} (${elapsed} ms, attempt ${attempt})`);
            }

            const decision = decideRetry(config.retry, spec.method, outcome, attempt, retryAfterMs, spec.idempotent);
            if (outcome.kind === "status" && outcome.status === 429) {
                // Everyone sharing the budget waits, not just this caller (capped: a huge Retry-After fails
                // this call below instead of freezing the process).
                const pauseMs = decision.retry ? decision.delayMs : (retryAfterMs ?? 0);
                config.budget.pause(Math.min(pauseMs, config.retry.maxRetryAfterMs));
            }
            if (!decision.retry) throw failure();
            if (config.clock.now() + decision.delayMs >= deadlineAt) {
                // Waiting would cross the deadline: fail now with the real cause rather than a timeout.
                throw failure();
            }
            log?.warn(
                scrub(
                    `${label} -> ${outcome.kind === "status" ? outcome.status : outcome.kind}; ` +
                        `retrying in ${decision.delayMs} ms (attempt ${attempt + 1} of ${config.retry.maxRetries + 1})`,
                ),
            );
            await config.clock.sleep(decision.delayMs, signal);
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

    private parse<T>(
        text: string,
        status: number,
        context: { method: string; path: string },
        attempt: number,
        scrub: (text: string) => string,
    ): T | undefined {
        if (text.trim() === "") return undefined;
        try {
            return JSON.parse(text) as T;
        } catch {
            // No `cause`: the parser's message quotes the body, and the sample below is all a reader needs.
            const sample = scrub(text.trim().slice(0, 60).replace(/\s+/g, " "));
            throw new UnexpectedResponseError(
                { ...context, status, attempts: attempt },
                `response is not JSON (starts with ${JSON.stringify(sample)})`,
            );
        }
    }
}
