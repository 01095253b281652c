/**
 * The client the lookup functions use. They run in the Pulumi program's process (in preview and in up), so the
 * settings come from the stack config (`new pulumi.Config("jumpcloud")`) and then the environment, read at each
 * call; nothing is captured into state.
 */
import * as pulumi from "@pulumi/pulumi";
import type { JumpCloudClient } from "../client/client";
import { clientFor } from "../client-cache";
import { resolveSettings } from "../config";
import type { CheckFailure } from "../model/validation";

/** The client for the program's current settings (one per settings, so one connection pool per process). */
export function programClient(): JumpCloudClient {
    const config = new pulumi.Config("jumpcloud");
    return clientFor(resolveSettings((key) => config.get(key)));
}

/** Thrown when a function's arguments are invalid; the message names each property and the fix. */
export class InvalidArgumentsError extends Error {
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
