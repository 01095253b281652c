/**
 * The client for a set of settings, shared by everything in one process that calls the API: the dynamic providers
 * (runtime/), the lookup functions (functions/) and the command line (cli/).
 *
 * It keeps one client, the one of the settings it was last asked for, and makes a new one when they change. Why one
 * is enough: a process sees one set of settings at a time (the stack config of a provider process, a program's, a
 * command's flags), so every call of a run reuses the same client; a rotated key simply replaces it. What is shared
 * across clients does not depend on this cache: connections are pooled per process (client/transport.ts) and the
 * rate budget per API URL and key (client/rate-budget.ts).
 */
import { JumpCloudClient } from "./client";
import type { JumpCloudSettings } from "./config";
import { openFileLogger } from "./file-logger";

let cached: { key: string; client: JumpCloudClient } | undefined;

/** The client for `settings`: the cached one when the settings are those of the last call, else a new one. */
export function clientFor(settings: JumpCloudSettings): JumpCloudClient {
    // The key is part of the identity only in this process's memory; it is never logged or serialized.
    const key = [
        settings.apiUrl,
        settings.apiKey,
        settings.orgId ?? "",
        settings.maxRetries,
        settings.requestTimeoutMs,
        settings.maxRequestsPerSecond,
        settings.logFile ?? "",
    ].join("\n");
    if (cached?.key !== key) {
        const logger = settings.logFile === undefined ? undefined : openFileLogger(settings.logFile);
        cached = {
            key,
            client: new JumpCloudClient({
                apiKey: settings.apiKey,
                apiUrl: settings.apiUrl,
                ...(settings.orgId === undefined ? {} : { orgId: settings.orgId }),
                retry: { maxRetries: settings.maxRetries },
                timeoutMs: settings.requestTimeoutMs,
                maxRequestsPerSecond: settings.maxRequestsPerSecond,
                ...(logger === undefined ? {} : { logger }),
            }),
        };
    }
    return cached.client;
}
