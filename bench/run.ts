/**
 * `npm run bench`: API-call economy and scale of the UserGroup resource through the real engine, against the
 * engine's own floor, measured in one invocation, then the API calls of every other resource (scenario 8). Writes
 * bench/RESULTS.md (and the raw numbers to bench/results/<mode>.json).
 *
 * Options: --full (N=1000, knob study, object-style floor), --knobs, --runs K, --n N, --knobs-n N, --no-extras,
 * --out FILE.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, workRoot } from "../scripts/lib/engine";
import { type BenchArgs, modeName, parseArgs, reproduceCommand } from "./lib/args";
import { describeEnvironment, loadPerCore } from "./lib/environment";
import { measureProgramLoad, runKnobs } from "./lib/knobs";
import { describeError, type LifecycleContext, runLifecycles } from "./lib/lifecycle";
import { installNoopPackage, NOOP_PACKAGE } from "./lib/noop-package";
import { runOtherResources } from "./lib/other-resources";
import { installedUserGroup, type Variant } from "./lib/programs";
import { runRateLimited } from "./lib/rate-limited";
import { type BenchReport, type ExtraRow, type ExtraSection, renderReport } from "./lib/report";
import { type BenchSimulator, startBenchSimulator } from "./lib/sim";

/** Scenario 6's fixed shape (the issue's example). */
const LIMITED_N = 100;
const LIMITED_RPS = 20;

const FLOOR_DEFINITION = [
    `N instances of a no-op dynamic resource with the same inputs and output-only fields as UserGroup (name,`,
    "description; type, suggestionCounts, memberQueryErrorFlags, organizationObjectId), whose provider answers every",
    "engine call at once and makes no HTTP call (sources: `bench/noop/`). Like the package, it is installed as a",
    `package under a \`node_modules\` folder (\`.work/bench/node_modules/${NOOP_PACKAGE}\`, transpiled at start),`,
    "so the closure serializer stores it by `require(...)` reference; its stack gets the same config (a secret API",
    "key, a URL).",
    "",
    "- **floor** (the reference for every ratio): the provider is a module's exports (`bench/noop/module-provider.ts`),",
    "  the smallest `__provider` the serializer can write (one `require` line, ~290 bytes): the engine's minimum.",
    "- **floor: provider object like the package's** (`--full` only): an object literal built exactly like",
    "  `provider/resources/provider-object.ts` (seven forwarding methods and a `bare()` helper), whose `__provider`",
    "  is ~2.7 KB; the difference between the two floors is what that shape costs the engine.",
].join("\n");

function log(line: string): void {
    process.stderr.write(`[bench] ${line}\n`);
}

/** Builds the package and installs it into node_modules, as `npm run build` does. */
function build(): string | undefined {
    try {
        execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
            cwd: repoRoot,
            stdio: ["ignore", "pipe", "pipe"],
        });
        execFileSync(process.execPath, [path.join(repoRoot, "scripts", "install-self.js")], {
            cwd: repoRoot,
            stdio: ["ignore", "pipe", "pipe"],
        });
        return undefined;
    } catch (err) {
        const e = err as { stdout?: Buffer; message: string };
        return `${e.stdout?.toString().split("\n").slice(0, 10).join("\n") ?? ""}\n${e.message}`.trim();
    }
}

/** Loads bench/<name>.ts (written by others) if present and runs its export; never lets it stop the bench. */
async function runExtra(title: string, file: string, exportName: string, secrets: string[]): Promise<ExtraSection> {
    const full = path.join(__dirname, file);
    if (!fs.existsSync(`${full}.ts`) && !fs.existsSync(`${full}.js`)) {
        return { title, note: `Skipped: \`bench/${file}.ts\` is not present.` };
    }
    const started = performance.now();
    try {
        const mod = (await import(full)) as Record<string, unknown>;
        const fn = mod[exportName];
        if (typeof fn !== "function")
            return { title, note: `Skipped: \`bench/${file}.ts\` exports no ${exportName}().` };
        const rows = (await (fn as () => Promise<unknown>)()) as unknown;
        if (!Array.isArray(rows)) return { title, note: `Skipped: ${exportName}() did not return rows.` };
        const clean: ExtraRow[] = rows
            .filter((r): r is ExtraRow => typeof r === "object" && r !== null && "name" in r && "value" in r)
            .map((r) => ({
                name: String(r.name),
                value: typeof r.value === "number" ? r.value : String(r.value),
                ...(r.unit === undefined ? {} : { unit: String(r.unit) }),
                ...(r.target === undefined || r.target === null
                    ? {}
                    : { target: typeof r.target === "number" ? r.target : String(r.target) }),
            }));
        return { title, rows: clean, seconds: (performance.now() - started) / 1000 };
    } catch (err) {
        return {
            title,
            note: `Skipped: \`bench/${file}.ts\` failed: ${describeError(err, secrets).split("\n")[0]}`,
            seconds: (performance.now() - started) / 1000,
        };
    }
}

async function main(args: BenchArgs): Promise<void> {
    const started = performance.now();
    const loadBefore = loadPerCore();
    const notes: string[] = [];
    if (args.runs < 3) notes.push(`Only ${args.runs} run(s) per measurement: fewer than the 3 RESULTS.md asks for.`);

    log("building the package and installing it into node_modules");
    const buildError = build();
    const benchDir = path.join(workRoot, "bench");
    fs.rmSync(benchDir, { recursive: true, force: true });
    fs.mkdirSync(benchDir, { recursive: true });
    const noop = installNoopPackage(benchDir);

    let oursNote: string | undefined;
    if (buildError) oursNote = `The package did not build, so only the floor ran:\n\n\`\`\`\n${buildError}\n\`\`\``;
    else {
        try {
            installedUserGroup();
        } catch (err) {
            oursNote = `Only the floor ran: ${(err as Error).message}.`;
        }
    }
    let sim: BenchSimulator | undefined;
    if (!oursNote) {
        try {
            sim = await startBenchSimulator();
        } catch (err) {
            oursNote = `Only the floor ran: the simulator did not start (${(err as Error).message}).`;
        }
    }
    const secrets = sim ? [sim.apiKey] : [];
    const variants: Variant[] = [
        ...(sim ? (["ours"] as const) : []),
        "floor",
        ...(args.full ? (["floor-object"] as const) : []),
    ];
    const ctx: LifecycleContext = { benchDir, noop, variants, ...(sim ? { sim } : {}) };

    const report: BenchReport = {
        mode: modeName(args),
        command: reproduceCommand(args),
        date: new Date().toISOString(),
        durationS: 0,
        env: describeEnvironment(),
        load: { before: loadBefore, after: 0 },
        runs: args.runs,
        floorDefinition: FLOOR_DEFINITION,
        ...(oursNote ? { lifecycleNote: oursNote, rateLimitedNote: "Not run: it needs the UserGroup resource." } : {}),
        extras: [],
        notes,
    };
    try {
        log(`scenarios 1-5 and 7: N=${args.n}, ${args.runs} runs, variants ${variants.join(", ")}`);
        report.lifecycle = await runLifecycles(ctx, args.n, args.runs, {}, log);

        if (sim) {
            log(`scenario 6: create ${LIMITED_N} groups at ${LIMITED_RPS} requests/s`);
            report.rateLimited = await runRateLimited(
                sim,
                benchDir,
                [
                    { label: "package defaults", config: {} },
                    ...(args.full
                        ? [
                              {
                                  label: `jumpcloud:maxRequestsPerSecond = ${LIMITED_RPS}`,
                                  config: { "jumpcloud:maxRequestsPerSecond": { value: String(LIMITED_RPS) } },
                              },
                          ]
                        : []),
                ],
                { n: LIMITED_N, requestsPerSecond: LIMITED_RPS, runs: args.runs },
                log,
            );
            report.rateLimitedNote =
                `The simulator allows ${LIMITED_RPS} requests/s (a token bucket of ${LIMITED_RPS}, starting full) ` +
                "and answers 429 with `Retry-After: 1` beyond it. The API phase runs from the first to the last API " +
                "request, as seen by polling the request log every 0.1 s; the wall time adds the engine's start-up " +
                "and finish (CLI, program, provider process, checkpoint), which no client can remove. The target " +
                "is judged on the API phase. The provider's client logs every attempt to a file " +
                "(`JUMPCLOUD_LOG_FILE`); in that log a refused request is either in flight (sent before the " +
                "client received the first 429, so nothing could have held it back) or sent after the client knew " +
                "of the limit. The target 'no request beyond the limit after the first 429' counts the latter. " +
                "The run is flagged when the client's log and the simulator's disagree on requests or 429s.";
        }

        if (sim) {
            const pushN = args.full ? 200 : 50;
            log(`scenario 8: ${pushN} push endpoints, the Workday instance and an import, ${args.runs} runs`);
            report.otherResources = await runOtherResources(sim, benchDir, pushN, args.runs, log);
        }

        if (args.knobs) {
            const knobVariant: Variant = sim ? "ours" : "floor";
            log(`knobs: N=${args.knobsN}, ${args.runs} runs each, on ${knobVariant}`);
            report.knobs = await runKnobs({ ...ctx, variants: [knobVariant] }, args.knobsN, args.runs, log);
            report.knobsVariant = knobVariant;
            log("program load times");
            report.programLoad = measureProgramLoad(benchDir, args.runs);
        }

        if (args.extras) {
            log("simulator bench");
            report.extras.push(await runExtra("Simulator bench", "simulator", "runSimulatorBench", secrets));
            log("client bench");
            report.extras.push(await runExtra("Client bench", "client", "runClientBench", secrets));
        }
    } finally {
        await sim?.close();
        fs.rmSync(benchDir, { recursive: true, force: true });
    }

    report.load.after = loadPerCore();
    report.durationS = (performance.now() - started) / 1000;
    if (report.load.before > 0.5 || report.load.after > 0.5) {
        notes.push(
            `The machine was busy (load per core ${report.load.before.toFixed(2)} before, ` +
                `${report.load.after.toFixed(2)} after): absolute times are inflated and noisy; the interleaved ` +
                "ratios are the figures to read.",
        );
    }
    const outFile = path.resolve(repoRoot, args.out);
    fs.writeFileSync(outFile, renderReport(report));
    const rawDir = path.join(repoRoot, "bench", "results");
    fs.mkdirSync(rawDir, { recursive: true });
    const rawFile = path.join(rawDir, `${report.mode.replace(/[^a-z]+/g, "-")}.json`);
    fs.writeFileSync(rawFile, `${JSON.stringify(report, null, 2)}\n`);
    log(
        `wrote ${path.relative(repoRoot, outFile)} and ${path.relative(repoRoot, rawFile)} in ${report.durationS.toFixed(0)} s`,
    );
}

let parsed: BenchArgs;
try {
    parsed = parseArgs(process.argv.slice(2));
} catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
}
main(parsed).catch((err) => {
    process.stderr.write(`[bench] failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
});
