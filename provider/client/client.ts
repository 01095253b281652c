/**
 * `JumpCloudClient`: the one object the rest of the provider uses to reach the JumpCloud API (v2, and v1 for users).
 */

import { inspect } from "node:util";

import type { ClientLogger } from "./call-log";
import type { CallOptions } from "./call-options";
import { type Clock, systemClock } from "./clock";
import { type AtMostOnceSteps, createAtMostOnce } from "./create-at-most-once";
import { ApiKeyCredential, type Credential } from "./credential";
import { apiV1UrlFor, CLIENT_DEFAULTS, MAX_TIMER_MS, oauthTokenUrlFor } from "./defaults";
import { PushEndpointsApi } from "./push-endpoints";
import { type RateBudget, sharedRateBudget } from "./rate-budget";
import { RequestExecutor } from "./request-executor";
import { type RetryOptions, resolveRetryPolicy } from "./retry-policy";
import { type SendRequest, ServiceAccountCredential } from "./service-account";
import { type FetchLike, Transport } from "./transport";
import { UserGroupsApi } from "./user-groups";
import { UsersApi } from "./users";
import { WorkdaysApi } from "./workdays";

/**
 * Options of {@link JumpCloudClient}. Authenticate with exactly one of: `apiKey`, or a service account's
 * `clientId` and `clientSecret`. Neither is ever logged nor put in an error.
 */
export interface JumpCloudClientOptions {
    /** An administrator's API key, sent as `x-api-key`. */
    apiKey?: string;
    /**
     * A service account's client id: the client exchanges it and `clientSecret` at `oauthTokenUrl` for an access
     * token (OAuth 2.0 client credentials), sent as `Authorization: Bearer`. The token is fetched once per process
     * and shared by every client with the same credentials, renewed shortly before it expires and once after the
     * API refuses it (401).
     */
    clientId?: string;
    /** The service account's client secret. */
    clientSecret?: string;
    /**
     * The service account's token endpoint. @default "https://admin-oauth.id.jumpcloud.com/oauth2/token" with the
     * US `apiUrl`, "https://admin-oauth.id.eu.jumpcloud.com/oauth2/token" with `EU_API_URL`; required with any
     * other `apiUrl` (the client never guesses where to send the secret)
     */
    oauthTokenUrl?: string;
    /** Base URL of the API v2 (EU tenants: `EU_API_URL`). @default "https://console.jumpcloud.com/api/v2" */
    apiUrl?: string;
    /** Base URL of the API v1 (users). @default `apiUrl` without its final "/v2" */
    apiV1Url?: string;
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
     * token bucket; `Infinity` disables it). After a 429 the bucket drops to 70% of what the API
     * accepted and climbs back within seconds (AIMD; see rate-budget.ts).
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

function httpUrl(name: string, value: string): string {
    const url = value.replace(/\/+$/, "");
    if (!/^https?:\/\/[^\s/]+/.test(url))
        throw new TypeError(`${name} must be an http(s) URL, got ${JSON.stringify(url)}`);
    return url;
}

function given(value: unknown): value is string {
    return typeof value === "string" && value.trim() !== "";
}

/** The credential the options name; a `TypeError` naming the options when they name none, or two. */
function credentialOf(options: JumpCloudClientOptions, apiUrl: string, send: SendRequest): Credential {
    const { apiKey, clientId, clientSecret } = options;
    const account = given(clientId) || given(clientSecret);
    if (given(apiKey) && account) {
        throw new TypeError(
            "JumpCloudClient takes an API key or a service account, not both: give apiKey, or clientId and clientSecret",
        );
    }
    if (given(apiKey)) return new ApiKeyCredential(apiKey);
    if (!account) {
        throw new TypeError(
            "JumpCloudClient needs an API key (`jumpcloud:apiKey` (secret) or JUMPCLOUD_API_KEY) or a service " +
                "account (`jumpcloud:clientId` and `jumpcloud:clientSecret`, or JUMPCLOUD_CLIENT_ID and JUMPCLOUD_CLIENT_SECRET)",
        );
    }
    if (!given(clientId) || !given(clientSecret)) {
        throw new TypeError(
            `a service account needs both clientId and clientSecret; ${given(clientId) ? "clientSecret" : "clientId"} is missing`,
        );
    }
    const tokenUrl = options.oauthTokenUrl ?? oauthTokenUrlFor(apiUrl);
    if (tokenUrl === undefined) {
        throw new TypeError(
            `oauthTokenUrl is required with a service account when apiUrl (${JSON.stringify(apiUrl)}) is not ` +
                "JumpCloud's US or EU API: the client does not guess where to send the client secret",
        );
    }
    return new ServiceAccountCredential({ clientId, clientSecret, tokenUrl: httpUrl("oauthTokenUrl", tokenUrl) }, send);
}

function positive(name: string, value: number): number {
    if (!(value > 0 && value <= MAX_TIMER_MS)) {
        throw new RangeError(`${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${value}`);
    }
    return value;
}

/**
 * Typed, resilient access to the JumpCloud API: user groups with their members, associations and suggestions, push
 * endpoints and Workday import (API v2), and users (API v1). Every method takes an optional last
 * `{ orgId, signal }`. Failures are `JumpCloudError`s (see `isJumpCloudError`).
 *
 * ```ts
 * const client = new JumpCloudClient({ apiKey: process.env.JUMPCLOUD_API_KEY ?? "" });
 * for await (const group of client.userGroups.list({ filter: filter.eq("name", "Engineering") })) { ... }
 * ```
 */
export class JumpCloudClient {
    /** Users (API v1) and the groups each is in. */
    readonly users: UsersApi;
    /** User groups, and their members, associations and suggestions. */
    readonly userGroups: UserGroupsApi;
    /** Users' push endpoints (enrolled devices). */
    readonly pushEndpoints: PushEndpointsApi;
    /** The Workday import instance, its jobs and workers. */
    readonly workdays: WorkdaysApi;
    /** The resolved API v2 base URL (no trailing slash). */
    readonly apiUrl: string;
    private readonly http: RequestExecutor;
    private readonly credential: Credential;

    constructor(options: JumpCloudClientOptions) {
        if (typeof options !== "object" || options === null) throw new TypeError("JumpCloudClient needs options");
        const apiUrl = httpUrl("apiUrl", options.apiUrl ?? CLIENT_DEFAULTS.apiUrl);
        const apiV1Url = options.apiV1Url === undefined ? apiV1UrlFor(apiUrl) : httpUrl("apiV1Url", options.apiV1Url);
        // The token request goes through this client's pipeline, which is built below with the credential.
        const send: SendRequest = (request, signal) => this.http.send(request, signal);
        const credential = credentialOf(options, apiUrl, send);
        const rate = options.maxRequestsPerSecond ?? CLIENT_DEFAULTS.maxRequestsPerSecond;
        if (!(rate > 0)) throw new RangeError(`maxRequestsPerSecond must be positive (or Infinity), got ${rate}`);
        this.apiUrl = apiUrl;
        this.credential = credential;
        const http = new RequestExecutor({
            apiUrl,
            ...(apiV1Url === undefined ? {} : { apiV1Url }),
            credential,
            ...(options.orgId === undefined ? {} : { orgId: options.orgId }),
            retry: resolveRetryPolicy(options.retry),
            timeoutMs: positive("timeoutMs", options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs),
            deadlineMs: positive("deadlineMs", options.deadlineMs ?? CLIENT_DEFAULTS.deadlineMs),
            budget: options.rateBudget ?? sharedRateBudget(apiUrl, credential.identity, rate),
            transport: new Transport({
                ...(options.keepAlive === undefined ? {} : { keepAlive: options.keepAlive }),
                ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
            }),
            clock: options.clock ?? systemClock,
            ...(options.logger === undefined ? {} : { logger: options.logger }),
        });
        this.http = http;
        this.users = new UsersApi(http);
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

    /** Hides the credentials from `JSON.stringify`. */
    toJSON(): { apiUrl: string; authentication: string } {
        return { apiUrl: this.apiUrl, authentication: this.credential.kind };
    }

    /** Hides the credentials from `console.log(client)` and `util.inspect`. */
    [inspect.custom](): string {
        return `JumpCloudClient { apiUrl: ${JSON.stringify(this.apiUrl)}, authentication: "${this.credential.kind}" }`;
    }
}
