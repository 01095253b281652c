/**
 * The errors the client throws: one base class, subclasses by status, and network/timeout errors that keep `cause`.
 *
 * Recognise them with {@link isJumpCloudError} rather than `instanceof`: two copies of this package can be loaded
 * in one process (a program's copy and the dynamic provider's), and a brand survives that.
 */

import type { AuthKind } from "./credential";

const BRAND = Symbol.for("pulumi-jumpcloud.JumpCloudError");

/** What the client knows about the failed call; every field is already redacted. */
export interface JumpCloudErrorInit {
    /** HTTP status, or undefined when no response arrived. */
    status?: number;
    method: string;
    /** Path (and query) relative to the API base URL, e.g. "/usergroups/5f0c…". */
    path: string;
    /** The API's own message (`message`, else `error`, else the response text). */
    apiMessage?: string;
    /** How many attempts were made, retries included. @default 1 */
    attempts?: number;
    /** For 429: how long the API asked to wait, in milliseconds. */
    retryAfterMs?: number;
    /** Whether the server may have carried out the request (see `JumpCloudError.mayHaveBeenApplied`). @default false */
    mayHaveBeenApplied?: boolean;
    /** How the request authenticated, so the message names the right settings. @default "apiKey" */
    auth?: AuthKind;
    cause?: unknown;
}

const REASONS: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
};

/** What to check after a 401, by how the request authenticated. */
const UNAUTHORIZED: Readonly<Record<AuthKind, string>> = {
    apiKey:
        "check `jumpcloud:apiKey` / JUMPCLOUD_API_KEY (`pulumi config set jumpcloud:apiKey --secret <key>`); " +
        "multi-tenant admins also need `jumpcloud:orgId` / JUMPCLOUD_ORG_ID",
    serviceAccount:
        "the API refused the service account's access token, also a newly fetched one: check that the service " +
        "account is active and its client secret valid (`jumpcloud:clientId`, `jumpcloud:clientSecret`), that " +
        "`jumpcloud:oauthTokenUrl` is the token endpoint of the API's region, and, for a multi-tenant " +
        "organisation, `jumpcloud:orgId`",
    tokenRequest:
        "the token endpoint refused the service account's credentials: check `jumpcloud:clientId` / " +
        "JUMPCLOUD_CLIENT_ID and `jumpcloud:clientSecret` / JUMPCLOUD_CLIENT_SECRET (a client secret expires: " +
        "make a new one in the Admin Portal under Settings > Service Accounts)",
};

function advice(status: number | undefined, attempts: number, auth: AuthKind): string | undefined {
    const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : "";
    if (auth === "tokenRequest" && status !== undefined && status >= 400 && status < 500 && status !== 429) {
        // The token endpoint answers OAuth errors: 401 for the credentials, anything else for the request or URL.
        return status === 401 || status === 400
            ? UNAUTHORIZED.tokenRequest
            : "check that `jumpcloud:oauthTokenUrl` / JUMPCLOUD_OAUTH_TOKEN_URL is JumpCloud's service-account token endpoint";
    }
    switch (status) {
        case 401:
            return UNAUTHORIZED[auth];
        case 403:
            return auth === "serviceAccount"
                ? "the service account's role may not do this: check its role in the Admin Portal, and that " +
                      "`jumpcloud:orgId` names an organisation it can manage"
                : "the key's administrator may not do this: check the admin's role, and that `jumpcloud:orgId` " +
                      "names an organisation the key can manage";
        case 404:
            return "the object does not exist (was it deleted outside Pulumi? `pulumi refresh` forgets it)";
        case 409:
            return "an object with the same unique value (a group name is unique case-insensitively) already exists: rename it or adopt the existing one";
        case 429:
            return `rate limited${tries}: lower \`jumpcloud:maxRequestsPerSecond\` or run again later`;
        default:
            if (status !== undefined && status >= 500) return `JumpCloud failed${tries}: try again later`;
            if (status !== undefined && status >= 300 && status < 400) {
                return auth === "tokenRequest"
                    ? "the token endpoint answered with a redirect: check `jumpcloud:oauthTokenUrl` / JUMPCLOUD_OAUTH_TOKEN_URL"
                    : "the API answered with a redirect: check `jumpcloud:apiUrl` / JUMPCLOUD_API_URL";
            }
            return undefined;
    }
}

/** The setting that names where a request went, for network failures and unexpected answers. */
function urlSetting(auth: AuthKind | undefined): string {
    return auth === "tokenRequest" ? "`jumpcloud:oauthTokenUrl`" : "`jumpcloud:apiUrl`";
}

function describe(init: JumpCloudErrorInit, what: string, hint: string | undefined): string {
    return `JumpCloud ${init.method} ${init.path} failed: ${what}${hint ? ` — ${hint}` : ""}`;
}

/** Base of every error the client throws for a call. */
export class JumpCloudError extends Error {
    /** HTTP status, or undefined when no response arrived (network error, timeout). */
    readonly status: number | undefined;
    readonly method: string;
    /** Path (and query) relative to the API base URL. */
    readonly path: string;
    /** The API's own message, if it sent one. */
    readonly apiMessage: string | undefined;
    /** Attempts made, retries included. */
    readonly attempts: number;
    /**
     * True when the server may have carried out the request although the call failed: an attempt got no answer
     * after the connection was made (a reset, a timeout) or a 5xx other than 501/503. The client decides this; a
     * caller that must not create an object twice looks it up before sending again (see `createAtMostOnce`).
     * False when every attempt was refused, turned away (429, 503) or answered with the server's final word.
     */
    readonly mayHaveBeenApplied: boolean;
    readonly [BRAND] = true;

    constructor(init: JumpCloudErrorInit, message?: string) {
        const attempts = init.attempts ?? 1;
        const statusText =
            init.status === undefined ? "" : `${init.status} ${init.apiMessage || REASONS[init.status] || "Error"}`;
        super(message ?? describe(init, statusText, advice(init.status, attempts, init.auth ?? "apiKey")), {
            cause: init.cause,
        });
        this.name = new.target.name;
        this.status = init.status;
        this.method = init.method;
        this.path = init.path;
        this.apiMessage = init.apiMessage;
        this.attempts = attempts;
        this.mayHaveBeenApplied = init.mayHaveBeenApplied ?? false;
    }
}

/** 400: the request was malformed (an invalid field, a malformed id). */
export class BadRequestError extends JumpCloudError {}
/** 401: the API key is missing, wrong or revoked (or a multi-tenant admin sent no org id). */
export class UnauthorizedError extends JumpCloudError {}
/** 403: the key's administrator may not do this. */
export class ForbiddenError extends JumpCloudError {}
/** 404: the object does not exist. */
export class NotFoundError extends JumpCloudError {}
/** 409: a unique value (a group name) is taken, or the Workday singleton exists. */
export class ConflictError extends JumpCloudError {}
/** 5xx after the retries the policy allows. */
export class ServerError extends JumpCloudError {}

/** 429 after the retries the policy allows. */
export class RateLimitedError extends JumpCloudError {
    /** How long the API asked to wait, if it said. */
    readonly retryAfterMs: number | undefined;
    constructor(init: JumpCloudErrorInit) {
        super(init);
        this.retryAfterMs = init.retryAfterMs;
    }
}

/** No response: the connection failed or was reset. `cause` holds the underlying error. */
export class NetworkError extends JumpCloudError {
    constructor(init: JumpCloudErrorInit) {
        const code = (init.cause as { code?: unknown } | undefined)?.code;
        const what = `network error${typeof code === "string" ? ` ${code}` : ""}`;
        const tries = (init.attempts ?? 1) > 1 ? ` after ${init.attempts} attempts` : "";
        super(init, describe(init, `${what}${tries}`, `check ${urlSetting(init.auth)} and the network`));
    }
}

/** The attempt timeout or the overall deadline passed. `cause` holds the abort reason. */
export class TimeoutError extends JumpCloudError {
    /** The limit that passed, in milliseconds. */
    readonly timeoutMs: number;
    constructor(init: JumpCloudErrorInit & { timeoutMs: number; deadline: boolean }) {
        const what = init.deadline
            ? `the overall deadline of ${init.timeoutMs} ms passed after ${init.attempts ?? 1} attempt(s)`
            : `no response within ${init.timeoutMs} ms`;
        super(init, describe(init, what, "raise the client's timeoutMs/deadlineMs or try again later"));
        this.timeoutMs = init.timeoutMs;
    }
}

/** A 2xx response whose body is not the JSON the call expects (is `apiUrl` the JumpCloud API?). */
export class UnexpectedResponseError extends JumpCloudError {
    constructor(init: JumpCloudErrorInit, detail: string) {
        const where =
            init.auth === "tokenRequest"
                ? "check that `jumpcloud:oauthTokenUrl` points at JumpCloud's service-account token endpoint"
                : "check that `jumpcloud:apiUrl` points at the JumpCloud API v2";
        super(init, describe(init, `${init.status} ${detail}`, where));
    }
}

/** True for any error this client (or another loaded copy of it) throws. */
export function isJumpCloudError(e: unknown): e is JumpCloudError {
    return typeof e === "object" && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true;
}

/** True for a JumpCloud error with this HTTP status (404 for "already gone", 409 for "taken"). */
export function hasStatus(e: unknown, status: number): e is JumpCloudError {
    return isJumpCloudError(e) && e.status === status;
}
