/**
 * `npm run test:reliability`: the full reliability and security suite (every file under test/reliability, quick
 * and full), then a summary table (scenario, runs, resources, faults injected, outcome) printed and written into
 * bench/RELIABILITY.md between its FIGURES markers, with the date, the machine and the command.
 *
 * `npm run test:reliability -- --repeat N` runs the whole suite N times, each in a fresh process (nothing carries
 * over from one run to the next), prints each run's time, result and failing tests, and writes the table of the
 * last run together with the list of runs: a figure counts only if it holds on every run.
 *
 * Builds and installs the package first (the engine runs consume node_modules/pulumi-jumpcloud, as users do).
 * Exit code: 0 when every run passed, else 1.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiCliPath, repoRoot, workRoot } from "./lib/engine";

interface Figure {
    scenario: string;
    suite: string;
    runs: number;
    resources: number;
    faults: number;
    outcome: string;
    seconds: number;
}

const COMMAND = "npm run test:reliability";
const START = "<!-- FIGURES:START -->";
const END = "<!-- FIGURES:END -->";

/** One whole run of the suite. */
interface Run {
    started: string;
    seconds: number;
    exit: number;
    passed: number;
    failed: number;
    /** The failing tests' titles and first error lines. */
    failures: Array<{ title: string; error: string }>;
}

function specFiles(): string[] {
    const dir = path.join(repoRoot, "test", "reliability");
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".test.ts"))
        .sort()
        .map((f) => path.join(dir, f));
}

function cell(text: string | number): string {
    return String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The Markdown summary of a run. */
export function summary(figures: Figure[], meta: { date: string; machine: string; seconds: number; exit: number }) {
    const rows = figures.map(
        (f) =>
            `| ${cell(f.scenario)} | ${f.suite} | ${f.runs} | ${f.resources} | ${f.faults} | ${cell(f.outcome)} | ${f.seconds} |`,
    );
    return [
        `Run: ${meta.date} on ${meta.machine}; command \`${COMMAND}\`; ${meta.seconds} s in all; mocha exit code ${meta.exit}.`,
        "",
        "| scenario | suite | runs | resources | faults injected | outcome | seconds |",
        "|---|---|---:|---:|---:|---|---:|",
        ...rows,
    ].join("\n");
}

/** The Markdown list of the runs of one `--repeat` invocation, with how many consecutive clean runs ended it. */
export function runsSummary(runs: Run[]): string {
    let clean = 0;
    for (let i = runs.length - 1; i >= 0 && runs[i]!.exit === 0; i--) clean++;
    const rows = runs.map(
        (r, i) =>
            `| ${i + 1} | ${r.started} | ${r.seconds} | ${r.passed} | ${r.failed} | ${
                r.failures.length ? cell(r.failures.map((f) => `${f.title}: ${f.error}`).join("; ")) : "none"
            } |`,
    );
    return [
        `${runs.length} run${runs.length === 1 ? "" : "s"} of \`${COMMAND} -- --repeat ${runs.length}\`, each in a fresh process; ` +
            `the last ${clean} in a row passed.`,
        "",
        "| run | started (UTC) | seconds | tests passed | tests failed | failures |",
        "|---:|---|---:|---:|---:|---|",
        ...rows,
    ].join("\n");
}

function readLines<T>(file: string): T[] {
    return fs.existsSync(file)
        ? fs
              .readFileSync(file, "utf8")
              .split("\n")
              .filter((l) => l.trim() !== "")
              .map((l) => JSON.parse(l) as T)
        : [];
}

/** Runs every reliability file once in a fresh mocha process, its output streamed and kept. */
async function runOnce(cli: string, files: string[]): Promise<{ run: Run; figures: Figure[] }> {
    const stamp = Date.now();
    const figuresFile = path.join(workRoot, "reliability", `figures-${stamp}.jsonl`);
    const failuresFile = path.join(workRoot, "reliability", `failures-${stamp}.jsonl`);
    fs.mkdirSync(path.dirname(figuresFile), { recursive: true });
    const started = new Date();
    // Explicit file arguments: run-mocha.js then runs the *.full.test.ts files too.
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "lib", "run-mocha.js"), ...files], {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "inherit"],
        env: {
            ...process.env,
            PULUMI_JUMPCLOUD_PULUMI: cli,
            RELIABILITY_FIGURES: figuresFile,
            MOCHA_FAILURES_FILE: failuresFile,
        },
    });
    let tail = "";
    child.stdout.on("data", (chunk: Buffer) => {
        process.stdout.write(chunk);
        // Only the closing "mocha: N passed, N failed" line is read back.
        tail = (tail + chunk.toString()).slice(-4096);
    });
    const exit = await new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
    const counts = /mocha: (\d+) passed, (\d+) failed/.exec(tail);
    const run: Run = {
        started: started.toISOString().slice(0, 16).replace("T", " "),
        seconds: Math.round((Date.now() - started.getTime()) / 1000),
        exit,
        passed: Number(counts?.[1] ?? 0),
        failed: Number(counts?.[2] ?? 0),
        failures: readLines<{ title: string; error: string }>(failuresFile),
    };
    return { run, figures: readLines<Figure>(figuresFile) };
}

/** Replaces the text between the FIGURES markers of bench/RELIABILITY.md. */
function writeDoc(text: string): string {
    const doc = path.join(repoRoot, "bench", "RELIABILITY.md");
    const current = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : `# Reliability\n\n${START}\n${END}\n`;
    const from = current.indexOf(START);
    const to = current.indexOf(END);
    const next =
        from >= 0 && to > from
            ? `${current.slice(0, from + START.length)}\n${text}\n${current.slice(to)}`
            : `${current}\n${START}\n${text}\n${END}\n`;
    fs.writeFileSync(doc, next);
    return doc;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const at = args.indexOf("--repeat");
    const repeat = at >= 0 ? Number(args[at + 1]) : 1;
    if (!Number.isInteger(repeat) || repeat < 1) {
        process.stderr.write("--repeat needs a whole number of runs, e.g. --repeat 5\n");
        process.exit(2);
    }
    const started = Date.now();
    process.stdout.write("== build and install the package\n");
    execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
        cwd: repoRoot,
        stdio: "inherit",
    });
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "install-self.js")], { stdio: "inherit" });
    const cli = pulumiCliPath();
    const files = specFiles();

    const runs: Run[] = [];
    let last: Figure[] = [];
    for (let i = 1; i <= repeat; i++) {
        process.stdout.write(
            `== run ${i} of ${repeat}: mocha over ${files.length} files of test/reliability (quick and full)\n`,
        );
        const { run, figures } = await runOnce(cli, files);
        runs.push(run);
        last = figures;
        process.stdout.write(
            `== run ${i}: ${run.exit === 0 ? "passed" : "FAILED"} in ${run.seconds} s (${run.passed} passed, ${run.failed} failed)\n`,
        );
        for (const f of run.failures) process.stdout.write(`   - ${f.title}: ${f.error}\n`);
    }

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const lastRun = runs[runs.length - 1]!;
    const table = summary(last, {
        date: `${lastRun.started} UTC`,
        machine: `${os.type()} ${os.release()}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, pulumi ${path.basename(path.dirname(path.dirname(cli)))}`,
        seconds: lastRun.seconds,
        exit: lastRun.exit,
    });
    const text = `${runsSummary(runs)}\n\nFigures of the last run:\n\n${table}`;
    process.stdout.write(`\n${text}\n`);
    const doc = writeDoc(text);
    process.stdout.write(
        `\nwrote the summary into ${path.relative(repoRoot, doc)} (${Math.round((Date.now() - started) / 1000)} s in all)\n`,
    );
    process.exit(runs.every((r) => r.exit === 0) ? 0 : 1);
}

if (require.main === module) void main();
