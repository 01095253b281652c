/**
 * Every default of the client and of the settings built on it, in one place: the API's addresses, the timeouts,
 * the request rate and the retry policy. `config.ts` (stack config and environment) and the client's options both
 * read them from here, so a default is changed once.
 */

/** The API v2 base URL of JumpCloud's US region (the default). */
export const DEFAULT_API_URL = "https://console.jumpcloud.com/api/v2";

/** The API v2 base URL of JumpCloud's EU region (`jumpcloud:region eu`). */
export const EU_API_URL = "https://console.eu.jumpcloud.com/api/v2";

/**
 * The service-account token endpoint of JumpCloud's US region, the one JumpCloud's own PowerShell module uses
 * (TheJumpCloud/support, `New-JCBearerToken.ps1`; see docs/jumpcloud-api.md, "Service accounts").
 */
export const DEFAULT_OAUTH_TOKEN_URL = "https://admin-oauth.id.jumpcloud.com/oauth2/token";

/** The service-account token endpoint of JumpCloud's EU region (same source). */
export const EU_OAUTH_TOKEN_URL = "https://admin-oauth.id.eu.jumpcloud.com/oauth2/token";

/**
 * The token endpoint that goes with an API v2 base URL: JumpCloud's own for its two regions, none for any other URL
 * (a proxy, the simulator), because guessing would send the client secret to a host nobody named.
 */
export function oauthTokenUrlFor(apiUrl: string): string | undefined {
    const url = apiUrl.replace(/\/+$/, "");
    if (url === DEFAULT_API_URL) return DEFAULT_OAUTH_TOKEN_URL;
    if (url === EU_API_URL) return EU_OAUTH_TOKEN_URL;
    return undefined;
}

/** The API v1 base URL beside an API v2 one (".../api/v2" -> ".../api"); undefined unless it ends in "/v2". */
export function apiV1UrlFor(apiUrl: string): string | undefined {
    const url = apiUrl.replace(/\/+$/, "");
    return /\/v2$/.test(url) ? url.slice(0, -"/v2".length) : undefined;
}

/** Longest delay a Node.js timer supports; beyond it `setTimeout` fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** @default values of the client's options (`JumpCloudClientOptions`). */
export const CLIENT_DEFAULTS = Object.freeze({
    apiUrl: DEFAULT_API_URL,
    /** Timeout of one attempt. */
    timeoutMs: 30_000,
    /** Overall deadline of one call, retries and waits included. */
    deadlineMs: 300_000,
    /** Sustained rate of the whole process for one URL and key. JumpCloud documents no limit; a 429 lowers it. */
    maxRequestsPerSecond: 100,
});

/** @default values of the retry policy (`RetryOptions`). */
export const DEFAULT_RETRY = Object.freeze({
    /** Retries after the first attempt. */
    maxRetries: 5,
    /** The cap of the first retry's delay, doubling per retry. */
    baseDelayMs: 500,
    /** Cap of one backoff delay. */
    maxDelayMs: 30_000,
    /** Longest `Retry-After` the client waits for. */
    maxRetryAfterMs: 60_000,
    /** Source of jitter in [0, 1). */
    random: Math.random,
});
