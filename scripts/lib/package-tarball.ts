/**
 * This package as users receive it: the `npm pack` tarball of the current build, or of the package as it was at an
 * earlier commit (built from git history), for tests that install it into program folders.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot, workRoot } from "./engine";
import { toolCacheRoot } from "./node-builds";

/** Runs `npm pack` in `packageDir` into `outDir`; returns the tarball's absolute path. */
function npmPack(packageDir: string, outDir: string): string {
    fs.mkdirSync(outDir, { recursive: true });
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", outDir], {
        cwd: packageDir,
        stdio: ["ignore", "pipe", "inherit"],
    }).toString();
    const [info] = JSON.parse(out) as Array<{ filename: string }>;
    if (!info) throw new Error(`npm pack in ${packageDir} reported nothing`);
    return path.join(outDir, path.basename(info.filename));
}

let current: string | undefined;

/**
 * The tarball of the current build (dist/ as `npm run build` or `npm test` left it), packed once per process into
 * a folder under .work/packages/ that is removed when the process exits. Throws when there is no build.
 */
export function packCurrentPackage(): string {
    if (current && fs.existsSync(current)) return current;
    if (!fs.existsSync(path.join(repoRoot, "dist", "index.js"))) {
        throw new Error("dist/ is missing: run `npm run build` before packing the package");
    }
    const dir = fs.mkdtempSync(path.join(ensureDir(path.join(workRoot, "packages")), "current-"));
    // One folder per process (concurrent runs never overwrite each other's tarball), gone when the process ends.
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    current = npmPack(repoRoot, dir);
    return current;
}

/**
 * The tarball of the package as it was at `commit` (a full hash), built from git history: `git archive` of that
 * commit, compiled with this checkout's TypeScript and type packages, packed. Cached per user and commit, so the
 * build happens once per machine. Needs the commit in this clone (a shallow CI clone must fetch it).
 */
export function packPackageAtCommit(commit: string, log: (line: string) => void = () => {}): string {
    const dest = path.join(toolCacheRoot(), "packages", commit);
    const done = path.join(dest, ".tarball");
    if (fs.existsSync(done)) {
        const tarball = path.join(dest, fs.readFileSync(done, "utf8").trim());
        if (fs.existsSync(tarball)) return tarball;
    }
    if (!hasCommit(commit)) {
        // A shallow clone (as some CI systems make) lacks it: fetch just that commit from where the clone came from.
        log(`commit ${commit.slice(0, 12)} is not in this clone: fetching it from origin`);
        try {
            execFileSync("git", ["fetch", "--quiet", "--no-tags", "origin", commit], {
                cwd: repoRoot,
                stdio: "ignore",
            });
        } catch {
            // Reported below, with what to do.
        }
        if (!hasCommit(commit)) {
            throw new Error(
                `commit ${commit} is not in this clone's history and could not be fetched from origin (a shallow ` +
                    "clone?): fetch it, e.g. `git fetch --unshallow`, then run again",
            );
        }
    }
    log(`building pulumi-jumpcloud as of ${commit.slice(0, 12)} from git history`);
    const src = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-jumpcloud-at-"));
    try {
        const archive = execFileSync("git", ["archive", "--format=tar", commit], {
            cwd: repoRoot,
            maxBuffer: 256 * 1024 * 1024,
        });
        execFileSync("tar", ["-x", "-C", src], { input: archive });
        // The compiler and the type packages of this checkout; the old sources only need to compile, and what they
        // compile to is what that commit shipped.
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(src, "node_modules"));
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
            cwd: src,
            stdio: ["ignore", "inherit", "inherit"],
        });
        fs.rmSync(dest, { recursive: true, force: true });
        const tarball = npmPack(src, dest);
        fs.writeFileSync(done, `${path.basename(tarball)}\n`);
        return tarball;
    } finally {
        fs.rmSync(src, { recursive: true, force: true });
    }
}

function hasCommit(commit: string): boolean {
    try {
        execFileSync("git", ["cat-file", "-e", `${commit}^{commit}`], { cwd: repoRoot, stdio: "ignore" });
        return true;
    } catch {
        return false;
    }
}

function ensureDir(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    return dir;
}
