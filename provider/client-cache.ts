/**
 * The client for a set of settings, shared by everything in one process that calls the API: the dynamic providers
 * (runtime/), the lookup functions (functions/) and the command line (cli/).
 *
 * It keeps one client, the one of the settings it was last asked for, and makes a new one when they change. Why one
 * is enough: a process sees one set of settings at a time (the stack config of a provider process, a program's, a
 * command's flags), so every call of a run reuses the same client; a rotated key simply replaces it. What is shared
 * across clients does not depend on this cache: connections are pooled per process (client/transport.ts), the rate
 * budget per API URL and credential (client/rate-budget.ts) and a service account's token per account
 * (client/token-cache.ts).
 */
import { JumpCloudClient, type JumpCloudClientOptions } from "./client";
import { digest } from "./client/credential";
import type { JumpCloudSettings } from "./config";
import { openFileLogger } from "./file-logger";

let cached: { identity: string; client: JumpCloudClient } | undefined;

/** The client options of a set of settings. */
function clientOptions(settings: JumpCloudSettings): JumpCloudClientOptions {
    const logger = settings.logFile === undefined ? undefined : openFileLogger(settings.logFile);
    const account = settings.serviceAccount;
    return {
        ...(account === undefined
            ? { apiKey: settings.apiKey }
            : {
                  clientId: account.clientId,
                  clientSecret: account.clientSecret,
                  oauthTokenUrl: account.oauthTokenUrl,
              }),
        apiUrl: settings.apiUrl,
        ...(settings.orgId === undefined ? {} : { orgId: settings.orgId }),
        retry: { maxRetries: settings.maxRetries },
        timeoutMs: settings.requestTimeoutMs,
        maxRequestsPerSecond: settings.maxRequestsPerSecond,
        ...(logger === undefined ? {} : { logger }),
    };
}

/** The client for `settings`: the cached one when the settings are those of the last call, else a new one. */
export function clientFor(settings: JumpCloudSettings): JumpCloudClient {
    // Compared by a digest: the cache keeps no credential of its own (only the client holds them, in memory).
    const identity = digest(
        JSON.stringify([
            settings.apiUrl,
            settings.apiKey ?? null,
            settings.serviceAccount ?? null,
            settings.orgId ?? null,
            settings.maxRetries,
            settings.requestTimeoutMs,
            settings.maxRequestsPerSecond,
            settings.logFile ?? null,
        ]),
    );
    if (cached?.identity !== identity) cached = { identity, client: new JumpCloudClient(clientOptions(settings)) };
    return cached.client;
}
