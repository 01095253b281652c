/**
 * `npm run bench`: the UserGroup lifecycle through the real engine against the engine's own floor (with the API
 * calls and the state size of each operation), a create under the simulator's rate limit, and the client and
 * simulator micro-benchmarks. Writes bench/RESULTS.md and the raw numbers to bench/results/<name>.json.
 *
 * Options: --full (N=1000), --runs K, --n N, --no-extras, --out FILE, --latency-runs K, --only SCENARIOS
 * (comma-separated: lifecycle, latency, rate-limited, extras, checkpoints; "checkpoints" runs only when named).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, workRoot } from "../scripts/lib/engine";
import { type BenchArgs, parseArgs, reproduceCommand, runs as scenarioRuns } from "./lib/args";
import { runCheckpoints } from "./lib/checkpoints";
import { describeEnvironment, loadPerCore } from "./lib/environment";
import { LATENCY_MS, LATENCY_PARALLELS, PACKAGE_RATE_BUDGET, runLatency } from "./lib/latency";
import { describeError, type LifecycleContext, runLifecycles } from "./lib/lifecycle";
import { installNoopPackage, NOOP_PACKAGE } from "./lib/noop-package";
import { installedUserGroup, type Variant } from "./lib/programs";
import { runRateLimited } from "./lib/rate-limited";
import { type BenchReport, type ExtraRow, type ExtraSection, renderReport } from "./lib/report";
import { type BenchSimulator, startBenchSimulator } from "./lib/sim";

/** The rate-limited create: N groups against a simulator that allows R requests per second. */
const LIMITED_N = 100;
const LIMITED_RPS = 20;

const FLOOR_DEFINITION = [
    "N instances of a no-op dynamic resource with the same inputs and output-only fields as UserGroup (name,",
    "description; type, suggestionCounts, memberQueryErrorFlags, organizationObjectId), whose provider answers every",
    "engine call at once and makes no HTTP call (sources: `bench/noop/`). Like the package, it is installed under a",
    `\`node_modules\` folder (\`.work/bench/node_modules/${NOOP_PACKAGE}\`) and its provider is a module's exports,`,
    "so its `__provider` is one `require(...)` line, the smallest the serializer writes; its stack gets the same",
    "config (a secret API key, a URL). It is the engine's own minimum for the same work.",
].join("\n");

const RATE_LIMITED_NOTE =
    `The simulator allows ${LIMITED_RPS} requests/s (a token bucket of ${LIMITED_RPS}, starting full) and answers 429 ` +
    "with `Retry-After: 1` beyond it. The API phase runs from the first to the last API request, as seen by polling " +
    "the request log every 0.1 s; the wall time adds the engine's start-up and finish. The provider's client logs " +
    "every attempt (`JUMPCLOUD_LOG_FILE`): a refused request was either in flight when the client received the " +
    "first 429 (nothing could have held it back) or sent after it; the target counts the latter. A run is flagged " +
    "when the client's log and the simulator's disagree.";

const LATENCY_NOTE = [
    `The simulator delays every API request by ${LATENCY_MS} ms (its \`latency\` fault); the client keeps the package's`,
    `rate budget (\`jumpcloud:maxRequestsPerSecond\`, default ${PACKAGE_RATE_BUDGET}). Each row is one stack of N groups`,
    "taken through the lifecycle with `--parallel P` on every operation, ours and the floor interleaved operation by",
    "operation (medians when there are several runs). The API phase runs from the first request the provider's client",
    "sent to the last answer it received (its `JUMPCLOUD_LOG_FILE`). The physical minimum is what those calls need at",
    "that parallelism and budget: max(⌈chains/P⌉ × requests per chain × latency, (calls − 1)/budget + latency), an",
    'update being a chain of a GET and a PUT per group and every other call its own chain. "Beyond the floor" is our',
    "wall time minus the floor's at the same P: the API phase plus whatever else our provider adds. Wall times are",
    "Automation API calls (`stack.up()` also runs three more CLI processes after the update, for floor and ours alike).",
].join("\n");

/** The no-checkpoint comparison: N groups on loopback, the client allowed this many requests per second. */
const CHECKPOINTS_N = 1000;
const CHECKPOINTS_RPS = 1000;
const CHECKPOINTS_NOTE = [
    `N=${CHECKPOINTS_N} groups on loopback (no latency), \`jumpcloud:maxRequestsPerSecond\` ${CHECKPOINTS_RPS} and`,
    "`jumpcloud:adoptExactMatches: true` on both stacks; one stack with the file backend's checkpoints, one with",
    '`PULUMI_SKIP_CHECKPOINTS=true` (README, "Runs that lose their state changes"), interleaved operation by operation.',
].join("\n");

function log(line: string): void {
    process.stderr.write(`[bench] ${line}\n`);
}

/** Builds the package and installs it into node_modules, as `npm run build` does; the error text on failure. */
function build(): string | undefined {
    try {
        for (const [cmd, args] of [
            [path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"]],
            [process.execPath, [path.join(repoRoot, "scripts", "install-self.js")]],
        ] as const) {
            execFileSync(cmd, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
        }
        return undefined;
    } catch (err) {
        const e = err as { stdout?: Buffer; message: string };
        return `${e.stdout?.toString().split("\n").slice(0, 10).join("\n") ?? ""}\n${e.message}`.trim();
    }
}

/** Runs `bench/<file>.ts`'s `run()`-style export and returns its rows; a failure becomes a note, never a stop. */
async function runExtra(title: string, file: string, exportName: string, secrets: string[]): Promise<ExtraSection> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
        const fn = ((await import(path.join(__dirname, file))) as Record<string, unknown>)[exportName];
        if (typeof fn !== "function")
            return { title, note: `Skipped: \`bench/${file}.ts\` exports no ${exportName}().` };
        // The module is another author's: keep only rows of the expected shape.
        const rows = (await (fn as () => Promise<unknown>)()) as unknown[];
        const valid = rows.filter(
            (r): r is ExtraRow => typeof r === "object" && r !== null && "name" in r && "value" in r,
        );
        return { title, rows: valid, seconds: seconds() };
    } catch (err) {
        const why = describeError(err, secrets).split("\n")[0];
        return { title, note: `Skipped: \`bench/${file}.ts\` failed: ${why}`, seconds: seconds() };
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
    let sim: BenchSimulator | undefined;
    if (buildError) oursNote = `The package did not build, so only the floor ran:\n\n\`\`\`\n${buildError}\n\`\`\``;
    else {
        try {
            installedUserGroup();
            sim = await startBenchSimulator();
        } catch (err) {
            oursNote = `Only the floor ran: ${(err as Error).message}.`;
        }
    }
    const secrets = sim ? [sim.apiKey] : [];
    const variants: Variant[] = sim ? ["ours", "floor"] : ["floor"];
    const ctx: LifecycleContext = { benchDir, noop, variants, ...(sim ? { sim } : {}) };
    const report: BenchReport = {
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
        if (scenarioRuns(args, "lifecycle")) {
            log(`lifecycle: N=${args.n}, ${args.runs} runs, variants ${variants.join(", ")}`);
            report.lifecycle = await runLifecycles(ctx, args.n, args.runs, log);
        }
        if (sim && scenarioRuns(args, "latency")) {
            log(
                `latency: N=${args.n}, ${LATENCY_MS} ms, --parallel ${LATENCY_PARALLELS.join("/")}, ${args.latencyRuns} run(s)`,
            );
            report.latency = await runLatency(ctx, { n: args.n, runs: args.latencyRuns }, log);
            report.latencyNote = LATENCY_NOTE;
        }
        if (sim && scenarioRuns(args, "checkpoints")) {
            log(`checkpoints: N=${CHECKPOINTS_N} at ${CHECKPOINTS_RPS} requests/s, ${args.runs} run(s)`);
            const opts = { n: CHECKPOINTS_N, requestsPerSecond: CHECKPOINTS_RPS, runs: args.runs };
            report.checkpoints = await runCheckpoints(sim, benchDir, opts, log);
            report.checkpointsNote = CHECKPOINTS_NOTE;
        }
        if (sim && scenarioRuns(args, "rate-limited")) {
            log(`rate-limited create: ${LIMITED_N} groups at ${LIMITED_RPS} requests/s`);
            const limits = { n: LIMITED_N, requestsPerSecond: LIMITED_RPS, runs: args.runs };
            report.rateLimited = await runRateLimited(
                sim,
                benchDir,
                [{ label: "package defaults", config: {} }],
                limits,
                log,
            );
            report.rateLimitedNote = RATE_LIMITED_NOTE;
        }
        if (scenarioRuns(args, "extras")) {
            log("simulator and client benches");
            report.extras.push(await runExtra("Simulator bench", "simulator", "runSimulatorBench", secrets));
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
    const rawFile = path.join(rawDir, `${args.full ? "full" : "quick"}.json`);
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
