#!/usr/bin/env node
/**
 * `pulumi-jumpcloud`: the package's command line. Subcommands: `drift` (the drift report of a refresh preview) and
 * `export-groups` (onboarding: every group of an organisation as GitOps files with adopt set).
 */
import { driftCommand } from "./drift";
import { exportGroupsCommand } from "./export-groups";
import { type CliIO, processIO, UsageError } from "./io";

const HELP = `Usage: pulumi-jumpcloud <command> [options]

Commands:
  drift           print what differs between the program and JumpCloud (Markdown or --json)
  export-groups   write every JumpCloud user group as a GitOps YAML file with adopt set

Run \`pulumi-jumpcloud <command> --help\` for the options of a command.
`;

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
    drift: driftCommand,
    "export-groups": exportGroupsCommand,
};

/** Runs one command line (without the node and script arguments); resolves with the exit code. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
        io.out(HELP);
        return name === undefined ? 2 : 0;
    }
    const command = COMMANDS[name];
    if (!command) {
        io.err(`Unknown command "${name}".\n\n${HELP}`);
        return 2;
    }
    try {
        return await command(rest, io);
    } catch (e) {
        // parseArgs reports unknown or malformed options with these codes: a usage mistake, not a crash.
        const code = (e as NodeJS.ErrnoException).code ?? "";
        if (e instanceof UsageError || code.startsWith("ERR_PARSE_ARGS")) {
            io.err(`pulumi-jumpcloud ${name}: ${(e as Error).message}\nRun \`pulumi-jumpcloud ${name} --help\`.\n`);
            return 2;
        }
        io.err(`pulumi-jumpcloud ${name} failed: ${(e as Error).message}\n`);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            process.stderr.write(`${(e as Error).message}\n`);
            process.exitCode = 1;
        },
    );
}
