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
//   npm run test:mutation -- runtime --minutes 45
//                                         the time box per folder (default 30): a run still going then is
//                                         stopped, and its score is the partial one of the mutants tested so far
//
// Further arguments go to `stryker run` (e.g. --concurrency 1). Each folder writes reports/mutation/<folder>/
// (index.html, mutation.json, incremental.json when the run completes; mutants.jsonl as it goes, survived.txt at the
// end) and ends with one line: the score, the counts and the time.

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const FOLDERS = ["model", "runtime", "client"];
/** The scores each folder must keep (issue 19): below them the run fails. */
const TARGETS = { model: 85, runtime: 85, client: 75 };

const folders = [];
const passThrough = [];
let withStatic = false;
let minutesPerFolder = 30;
const argv = process.argv.slice(2);
for (const [i, arg] of argv.entries()) {
    if (FOLDERS.includes(arg)) folders.push(arg);
    else if (arg === "--with-static") withStatic = true;
    else if (arg === "--minutes") minutesPerFolder = Number(argv[i + 1]);
    else if (argv[i - 1] === "--minutes") continue;
    // A bare word is a folder, unless it is the value of the option before it (`--concurrency 1`).
    else if (arg.startsWith("-") || argv[i - 1]?.startsWith("-")) passThrough.push(arg);
    else {
        console.error(`unknown folder "${arg}": use ${FOLDERS.join(", ")}`);
        process.exit(2);
    }
}

/** Stryker's "mutation score": detected over valid mutants (compile and runtime errors and ignored ones excluded). */
function score(counts) {
    const n = (status) => counts[status] ?? 0;
    const detected = n("Killed") + n("Timeout");
    const valid = detected + n("Survived") + n("NoCoverage");
    return valid === 0 ? 100 : (100 * detected) / valid;
}

/**
 * The mutants of a run from its mutant-log (scripts/lib/stryker-mutant-log.mjs): complete or not, with how many the
 * run planned.
 */
function readLog(logFile) {
    const mutants = [];
    let planned;
    if (!fs.existsSync(logFile)) return { mutants, planned };
    for (const line of fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean)) {
        const entry = JSON.parse(line);
        if (entry.planned !== undefined) planned = entry.planned;
        else mutants.push(entry);
    }
    return { mutants, planned };
}

/** Runs Stryker on one folder; stops it (its whole process group) after `minutes`. Answers the exit and whether stopped. */
function runStryker(folder, minutes) {
    return new Promise((resolve) => {
        const child = spawn(
            path.join(root, "node_modules", ".bin", "stryker"),
            ["run", "stryker.config.mjs", ...passThrough],
            {
                cwd: root,
                stdio: "inherit",
                detached: true,
                env: { ...process.env, MUTATION_FOLDER: folder, MUTATION_STATIC: withStatic ? "1" : "0" },
            },
        );
        let stopped = false;
        const stop = (signal) => {
            try {
                process.kill(-child.pid, signal);
            } catch {
                // Already gone.
            }
        };
        const timer = setTimeout(() => {
            stopped = true;
            process.stdout.write(`\n== provider/${folder}: time box of ${minutes} min reached, stopping Stryker\n`);
            stop("SIGTERM");
            setTimeout(() => stop("SIGKILL"), 10_000).unref();
        }, minutes * 60_000);
        // Ctrl-C here stops the run too, not only this script.
        const onSignal = () => stop("SIGTERM");
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            process.off("SIGINT", onSignal);
            process.off("SIGTERM", onSignal);
            resolve({ code, signal, stopped });
        });
    });
}

async function main() {
    let failed = false;
    for (const folder of folders.length ? folders : FOLDERS) {
        const started = Date.now();
        const reports = path.join(root, "reports", "mutation", folder);
        process.stdout.write(`\n== mutation testing: provider/${folder}\n`);
        const r = await runStryker(folder, minutesPerFolder);
        const minutes = ((Date.now() - started) / 60_000).toFixed(1);
        const { mutants, planned } = readLog(path.join(reports, "mutants.jsonl"));
        const counts = {};
        for (const m of mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
        const survived = mutants
            .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
            .map(
                (m) => `${m.file}:${m.line}:${m.column + 1} ${m.status} ${m.mutator}: ${JSON.stringify(m.replacement)}`,
            )
            .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
        fs.mkdirSync(reports, { recursive: true });
        fs.writeFileSync(path.join(reports, "survived.txt"), survived.map((l) => `${l}\n`).join(""));
        if (r.code !== 0 && !r.stopped) {
            process.stdout.write(
                `== provider/${folder}: stryker failed (exit ${r.code ?? r.signal}) after ${minutes} min\n`,
            );
            failed = true;
            continue;
        }
        const s = score(counts);
        const partial = r.stopped ? `PARTIAL, ${mutants.length} of ${planned ?? "?"} mutants, ` : "";
        // A partial score is not held to the target: it says how far the run got, not what the folder scores.
        const below = !r.stopped && s < TARGETS[folder];
        failed ||= below || r.stopped;
        process.stdout.write(
            `== provider/${folder}: mutation score ${s.toFixed(2)}% (${partial}target ${TARGETS[folder]}%${below ? ", MISSED" : ""}) ` +
                `${JSON.stringify(counts)} in ${minutes} min; survivors in ${path.relative(root, reports)}/survived.txt\n`,
        );
    }
    process.exit(failed ? 1 : 0);
}

main();
