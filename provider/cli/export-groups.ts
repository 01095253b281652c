/**
 * `pulumi-jumpcloud export-groups --out <dir>`: writes one group file per JumpCloud user group (all pages), each
 * with `adopt: { by: "id", id, mode: "verify" }`, so the first `pulumi up` of the GitOps program over that folder
 * takes every group over without writing to JumpCloud.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { JumpCloudClient } from "../client/client";
import { isJumpCloudError } from "../client/errors";
import type { ApiUserGroup } from "../client/types";
import { clientFor } from "../client-cache";
import { resolveSettings, SettingsError } from "../config";
import { exportFileNames } from "../gitops/export-file-names";
import { groupFileText } from "../gitops/group-document";
import { checkGroupFolder, listGroupFiles } from "../gitops/load-groups";
import { formatProblem } from "../gitops/problem";
import { type CliIO, UsageError } from "./io";

/** Exit code when files were written but some would not pass the GitOps program's validation. */
export const EXIT_INVALID_EXPORT = 4;

export const EXPORT_HELP = `Usage: pulumi-jumpcloud export-groups --out <dir> [--api-url <url>] [--org-id <id>] [--overwrite]

Writes one GitOps YAML file per JumpCloud user group, with adopt set, so the first \`pulumi up\` changes nothing.

  --out <dir>       folder to write the files to (created if missing)
  --api-url <url>   API base URL (default: JUMPCLOUD_API_URL, else the US console)
  --org-id <id>     organisation of a multi-tenant admin (default: JUMPCLOUD_ORG_ID); written into each file
  --overwrite       write into a folder that already holds group files (same-named files are replaced)
The API key is read from JUMPCLOUD_API_KEY only (never a flag); a service account instead from
JUMPCLOUD_CLIENT_ID and JUMPCLOUD_CLIENT_SECRET (and JUMPCLOUD_OAUTH_TOKEN_URL, outside JumpCloud's US and EU APIs).
`;

/** The `export-groups` command. Resolves with the exit code. */
export async function exportGroupsCommand(argv: string[], io: CliIO): Promise<number> {
    if (argv.some((a) => a === "--api-key" || a.startsWith("--api-key=") || a === "--apiKey")) {
        // A key on the command line ends up in shell history and process listings.
        throw new UsageError("the API key is not accepted as a flag: set JUMPCLOUD_API_KEY in the environment");
    }
    const { values } = parseArgs({
        args: argv,
        options: {
            out: { type: "string" },
            "api-url": { type: "string" },
            "org-id": { type: "string" },
            overwrite: { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) {
        io.out(EXPORT_HELP);
        return 0;
    }
    if (!values.out) throw new UsageError("--out <dir> is required");
    const outDir = path.resolve(io.cwd, values.out);
    if (fs.existsSync(outDir) && !values.overwrite && listGroupFiles(outDir).length > 0) {
        throw new UsageError(`${values.out} already holds group files: choose an empty folder, or pass --overwrite`);
    }

    if (!io.env.JUMPCLOUD_API_KEY && !io.env.JUMPCLOUD_CLIENT_ID && !io.env.JUMPCLOUD_CLIENT_SECRET) {
        io.err(
            "No JumpCloud API key: set the JUMPCLOUD_API_KEY environment variable (a read-only admin key is enough), " +
                "or a service account's JUMPCLOUD_CLIENT_ID and JUMPCLOUD_CLIENT_SECRET.\n",
        );
        return 1;
    }
    const flags: Record<string, string | undefined> = { apiUrl: values["api-url"], orgId: values["org-id"] };
    let client: JumpCloudClient;
    try {
        // Only the flags above reach settings: credentials have no flag, so they come from the environment alone.
        client = clientFor(resolveSettings((key) => flags[key], io.env));
    } catch (e) {
        if (e instanceof SettingsError) {
            io.err(`${e.message}\n`);
            return 1;
        }
        throw e;
    }

    const groups: ApiUserGroup[] = [];
    try {
        for await (const g of client.userGroups.list()) groups.push(g);
    } catch (e) {
        // Client errors are already redacted: they name the method, path and status, never the key.
        io.err(`Cannot list the user groups: ${isJumpCloudError(e) ? e.message : (e as Error).message}\n`);
        return 1;
    }

    const names = exportFileNames(groups);
    fs.mkdirSync(outDir, { recursive: true });
    for (const g of groups) {
        const file = names.get(g.id) as string;
        const orgId = values["org-id"];
        fs.writeFileSync(path.join(outDir, file), groupFileText(g, orgId === undefined ? {} : { orgId }));
    }
    io.out(`Exported ${groups.length} group${groups.length === 1 ? "" : "s"} to ${values.out}\n`);

    // The files must load in the GitOps program; a live group that breaks a rule is reported now, not at `up`.
    const { problems } = checkGroupFolder(outDir, { displayRoot: path.dirname(outDir), requireFiles: false });
    if (problems.length > 0) {
        io.err(
            `${problems.length} problem${problems.length === 1 ? "" : "s"} to fix before \`pulumi up\` ` +
                `(the live groups break a rule the program enforces):\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}\n`,
        );
        return EXIT_INVALID_EXPORT;
    }
    io.out(
        "Next: point the GitOps program at this folder and run `pulumi up`: it adopts every group without a write.\n",
    );
    return 0;
}
