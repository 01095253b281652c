/**
 * Runs the real Pulumi engine offline for tests, the demo and the benchmarks: the CLI and the Node.js language host
 * from scripts/ensure-pulumi, a file backend and PULUMI_HOME inside the project, a passphrase, no update checks or
 * plugin downloads, and the dynamic-provider launcher shipped in node_modules/@pulumi/pulumi on PATH.
 *
 * This module drives programs as Automation API inline programs (benchmarks, the reliability rig and most e2e tests,
 * where a test program steers the engine); scripts/lib/program-folder.ts runs program folders with the plain CLI,
 * as users do.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    type ConfigMap,
    type DestroyResult,
    LocalWorkspace,
    type PreviewResult,
    PulumiCommand,
    type PulumiFn,
    type RefreshResult,
    type Stack,
    type UpResult,
} from "@pulumi/pulumi/automation";

export const repoRoot = path.resolve(__dirname, "..", "..");
/** Scratch space for stacks, PULUMI_HOME and simulator data; git-ignored. */
export const workRoot = path.join(repoRoot, ".work");
export const PASSPHRASE = "pulumi-jumpcloud-local";

/** What scripts/ensure-pulumi yields: the CLI, its version and the Node.js language host. */
export interface EngineBinaries {
    /** Absolute path of `pulumi`. */
    readonly pulumi: string;
    /** As `pulumi version` prints it, e.g. "v3.276.0". */
    readonly version: string;
    /** Absolute path of `pulumi-language-nodejs`, which the CLI needs to run a program folder. */
    readonly languageHost: string;
}

const resolved = new Map<string, EngineBinaries>();

/**
 * The Pulumi CLI and the Node.js language host, from scripts/ensure-pulumi (PATH, the per-user cache, or built now:
 * minutes, once per machine). `version` asks for exactly that CLI (the compatibility run pins one); without it, the
 * CLI `npm test` already resolved (`PULUMI_JUMPCLOUD_PULUMI` and `PULUMI_JUMPCLOUD_LANGUAGE_HOST`) or the default.
 * Throws with the way to get them.
 */
export function ensurePulumi(version?: string): EngineBinaries {
    const key = version ?? "";
    const known = resolved.get(key);
    if (known) return known;
    const cli = process.env["PULUMI_JUMPCLOUD_PULUMI"];
    const host = process.env["PULUMI_JUMPCLOUD_LANGUAGE_HOST"];
    if (version === undefined && cli && host && fs.existsSync(cli) && fs.existsSync(host)) {
        const fromEnv = {
            pulumi: cli,
            version: process.env["PULUMI_JUMPCLOUD_PULUMI_VERSION"] ?? "",
            languageHost: host,
        };
        resolved.set(key, fromEnv);
        return fromEnv;
    }
    let out: Buffer;
    try {
        out = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi"), "--json"], {
            cwd: repoRoot,
            env: { ...process.env, ...(version === undefined ? {} : { PULUMI_JUMPCLOUD_CLI_VERSION: version }) },
            stdio: ["ignore", "pipe", "inherit"],
        });
    } catch (err) {
        throw new Error(
            "The Pulumi CLI is not available: put pulumi 3.x on PATH, or install Go 1.25+ so that " +
                `scripts/ensure-pulumi can build it (${(err as Error).message})`,
        );
    }
    const binaries = JSON.parse(out.toString().trim().split("\n").pop() ?? "{}") as EngineBinaries;
    resolved.set(key, binaries);
    return binaries;
}

/** The absolute path of a working `pulumi` CLI (see {@link ensurePulumi}). */
export function pulumiCliPath(): string {
    return ensurePulumi().pulumi;
}

/** The folder of `pulumi-resource-pulumi-nodejs`, the launcher the engine starts for dynamic providers. */
export function launcherDir(): string {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}

/** The environment of every engine run: offline, local, with the launcher on PATH. */
export function engineEnv(home: string): Record<string, string> {
    const { pulumi, languageHost } = ensurePulumi();
    return {
        PATH: [launcherDir(), path.dirname(languageHost), path.dirname(pulumi), process.env["PATH"] ?? ""].join(
            path.delimiter,
        ),
        PULUMI_HOME: home,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
    };
}

/**
 * The URL of a file backend in `dir`, with `metadata=skip`.
 *
 * Why: by default the file backend (gocloud's fileblob) writes a `<file>.attrs` sidecar next to every checkpoint,
 * and writes it in place (truncate, then write), while the checkpoint itself goes through a temporary file and a
 * rename. A `kill -9` of `pulumi up` between that truncation and the write leaves an empty `dev.json.attrs`, and
 * every later command on the stack fails with `failed to load checkpoint: EOF` although the checkpoint is intact.
 * The sidecar only holds a content type and an MD5 that nothing here reads; without it every write is a rename.
 */
export function fileBackendUrl(dir: string): string {
    return `file://${dir}?metadata=skip`;
}

/** The engine clients a program run opens lazily (`@pulumi/pulumi`'s per-run settings; not in its typings). */
interface RunSettings {
    monitor?: { close(): void };
    engine?: { close(): void };
}

/** The settings of the program run the caller is in (the SDK keeps one set per run in async-local storage). */
function currentRunSettings(): RunSettings {
    const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: RunSettings } };
    return state.getStore().settings;
}

/**
 * Closes the gRPC clients of finished program runs.
 *
 * Why: `@pulumi/pulumi` (3.248, and still 3.276) opens an inline program's clients to the engine (the resource
 * monitor and the log service) per run and never closes them: its `disconnectSync` closes only the process-wide
 * pair. After the CLI exits, each leaked channel keeps reconnecting to the dead port with backoff, and grpc-js
 * shares connections process-wide by address. A later engine that happens to listen on that port then hands its
 * program a connection in TRANSIENT_FAILURE: calls fail at once with "14 UNAVAILABLE: No connection established",
 * and the SDK reads UNAVAILABLE as an engine shutting down and ends the program quietly, so the engine plans a
 * delete for every resource not yet registered. A long test process (the reliability suite kills and fails many
 * runs) met this as a failed run or as a preview that wanted deletes.
 */
function closeRunClients(runs: RunSettings[]): void {
    for (const settings of runs.splice(0)) {
        for (const client of [settings.monitor, settings.engine]) {
            try {
                client?.close();
            } catch {
                // Already closed.
            }
        }
        // The program of a killed CLI may still be running. Left unset, the SDK would open new clients for its next
        // call (and leak them); a closed client would throw. A stand-in that answers UNAVAILABLE, as a vanished
        // engine does, lets the SDK end that program quietly.
        settings.monitor = goneEngine;
        settings.engine = goneEngine;
    }
}

/** Answers every gRPC call with UNAVAILABLE, asynchronously, like an engine that has exited. */
const goneEngine = new Proxy({} as { close(): void }, {
    get: (_target, method) =>
        method === "close"
            ? () => undefined
            : (...args: unknown[]) => {
                  const callback = args.find((a): a is (err: unknown) => void => typeof a === "function");
                  const error = Object.assign(new Error(`the engine of this run has exited (${String(method)})`), {
                      code: 14,
                  });
                  setImmediate(() => callback?.(error));
                  return { cancel: () => undefined, on: () => undefined };
              },
});

export interface EngineStackOptions {
    /** Project name. @default "jumpcloud-test" */
    project?: string;
    /** Stack name. @default "dev" */
    stack?: string;
    program: PulumiFn;
    /** Stack config, e.g. { "jumpcloud:apiKey": { value, secret: true } }. */
    config?: ConfigMap;
    /**
     * Where the stack's Pulumi.yaml, file backend and PULUMI_HOME live. It must be inside the repository: the
     * dynamic-provider process resolves `require("pulumi-jumpcloud/...")` from this folder.
     * @default a new folder under .work/
     */
    dir?: string;
    /** Extra environment for the engine (and so for the dynamic-provider process). */
    env?: Record<string, string>;
}

/** A stack on a local file backend, with the operations tests and scripts need. */
export class EngineStack {
    private constructor(
        readonly stack: Stack,
        readonly dir: string,
        readonly backendDir: string,
        readonly home: string,
        /** The settings of program runs whose engine clients are still to be closed. */
        private readonly runs: RunSettings[],
    ) {}

    /** Runs an engine operation, then closes the engine clients of the program runs it started. */
    private async operation<T>(run: () => Promise<T>): Promise<T> {
        try {
            return await run();
        } finally {
            closeRunClients(this.runs);
        }
    }

    static async create(opts: EngineStackOptions): Promise<EngineStack> {
        const dir = opts.dir ?? fs.mkdtempSync(path.join(ensureDir(workRoot), "stack-"));
        const backendDir = ensureDir(path.join(dir, "state"));
        const home = ensureDir(path.join(dir, "pulumi-home"));
        const cli = pulumiCliPath();
        const pulumiCommand = await PulumiCommand.get({ root: path.dirname(path.dirname(cli)) });
        const project = opts.project ?? "jumpcloud-test";
        const runs: RunSettings[] = [];
        const program: PulumiFn = () => {
            runs.push(currentRunSettings());
            return opts.program();
        };
        const stack = await LocalWorkspace.createOrSelectStack(
            { projectName: project, stackName: opts.stack ?? "dev", program },
            {
                workDir: dir,
                pulumiHome: home,
                pulumiCommand,
                envVars: { ...engineEnv(home), ...opts.env },
                projectSettings: { name: project, runtime: "nodejs", backend: { url: fileBackendUrl(backendDir) } },
            },
        );
        if (opts.config) await stack.setAllConfig(opts.config);
        return new EngineStack(stack, dir, backendDir, home, runs);
    }

    up(extra: Parameters<Stack["up"]>[0] = {}): Promise<UpResult> {
        return this.operation(() => this.stack.up({ color: "never", ...extra }));
    }

    preview(extra: Parameters<Stack["preview"]>[0] = {}): Promise<PreviewResult> {
        return this.operation(() => this.stack.preview({ color: "never", diff: true, ...extra }));
    }

    refresh(extra: Parameters<Stack["refresh"]>[0] = {}): Promise<RefreshResult> {
        return this.operation(() => this.stack.refresh({ color: "never", ...extra }));
    }

    destroy(extra: Parameters<Stack["destroy"]>[0] = {}): Promise<DestroyResult> {
        return this.operation(() => this.stack.destroy({ color: "never", ...extra }));
    }

    /**
     * `pulumi stack export` as parsed JSON (the deployment: resources, outputs, __provider...), exactly as a user
     * would run it: secrets stay encrypted. (The Automation API's exportStack always adds --show-secrets.)
     */
    async exportState(): Promise<{ deployment: { resources?: Array<Record<string, unknown>> } }> {
        const out = execFileSync(
            pulumiCliPath(),
            ["stack", "export", "--stack", this.stack.name, "--non-interactive"],
            {
                cwd: this.dir,
                env: { ...process.env, ...engineEnv(this.home) },
                // stderr goes into the thrown error's message rather than onto the caller's terminal.
                stdio: ["ignore", "pipe", "pipe"],
                maxBuffer: 512 * 1024 * 1024,
            },
        );
        return JSON.parse(out.toString()) as { deployment: { resources?: Array<Record<string, unknown>> } };
    }

    /** Every file of the file backend, concatenated: what a scan for leaked secrets must read. */
    stateFilesText(): string {
        return this.backendFiles()
            .map((file) => fs.readFileSync(file, "utf8"))
            .join("");
    }

    /** The absolute paths of every file of the file backend (checkpoint, backup, history, locks, meta). */
    backendFiles(): string[] {
        return fs
            .readdirSync(this.backendDir, { withFileTypes: true, recursive: true })
            .filter((entry) => entry.isFile())
            .map((entry) => path.join(entry.parentPath, entry.name));
    }

    /** Removes the stack folder (backend, PULUMI_HOME) from disk. */
    remove(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

function ensureDir(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    return dir;
}
