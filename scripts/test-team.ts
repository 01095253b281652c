/**
 * `npm run test:team`: the team-scale suites under test/team, on a machine with nothing else set up.
 *
 *   1. build the package; obtain the Pulumi CLI and the Node.js language host (as `npm test` does) and the
 *      PostgreSQL server binaries (the machine's, else the pinned npm fallback, downloaded once);
 *   2. run the suites: the PostgreSQL harness, then the team setup on a PostgreSQL backend through program folders
 *      (concurrent deploys under one org-wide API limit, two ups of one stack, a pipeline killed mid-run).
 *
 * Each suite starts its own throwaway cluster and removes it, whatever the outcome. Extra arguments narrow the
 * run, e.g. `npm run test:team -- test/team/postgres-harness.test.ts`. Exit code: mocha's.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { ensurePulumi, repoRoot } from "./lib/engine";
import { findPostgres } from "./lib/postgres-binaries";

const log = (line: string) => process.stdout.write(`${line}\n`);

function timed<T>(label: string, fn: () => T): T {
    const t0 = Date.now();
    log(`\n== ${label}`);
    const result = fn();
    log(`== ${label}: ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    return result;
}

function main(): number {
    const started = Date.now();
    timed("build the package", () => {
        const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
        if (r.status !== 0) throw new Error("npm run build failed");
    });
    const engine = timed("Pulumi CLI and the Node.js language host", () => ensurePulumi());
    log(`pulumi ${engine.version}: ${engine.pulumi}\nlanguage host: ${engine.languageHost}`);
    const pg = timed("PostgreSQL server binaries", () => findPostgres(log));
    log(`postgres: ${pg.label}`);
    const targets = process.argv.slice(2);
    const mocha = timed("the team-scale suites", () =>
        spawnSync(
            process.execPath,
            [path.join(__dirname, "lib", "run-mocha.js"), ...(targets.length ? targets : ["test/team"])],
            {
                cwd: repoRoot,
                stdio: "inherit",
                env: {
                    ...process.env,
                    PULUMI_JUMPCLOUD_PULUMI: engine.pulumi,
                    PULUMI_JUMPCLOUD_PULUMI_VERSION: engine.version,
                    PULUMI_JUMPCLOUD_LANGUAGE_HOST: engine.languageHost,
                },
            },
        ),
    );
    log(`\nnpm run test:team took ${((Date.now() - started) / 1000).toFixed(0)}s (postgres: ${pg.label})`);
    return mocha.status ?? 1;
}

try {
    process.exitCode = main();
} catch (err) {
    process.stderr.write(`\ntest:team failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
}
