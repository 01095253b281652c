/**
 * End-to-end fixture: the embedded simulator in this process and an isolated stack (temporary file backend and
 * PULUMI_HOME under .work/, passphrase) whose `jumpcloud:*` config points at it. The program consumes the built
 * package from node_modules/pulumi-jumpcloud, as users do.
 */
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import type { ConfigMap, PulumiFn } from "@pulumi/pulumi/automation";
import { EngineStack, repoRoot } from "../../scripts/lib/engine";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../../simulator";

export interface E2E {
    sim: RunningSimulator;
    engine: EngineStack;
    /** Removes the stack folder and stops the simulator. */
    close(): Promise<void>;
}

export async function startE2E(opts: {
    program: PulumiFn;
    project?: string;
    config?: ConfigMap;
    /** Simulator options over the defaults (a distinctive random key, 100 ms import delay). */
    sim?: SimulatorOptions;
    /** Replaces the API key put into the stack config (e.g. a wrong one). */
    stackApiKey?: string;
    /** Extra environment for the engine runs (e.g. PULUMI_SKIP_CHECKPOINTS). */
    env?: Record<string, string>;
}): Promise<E2E> {
    // A distinctive key, so that scanning state and logs for it means something.
    const sim = await startSimulator({
        importDelayMs: 100,
        apiKey: `e2e-key-${randomBytes(12).toString("hex")}`,
        ...opts.sim,
    });
    const engine = await EngineStack.create({
        project: opts.project ?? "jumpcloud-e2e",
        program: opts.program,
        config: {
            "jumpcloud:apiKey": { value: opts.stackApiKey ?? sim.apiKey, secret: true },
            "jumpcloud:apiUrl": { value: sim.url },
            ...opts.config,
        },
        ...(opts.env ? { env: opts.env } : {}),
    });
    return {
        sim,
        engine,
        async close() {
            engine.remove();
            await sim.close();
        },
    };
}

/**
 * Loads the installed package the way a user's program does (never the sources under provider/).
 *
 * Why the absolute path: inside this repository a bare `require("pulumi-jumpcloud")` resolves to the repository
 * itself (Node's package self-reference, because the root package.json has that name and an `exports` map), i.e. to
 * ./dist outside node_modules, and the closure serializer would then copy the whole library into every resource's
 * `__provider`. Programs in their own folder with their own package.json (examples/*) resolve it normally.
 */
export function jumpcloud(): typeof import("pulumi-jumpcloud") {
    return require(path.join(repoRoot, "node_modules", "pulumi-jumpcloud"));
}

/** The installed package's API client (`pulumi-jumpcloud/client`), as a script calling the API directly loads it. */
export function jumpcloudClient(): typeof import("pulumi-jumpcloud/client") {
    return require(path.join(repoRoot, "node_modules", "pulumi-jumpcloud", "dist", "client"));
}
