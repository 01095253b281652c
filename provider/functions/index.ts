/**
 * The lookup functions: read-only, run in the program's process at program time (preview and up), never stored.
 */

export {
    type GetUserArgs,
    type GetUserResult,
    type GetUsersArgs,
    type GetUsersResult,
    getUser,
    getUserOutput,
    getUsers,
    getUsersOutput,
} from "./get-user";
export {
    type GetUserGroupArgs,
    type GetUserGroupResult,
    getUserGroup,
    getUserGroupOutput,
} from "./get-user-group";
export {
    type GetUserGroupMembersArgs,
    type GetUserGroupMembersResult,
    getUserGroupMembers,
    getUserGroupMembersOutput,
} from "./get-user-group-members";
export {
    type GetUserPushEndpointsArgs,
    type GetUserPushEndpointsResult,
    getUserPushEndpoints,
    getUserPushEndpointsOutput,
} from "./get-user-push-endpoints";
export {
    type GetWorkdayImportResultsArgs,
    type GetWorkdayImportResultsResult,
    getWorkdayImportResults,
    getWorkdayImportResultsOutput,
} from "./get-workday-import-results";
export {
    type GetWorkdayWorkersArgs,
    type GetWorkdayWorkersResult,
    getWorkdayWorkers,
    getWorkdayWorkersOutput,
} from "./get-workday-workers";
export { InvalidArgumentsError } from "./program-client";
export {
    type GroupMembersToResolve,
    type ResolveGroupMembersOptions,
    resolveGroupMembers,
} from "./resolve-group-members";
