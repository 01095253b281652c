/**
 * The package as published from another commit, for tests that run existing stacks across an upgrade: built from
 * git history with this repository's own compiler, cached under `.work/package-builds/<commit>` so that only the
 * first run pays for the build (tens of seconds; later runs take milliseconds).
 *
 * A build is a folder holding `package.json` and `dist/`, exactly what `npm install pulumi-jumpcloud` puts into a
 * project's `node_modules/pulumi-jumpcloud`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, workRoot } from "../../scripts/lib/engine";

/** What a build holds besides `dist/`, and what the compiler needs from the commit to make `dist/`. */
const BUILD_INPUTS = ["provider", "package.json", "tsconfig.json", "tsconfig.build.json"];
/** Written last into a finished build: a folder without it is an interrupted build and is made again. */
const COMPLETE = ".build-complete";

function git(args: string[]): string {
    return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/**
 * The folder of the package built from `commit` (any name git accepts), building it on the first call. Throws when
 * the commit is not in this clone's history (a shallow clone: fetch more history) or does not compile.
 */
export function packageBuiltAt(commit: string): string {
    let sha: string;
    try {
        sha = git(["rev-parse", "--verify", `${commit}^{commit}`]);
    } catch (err) {
        throw new Error(
            `commit ${commit} is not in this clone's history (a shallow clone? run \`git fetch --unshallow\`): ${(err as Error).message}`,
        );
    }
    const root = path.join(workRoot, "package-builds", sha);
    const pkg = path.join(root, "package");
    if (fs.existsSync(path.join(pkg, COMPLETE))) return pkg;

    fs.rmSync(root, { recursive: true, force: true });
    const src = path.join(root, "src");
    fs.mkdirSync(src, { recursive: true });
    const tar = path.join(root, "src.tar");
    git(["archive", "--format=tar", `--output=${tar}`, sha, ...BUILD_INPUTS]);
    execFileSync("tar", ["-xf", tar, "-C", src]);
    // The sources sit inside this repository, so the compiler finds @types and @pulumi/pulumi in its node_modules.
    execFileSync(
        process.execPath,
        [require.resolve("typescript/bin/tsc"), "-p", path.join(src, "tsconfig.build.json")],
        {
            cwd: src,
            stdio: ["ignore", "pipe", "pipe"],
        },
    );
    fs.mkdirSync(pkg);
    fs.cpSync(path.join(src, "dist"), path.join(pkg, "dist"), { recursive: true });
    fs.copyFileSync(path.join(src, "package.json"), path.join(pkg, "package.json"));
    fs.writeFileSync(path.join(pkg, COMPLETE), `${sha}\n`);
    fs.rmSync(src, { recursive: true, force: true });
    fs.rmSync(tar, { force: true });
    return pkg;
}

/** The package of the working tree, as `npm test` (or `npm run build`) installed it into `node_modules`. */
export function currentPackage(): string {
    const pkg = path.join(repoRoot, "node_modules", "pulumi-jumpcloud");
    if (!fs.existsSync(path.join(pkg, "dist", "index.js"))) {
        throw new Error("node_modules/pulumi-jumpcloud is missing: run `npm run build` first");
    }
    return pkg;
}

/**
 * Installs the package folder `from` as `<projectDir>/node_modules/pulumi-jumpcloud` (real files, replacing what
 * was there, as `npm install` does on an upgrade) and returns the installed folder. A program and the engine's
 * dynamic-provider process started in `projectDir` then both load this copy.
 */
export function installPackage(from: string, projectDir: string): string {
    const target = path.join(projectDir, "node_modules", "pulumi-jumpcloud");
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(path.join(from, "dist"), path.join(target, "dist"), { recursive: true });
    fs.copyFileSync(path.join(from, "package.json"), path.join(target, "package.json"));
    return target;
}

/**
 * Loads the package installed at `dir` as a program would, dropping any earlier load of the same folder first: after
 * {@link installPackage} replaced it, the program must see the new files, not Node's cached modules.
 */
export function loadPackage<T>(dir: string): T {
    const prefix = `${dir}${path.sep}`;
    for (const key of Object.keys(require.cache)) if (key.startsWith(prefix)) delete require.cache[key];
    return require(dir) as T;
}
