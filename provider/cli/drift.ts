/**
 * `pulumi-jumpcloud drift`: runs (or reads) `pulumi preview --refresh --json` and prints what differs between the
 * program and JumpCloud, as a Markdown table for a pull-request comment or as JSON.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { renderDriftJson, renderDriftMarkdown } from "./drift-markdown";
import { driftReport } from "./drift-report";
import { type CliIO, readInput, UsageError } from "./io";

/** Exit code when `--fail-on-drift` is set and something differs. */
export const EXIT_DRIFT = 3;

export const DRIFT_HELP = `Usage: pulumi-jumpcloud drift [--stack <name>] [--cwd <dir>] [--input <file|->] [--json] [--fail-on-drift]

Prints the drift between the program and JumpCloud as a Markdown table (resource, field, desired, live).

  --stack <name>     stack to preview (default: the selected stack)
  --cwd <dir>        folder of the Pulumi project (default: the current folder)
  --input <file|->   read the output of \`pulumi preview --refresh --json\` (or an --event-log file) instead of
                     running it; "-" reads standard input
  --json             print JSON instead of Markdown
  --fail-on-drift    exit with code ${EXIT_DRIFT} when anything differs
  --pulumi <path>    the pulumi CLI to run (default: "pulumi" from PATH)
Secret values are shown as [secret].
`;

/**
 * Parses the text of a preview: one JSON document (`preview --json`), or one engine event per line (`--event-log`).
 */
export function parsePreviewText(text: string): unknown {
    const trimmed = text.trim();
    if (trimmed === "") throw new UsageError("the preview input is empty");
    try {
        return JSON.parse(trimmed);
    } catch {
        // Not one document: an event log holds one JSON object per line.
    }
    const events: unknown[] = [];
    for (const [i, line] of trimmed.split(/\r?\n/).entries()) {
        if (line.trim() === "") continue;
        try {
            events.push(JSON.parse(line));
        } catch {
            throw new UsageError(
                `the preview input is neither a JSON document nor JSON lines (line ${i + 1} is not JSON)`,
            );
        }
    }
    return events;
}

/** Runs `pulumi preview --refresh --json` and resolves with its standard output and exit code. */
function runPreview(cli: string, args: string[], cwd: string, io: CliIO): Promise<{ stdout: string; code: number }> {
    return new Promise((resolve, reject) => {
        const child = spawn(cli, args, { cwd, env: io.env, stdio: ["ignore", "pipe", "pipe"] });
        const out: Buffer[] = [];
        child.stdout.on("data", (c: Buffer) => out.push(c));
        child.stderr.on("data", (c: Buffer) => io.err(c.toString("utf8")));
        child.on("error", (e) =>
            reject(
                new UsageError(
                    `cannot run "${cli}" (${(e as NodeJS.ErrnoException).code ?? e.message}): install the Pulumi CLI or pass --pulumi <path>`,
                ),
            ),
        );
        child.on("close", (code) => resolve({ stdout: Buffer.concat(out).toString("utf8"), code: code ?? 1 }));
    });
}

/** The `drift` command. Resolves with the exit code. */
export async function driftCommand(argv: string[], io: CliIO): Promise<number> {
    const { values } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string" },
            cwd: { type: "string" },
            input: { type: "string" },
            json: { type: "boolean", default: false },
            "fail-on-drift": { type: "boolean", default: false },
            pulumi: { type: "string" },
            help: { type: "boolean", short: "h", default: false },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) {
        io.out(DRIFT_HELP);
        return 0;
    }
    if (values.input !== undefined && (values.stack !== undefined || values.cwd !== undefined)) {
        throw new UsageError("--input reads a saved preview: it cannot be combined with --stack or --cwd");
    }
    let text: string;
    let previewFailed = false;
    if (values.input !== undefined) {
        const file = values.input === "-" ? "-" : path.resolve(io.cwd, values.input);
        text = await readInput(io, file);
    } else {
        const args = ["preview", "--refresh", "--json", "--non-interactive"];
        if (values.stack !== undefined) args.push("--stack", values.stack);
        const cwd = path.resolve(io.cwd, values.cwd ?? ".");
        const result = await runPreview(values.pulumi ?? "pulumi", args, cwd, io);
        text = result.stdout;
        previewFailed = result.code !== 0;
        if (previewFailed && text.trim() === "") {
            io.err(`pulumi preview failed (exit code ${result.code}); see its messages above\n`);
            return 1;
        }
    }
    const report = driftReport(parsePreviewText(text));
    io.out(values.json ? renderDriftJson(report) : renderDriftMarkdown(report));
    if (previewFailed || report.errors.length > 0) return 1;
    return values["fail-on-drift"] && report.resources.length > 0 ? EXIT_DRIFT : 0;
}
