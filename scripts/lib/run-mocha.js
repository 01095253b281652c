#!/usr/bin/env node
// Runs the mocha suites in one process with ts-node (transpile only: tsc already type-checked everything).
// Arguments: folders or files to run (default: every suite in order), and --grep PATTERN.

const fs = require("node:fs");
const path = require("node:path");

require("ts-node").register({ transpileOnly: true, files: false });
const Mocha = require("mocha");

const root = path.resolve(__dirname, "..", "..");
const suites = ["test/unit", "test/simulator", "test/contract", "test/e2e", "test/reliability"];

function specFiles(p) {
    const abs = path.resolve(root, p);
    if (!fs.existsSync(abs)) return [];
    if (fs.statSync(abs).isFile()) return [abs];
    // The full reliability runs (*.full.test.ts) take minutes; `npm run test:reliability` names them explicitly.
    return fs
        .readdirSync(abs, { recursive: true })
        .filter((f) => f.endsWith(".test.ts") && !f.endsWith(".full.test.ts"))
        .sort()
        .map((f) => path.join(abs, f));
}

const argv = process.argv.slice(2);
let grep;
const targets = [];
for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--grep") grep = argv[++i];
    else targets.push(argv[i]);
}

const mocha = new Mocha({ timeout: 120_000, slow: 2_000, reporter: "spec", grep });
for (const f of (targets.length ? targets : suites).flatMap(specFiles)) mocha.addFile(f);
if (mocha.files.length === 0) {
    console.error("no test files found");
    process.exit(1);
}

const runner = mocha.run((failures) => {
    process.exitCode = failures ? 1 : 0;
});
// MOCHA_FAILURES_FILE: one JSON line per failed test ({title, error}), for runners that report failures by name
// (scripts/reliability.ts --repeat).
const failuresFile = process.env.MOCHA_FAILURES_FILE;
if (failuresFile) {
    runner.on("fail", (test, err) => {
        const error = String(err?.message ?? err)
            .split("\n")[0]
            .slice(0, 300);
        fs.appendFileSync(failuresFile, `${JSON.stringify({ title: test.fullTitle(), error })}\n`);
    });
}
runner.on("end", () => {
    const { passes, failures, pending } = runner.stats;
    // The plain closing line CI reads, whatever the reporter printed above it.
    console.log(`\nmocha: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`);
});
