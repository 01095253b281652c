/**
 * `npm run test:compat`: the user's path on today's runtimes, with every version pinned in test/compat/versions.json.
 *
 *   1. build the package; obtain the pinned CLI (built once from Go modules), the Node.js builds and pnpm (from the
 *      npm registry, checked against their integrity), and the previous package (built once from git history);
 *   2. run the suites under test/compat: the program-folder lifecycle on Node.js 22 and 24 with the newest SDK,
 *      pnpm measured, and state created by the previous package operated by this one;
 *   3. print the compatibility table (also written to .work/compat/RESULTS.md) and the time of each phase.
 *
 * Exit code: mocha's. Extra arguments narrow the suites, e.g. `npm run test:compat -- test/compat/pnpm.test.ts`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { COMPAT_VERSIONS_FILE, compatVersions } from "./lib/compat-versions";
import { ensurePulumi, repoRoot, workRoot } from "./lib/engine";
import { ensureNodeBuild, ensurePnpm } from "./lib/node-builds";
import { packPackageAtCommit } from "./lib/package-tarball";

const COMMAND = "npm run test:compat";

interface Row {
    scenario: string;
    node: string;
    packageManager: string;
    sdk: string;
    cli: string;
    passed: number;
    failed: number;
    note?: string;
    outcome?: string;
}

const timings: Array<[string, number]> = [];

function timed<T>(label: string, fn: () => T): T {
    const t0 = Date.now();
    process.stdout.write(`\n== ${label}\n`);
    const result = fn();
    const seconds = (Date.now() - t0) / 1000;
    timings.push([label, seconds]);
    process.stdout.write(`== ${label}: ${seconds.toFixed(0)}s\n`);
    return result;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

/** The Markdown table of a run. */
export function compatTable(rows: Row[]): string {
    const lines = [
        "| Scenario | Node.js | Package manager | `@pulumi/pulumi` | CLI | Result | Measured |",
        "|---|---|---|---|---|---|---|",
    ];
    for (const r of rows) {
        const tests = `${r.passed + r.failed} test${r.passed + r.failed === 1 ? "" : "s"}`;
        const verdict = r.outcome ?? "works";
        const result = r.failed === 0 ? `${verdict} (${tests} pass)` : `**FAIL**: ${r.failed} of ${tests}`;
        lines.push(
            `| ${r.scenario} | ${r.node} | ${r.packageManager} | ${r.sdk} | ${r.cli.replace(/^v/, "")} | ${result} | ${r.note ?? ""} |`,
        );
    }
    return lines.join("\n");
}

function main(): number {
    const started = Date.now();
    const versions = compatVersions();
    log(`versions: ${path.relative(repoRoot, COMPAT_VERSIONS_FILE)}`);

    timed("build the package", () => {
        const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
        if (r.status !== 0) throw new Error("npm run build failed");
    });
    const engine = timed(`Pulumi CLI ${versions.cli} and the Node.js language host`, () => ensurePulumi(versions.cli));
    log(`pulumi ${engine.version}: ${engine.pulumi}\nlanguage host: ${engine.languageHost}`);
    timed("Node.js builds and pnpm", () => {
        for (const pin of Object.values(versions.node)) log(`node ${pin.version}: ${ensureNodeBuild(pin, log)}`);
        log(`pnpm ${versions.pnpm.version}: ${ensurePnpm(versions.pnpm, log)}`);
    });
    timed(`the previous package (${versions.previousPackage.commit.slice(0, 12)})`, () =>
        log(packPackageAtCommit(versions.previousPackage.commit, log)),
    );

    const dir = path.join(workRoot, "compat");
    fs.mkdirSync(dir, { recursive: true });
    const results = path.join(dir, "results.jsonl");
    fs.rmSync(results, { force: true });
    const targets = process.argv.slice(2);
    const mocha = timed("the compatibility suites", () =>
        spawnSync(
            process.execPath,
            [path.join(__dirname, "lib", "run-mocha.js"), ...(targets.length ? targets : ["test/compat"])],
            { cwd: repoRoot, stdio: "inherit", env: { ...process.env, PULUMI_JUMPCLOUD_COMPAT_RESULTS: results } },
        ),
    );

    const rows = fs.existsSync(results)
        ? fs
              .readFileSync(results, "utf8")
              .trim()
              .split("\n")
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Row)
        : [];
    const seconds = (Date.now() - started) / 1000;
    const cpu = os.cpus();
    const summary = [
        `Run: ${new Date().toISOString().slice(0, 10)} on ${cpu.length} x ${cpu[0]?.model ?? "unknown CPU"}; command \`${COMMAND}\`; ` +
            `${seconds.toFixed(0)} s in all; mocha exit code ${mocha.status}.`,
        "",
        compatTable(rows),
        "",
        `Phases: ${timings.map(([label, s]) => `${label} ${s.toFixed(0)} s`).join("; ")}.`,
        "",
    ].join("\n");
    fs.writeFileSync(path.join(dir, "RESULTS.md"), summary);
    process.stdout.write(`\n${summary}\n(written to ${path.relative(repoRoot, path.join(dir, "RESULTS.md"))})\n`);
    return mocha.status ?? 1;
}

try {
    process.exitCode = main();
} catch (err) {
    process.stderr.write(`\ntest:compat failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
}
