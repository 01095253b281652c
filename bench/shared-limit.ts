/**
 * `npm run bench:shared-limit`: several runners (`pulumi up --refresh` of their own stacks of the GitOps example, as
 * the deploy template runs it, each its own process) against one org-wide API limit of R requests per second.
 * Reports, per scenario, the 429s each runner received and the whole API phase against N/R (N: every runner's
 * requests that succeeded, one POST per group; no client can finish faster without exceeding the limit). Writes
 * bench/RESULTS-shared-limit.md.
 *
 * Options: --runs K (default 3), --n GROUPS per runner (default 60), --rate R (default 10), --only TEXT (scenarios
 * whose label contains it), --out FILE.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensurePulumi, fileBackendUrl, repoRoot, workRoot } from "../scripts/lib/engine";
import { packCurrentPackage } from "../scripts/lib/package-tarball";
import { ProgramFolder, shellQuote } from "../scripts/lib/program-folder";
import { startSimulator } from "../simulator";
import { describeEnvironment, loadPerCore } from "./lib/environment";
import { table } from "./lib/markdown";
import { runSharedLimit, type SharedLimitRun, type SharedLimitScenario } from "./lib/shared-limit";
import { summarize } from "./lib/stats";

interface Args {
    runs: number;
    n: number;
    rate: number;
    only?: string;
    out: string;
    raw: string[];
}

function parse(argv: readonly string[]): Args {
    const args: Args = { runs: 3, n: 60, rate: 10, out: "bench/RESULTS-shared-limit.md", raw: [...argv] };
    const int = (flag: string, v: string | undefined) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got "${v ?? ""}"`);
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--runs") args.runs = int(a, argv[++i]);
        else if (a === "--n") args.n = int(a, argv[++i]);
        else if (a === "--rate") args.rate = int(a, argv[++i]);
        else if (a === "--only") args.only = argv[++i];
        else if (a === "--out") args.out = argv[++i] ?? args.out;
        else throw new Error(`unknown option ${a}; options: --runs K, --n N, --rate R, --only TEXT, --out FILE`);
    }
    return args;
}

function scenarios(n: number, rate: number): SharedLimitScenario[] {
    const share = Math.max(1, Math.floor(rate / 3));
    return [
        {
            label: "3 runners, package defaults, started together",
            runners: 3,
            groupsPerRunner: n,
            requestsPerSecond: rate,
        },
        {
            label: "3 runners, package defaults, started 3 s apart",
            runners: 3,
            groupsPerRunner: n,
            requestsPerSecond: rate,
            staggerMs: 3000,
        },
        {
            label: `3 runners, \`jumpcloud:maxRequestsPerSecond\` ${share} each (R/3), started together`,
            runners: 3,
            groupsPerRunner: n,
            requestsPerSecond: rate,
            config: { "jumpcloud:maxRequestsPerSecond": String(share) },
        },
        { label: "1 runner, package defaults, no limit", runners: 1, groupsPerRunner: n, requestsPerSecond: null },
        {
            label: "1 runner, package defaults, no limit, one 429 after its 5th create",
            runners: 1,
            groupsPerRunner: n,
            requestsPerSecond: null,
            lone429AfterCreates: 5,
        },
    ];
}

const log = (line: string) => process.stderr.write(`[shared-limit] ${line}\n`);
const sec = (ms: number) => (ms / 1000).toFixed(1);
const range = (values: number[], fmt: (v: number) => string) => {
    const sm = summarize(values);
    return sm ? `${fmt(sm.median)} (${fmt(sm.min)}-${fmt(sm.max)})` : "-";
};

function render(args: Args, results: Array<{ scenario: SharedLimitScenario; runs: SharedLimitRun[] }>, meta: string) {
    const rows = results.map(({ scenario, runs }) => {
        const ok = runs.filter((r) => !r.problem);
        const requests = scenario.runners * scenario.groupsPerRunner;
        const floor = scenario.requestsPerSecond === null ? undefined : (requests / scenario.requestsPerSecond) * 1000;
        const phases = ok.map((r) => r.apiPhaseMs);
        return [
            scenario.label,
            floor === undefined
                ? `${requests}, no limit`
                : `${requests} at ${scenario.requestsPerSecond}/s: ${sec(floor)} s`,
            range(phases, sec),
            floor === undefined
                ? "-"
                : range(
                      phases.map((p) => p / floor),
                      (v) => `${v.toFixed(2)}x`,
                  ),
            ok.map((r) => r.runners.map((x) => x.refused).join("/")).join(", ") || "-",
            ok.map((r) => r.runners.map((x) => sec(x.apiMs)).join("/")).join(", ") || "-",
            runs.filter((r) => r.problem).length === 0 ? "all converged" : `**${runs.length - ok.length} failed**`,
        ];
    });
    const problems = results.flatMap(({ scenario, runs }) =>
        runs.flatMap((r, i) => (r.problem ? [`- ${scenario.label}, run ${i + 1}: ${r.problem}`] : [])),
    );
    return [
        "# Several runners, one org's API limit",
        "",
        meta,
        "",
        "Each runner is `pulumi up --yes --refresh` (the deploy template's command) of its own new stack of",
        "examples/gitops, installed from the packed package, with its own group files (one POST per group), on a",
        "file backend; all of them against one simulator whose token bucket over every API request allows R",
        "requests/s (burst R) and answers 429 with `Retry-After: 1` beyond it. Figures come from each runner's",
        "client log (`JUMPCLOUD_LOG_FILE`); the API phase runs from the first request of any runner to the last answer",
        "of any. A run counts only if every runner succeeded and the org holds exactly the declared groups.",
        "",
        "```sh",
        args.raw.length ? `npm run bench:shared-limit -- ${shellQuote(args.raw)}` : "npm run bench:shared-limit",
        "```",
        "",
        table(
            [
                "Scenario",
                "Requests (N), N/R",
                "API phase: median (min-max) s",
                "API phase / (N/R)",
                "429s per runner, run by run",
                "Each runner's API span, run by run (s)",
                "Outcome",
            ],
            rows,
        ),
        ...(problems.length ? ["", "Failed runs:", "", ...problems] : []),
        "",
    ].join("\n");
}

async function main(): Promise<void> {
    const args = parse(process.argv.slice(2));
    const started = Date.now();
    const loadBefore = loadPerCore();
    log("building the package");
    execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
        cwd: repoRoot,
        stdio: "inherit",
    });
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "install-self.js")], {
        cwd: repoRoot,
        stdio: "inherit",
    });
    const engine = ensurePulumi();
    const devSdk = (require("@pulumi/pulumi/package.json") as { version: string }).version;
    const sim = await startSimulator({ apiKey: `bench-key-${randomBytes(12).toString("hex")}`, log: false });
    fs.mkdirSync(path.join(workRoot, "bench"), { recursive: true });
    const backend = fs.mkdtempSync(path.join(workRoot, "bench", "shared-limit-state-"));
    log("installing examples/gitops from the packed package");
    const folder = await ProgramFolder.prepare({
        example: "examples/gitops",
        packageTarball: packCurrentPackage(),
        pins: { "@pulumi/pulumi": devSdk },
        engine,
        env: { JUMPCLOUD_API_URL: sim.url, JUMPCLOUD_API_KEY: sim.apiKey },
    });
    const results: Array<{ scenario: SharedLimitScenario; runs: SharedLimitRun[] }> = [];
    try {
        await folder.login(fileBackendUrl(backend));
        const chosen = scenarios(args.n, args.rate).filter((s) => !args.only || s.label.includes(args.only));
        for (const scenario of chosen) results.push({ scenario, runs: [] });
        // Interleaved run by run, so a busy spell of the shared machine does not fall on one scenario only.
        for (let run = 1; run <= args.runs; run++) {
            for (const [index, entry] of results.entries()) {
                const outcome = await runSharedLimit(folder, sim, entry.scenario, `s${index + 1}r${run}`);
                entry.runs.push(outcome);
                log(
                    `${entry.scenario.label}, run ${run}: API phase ${sec(outcome.apiPhaseMs)} s, 429s ` +
                        `${outcome.runners.map((r) => r.refused).join("/")}${outcome.problem ? ` FAILED ${outcome.problem}` : ""}`,
                );
            }
        }
    } finally {
        folder.remove();
        fs.rmSync(backend, { recursive: true, force: true });
        await sim.close();
    }
    const env = describeEnvironment();
    const meta =
        `Generated on ${new Date().toISOString()} in ${Math.round((Date.now() - started) / 1000)} s, ${args.runs} run(s) ` +
        `per scenario, R = ${args.rate} requests/s, ${args.n} groups per runner. ${env.cores} cores (${env.cpuModel}), ` +
        `load per core ${loadBefore.toFixed(2)} before and ${loadPerCore().toFixed(2)} after; Node.js ${env.node}, ` +
        `Pulumi CLI ${engine.version}, @pulumi/pulumi ${devSdk}, pulumi-jumpcloud ${env.packageVersion} (${env.commit}).`;
    const text = render(args, results, meta);
    fs.writeFileSync(path.resolve(repoRoot, args.out), text);
    process.stdout.write(text);
    if (results.some((r) => r.runs.some((x) => x.problem))) process.exitCode = 1;
}

main().catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
});
