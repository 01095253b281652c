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
export type { UserGroupInputs, UserGroupOutputs } from "./model/user-group";
export {
    type AdoptArgs,
    type MemberQueryArgs,
    type MemberQueryFilterArgs,
    type SudoArgs,
    UserGroup,
    type UserGroupArgs,
    type UserGroupAttributesArgs,
} from "./resources/user-group";
