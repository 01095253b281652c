/**
 * Command-line options of `npm run bench`.
 */

/** The scenarios `--only` can pick. */
export const SCENARIOS = ["lifecycle", "latency", "rate-limited", "extras", "checkpoints"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Whether a scenario runs ("checkpoints" only when asked for by --only: it takes N=1000). */
export function runs(args: BenchArgs, scenario: Scenario): boolean {
    if (args.only) return args.only.includes(scenario);
    if (scenario === "extras") return args.extras;
    return scenario !== "checkpoints";
}

/** What to run. */
export interface BenchArgs {
    /** N=1000 instead of 100. @default false */
    full: boolean;
    /** Runs per measurement; RESULTS.md asks for at least 3. @default 3 */
    runs: number;
    /** Groups per lifecycle stack. @default 100 (1000 with --full) */
    n: number;
    /** Run the simulator and client benches too. @default true */
    extras: boolean;
    /** Where to write the Markdown. @default "bench/RESULTS.md" */
    out: string;
    /** Scenarios to run; every one by default. */
    only?: Scenario[];
    /** Runs of the latency scenario (per parallelism). @default 1 */
    latencyRuns: number;
    /** The arguments as given, for the reproduce command. */
    raw: string[];
}

function positiveInt(flag: string, value: string | undefined): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got "${value ?? ""}"`);
    return n;
}

/** Parses argv (without node and the script); throws on an unknown flag. */
export function parseArgs(argv: readonly string[]): BenchArgs {
    const full = argv.includes("--full");
    const args: BenchArgs = {
        full,
        runs: 3,
        n: full ? 1000 : 100,
        extras: true,
        out: "bench/RESULTS.md",
        latencyRuns: 1,
        raw: [...argv],
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--full") continue;
        else if (a === "--no-extras") args.extras = false;
        else if (a === "--runs") args.runs = positiveInt(a, argv[++i]);
        else if (a === "--n") args.n = positiveInt(a, argv[++i]);
        else if (a === "--out") args.out = argv[++i] ?? args.out;
        else if (a === "--latency-runs") args.latencyRuns = positiveInt(a, argv[++i]);
        else if (a === "--only") {
            const names = (argv[++i] ?? "").split(",");
            const bad = names.filter((x) => !(SCENARIOS as readonly string[]).includes(x));
            if (bad.length) throw new Error(`--only takes a comma-separated list of: ${SCENARIOS.join(", ")}`);
            args.only = names as Scenario[];
        } else
            throw new Error(
                `unknown option ${a}; options: --full, --runs K, --n N, --no-extras, --out FILE, ` +
                    `--latency-runs K, --only ${SCENARIOS.join(",")}`,
            );
    }
    return args;
}

/** The exact command that reproduces a run. */
export function reproduceCommand(args: BenchArgs): string {
    return args.raw.length ? `npm run bench -- ${args.raw.join(" ")}` : "npm run bench";
}
