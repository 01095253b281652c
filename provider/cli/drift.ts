/**
 * `pulumi-jumpcloud drift`: runs (or reads) `pulumi preview --refresh --json` and prints what differs between the
 * program and JumpCloud, as a Markdown table for a pull-request comment or as JSON.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { isJumpCloudError } from "../client/errors";
import { clientFor } from "../client-cache";
import { resolveSettings } from "../config";
import { renderDriftJson, renderDriftMarkdown } from "./drift-markdown";
import { changedUserIds, driftReport } from "./drift-report";
import { type CliIO, readInput, UsageError } from "./io";
import { fetchUserNames } from "./user-names";

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
Secret values are shown as [secret]. Users added to or removed from a group outside Pulumi are named by email
(else username, else id), with one GET per such user: set JUMPCLOUD_API_KEY (a read-only key is enough; or a
service account's JUMPCLOUD_CLIENT_ID and JUMPCLOUD_CLIENT_SECRET), and JUMPCLOUD_API_URL / JUMPCLOUD_ORG_ID where
needed. Without credentials they are shown by id.
`;

/**
 * The emails (else usernames) of the users whose membership changed, from the API with the credentials of the
 * environment: one GET per user. Without credentials, or when the API fails, an empty map (ids are shown) and a
 * note on standard error: the report itself never depends on it.
 */
async function namesFor(ids: string[], io: CliIO): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    if (!io.env.JUMPCLOUD_API_KEY && !io.env.JUMPCLOUD_CLIENT_ID) {
        io.err("Users are shown by id: set JUMPCLOUD_API_KEY (read-only is enough) to name them by email.\n");
        return new Map();
    }
    try {
        return await fetchUserNames(clientFor(resolveSettings(undefined, io.env)), ids);
    } catch (e) {
        // Client errors are redacted (method, path, status); settings errors name the variable, never its value.
        io.err(
            `Users are shown by id: cannot read them (${isJumpCloudError(e) ? e.message : (e as Error).message}).\n`,
        );
        return new Map();
    }
}

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
    const names = await namesFor(changedUserIds(report), io);
    io.out(values.json ? renderDriftJson(report, names) : renderDriftMarkdown(report, names));
    if (previewFailed || report.errors.length > 0) return 1;
    return values["fail-on-drift"] && report.resources.length > 0 ? EXIT_DRIFT : 0;
}
