/**
 * Loads a folder of group files (one group per `*.yaml` / `*.yml` file) for a GitOps program: validates every file
 * and the folder as a whole, and fails with every problem at once, before any resource is declared.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { UserGroupInputs } from "../model/user-group";
import { parseGroupFile } from "./group-file";
import type { GitOpsAssociation, GitOpsMember } from "./group-graph";
import { type GitOpsProblem, GitOpsValidationError } from "./problem";
import { GROUP_FILE_EXTENSIONS, resourceNameForFile } from "./resource-name";

/** One loaded group. */
export interface GitOpsGroup {
    /** The absolute path of the file. */
    readonly path: string;
    /** The file as shown in messages ("groups/eng.yaml"). */
    readonly file: string;
    /** The Pulumi resource name, derived from the file name ("eng"). */
    readonly resourceName: string;
    /** The validated, normalised UserGroup inputs. */
    readonly inputs: UserGroupInputs;
    /**
     * The members the file lists, as written (emails, usernames or ids; resolve them with `resolveGroupMembers`).
     * Absent when the file has no `members` key: the group's membership is then not managed.
     */
    readonly members?: readonly GitOpsMember[];
    /** The associations the file lists (empty when none). */
    readonly associations: readonly GitOpsAssociation[];
}

/** Options of {@link loadGroupFolder} and {@link checkGroupFolder}. */
export interface LoadGroupsOptions {
    /**
     * File names in messages are relative to this folder.
     * @default the parent of the groups folder, so messages read "groups/eng.yaml"
     */
    readonly displayRoot?: string;
    /** Fail when the folder holds no group file. @default true */
    readonly requireFiles?: boolean;
}

/** Every group and every problem of a folder; never throws for a content problem. */
export interface GroupFolderCheck {
    readonly groups: GitOpsGroup[];
    readonly problems: GitOpsProblem[];
}

/** The group files of a folder, sorted by name (not recursive; hidden files skipped). */
export function listGroupFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.startsWith("."))
        .filter((e) => GROUP_FILE_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext)))
        .map((e) => e.name)
        .sort();
}

/**
 * Reads and validates every group file of `dir`. Problems: YAML syntax, unknown keys, wrong types, every UserGroup
 * rule, duplicate group names across files (case-insensitively, as JumpCloud compares them), and file names that
 * give the same resource name.
 */
export function checkGroupFolder(dir: string, opts: LoadGroupsOptions = {}): GroupFolderCheck {
    const absDir = path.resolve(dir);
    const root = opts.displayRoot ?? path.dirname(absDir);
    const display = (p: string): string => path.relative(root, p).split(path.sep).join("/");
    const problems: GitOpsProblem[] = [];
    const groups: GitOpsGroup[] = [];
    let names: string[];
    try {
        names = listGroupFiles(absDir);
    } catch (e) {
        const err = e as NodeJS.ErrnoException;
        return {
            groups,
            problems: [{ file: display(absDir), message: `cannot be read as a folder: ${err.code ?? err.message}` }],
        };
    }
    if (names.length === 0 && (opts.requireFiles ?? true)) {
        problems.push({
            file: display(absDir),
            message: "holds no group file: add one <group>.yaml per group (or run `pulumi-jumpcloud export-groups`)",
        });
    }
    const byResource = new Map<string, string>();
    const byGroupName = new Map<string, string>();
    for (const name of names) {
        const abs = path.join(absDir, name);
        const file = display(abs);
        const resourceName = resourceNameForFile(name);
        if (resourceName === "") {
            problems.push({ file, message: "has no usable resource name: rename the file with letters or digits" });
        } else if (byResource.has(resourceName)) {
            problems.push({
                file,
                message: `gives the resource name "${resourceName}", as ${byResource.get(resourceName)} does: rename one of the files`,
            });
        } else byResource.set(resourceName, file);

        const parsed = parseGroupFile(fs.readFileSync(abs, "utf8"), file);
        problems.push(...parsed.problems);
        // Checked for files with other problems too, so one run reports everything there is to fix.
        const first = parsed.name === undefined ? undefined : byGroupName.get(parsed.name.toLowerCase());
        if (first !== undefined) {
            problems.push({
                file,
                property: "name",
                message: `"${parsed.name}" is already the name of the group in ${first} (JumpCloud group names are unique, ignoring case): rename one of them`,
            });
            continue;
        }
        if (parsed.name !== undefined) byGroupName.set(parsed.name.toLowerCase(), file);
        if (parsed.inputs) {
            groups.push({
                path: abs,
                file,
                resourceName,
                inputs: parsed.inputs,
                ...(parsed.members === undefined ? {} : { members: parsed.members }),
                associations: parsed.associations ?? [],
            });
        }
    }
    return { groups, problems };
}

/** Like {@link checkGroupFolder}, but throws a {@link GitOpsValidationError} listing every problem, if any. */
export function loadGroupFolder(dir: string, opts: LoadGroupsOptions = {}): GitOpsGroup[] {
    const { groups, problems } = checkGroupFolder(dir, opts);
    if (problems.length > 0) throw new GitOpsValidationError(problems);
    return groups;
}
