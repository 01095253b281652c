/**
 * `JumpCloudClient`: the one object the rest of the provider uses to reach the JumpCloud API v2.
 */

import type { ClientLogger } from "./call-log";
import type { CallOptions } from "./call-options";
import { type Clock, systemClock } from "./clock";
import { type AtMostOnceSteps, createAtMostOnce } from "./create-at-most-once";
import { CLIENT_DEFAULTS, MAX_TIMER_MS } from "./defaults";
import { PushEndpointsApi } from "./push-endpoints";
import { type RateBudget, sharedRateBudget } from "./rate-budget";
import { RequestExecutor } from "./request-executor";
import { type RetryOptions, resolveRetryPolicy } from "./retry-policy";
import { type FetchLike, Transport } from "./transport";
import { UserGroupsApi } from "./user-groups";
import { WorkdaysApi } from "./workdays";

/** Options of {@link JumpCloudClient}. */
export interface JumpCloudClientOptions {
    /** The administrator API key, sent as `x-api-key`. Never logged nor put in an error. */
    apiKey: string;
    /** Base URL of the API v2 (EU tenants: `EU_API_URL`). @default "https://console.jumpcloud.com/api/v2" */
    apiUrl?: string;
    /** Organisation of multi-tenant admins, sent as `x-org-id`; each call may override it. */
    orgId?: string;
    /** Retry policy; unset fields keep their defaults (see `RetryOptions`). */
    retry?: RetryOptions;
    /** Timeout of one attempt, in milliseconds. @default 30000 */
    timeoutMs?: number;
    /** Overall deadline of one call, retries and waits included, in milliseconds. @default 300000 */
    deadlineMs?: number;
    /**
     * Sustained requests per second across every client of this process for the same URL and key (a shared
     * token bucket; `Infinity` disables it). After a 429 the bucket runs below what the API accepted for a minute.
     * @default 100
     */
    maxRequestsPerSecond?: number;
    /** Receives redacted diagnostics: each attempt at debug, each retry at warn. @default none */
    logger?: ClientLogger;
    /** Reuse connections (a keep-alive agent). @default true */
    keepAlive?: boolean;
    /** For tests: the fetch implementation. @default node-fetch v2 */
    fetch?: FetchLike;
    /** For tests: the clock for waits and deadlines. @default the global timers (so fake timers apply) */
    clock?: Clock;
    /** For tests: a private rate budget instead of the process-wide one. @default the shared budget */
    rateBudget?: RateBudget;
}

function positive(name: string, value: number): number {
    if (!(value > 0 && value <= MAX_TIMER_MS)) {
        throw new RangeError(`${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${value}`);
    }
    return value;
}

/**
 * Typed, resilient access to the JumpCloud API v2: user groups, push endpoints and Workday import. Every method
 * takes an optional last `{ orgId, signal }`. Failures are `JumpCloudError`s (see `isJumpCloudError`).
 *
 * ```ts
 * const client = new JumpCloudClient({ apiKey: process.env.JUMPCLOUD_API_KEY ?? "" });
 * for await (const group of client.userGroups.list({ filter: filter.eq("name", "Engineering") })) { ... }
 * ```
 */
export class JumpCloudClient {
    /** User groups. */
    readonly userGroups: UserGroupsApi;
    /** Users' push endpoints (enrolled devices). */
    readonly pushEndpoints: PushEndpointsApi;
    /** The Workday import instance, its jobs and workers. */
    readonly workdays: WorkdaysApi;
    /** The resolved base URL (no trailing slash). */
    readonly apiUrl: string;
    private readonly http: RequestExecutor;

    constructor(options: JumpCloudClientOptions) {
        if (typeof options?.apiKey !== "string" || options.apiKey.trim() === "") {
            throw new TypeError(
                "JumpCloudClient needs an API key: set `jumpcloud:apiKey` (secret) or JUMPCLOUD_API_KEY",
            );
        }
        const apiUrl = (options.apiUrl ?? CLIENT_DEFAULTS.apiUrl).replace(/\/+$/, "");
        if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
            throw new TypeError(`apiUrl must be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
        }
        const rate = options.maxRequestsPerSecond ?? CLIENT_DEFAULTS.maxRequestsPerSecond;
        if (!(rate > 0)) throw new RangeError(`maxRequestsPerSecond must be positive (or Infinity), got ${rate}`);
        this.apiUrl = apiUrl;
        const http = new RequestExecutor({
            apiUrl,
            apiKey: options.apiKey,
            ...(options.orgId === undefined ? {} : { orgId: options.orgId }),
            retry: resolveRetryPolicy(options.retry),
            timeoutMs: positive("timeoutMs", options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs),
            deadlineMs: positive("deadlineMs", options.deadlineMs ?? CLIENT_DEFAULTS.deadlineMs),
            budget: options.rateBudget ?? sharedRateBudget(apiUrl, options.apiKey, rate),
            transport: new Transport({
                ...(options.keepAlive === undefined ? {} : { keepAlive: options.keepAlive }),
                ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
            }),
            clock: options.clock ?? systemClock,
            ...(options.logger === undefined ? {} : { logger: options.logger }),
        });
        this.http = http;
        this.userGroups = new UserGroupsApi(http);
        this.pushEndpoints = new PushEndpointsApi(http);
        this.workdays = new WorkdaysApi(http);
    }

    /**
     * Runs a create that must take effect at most once: after a failure the server may have acted on, asks
     * `steps.findApplied` whether the object exists, and sends again (with this client's backoff and rate budget)
     * only when it does not. See `createAtMostOnce`.
     */
    createAtMostOnce<T>(steps: AtMostOnceSteps<T>, options?: Pick<CallOptions, "signal">): Promise<T> {
        return createAtMostOnce(this.http, steps, options?.signal);
    }

    /** Hides the key from `console.log(client)` and `JSON.stringify`. */
    toJSON(): { apiUrl: string } {
        return { apiUrl: this.apiUrl };
    }
}
