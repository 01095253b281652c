/**
 * The JumpCloud API v2 client: the only code of the provider that talks HTTP.
 */

export { CLIENT_DEFAULTS, DEFAULT_API_URL, JumpCloudClient, type JumpCloudClientOptions } from "./client";
export type { Clock } from "./clock";
export type { AtMostOnceSteps } from "./create-at-most-once";
export {
    BadRequestError,
    ConflictError,
    ForbiddenError,
    hasStatus,
    isJumpCloudError,
    JumpCloudError,
    type JumpCloudErrorInit,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TimeoutError,
    UnauthorizedError,
    UnexpectedResponseError,
} from "./errors";
export { type FilterValue, filter } from "./filter";
export type { ListQuery } from "./list-query";
export { collect, PAGE_SIZE } from "./pagination";
export { objectId } from "./paths";
export { RateBudget, sharedRateBudget } from "./rate-budget";
export { REDACTED, redactBody, redactHeaders } from "./redact";
export type { CallOptions, ClientLogger } from "./request-executor";
export { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from "./retry-policy";
export type { FetchLike } from "./transport";
export type * from "./types";
