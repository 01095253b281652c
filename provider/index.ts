/**
 * pulumi-jumpcloud: JumpCloud user groups, Workday imports and push endpoints as Pulumi resources.
 *
 * The public surface, listed name by name: the resources and their argument and output types, the lookup
 * functions, the GitOps folder loader, the errors a program may catch, and the API object types these mention.
 * The API client itself is the `pulumi-jumpcloud/client` subpath; nothing else is public. A test
 * (test/unit/resources/public-exports.test.ts) holds this list, so a new export is a decision, not an accident.
 */

// Failed API calls reach programs through the lookup functions.
export {
    BadRequestError,
    ConflictError,
    ForbiddenError,
    isJumpCloudError,
    JumpCloudError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TimeoutError,
    UnauthorizedError,
    UnexpectedResponseError,
} from "./client/errors";
// The API's objects, as lookups return them and as resource outputs hold them ("Api" tells them from resources).
export type {
    ApiAssociationTargetType,
    ApiBulkUser,
    ApiFilterMemberQuery,
    ApiFilterQueryMemberQuery,
    ApiGraphAttributes,
    ApiGraphObject,
    ApiGroupAttributes,
    ApiImportResult,
    ApiMemberFilter,
    ApiMemberQuery,
    ApiPushEndpoint,
    ApiPushEndpointDevice,
    ApiRadiusReply,
    ApiSearchMemberQuery,
    ApiSudoAttributes,
    ApiSuggestionCounts,
    ApiSystemUser,
    ApiUserAttribute,
    ApiUserGroup,
    ApiUserState,
    ApiWorkdayWorker,
    FilterOperator,
    MembershipMethod,
} from "./client/types";
export { SettingsError } from "./config";
export {
    type GetUserArgs,
    type GetUserGroupArgs,
    type GetUserGroupMembersArgs,
    type GetUserGroupMembersResult,
    type GetUserGroupResult,
    type GetUserPushEndpointsArgs,
    type GetUserPushEndpointsResult,
    type GetUserResult,
    type GetUsersArgs,
    type GetUsersResult,
    type GetWorkdayImportResultsArgs,
    type GetWorkdayImportResultsResult,
    type GetWorkdayWorkersArgs,
    type GetWorkdayWorkersResult,
    type GroupMembersToResolve,
    getUser,
    getUserGroup,
    getUserGroupMembers,
    getUserGroupMembersOutput,
    getUserGroupOutput,
    getUserOutput,
    getUserPushEndpoints,
    getUserPushEndpointsOutput,
    getUsers,
    getUsersOutput,
    getWorkdayImportResults,
    getWorkdayImportResultsOutput,
    getWorkdayWorkers,
    getWorkdayWorkersOutput,
    InvalidArgumentsError,
    type ResolveGroupMembersOptions,
    resolveGroupMembers,
} from "./functions";
export {
    checkGroupFolder,
    formatProblem,
    type GitOpsAssociation,
    type GitOpsGroup,
    type GitOpsMember,
    type GitOpsProblem,
    GitOpsValidationError,
    type GroupFolderCheck,
    isGitOpsValidationError,
    type LoadGroupsOptions,
    loadGroupFolder,
    type ParsedGroupFile,
    parseGroupFile,
    resourceNameForFile,
} from "./gitops";
export type { PushEndpointInputs, PushEndpointOutputs } from "./model/push-endpoint";
export type {
    AdoptOptions,
    MemberQueryExemptionInput,
    MemberQueryInput,
    SudoInput,
    UserGroupAttributesInput,
    UserGroupInputs,
    UserGroupOutputs,
} from "./model/user-group";
export type { UserGroupAssociationInputs, UserGroupAssociationOutputs } from "./model/user-group-association";
export type { UserGroupMemberInputs, UserGroupMemberOutputs } from "./model/user-group-member";
export type { UserGroupMembershipInputs, UserGroupMembershipOutputs } from "./model/user-group-membership";
export type {
    AlreadyImportedUser,
    FailedImportUser,
    ImportSummary,
    WorkdayImportInputs,
    WorkdayImportOutputs,
} from "./model/workday-import";
export type { WorkdayAuthStatus, WorkdayInstanceInputs, WorkdayInstanceOutputs } from "./model/workday-instance";
export {
    type AdoptArgs,
    type MemberQueryArgs,
    type MemberQueryFilterArgs,
    type SudoArgs,
    UserGroup,
    type UserGroupArgs,
    type UserGroupAttributesArgs,
} from "./resources/user-group";
export { UserGroupAssociation, type UserGroupAssociationArgs } from "./resources/user-group-association";
export { UserGroupMember, type UserGroupMemberArgs } from "./resources/user-group-member";
export { UserGroupMembership, type UserGroupMembershipArgs } from "./resources/user-group-membership";
export { UserPushEndpoint, type UserPushEndpointArgs } from "./resources/user-push-endpoint";
export {
    type BulkUserArgs,
    type BulkUserAttributeArgs,
    type FailedImportUserOutput,
    WorkdayImport,
    type WorkdayImportArgs,
} from "./resources/workday-import";
export { type WorkdayAuthStatusOutput, WorkdayInstance, type WorkdayInstanceArgs } from "./resources/workday-instance";
// Failures that are not a failed API call as such (a name taken, an object to adopt or look up that is missing).
export {
    AdoptMismatchError,
    DynamicGroupError,
    isProviderError,
    NameTakenError,
    ObjectNotFoundError,
    ProviderError,
    type ProviderErrorCode,
} from "./runtime/errors";
