/**
 * Helpers of the benchmarks that run the plain CLI and Node.js as separate processes (bench:fixed-cost,
 * bench:folder): the Node.js builds found offline, a timed command, and this checkout's package built and installed
 * as real files under a folder's `node_modules`, as a user's install has it.
 */
import { type SpawnOptions, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/lib/engine";
import { toolCacheRoot } from "../../scripts/lib/node-builds";

/** A Node.js build: its version and the folder of its `node`. */
export interface NodeBuild {
    version: string;
    dir: string;
}

/** This process's Node.js and the builds `npm run test:compat` cached (never downloads). */
export function nodeBuilds(): NodeBuild[] {
    const builds: NodeBuild[] = [{ version: process.versions.node, dir: path.dirname(process.execPath) }];
    const cached = path.join(toolCacheRoot(), "node");
    if (fs.existsSync(cached)) {
        for (const name of fs.readdirSync(cached).sort()) {
            const bin = path.join(cached, name, "bin", "node");
            const version = name.replace(/^v/, "");
            if (fs.existsSync(bin) && !builds.some((b) => b.version === version))
                builds.push({ version, dir: path.dirname(bin) });
        }
    }
    return builds;
}

export const major = (b: NodeBuild) => Number(b.version.split(".")[0]);

/**
 * Runs a command to completion and resolves with its wall time in ms; rejects with the tail of its output when it
 * fails. Asynchronous: the simulator answering the provider lives in this process.
 */
export function timed(cmd: string, args: readonly string[], opts: SpawnOptions): Promise<number> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        const keep = (chunk: Buffer) => {
            output = (output + chunk.toString()).slice(-20_000);
        };
        child.stdout?.on("data", keep);
        child.stderr?.on("data", keep);
        child.on("error", reject);
        child.on("close", (code) => {
            const ms = performance.now() - started;
            if (code === 0) resolve(ms);
            else {
                const tail = output.trim().split("\n").slice(-15).join("\n");
                reject(new Error(`${path.basename(cmd)} ${args.join(" ")} exited ${code}:\n${tail}`));
            }
        });
    });
}

/**
 * Builds this checkout's package into `<dir>/node_modules/pulumi-jumpcloud` (dist/ and package.json) and answers
 * that folder. Program folders under `dir` then resolve `pulumi-jumpcloud` there, not to the repository's own dist/
 * (which a folder inside this repository would otherwise reach as a package self-reference).
 */
export async function installPackageInto(dir: string): Promise<string> {
    const pkgDir = path.join(dir, "node_modules", "pulumi-jumpcloud");
    await timed(
        path.join(repoRoot, "node_modules", ".bin", "tsc"),
        ["-p", "tsconfig.build.json", "--outDir", path.join(pkgDir, "dist")],
        { cwd: repoRoot },
    );
    fs.copyFileSync(path.join(repoRoot, "package.json"), path.join(pkgDir, "package.json"));
    return pkgDir;
}
