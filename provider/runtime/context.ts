/**
 * Where the runtime gets its client in the dynamic-provider process. Settings are resolved at each call (the stack
 * config handed over by the provider's `configure()`, then the environment), never captured at construction, so
 * the serialized provider holds no credential and a rotated key takes effect on the next run.
 */

import type { JumpCloudClient } from "../client/client";
import { clientFor } from "../client-cache";
import { type ConfigGetter, type JumpCloudSettings, resolveSettings } from "../config";

let configGetter: ConfigGetter | undefined;

/** Called by the provider objects' `configure()` with a getter over the stack's `jumpcloud:*` config. */
export function setConfigGetter(getter: ConfigGetter | undefined): void {
    configGetter = getter;
}

/**
 * The client for the current settings (see client-cache.ts). Throws a clear settings error (missing key) at the
 * first call that needs the API, never before.
 */
export function getClient(): JumpCloudClient {
    return clientFor(resolveSettings(configGetter));
}

/** The current settings (resolved at each call, like the client). */
export function getSettings(): JumpCloudSettings {
    return resolveSettings(configGetter);
}
