/**
 * pulumi-jumpcloud: JumpCloud user groups, Workday imports and push endpoints as Pulumi resources.
 * Public exports only.
 */

export * from "./client";
export {
    type ConfigGetter,
    DEFAULT_API_URL,
    EU_API_URL,
    type JumpCloudSettings,
    resolveSettings,
    SettingsError,
} from "./config";
export * from "./functions";
export {
    checkGroupFolder,
    formatProblem,
    type GitOpsGroup,
    type GitOpsProblem,
    GitOpsValidationError,
    type GroupFolderCheck,
    isGitOpsValidationError,
    type LoadGroupsOptions,
    loadGroupFolder,
    parseGroupFile,
    resourceNameForFile,
} from "./gitops";
export type { PushEndpointInputs, PushEndpointOutputs } from "./model/push-endpoint";
export type { UserGroupInputs, UserGroupOutputs } from "./model/user-group";
export type {
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
export { UserPushEndpoint, type UserPushEndpointArgs } from "./resources/user-push-endpoint";
export {
    type BulkUserArgs,
    type BulkUserAttributeArgs,
    type FailedImportUserOutput,
    WorkdayImport,
    type WorkdayImportArgs,
} from "./resources/workday-import";
export { type WorkdayAuthStatusOutput, WorkdayInstance, type WorkdayInstanceArgs } from "./resources/workday-instance";
