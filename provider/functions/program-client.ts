/**
 * The client the lookup functions use. They run in the Pulumi program's process (in preview and in up), so the
 * settings come from the stack config (`new pulumi.Config("jumpcloud")`) and then the environment, read at each
 * call; nothing is captured into state.
 */
import * as pulumi from "@pulumi/pulumi";
import type { JumpCloudClient } from "../client/client";
import { clientFor } from "../client-cache";
import { type JumpCloudSettings, resolveSettings, SettingsError } from "../config";
import type { CheckFailure } from "../model/validation";

/**
 * The client for the program's current settings (see client-cache.ts). A missing or malformed setting is a
 * `pulumi.RunError` carrying the SettingsError as `cause`: the engine prints its message, which names the key and
 * the fix, without a stack trace of the program.
 */
export function programClient(): JumpCloudClient {
    const config = new pulumi.Config("jumpcloud");
    let settings: JumpCloudSettings;
    try {
        settings = resolveSettings((key) => config.get(key));
    } catch (e) {
        if (e instanceof SettingsError) throw new pulumi.RunError(e.message, { cause: e });
        throw e;
    }
    return clientFor(settings);
}

/**
 * Thrown when a function's arguments are invalid; the message names each property and the fix. A `pulumi.RunError`,
 * so the engine prints the message alone, not a stack trace of the program.
 */
export class InvalidArgumentsError extends pulumi.RunError {
    override readonly name = "InvalidArgumentsError";
    constructor(
        fn: string,
        readonly failures: readonly CheckFailure[],
    ) {
        super(
            `${fn}: invalid arguments: ${failures.map((f) => `${f.property || "(arguments)"} ${f.reason}`).join("; ")}`,
        );
    }
}

/** Throws {@link InvalidArgumentsError} when there are failures. */
export function assertValid(fn: string, failures: readonly CheckFailure[]): void {
    if (failures.length > 0) throw new InvalidArgumentsError(fn, failures);
}
