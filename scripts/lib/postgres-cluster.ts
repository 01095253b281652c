/**
 * A throwaway PostgreSQL cluster, the state backend of the team-scale tests and of `npm run pg`: its own folder
 * under the system's temporary folder (data, Unix socket, server log), a free loopback port, a database `pulumi`
 * owned by the user `pulumi`, whose password is required over TCP (so the tests prove it travels as PGPASSWORD, the
 * way CI passes it, and never reaches a log). Binaries: scripts/lib/postgres-binaries.ts.
 *
 * Clean-up, in layers:
 *   - `stop()` stops the server (`pg_ctl stop -m immediate`) and removes the folder; tests call it in `after`,
 *     which mocha runs whether the tests passed or failed;
 *   - a cluster owned by this process is also stopped when the process exits, or ends on SIGINT, SIGTERM or SIGHUP;
 *   - every cluster is recorded in `.work/postgres/`, with the pid of the process that owns it. A process killed
 *     with SIGKILL runs no handler, so the next start stops and removes every cluster whose owner is gone.
 *   Clusters started for later commands (`npm run pg -- start`) have no owner and stay until `npm run pg -- stop`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { workRoot } from "./engine";
import { findPostgres, type PostgresBinaries, runnableBy } from "./postgres-binaries";

/** The role and database the backend uses. */
const ROLE = "pulumi";
const DATABASE = "pulumi";
/** Where clusters are recorded (see the module comment). */
export const CLUSTER_RECORDS = path.join(workRoot, "postgres");

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
    /** @default findPostgres(): the machine's PostgreSQL, else the pinned fallback */
    readonly binaries?: PostgresBinaries;
    /**
     * Keep the cluster when this process ends (`npm run pg -- start`); stop it with {@link stopRecordedClusters}.
     * @default false: stopped with this process at the latest
     */
    readonly detached?: boolean;
    /** Progress lines (downloads, the chosen binaries). */
    readonly log?: (line: string) => void;
}

/** What is written to `.work/postgres/<name>.json` for each running cluster. */
export interface ClusterRecord {
    readonly name: string;
    /** The cluster's folder: data/, the socket, server.log. */
    readonly dir: string;
    readonly port: number;
    readonly bindir: string;
    /** The OS user the server runs as, when this process is root; null when it runs as the caller. */
    readonly osUser: string | null;
    /** The owning process; null for a detached cluster. */
    readonly ownerPid: number | null;
    readonly source: PostgresBinaries["source"];
    readonly startedAt: string;
}

/** A running cluster. */
export interface PostgresCluster {
    readonly binaries: PostgresBinaries;
    readonly port: number;
    readonly dir: string;
    /** The backend URL for `pulumi login`, without the password (pass it as PGPASSWORD, see {@link env}). */
    readonly url: string;
    /** The role's password. */
    readonly password: string;
    /** PGPASSWORD: what a command that logs in with {@link url} needs in its environment. */
    env(): Record<string, string>;
    /** Stops the server and removes its folder and record; safe to call more than once. */
    stop(): void;
}

/** A port free on the loopback interface now (the server binds it a moment later; see startPostgres). */
function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
        });
    });
}

/** The OS user to run the server as: PostgreSQL refuses root, so root uses `postgres` (or `nobody`). */
function serverUser(): string | undefined {
    if (process.getuid?.() !== 0) return undefined;
    const exists = (user: string) => spawnSync("id", ["-u", user], { stdio: "ignore" }).status === 0;
    if (exists("postgres")) return "postgres";
    if (exists("nobody")) return "nobody";
    throw new Error("running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as");
}

/** argv run as `user` (through runuser) when one is given. */
function as(user: string | null | undefined, argv: readonly string[]): [string, string[]] {
    return user ? ["runuser", ["-u", user, "--", ...argv]] : [argv[0] as string, argv.slice(1)];
}

function run(user: string | null | undefined, argv: readonly string[], input?: string): string {
    const [cmd, args] = as(user, argv);
    return execFileSync(cmd, args, {
        input: input ?? "",
        stdio: ["pipe", "pipe", "pipe"],
        env: { ...process.env, LC_ALL: "C" },
    }).toString();
}

function ensureDir(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    return dir;
}

function recordPath(name: string): string {
    return path.join(CLUSTER_RECORDS, `${name}.json`);
}

/** Every recorded cluster. */
export function recordedClusters(): ClusterRecord[] {
    if (!fs.existsSync(CLUSTER_RECORDS)) return [];
    return fs
        .readdirSync(CLUSTER_RECORDS)
        .filter((f) => f.endsWith(".json"))
        .flatMap((f) => {
            try {
                return [JSON.parse(fs.readFileSync(path.join(CLUSTER_RECORDS, f), "utf8")) as ClusterRecord];
            } catch {
                return [];
            }
        });
}

/** Whether a process with this pid is running. */
function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        // EPERM: it exists, owned by another user.
        return (e as NodeJS.ErrnoException).code === "EPERM";
    }
}

/**
 * Stops a recorded cluster and removes its folder and record. `pg_ctl stop` first; if that fails (a half-started
 * server, a damaged data folder) the postmaster's pid from `postmaster.pid` is killed instead.
 */
export function stopCluster(record: ClusterRecord): void {
    const data = path.join(record.dir, "data");
    if (fs.existsSync(path.join(data, "postmaster.pid"))) {
        try {
            run(record.osUser, [path.join(record.bindir, "pg_ctl"), "stop", "-D", data, "-m", "immediate", "-w"]);
        } catch {
            const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
            if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
                try {
                    process.kill(pid, "SIGKILL");
                } catch {
                    // Gone meanwhile.
                }
            }
        }
    }
    fs.rmSync(record.dir, { recursive: true, force: true });
    fs.rmSync(recordPath(record.name), { force: true });
}

/** Stops every cluster whose owner process is gone (killed before its clean-up could run). Returns their names. */
export function reapOrphanedClusters(): string[] {
    const orphans = recordedClusters().filter((r) => r.ownerPid !== null && !alive(r.ownerPid));
    for (const r of orphans) stopCluster(r);
    return orphans.map((r) => r.name);
}

/** Stops the detached clusters (all of them, or the one named). Returns their names. */
export function stopRecordedClusters(name?: string): string[] {
    const chosen = recordedClusters().filter((r) => (name === undefined ? r.ownerPid === null : r.name === name));
    for (const r of chosen) stopCluster(r);
    return chosen.map((r) => r.name);
}

/** Clusters of this process, stopped when it ends. */
const owned = new Map<string, ClusterRecord>();
let guardInstalled = false;

/** Stops this process's clusters at exit, and on the signals that would otherwise end it without an exit event. */
function installExitGuard(): void {
    if (guardInstalled) return;
    guardInstalled = true;
    const stopAll = () => {
        for (const record of owned.values()) {
            try {
                stopCluster(record);
            } catch {
                // Best effort at exit: the next start reaps what is left (reapOrphanedClusters).
            }
        }
        owned.clear();
    };
    process.on("exit", stopAll);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        const onSignal = () => {
            stopAll();
            process.removeListener(signal, onSignal);
            // Without other listeners the signal's default action (ending the process) applies again.
            if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        };
        process.on(signal, onSignal);
    }
}

/** The last lines of the server log, for error messages. */
function logTail(dir: string): string {
    const file = path.join(dir, "server.log");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").slice(-15).join("\n") : "(no server log)";
}

/**
 * Creates and starts a cluster; see the module comment for where it lives and how it is cleaned up. Takes one to
 * two seconds with the binaries at hand (the first fallback run downloads them).
 */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresCluster> {
    const log = opts.log ?? (() => {});
    reapOrphanedClusters();
    const osUser = serverUser();
    const binaries = runnableBy(opts.binaries ?? findPostgres(log), osUser);
    const bin = (tool: string) => path.join(binaries.bindir, tool);
    // Under the system's temporary folder, not .work/: the server's user must reach it, and root's checkout may
    // sit under a folder only root can enter. A short path also keeps the socket path within its length limit.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-jumpcloud-pg-"));
    const name = path.basename(dir);
    const record: Omit<ClusterRecord, "port"> = {
        name,
        dir,
        bindir: binaries.bindir,
        osUser: osUser ?? null,
        ownerPid: opts.detached ? null : process.pid,
        source: binaries.source,
        startedAt: new Date().toISOString(),
    };
    // Recorded before anything can fail half-way, so a crash from here on is reaped by a later start.
    const write = (port: number) =>
        fs.writeFileSync(recordPath(name), `${JSON.stringify({ ...record, port }, null, 2)}\n`);
    ensureDir(CLUSTER_RECORDS);
    write(0);
    if (!opts.detached) {
        installExitGuard();
        owned.set(name, { ...record, port: 0 });
    }
    try {
        if (osUser) execFileSync("chown", [osUser, dir]);
        const password = randomBytes(18).toString("base64url");
        const pwfile = path.join(dir, "pwfile");
        fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
        if (osUser) execFileSync("chown", [osUser, pwfile]);
        const data = path.join(dir, "data");
        run(osUser, [
            bin("initdb"),
            "-D",
            data,
            "-U",
            ROLE,
            `--pwfile=${pwfile}`,
            // The password is required over TCP, where the CLI connects; the local socket stays open to the
            // server's own user for the set-up below.
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--locale=C",
            // A throwaway cluster: no fsync of the new files (saves seconds on a busy disk).
            "--no-sync",
        ]);
        fs.rmSync(pwfile);
        // The database, in single-user mode before the server listens: no client library or psql needed (the
        // fallback package ships only the server binaries).
        run(
            osUser,
            [bin("postgres"), "--single", "-D", data, "postgres"],
            `CREATE DATABASE ${DATABASE} OWNER ${ROLE};\n`,
        );
        const port = await startServer(osUser, bin("pg_ctl"), data, dir);
        write(port);
        if (!opts.detached) owned.set(name, { ...record, port });
        const url = `postgres://${ROLE}@127.0.0.1:${port}/${DATABASE}?sslmode=disable`;
        let stopped = false;
        return {
            binaries,
            port,
            dir,
            url,
            password,
            env: () => ({ PGPASSWORD: password }),
            stop() {
                if (stopped) return;
                stopped = true;
                owned.delete(name);
                stopCluster({ ...record, port });
            },
        };
    } catch (err) {
        const tail = logTail(dir);
        owned.delete(name);
        stopCluster({ ...record, port: 0 });
        const e = err as Error & { stderr?: Buffer };
        throw new Error(
            `starting PostgreSQL (${binaries.label}) failed: ${e.stderr?.toString() ?? e.message}\n${tail}`,
        );
    }
}

/**
 * `pg_ctl start` on a free loopback port. Another process may take the port between the probe and the server's
 * bind; the server then fails at once with "could not bind", and only then another port is tried (at most 5).
 */
async function startServer(user: string | undefined, pgCtl: string, data: string, dir: string): Promise<number> {
    for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const options = [
            "-c listen_addresses=127.0.0.1",
            `-c port=${port}`,
            `-c unix_socket_directories=${dir}`,
            // Durability of this throwaway cluster is not under test (no scenario stops the server); skipping the
            // flushes keeps the backend from adding disk waits to the engine's timings on a shared machine.
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ].join(" ");
        const logFile = path.join(dir, "server.log");
        const [cmd, args] = as(user, [pgCtl, "start", "-D", data, "-l", logFile, "-w", "-t", "60", "-o", options]);
        const r = spawnSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
        if (r.status === 0) return port;
        const tail = logTail(dir);
        if (attempt < 5 && /could not bind|Address already in use/i.test(tail)) continue;
        throw new Error(`pg_ctl start exited with ${r.status ?? r.signal}: ${r.stderr.toString()}\n${tail}`);
    }
}
