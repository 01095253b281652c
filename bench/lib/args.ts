/**
 * Command-line options of `npm run bench`.
 */

/** What to run. */
export interface BenchArgs {
    /** N=1000, plus the knob study and the object-style floor. @default false */
    full: boolean;
    /** Run the knob study (always on with `full`). @default false */
    knobs: boolean;
    /** Runs per measurement; RESULTS.md asks for at least 3. @default 3 */
    runs: number;
    /** Groups per lifecycle stack. @default 100 (1000 with --full) */
    n: number;
    /** Groups per stack in the knob study. @default 100 */
    knobsN: number;
    /** Run the simulator and client benches too. @default true */
    extras: boolean;
    /** Where to write the Markdown. @default "bench/RESULTS.md" */
    out: string;
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
        knobs: full,
        runs: 3,
        n: full ? 1000 : 100,
        knobsN: 100,
        extras: true,
        out: "bench/RESULTS.md",
        raw: [...argv],
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        switch (a) {
            case "--full":
                break;
            case "--knobs":
                args.knobs = true;
                break;
            case "--no-extras":
                args.extras = false;
                break;
            case "--runs":
                args.runs = positiveInt(a, argv[++i]);
                break;
            case "--n":
                args.n = positiveInt(a, argv[++i]);
                break;
            case "--knobs-n":
                args.knobsN = positiveInt(a, argv[++i]);
                break;
            case "--out":
                args.out = argv[++i] ?? args.out;
                break;
            default:
                throw new Error(
                    `unknown option ${a}; options: --full, --knobs, --runs K, --n N, --knobs-n N, --no-extras, --out FILE`,
                );
        }
    }
    return args;
}

/** The mode's name in RESULTS.md. */
export function modeName(args: BenchArgs): string {
    if (args.full) return "full";
    return args.knobs ? "quick + knobs" : "quick";
}

/** The exact command that reproduces a run. */
export function reproduceCommand(args: BenchArgs): string {
    return args.raw.length ? `npm run bench -- ${args.raw.join(" ")}` : "npm run bench";
}
