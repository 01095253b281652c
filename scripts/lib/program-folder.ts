/**
 * A Pulumi program folder run the way a user runs it: a copy of an example as shipped, `pulumi-jumpcloud`
 * installed from a packed tarball by npm or pnpm (real files under node_modules, as from the registry), and the
 * plain `pulumi` CLI (login, stack init, config set, up, preview, refresh, destroy) with the Node.js language host.
 * Commands run offline: PULUMI_HOME under .work/, a passphrase, no update check, no plugin download, and the
 * dynamic-provider launcher of the folder's own `@pulumi/pulumi` on PATH. The backend is the caller's choice
 * (`login(url)`): a file backend with `fileBackendUrl`, or any other URL the CLI accepts.
 *
 * The demo, the folder end-to-end tests and the compatibility run use it; so can any suite that needs several
 * program folders (one toolchain each, or several folders on one backend).
 */
import { type SpawnOptions, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type EngineBinaries, ensurePulumi, PASSPHRASE, repoRoot, workRoot } from "./engine";

/** The Node.js runtime and package manager a folder is installed and run with. */
export interface Toolchain {
    /** Shown in test titles and tables, e.g. "Node.js 22.23.5, npm". */
    readonly label: string;
    /** Folder of the `node` binary, first on PATH of every command (npm, the language host and providers use it). */
    readonly nodeDir: string;
    /** @default "npm" */
    readonly packageManager?: "npm" | "pnpm";
    /** Folder holding the `pnpm` command; required with pnpm. */
    readonly pnpmDir?: string;
}

/** The machine's own Node.js (the one running this process) with its npm. */
export function machineToolchain(): Toolchain {
    return { label: `Node.js ${process.versions.node}, npm`, nodeDir: path.dirname(process.execPath) };
}

/** The outcome of one command. */
export interface CommandResult {
    /** The command line as it was run (argv joined with shell quoting). */
    readonly command: string;
    /** Exit code; null when a signal ended it. */
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** Wall-clock time the command took. */
    readonly durationMs: number;
}

/** Options of one command. */
export interface RunOptions {
    /** Written to the command's standard input (secrets go here, never into argv). */
    readonly input?: string;
    /** Extra environment for this command. */
    readonly env?: Record<string, string>;
    /**
     * Resolve with a non-zero exit code instead of rejecting (for commands whose failure is the expected outcome).
     * @default false
     */
    readonly allowFailure?: boolean;
    /** What to print in place of the input, for the command echo. */
    readonly inputNote?: string;
    /** Kill the command after this long. @default 900000 (15 minutes) */
    readonly timeoutMs?: number;
    /** Echo the command line but not its output (machine-read output such as `npm ls --json`). @default false */
    readonly quiet?: boolean;
}

/** Options of {@link ProgramFolder.prepare}. */
export interface ProgramFolderOptions {
    /** The example to copy as shipped, e.g. `examples/quickstart` (absolute, or relative to the repository). */
    readonly example: string;
    /** The `npm pack` tarball installed as `pulumi-jumpcloud`. */
    readonly packageTarball: string;
    /**
     * Exact versions installed in place of the example's ranges, e.g. `{ "@pulumi/pulumi": "3.276.0" }`. With npm,
     * each must satisfy the example's range (npm ls checks it after the install).
     */
    readonly pins?: Record<string, string>;
    /** @default machineToolchain() */
    readonly toolchain?: Toolchain;
    /** The CLI and language host. @default ensurePulumi() */
    readonly engine?: EngineBinaries;
    /**
     * Where the copy goes. Outside the repository by default, so that nothing resolves through the repository's
     * own node_modules: the folder must work with what its install put into it.
     * @default a new folder under the system's temporary folder
     */
    readonly dir?: string;
    /** PULUMI_HOME. @default a new folder under .work/folders */
    readonly home?: string;
    /** Environment added to every command (e.g. JUMPCLOUD_API_KEY for a program configured by environment). */
    readonly env?: Record<string, string>;
    /** Receives each command line before it runs and its output as it comes (the demo prints both). */
    readonly echo?: (text: string) => void;
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** The argv as a shell would need it typed. */
export function shellQuote(argv: readonly string[]): string {
    return argv.map((a) => (SAFE_ARG.test(a) ? a : `'${a.replace(/'/g, `'"'"'`)}'`)).join(" ");
}

/** A copied example with its own node_modules, run by the plain CLI. */
export class ProgramFolder {
    /** Every command run so far, as run. */
    readonly commands: string[] = [];

    private constructor(
        readonly dir: string,
        readonly home: string,
        private toolchainInUse: Toolchain,
        readonly engine: EngineBinaries,
        private readonly extraEnv: Record<string, string>,
        private readonly echo: ((text: string) => void) | undefined,
        private readonly ownsDir: boolean,
        private readonly ownsHome: boolean,
    ) {}

    /** Copies the example (without node_modules and stack files) and installs its dependencies. */
    static async prepare(opts: ProgramFolderOptions): Promise<ProgramFolder> {
        const example = path.resolve(repoRoot, opts.example);
        const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-jumpcloud-${path.basename(example)}-`));
        fs.mkdirSync(workRoot, { recursive: true });
        const home = opts.home ?? fs.mkdtempSync(path.join(ensureDir(path.join(workRoot, "folders")), "pulumi-home-"));
        fs.cpSync(example, dir, {
            recursive: true,
            filter: (src) => {
                const base = path.basename(src);
                // A developer's own install and stacks in the example folder are not part of what ships.
                return base !== "node_modules" && !/^Pulumi\..+\.yaml$/.test(base) && base !== "package-lock.json";
            },
        });
        const folder = new ProgramFolder(
            dir,
            ensureDir(home),
            opts.toolchain ?? machineToolchain(),
            opts.engine ?? ensurePulumi(),
            opts.env ?? {},
            opts.echo,
            opts.dir === undefined,
            opts.home === undefined,
        );
        await folder.install(opts.packageTarball, opts.pins ?? {});
        return folder;
    }

    /**
     * A second checkout of this installed folder: its files and node_modules copied to a new folder, with a new
     * PULUMI_HOME (no login, no stacks) and `env` instead of this folder's environment. Several runners of one
     * repository (one per team folder) start this way without installing the same dependencies once each.
     */
    clone(env: Record<string, string> = this.extraEnv): ProgramFolder {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-jumpcloud-clone-"));
        fs.cpSync(this.dir, dir, {
            recursive: true,
            verbatimSymlinks: true,
            filter: (src) => !/^Pulumi\..+\.yaml$/.test(path.basename(src)),
        });
        const home = fs.mkdtempSync(path.join(ensureDir(path.join(workRoot, "folders")), "pulumi-home-"));
        return new ProgramFolder(dir, home, this.toolchainInUse, this.engine, env, this.echo, true, true);
    }

    /** The toolchain commands run with now. */
    get toolchain(): Toolchain {
        return this.toolchainInUse;
    }

    /** Runs later commands (and installs) with another Node.js or package manager, as after a runtime upgrade. */
    useToolchain(toolchain: Toolchain): void {
        this.toolchainInUse = toolchain;
    }

    /**
     * Points `pulumi-jumpcloud` at `tarball` and installs the folder's dependencies with the pinned versions: the
     * first install, or an upgrade of the package in an existing folder.
     */
    async install(tarball: string, pins: Record<string, string>): Promise<void> {
        const manifestPath = path.join(this.dir, "package.json");
        const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as {
            dependencies?: Record<string, string>;
        };
        manifest.dependencies = { ...manifest.dependencies, "pulumi-jumpcloud": `file:${path.resolve(tarball)}` };
        fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
        const specs = Object.entries(pins).map(([name, version]) => `${name}@${version}`);
        if ((this.toolchainInUse.packageManager ?? "npm") === "pnpm") {
            // Since pnpm 11 an install fails while any dependency's build script is neither allowed nor denied;
            // @pulumi/pulumi's protobufjs has a postinstall that only checks versions. The README's pnpm advice
            // has users deny it the same way.
            const workspace = path.join(this.dir, "pnpm-workspace.yaml");
            if (!fs.existsSync(workspace)) fs.writeFileSync(workspace, "allowBuilds:\n    protobufjs: false\n");
            // pnpm writes the pins into package.json; a later `pnpm install` keeps them.
            await this.run(["pnpm", "add", "--config.confirmModulesPurge=false", ...specs]);
            await this.run(["pnpm", "install", "--config.confirmModulesPurge=false"]);
            return;
        }
        // --no-save keeps the example's ranges in package.json, so that `npm ls` can tell whether each pin is
        // within them (an example whose range excludes the newest release fails here).
        await this.run(["npm", "install", "--no-audit", "--no-fund", "--no-save", ...specs]);
        const ls = await this.run(["npm", "ls", "--depth=0", "--json"], { allowFailure: true, quiet: true });
        const problems = (JSON.parse(ls.stdout || "{}") as { problems?: string[] }).problems ?? [];
        if (ls.code !== 0 || problems.length > 0) {
            throw new Error(`npm ls in ${this.dir} reports: ${problems.join("; ") || ls.stderr}`);
        }
    }

    /** The environment of every command: the toolchain, the engine, offline settings, PULUMI_HOME. */
    env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
        const env: NodeJS.ProcessEnv = { ...process.env };
        // A test run under c8 would make every program and provider process write V8 coverage of ts-node and
        // TypeScript (megabytes each) for files outside the coverage scope.
        delete env["NODE_V8_COVERAGE"];
        const launcher = path.join(this.dir, "node_modules", "@pulumi", "pulumi");
        const tc = this.toolchainInUse;
        env["PATH"] = [
            tc.nodeDir,
            ...(tc.pnpmDir ? [tc.pnpmDir] : []),
            launcher,
            path.dirname(this.engine.languageHost),
            path.dirname(this.engine.pulumi),
            process.env["PATH"] ?? "",
        ].join(path.delimiter);
        return {
            ...env,
            PULUMI_HOME: this.home,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            ...this.extraEnv,
            ...extra,
        };
    }

    /** Runs `argv` in the folder. Rejects on a non-zero exit unless `allowFailure`; the error carries the output. */
    run(argv: readonly string[], opts: RunOptions = {}): Promise<CommandResult> {
        return this.spawnCommand(argv, opts, false).result;
    }

    /**
     * Starts `argv` in the folder as the leader of a process group of its own and returns at once: the command and
     * every process it starts (the language host, the program, the provider plugins) can then be killed together,
     * as when the machine or CI runner running them dies. `result` settles as {@link run}'s would.
     */
    start(argv: readonly string[], opts: RunOptions = {}): RunningCommand {
        return this.spawnCommand(argv, opts, true);
    }

    private spawnCommand(argv: readonly string[], opts: RunOptions, detached: boolean): RunningCommand {
        const command = shellQuote(argv);
        this.commands.push(command);
        this.echo?.(`\n$ ${command}${opts.inputNote ? `    # ${opts.inputNote}` : ""}\n`);
        const spawnOpts: SpawnOptions = {
            cwd: this.dir,
            env: this.env(opts.env),
            stdio: ["pipe", "pipe", "pipe"],
            timeout: opts.timeoutMs ?? 900_000,
            detached,
        };
        const started = Date.now();
        const child = spawn(argv[0] as string, argv.slice(1), spawnOpts);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        const result = new Promise<CommandResult>((resolve, reject) => {
            const echo = opts.quiet ? undefined : this.echo;
            child.stdout?.on("data", (c: Buffer) => {
                out.push(c);
                echo?.(c.toString("utf8"));
            });
            child.stderr?.on("data", (c: Buffer) => {
                err.push(c);
                echo?.(c.toString("utf8"));
            });
            child.on("error", reject);
            child.on("close", (code, signal) => {
                const done: CommandResult = {
                    command,
                    code,
                    stdout: Buffer.concat(out).toString("utf8"),
                    stderr: Buffer.concat(err).toString("utf8"),
                    durationMs: Date.now() - started,
                };
                if (code === 0 || opts.allowFailure) resolve(done);
                else reject(new CommandError(done, signal));
            });
            child.stdin?.end(opts.input ?? "");
        });
        return {
            pid: child.pid,
            result,
            output: () => Buffer.concat(out).toString("utf8") + Buffer.concat(err).toString("utf8"),
            killGroup(signal: NodeJS.Signals = "SIGKILL") {
                if (!detached || child.pid === undefined)
                    throw new Error(`${command} was not started as a process group`);
                try {
                    process.kill(-child.pid, signal);
                } catch {
                    // The whole group has already exited.
                }
            },
        };
    }

    /** `pulumi <args>`. */
    pulumi(args: readonly string[], opts: RunOptions = {}): Promise<CommandResult> {
        return this.run(["pulumi", ...args], opts);
    }

    /** A bash script in the folder, as a CI runner runs a step (`bash -e`). */
    bash(script: string, opts: RunOptions = {}): Promise<CommandResult> {
        return this.run(["bash", "-e", "-c", script], opts);
    }

    /** `pulumi login <url>`: the backend of every later command. */
    login(backendUrl: string): Promise<CommandResult> {
        return this.pulumi(["login", backendUrl]);
    }

    /** `pulumi config set --secret <key>` with the value on standard input, so it is never in argv or the echo. */
    setSecret(key: string, value: string, stack?: string): Promise<CommandResult> {
        return this.pulumi(["config", "set", "--secret", key, ...(stack ? ["--stack", stack] : [])], {
            input: value,
            inputNote: "the value is read from standard input",
        });
    }

    /** `pulumi stack export` (secrets stay encrypted), parsed. */
    async exportStack(stack?: string): Promise<StackExport> {
        const r = await this.pulumi(["stack", "export", ...(stack ? ["--stack", stack] : [])]);
        return JSON.parse(r.stdout) as StackExport;
    }

    /** Removes the folder and PULUMI_HOME when this object created them. */
    remove(): void {
        if (this.ownsDir) fs.rmSync(this.dir, { recursive: true, force: true });
        if (this.ownsHome) fs.rmSync(this.home, { recursive: true, force: true });
    }
}

/** A command started by {@link ProgramFolder.start}. */
export interface RunningCommand {
    /** The command's pid, which is also its process group's id; undefined when it could not be started. */
    readonly pid: number | undefined;
    /** Settles when the command exits, as {@link ProgramFolder.run} does. */
    readonly result: Promise<CommandResult>;
    /** Its standard output and error so far. */
    output(): string;
    /** Sends `signal` (default SIGKILL) to the command and every process of its group, at the same moment. */
    killGroup(signal?: NodeJS.Signals): void;
}

/** The parts of `pulumi stack export` the tests read. */
export interface StackExport {
    deployment: {
        resources?: Array<{
            urn: string;
            type: string;
            id?: string;
            inputs?: Record<string, unknown>;
            outputs?: Record<string, unknown>;
        }>;
    };
}

/** A command that exited non-zero: the message holds its command line, exit code and the tail of its output. */
export class CommandError extends Error {
    constructor(
        readonly result: CommandResult,
        signal: NodeJS.Signals | null,
    ) {
        const tail = `${result.stdout}\n${result.stderr}`.trim().slice(-4000);
        super(`\`${result.command}\` exited with ${result.code ?? signal}:\n${tail}`);
        this.name = "CommandError";
    }
}

function ensureDir(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    return dir;
}
