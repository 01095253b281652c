#!/usr/bin/env node
// `npm run test:mutation`: StrykerJS over provider/model, provider/runtime and provider/client, one folder at a
// time (two workers each: these machines have two cores), with the unit and contract suites. Not part of `npm test`:
// a folder takes up to half an hour. Run it before a release and after a resource's model or runtime changes.
//
//   npm run test:mutation                 every folder, in turn
//   npm run test:mutation -- model        one folder (model, runtime or client)
//   npm run test:mutation -- client --force
//                                         ignore the incremental file and test every mutant again
//   npm run test:mutation -- model --with-static
//                                         also the static mutants (hours: see stryker.config.mjs)
//
// Further arguments go to `stryker run` (e.g. --concurrency 1). Each folder writes reports/mutation/<folder>/
// (index.html, mutation.json, incremental.json) and ends with one line: the score, the counts and the time.

const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const FOLDERS = ["model", "runtime", "client"];
/** The scores each folder must keep (issue 19): below them the run fails. */
const TARGETS = { model: 85, runtime: 85, client: 75 };

const folders = [];
const passThrough = [];
let withStatic = false;
const argv = process.argv.slice(2);
for (const [i, arg] of argv.entries()) {
    if (FOLDERS.includes(arg)) folders.push(arg);
    else if (arg === "--with-static") withStatic = true;
    // A bare word is a folder, unless it is the value of the option before it (`--concurrency 1`).
    else if (arg.startsWith("-") || argv[i - 1]?.startsWith("-")) passThrough.push(arg);
    else {
        console.error(`unknown folder "${arg}": use ${FOLDERS.join(", ")}`);
        process.exit(2);
    }
}

/** Mutant counts and the score of a Stryker JSON report (mutation-testing-report-schema). */
function summarize(reportFile) {
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    const counts = {};
    for (const file of Object.values(report.files)) {
        for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
    }
    const n = (status) => counts[status] ?? 0;
    // Stryker's "mutation score": detected over valid mutants (compile and runtime errors and ignored ones excluded).
    const detected = n("Killed") + n("Timeout");
    const valid = detected + n("Survived") + n("NoCoverage");
    return { counts, score: valid === 0 ? 100 : (100 * detected) / valid };
}

let failed = false;
for (const folder of folders.length ? folders : FOLDERS) {
    const started = Date.now();
    process.stdout.write(`\n== mutation testing: provider/${folder}\n`);
    const r = spawnSync(
        path.join(root, "node_modules", ".bin", "stryker"),
        ["run", "stryker.config.mjs", ...passThrough],
        {
            cwd: root,
            stdio: "inherit",
            env: { ...process.env, MUTATION_FOLDER: folder, MUTATION_STATIC: withStatic ? "1" : "0" },
        },
    );
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    if (r.status !== 0) {
        process.stdout.write(
            `== provider/${folder}: stryker failed (exit ${r.status ?? r.signal}) after ${minutes} min\n`,
        );
        failed = true;
        continue;
    }
    const { counts, score } = summarize(path.join(root, "reports", "mutation", folder, "mutation.json"));
    const below = score < TARGETS[folder];
    failed ||= below;
    process.stdout.write(
        `== provider/${folder}: mutation score ${score.toFixed(2)}% (target ${TARGETS[folder]}%${below ? ", MISSED" : ""}) ` +
            `${JSON.stringify(counts)} in ${minutes} min\n`,
    );
}
process.exit(failed ? 1 : 0);
