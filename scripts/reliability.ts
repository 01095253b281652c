/**
 * `npm run test:reliability`: the full reliability and security suite (every file under test/reliability, quick
 * and full), then a summary table (scenario, runs, resources, faults injected, outcome) printed and written into
 * bench/RELIABILITY.md between its FIGURES markers, with the date, the machine and the command.
 *
 * Builds and installs the package first (the engine runs consume node_modules/pulumi-jumpcloud, as users do).
 * Exit code: mocha's.
 */
import { execFileSync, spawnSync } from "node:child_process";
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

function main(): void {
    const started = Date.now();
    process.stdout.write("== build and install the package\n");
    execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
        cwd: repoRoot,
        stdio: "inherit",
    });
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "install-self.js")], { stdio: "inherit" });
    const cli = pulumiCliPath();

    const figuresFile = path.join(workRoot, "reliability", `figures-${Date.now()}.jsonl`);
    fs.mkdirSync(path.dirname(figuresFile), { recursive: true });
    const files = specFiles();
    process.stdout.write(`== mocha over ${files.length} files of test/reliability (quick and full)\n`);
    // Explicit file arguments: run-mocha.js then runs the *.full.test.ts files too.
    const run = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "lib", "run-mocha.js"), ...files], {
        cwd: repoRoot,
        stdio: "inherit",
        env: { ...process.env, PULUMI_JUMPCLOUD_PULUMI: cli, RELIABILITY_FIGURES: figuresFile },
    });
    const exit = run.status ?? 1;

    const figures: Figure[] = fs.existsSync(figuresFile)
        ? fs
              .readFileSync(figuresFile, "utf8")
              .split("\n")
              .filter((l) => l.trim() !== "")
              .map((l) => JSON.parse(l) as Figure)
        : [];
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const table = summary(figures, {
        date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
        machine: `${os.type()} ${os.release()}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, pulumi ${path.basename(path.dirname(path.dirname(cli)))}`,
        seconds: Math.round((Date.now() - started) / 1000),
        exit,
    });
    process.stdout.write(`\n${table}\n`);

    const doc = path.join(repoRoot, "bench", "RELIABILITY.md");
    const text = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : `# Reliability\n\n${START}\n${END}\n`;
    const from = text.indexOf(START);
    const to = text.indexOf(END);
    const next =
        from >= 0 && to > from
            ? `${text.slice(0, from + START.length)}\n${table}\n${text.slice(to)}`
            : `${text}\n${START}\n${table}\n${END}\n`;
    fs.writeFileSync(doc, next);
    process.stdout.write(`\nwrote the summary into ${path.relative(repoRoot, doc)}\n`);
    process.exit(exit);
}

if (require.main === module) main();
