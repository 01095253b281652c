/**
 * Where the runtime gets its client. Settings are resolved at call time (stack config handed over by the dynamic
 * provider's `configure()`, then the environment), never captured at construction, so the serialized provider holds
 * no credential and a rotated key takes effect on the next run.
 */
import { JumpCloudClient } from "../client";
import { type ConfigGetter, type JumpCloudSettings, resolveSettings } from "../config";
import { openFileLogger } from "./file-logger";

let configGetter: ConfigGetter | undefined;
let cached: { key: string; client: JumpCloudClient } | undefined;

/** Called by the provider objects' `configure()` with a getter over the stack's `jumpcloud:*` config. */
export function setConfigGetter(getter: ConfigGetter | undefined): void {
    configGetter = getter;
    cached = undefined;
}

/**
 * The client for the current settings; one instance per settings (and so one keep-alive pool) per process.
 * Throws a clear settings error (missing key) at the first call that needs the API.
 */
export function getClient(): JumpCloudClient {
    return clientForSettings(resolveSettings(configGetter));
}

/** One cached client per distinct settings; shared by the providers and by the program-time functions. */
export function clientForSettings(s: JumpCloudSettings): JumpCloudClient {
    // The key is part of the cache identity only inside this process's memory; it is never logged or serialized.
    const key = [
        s.apiUrl,
        s.apiKey,
        s.orgId ?? "",
        s.maxRetries,
        s.requestTimeoutMs,
        s.maxRequestsPerSecond,
        s.logFile ?? "",
    ].join("\n");
    if (cached?.key !== key) {
        const logger = s.logFile === undefined ? undefined : openFileLogger(s.logFile);
        cached = {
            key,
            client: new JumpCloudClient({
                apiKey: s.apiKey,
                apiUrl: s.apiUrl,
                ...(s.orgId === undefined ? {} : { orgId: s.orgId }),
                retry: { maxRetries: s.maxRetries },
                timeoutMs: s.requestTimeoutMs,
                maxRequestsPerSecond: s.maxRequestsPerSecond,
                ...(logger === undefined ? {} : { logger }),
            }),
        };
    }
    return cached.client;
}
