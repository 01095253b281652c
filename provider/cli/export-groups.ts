/**
 * `pulumi-jumpcloud export-groups --out <dir>`: writes one group file per JumpCloud user group (all pages), each
 * with `adopt: { by: "id", id, mode: "verify" }`, its `members` (static groups) and its `associations`, so the first
 * `pulumi up` of the GitOps program over that folder takes every group, membership and association over without
 * changing JumpCloud.
 *
 * Requests for G groups, U users, M_g members and A_g,t associations of type t per group: ⌊G/100⌋ + 1 (groups)
 * + Σ over static groups (⌊M_g/100⌋ + 1) + Σ over groups and the 10 target types (⌊A_g,t/100⌋ + 1)
 * + (⌊U/100⌋ + 1, only when some group has a member: one listing names every member).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { JumpCloudClient } from "../client/client";
import { isJumpCloudError } from "../client/errors";
import { type ApiUserGroup, ASSOCIATION_TARGET_TYPES } from "../client/types";
import { clientFor } from "../client-cache";
import { resolveSettings, SettingsError } from "../config";
import { exportFileNames } from "../gitops/export-file-names";
import { groupFileText } from "../gitops/group-document";
import type { GitOpsAssociation } from "../gitops/group-graph";
import { checkGroupFolder, listGroupFiles } from "../gitops/load-groups";
import { formatProblem } from "../gitops/problem";
import { type CliIO, UsageError } from "./io";
import { listUserNames, userName } from "./user-names";

/** Groups whose members and associations are read at once. */
const READ_CONCURRENCY = 8;

/** What a group file holds beyond the group's own fields. */
interface GroupGraph {
    /** The member ids; undefined for a dynamic group (its members come from its query). */
    readonly memberIds?: string[];
    readonly associations: GitOpsAssociation[];
}

/** A dynamic group's members are whoever its `memberQuery` selects: they are not listed in its file. */
export function isDynamicGroup(g: ApiUserGroup): boolean {
    return typeof g.membershipMethod === "string" && g.membershipMethod.startsWith("DYNAMIC");
}

/**
 * The member ids (static groups only) and the associations of every group: per group, the pages of its members
 * and, per association target type (the API lists one type at a time), the pages of its associations.
 */
async function readGraphs(client: JumpCloudClient, groups: readonly ApiUserGroup[]): Promise<GroupGraph[]> {
    const out: GroupGraph[] = new Array(groups.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < groups.length) {
            const i = next++;
            const g = groups[i] as ApiUserGroup;
            let memberIds: string[] | undefined;
            if (!isDynamicGroup(g)) {
                memberIds = [];
                for await (const m of client.userGroups.members.list(g.id)) memberIds.push(m.to.id.toLowerCase());
            }
            const associations: GitOpsAssociation[] = [];
            for (const type of ASSOCIATION_TARGET_TYPES) {
                for await (const c of client.userGroups.associations.list(g.id, type)) {
                    associations.push({
                        type,
                        id: c.to.id.toLowerCase(),
                        ...(c.attributes === undefined || c.attributes === null ? {} : { attributes: c.attributes }),
                    });
                }
            }
            out[i] = { ...(memberIds === undefined ? {} : { memberIds }), associations };
        }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, groups.length) }, worker));
    return out;
}

/** Exit code when files were written but some would not pass the GitOps program's validation. */
export const EXIT_INVALID_EXPORT = 4;

export const EXPORT_HELP = `Usage: pulumi-jumpcloud export-groups --out <dir> [--api-url <url>] [--org-id <id>] [--overwrite]

Writes one GitOps YAML file per JumpCloud user group, with adopt set, so the first \`pulumi up\` changes nothing.
Each file lists the group's members (emails; a user without one by username, else id; none for a dynamic group,
whose members come from its query) and its associations.

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
    let graphs: GroupGraph[];
    let names = new Map<string, string>();
    let step = "list the user groups";
    try {
        for await (const g of client.userGroups.list()) groups.push(g);
        step = "read the groups' members and associations";
        graphs = await readGraphs(client, groups);
        // One listing of every user names all members (emails), instead of one GET per member.
        if (graphs.some((g) => (g.memberIds?.length ?? 0) > 0)) {
            step = "list the users";
            names = await listUserNames(client);
        }
    } catch (e) {
        // Client errors are already redacted: they name the method, path and status, never the key.
        io.err(`Cannot ${step}: ${isJumpCloudError(e) ? e.message : (e as Error).message}\n`);
        return 1;
    }

    const files = exportFileNames(groups);
    fs.mkdirSync(outDir, { recursive: true });
    const orgId = values["org-id"];
    let memberCount = 0;
    let associationCount = 0;
    groups.forEach((g, i) => {
        const file = files.get(g.id) as string;
        const graph = graphs[i] as GroupGraph;
        const members = graph.memberIds?.map((id) => userName(names, id));
        memberCount += members?.length ?? 0;
        associationCount += graph.associations.length;
        const text = groupFileText(g, {
            ...(orgId === undefined ? {} : { orgId }),
            ...(members === undefined ? {} : { members }),
            associations: graph.associations,
        });
        fs.writeFileSync(path.join(outDir, file), text);
    });
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    io.out(
        `Exported ${plural(groups.length, "group")} (${plural(memberCount, "member")}, ` +
            `${plural(associationCount, "association")}) to ${values.out}\n`,
    );

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
