/**
 * The machine and the versions a benchmark ran on, for RESULTS.md.
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiCliPath, repoRoot } from "../../scripts/lib/engine";
import { table } from "./markdown";

/** Where the numbers come from. */
export interface Environment {
    cores: number;
    memoryGiB: number;
    cpuModel: string;
    os: string;
    node: string;
    pulumiCli: string;
    pulumiSdk: string;
    packageVersion: string;
    /** The commit, with "+ local changes" when the tree differs from it. */
    commit: string;
}

function tryRun(cmd: string, args: string[]): string | undefined {
    try {
        return execFileSync(cmd, args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
        return undefined;
    }
}

/** Reads the machine and the versions (CLI version from `pulumi version`). */
export function describeEnvironment(): Environment {
    const cpus = os.cpus();
    const cli = tryRun(pulumiCliPath(), ["version"]) ?? "unknown";
    const sdk = (require(require.resolve("@pulumi/pulumi/package.json")) as { version: string }).version;
    const pkg = (require(path.join(repoRoot, "package.json")) as { version: string }).version;
    const head = tryRun("git", ["rev-parse", "--short", "HEAD"]) ?? "unknown";
    const dirty = (tryRun("git", ["status", "--porcelain"]) ?? "") !== "";
    return {
        cores: cpus.length,
        memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        cpuModel: cpus[0]?.model.trim() ?? "unknown",
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        pulumiCli: cli,
        pulumiSdk: sdk,
        packageVersion: pkg,
        commit: dirty ? `${head} + local changes` : head,
    };
}

/** The load average over the last minute, per core: how busy the machine was. */
export function loadPerCore(): number {
    return (os.loadavg()[0] ?? 0) / Math.max(1, os.cpus().length);
}

/** The one-minute load average when a benchmark started, whole and per core. */
export interface LoadSample {
    average: number;
    perCore: number;
}

/** The load average now. */
export function sampleLoad(): LoadSample {
    return { average: os.loadavg()[0] ?? 0, perCore: loadPerCore() };
}

/**
 * The "Machine and versions" table of the benchmarks that run separate processes (bench:fixed-cost, bench:folder):
 * CPU, the load before and now, and the versions measured.
 */
export function machineTable(before: LoadSample): string {
    const env = describeEnvironment();
    const now = sampleLoad();
    return table(
        ["Machine and versions", ""],
        [
            ["CPU", `${env.cores} cores, ${env.cpuModel}`],
            [
                "Load average (1 min) before / after",
                `${before.average.toFixed(2)} / ${now.average.toFixed(2)} (per core ${before.perCore.toFixed(2)} / ${now.perCore.toFixed(2)})`,
            ],
            ["Pulumi CLI", env.pulumiCli],
            ["@pulumi/pulumi", env.pulumiSdk],
            ["pulumi-jumpcloud", `${env.packageVersion} (${env.commit})`],
        ],
    );
}
