/**
 * `pulumi-jumpcloud/client`: the JumpCloud API v2 client on its own, for programs and scripts that call the API
 * directly (the resources and functions of the package root need none of it). The only code of the package that
 * talks HTTP.
 *
 * Internals (the rate budget's registry, redaction, pagination, the request executor) are deliberately not exported:
 * import them from their files inside this repository, never from the published package.
 */

export type { ClientLogger } from "./call-log";
export type { CallOptions } from "./call-options";
export { JumpCloudClient, type JumpCloudClientOptions } from "./client";
export type { Clock } from "./clock";
export type { AtMostOnceSteps } from "./create-at-most-once";
export {
    CLIENT_DEFAULTS,
    DEFAULT_API_URL,
    DEFAULT_OAUTH_TOKEN_URL,
    DEFAULT_RETRY,
    EU_API_URL,
    EU_OAUTH_TOKEN_URL,
} from "./defaults";
// Every error class, `isJumpCloudError` and `hasStatus`: errors.ts holds nothing else.
export * from "./errors";
export { type FilterValue, filter } from "./filter";
export type { EdgeAddOutcome, EdgeChange, EdgeOptions, EdgeRemoveOutcome } from "./graph-edges";
export type { GraphListQuery } from "./graph-list-query";
export type { AssociationTarget, GroupAssociationsApi } from "./group-associations";
export type { GroupMembersApi } from "./group-members";
export type { AppliedSuggestions, GroupSuggestionsApi } from "./group-suggestions";
export type { ListQuery } from "./list-query";
export { collect } from "./pagination";
export type { PushEndpointsApi } from "./push-endpoints";
export { RateBudget } from "./rate-budget";
export type { RetryOptions } from "./retry-policy";
export type { FetchInitLike, FetchLike, FetchResponseLike } from "./transport";
export type * from "./types";
export { ASSOCIATION_TARGET_TYPES } from "./types";
export { type UserFilterOperator, userFilter } from "./user-filter";
export type { UserGroupsApi } from "./user-groups";
export type { UserListQuery } from "./user-list-query";
export { isUserLookupError, UserLookupError, type UserLookupField } from "./user-lookup-error";
export type { UserGetOptions, UsersApi } from "./users";
export type { WorkdaysApi } from "./workdays";
