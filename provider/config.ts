/**
 * Settings: stack config `jumpcloud:*` first, then the environment `JUMPCLOUD_*`, then defaults.
 *
 * Plain TypeScript: the Pulumi layer hands in a getter over the stack config (from the dynamic provider's
 * `configure()` or, at program time, `new pulumi.Config("jumpcloud")`), so nothing here imports Pulumi and nothing
 * is read at module load. The defaults are the client's (`client/defaults.ts`).
 */
import {
    CLIENT_DEFAULTS,
    DEFAULT_API_URL,
    DEFAULT_RETRY,
    EU_API_URL,
    MAX_TIMER_MS,
    oauthTokenUrlFor,
} from "./client/defaults";
import { matches, OBJECT_ID } from "./client/paths";

/** Looks up one stack config key without its namespace ("apiKey" for `jumpcloud:apiKey`). */
export type ConfigGetter = (key: string) => string | undefined;

/** A service account's settings: its client credentials and its token endpoint. Never logged. */
export interface ServiceAccountSettings {
    readonly clientId: string;
    readonly clientSecret: string;
    /**
     * @default "https://admin-oauth.id.jumpcloud.com/oauth2/token" ("https://admin-oauth.id.eu.jumpcloud.com/oauth2/token"
     * for region eu); required when `apiUrl` is set to anything but JumpCloud's two API URLs
     */
    readonly oauthTokenUrl: string;
}

/** How the provider authenticates: an admin's API key, or a service account; exactly one. */
export type CredentialSettings =
    | { readonly apiKey: string; readonly serviceAccount?: never }
    | { readonly apiKey?: never; readonly serviceAccount: ServiceAccountSettings };

export type JumpCloudSettings = CredentialSettings & OtherSettings;

/** Every setting but the credentials. */
export interface OtherSettings {
    /** @default "https://console.jumpcloud.com/api/v2" ("https://console.eu.jumpcloud.com/api/v2" for region eu) */
    readonly apiUrl: string;
    /** Organisation for multi-tenant admins, sent as `x-org-id`. */
    readonly orgId?: string;
    /** @default 5 */
    readonly maxRetries: number;
    /** @default 30000 */
    readonly requestTimeoutMs: number;
    /** @default 100 (JumpCloud documents no limit; a 429 lowers the rate of the run by itself) */
    readonly maxRequestsPerSecond: number;
    /**
     * A file to append every API attempt to (redacted: no key, no password, no body value that is a secret), one
     * line each, for troubleshooting slow or failing runs. @default none
     */
    readonly logFile?: string;
    /**
     * Whether a create that meets a name already taken adopts the existing object when it is exactly what the program
     * declares (every field either side has), instead of failing. Makes a run that lost its state changes (a killed
     * `pulumi up`, `PULUMI_SKIP_CHECKPOINTS=true`) converge with a plain `pulumi up`. @default false
     */
    readonly adoptExactMatches: boolean;
}

/** Thrown when a setting is missing or malformed; the message names the config key, the variable and the fix. */
export class SettingsError extends Error {
    override readonly name = "SettingsError";
}

const ENV: Record<string, string> = {
    apiKey: "JUMPCLOUD_API_KEY",
    clientId: "JUMPCLOUD_CLIENT_ID",
    clientSecret: "JUMPCLOUD_CLIENT_SECRET",
    oauthTokenUrl: "JUMPCLOUD_OAUTH_TOKEN_URL",
    apiUrl: "JUMPCLOUD_API_URL",
    region: "JUMPCLOUD_REGION",
    orgId: "JUMPCLOUD_ORG_ID",
    maxRetries: "JUMPCLOUD_MAX_RETRIES",
    requestTimeoutMs: "JUMPCLOUD_REQUEST_TIMEOUT_MS",
    maxRequestsPerSecond: "JUMPCLOUD_MAX_REQUESTS_PER_SECOND",
    logFile: "JUMPCLOUD_LOG_FILE",
    adoptExactMatches: "JUMPCLOUD_ADOPT_EXACT_MATCHES",
};

/** A setting's value and where it came from, for messages: "jumpcloud:apiKey" or "JUMPCLOUD_API_KEY". */
interface Found {
    readonly value: string;
    readonly from: string;
}

function find(key: string, config: ConfigGetter | undefined, env: NodeJS.ProcessEnv): Found | undefined {
    const fromConfig = config?.(key);
    if (fromConfig !== undefined && fromConfig !== "") return { value: fromConfig, from: `jumpcloud:${key}` };
    const name = ENV[key];
    const fromEnv = name ? env[name] : undefined;
    return fromEnv === undefined || fromEnv === "" || name === undefined ? undefined : { value: fromEnv, from: name };
}

function lookup(key: string, config: ConfigGetter | undefined, env: NodeJS.ProcessEnv): string | undefined {
    return find(key, config, env)?.value;
}

/** `jumpcloud:<key>` (or <variable>), as messages name a setting. */
function named(key: string): string {
    return `jumpcloud:${key} (or ${ENV[key]})`;
}

/** The values a numeric setting accepts. */
interface NumberRule {
    readonly min: number;
    readonly max: number;
    /** Only whole numbers. */
    readonly integer: boolean;
    /** The rule in words, for the message. */
    readonly text: string;
}

/** 0 is valid: it turns retrying off. */
const RETRIES: NumberRule = {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
    text: "a whole number of retries, 0 or more (0: none)",
};
/** 0 would time every attempt out at once; a Node.js timer cannot wait longer than MAX_TIMER_MS. */
const MILLISECONDS: NumberRule = {
    min: 1,
    max: MAX_TIMER_MS,
    integer: true,
    text: `a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`,
};
/** 0 would never send a request; fractions are fine (0.5 is one request every two seconds). */
const RATE: NumberRule = {
    min: Number.MIN_VALUE,
    max: Number.MAX_VALUE,
    integer: false,
    text: "a number of requests per second above 0",
};

function numberSetting(key: string, raw: string | undefined, fallback: number, rule: NumberRule): number {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < rule.min || n > rule.max || (rule.integer && !Number.isInteger(n))) {
        throw new SettingsError(`jumpcloud:${key} (or ${ENV[key]}) must be ${rule.text}, got "${raw}"`);
    }
    return n;
}

/**
 * The credentials: an API key, or a service account's client id and secret (with its token endpoint); exactly one.
 * Every message names the settings involved and where each was found, never a value.
 */
function resolveCredentials(
    config: ConfigGetter | undefined,
    env: NodeJS.ProcessEnv,
    apiUrl: string,
): CredentialSettings {
    const apiKey = find("apiKey", config, env);
    const clientId = find("clientId", config, env);
    const clientSecret = find("clientSecret", config, env);
    const account = clientId ?? clientSecret;
    if (apiKey !== undefined && account !== undefined) {
        throw new SettingsError(
            `Both an API key (${apiKey.from}) and a service account (${account.from}) are set: use one. Unset ` +
                `${apiKey.from} to authenticate as the service account, or ${account.from} to use the key.`,
        );
    }
    if (apiKey !== undefined) return { apiKey: apiKey.value };
    if (account === undefined) {
        throw new SettingsError(
            "No JumpCloud API key: set it with `pulumi config set jumpcloud:apiKey --secret <key>` " +
                "or the JUMPCLOUD_API_KEY environment variable; or authenticate as a service account with " +
                "`jumpcloud:clientId` and `pulumi config set jumpcloud:clientSecret --secret <secret>` " +
                "(or JUMPCLOUD_CLIENT_ID and JUMPCLOUD_CLIENT_SECRET).",
        );
    }
    if (clientId === undefined || clientSecret === undefined) {
        const missing = clientId === undefined ? "clientId" : "clientSecret";
        throw new SettingsError(
            `A service account needs both its client id and its client secret: ${account.from} is set but ` +
                `${named(missing)} is not.`,
        );
    }
    const tokenUrl = lookup("oauthTokenUrl", config, env) ?? oauthTokenUrlFor(apiUrl);
    if (tokenUrl === undefined) {
        // Guessing JumpCloud's endpoint for another API URL (a proxy, the simulator) would send the secret there.
        throw new SettingsError(
            `${named("oauthTokenUrl")} is required with a service account when ${named("apiUrl")} is not ` +
                `JumpCloud's US or EU API (it is "${apiUrl}"): set it to the token endpoint that goes with that ` +
                "API (the simulator's is <origin>/oauth2/token).",
        );
    }
    const oauthTokenUrl = tokenUrl.replace(/\/+$/, "");
    if (!/^https?:\/\/[^\s/]+/.test(oauthTokenUrl)) {
        throw new SettingsError(`${named("oauthTokenUrl")} must be an http(s) URL, got "${oauthTokenUrl}"`);
    }
    return { serviceAccount: { clientId: clientId.value, clientSecret: clientSecret.value, oauthTokenUrl } };
}

/**
 * Resolves every setting. Throws a {@link SettingsError} naming the settings when no credential, or two, are set:
 * called at the first API call, never at program start, so `pulumi preview` of a program with only validation
 * errors still reports them.
 */
export function resolveSettings(config?: ConfigGetter, env: NodeJS.ProcessEnv = process.env): JumpCloudSettings {
    const region = lookup("region", config, env);
    if (region !== undefined && region !== "us" && region !== "eu") {
        throw new SettingsError(`jumpcloud:region (or JUMPCLOUD_REGION) must be "us" or "eu", got "${region}"`);
    }
    const apiUrl = (lookup("apiUrl", config, env) ?? (region === "eu" ? EU_API_URL : DEFAULT_API_URL)).replace(
        /\/+$/,
        "",
    );
    if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
        throw new SettingsError(`jumpcloud:apiUrl (or JUMPCLOUD_API_URL) must be an http(s) URL, got "${apiUrl}"`);
    }
    const credentials = resolveCredentials(config, env, apiUrl);
    const orgId = lookup("orgId", config, env);
    if (orgId !== undefined && !matches(OBJECT_ID, orgId)) {
        throw new SettingsError(
            `jumpcloud:orgId (or JUMPCLOUD_ORG_ID) must be the organisation's id, ${OBJECT_ID.description}; got "${orgId}"`,
        );
    }
    const logFile = lookup("logFile", config, env);
    const adopt = lookup("adoptExactMatches", config, env);
    if (adopt !== undefined && adopt !== "true" && adopt !== "false") {
        throw new SettingsError(
            `jumpcloud:adoptExactMatches (or JUMPCLOUD_ADOPT_EXACT_MATCHES) must be "true" or "false", got "${adopt}"`,
        );
    }
    return {
        ...credentials,
        apiUrl,
        ...(orgId === undefined ? {} : { orgId }),
        ...(logFile === undefined ? {} : { logFile }),
        adoptExactMatches: adopt === "true",
        maxRetries: numberSetting("maxRetries", lookup("maxRetries", config, env), DEFAULT_RETRY.maxRetries, RETRIES),
        requestTimeoutMs: numberSetting(
            "requestTimeoutMs",
            lookup("requestTimeoutMs", config, env),
            CLIENT_DEFAULTS.timeoutMs,
            MILLISECONDS,
        ),
        maxRequestsPerSecond: numberSetting(
            "maxRequestsPerSecond",
            lookup("maxRequestsPerSecond", config, env),
            CLIENT_DEFAULTS.maxRequestsPerSecond,
            RATE,
        ),
    };
}
