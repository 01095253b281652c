/**
 * pulumi-jumpcloud: JumpCloud user groups, Workday imports and push endpoints as Pulumi resources.
 * Public exports only.
 */
export {
    type ConfigGetter,
    DEFAULT_API_URL,
    EU_API_URL,
    type JumpCloudSettings,
    resolveSettings,
    SettingsError,
} from "./config";
