/**
 * GitOps for JumpCloud user groups: every `groups/*.yaml` file declares one group. All files are validated first
 * (errors name the file and the field); only then is one `jumpcloud.UserGroup` declared per file, named after the
 * file, so nothing reaches JumpCloud while any file is wrong. A file that lists `members` (emails, usernames or ids)
 * also declares the group's `UserGroupMembership` (the members resolved to ids with one listing of the users, an
 * unknown member failing the preview with its file and line), and each of its `associations` a
 * `UserGroupAssociation`.
 *
 * `pulumi up` runs the default export. Tests and scripts run `gitopsProgram({ groupsDir })` inline with the
 * Automation API.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as jumpcloud from "pulumi-jumpcloud";

/** Options of {@link gitopsProgram}. */
interface GitOpsProgramOptions {
    /**
     * The folder of group files.
     * @default the stack config `groupsDir` (relative to the project folder), else ./groups next to this file
     */
    groupsDir?: string;
}

/** The stack outputs: each group's JumpCloud id by resource name, and how many groups the folder declares. */
interface GitOpsOutputs {
    groupIds: Record<string, pulumi.Output<string>>;
    groupCount: number;
}

/**
 * Every group of the folder, or a failure listing every problem of every file before any resource exists. The
 * list is what the user must fix, so it is raised as Pulumi's RunError: the engine prints the message alone, not
 * "Unhandled exception" with a stack trace of this program.
 */
function loadGroups(dir: string): jumpcloud.GitOpsGroup[] {
    try {
        return jumpcloud.loadGroupFolder(dir);
    } catch (e) {
        if (jumpcloud.isGitOpsValidationError(e)) throw new pulumi.RunError(e.message);
        throw e;
    }
}

/** The Pulumi program over one folder of group files. */
function gitopsProgram(opts: GitOpsProgramOptions = {}): () => Promise<GitOpsOutputs> {
    return async () => {
        const configured = new pulumi.Config().get("groupsDir");
        const dir =
            opts.groupsDir ??
            (configured === undefined ? path.join(__dirname, "groups") : path.resolve(process.cwd(), configured));
        const groups = loadGroups(dir);
        const members = await jumpcloud.resolveGroupMembers(groups);
        const groupIds: Record<string, pulumi.Output<string>> = {};
        for (const g of groups) {
            const group = new jumpcloud.UserGroup(g.resourceName, g.inputs);
            groupIds[g.resourceName] = group.id;
            const userIds = members[g.resourceName];
            if (userIds !== undefined) {
                new jumpcloud.UserGroupMembership(`${g.resourceName}-members`, { groupId: group.id, userIds });
            }
            for (const a of g.associations) {
                new jumpcloud.UserGroupAssociation(`${g.resourceName}-${a.type}-${a.id}`, {
                    groupId: group.id,
                    targetType: a.type,
                    targetId: a.id,
                    ...(a.attributes === undefined ? {} : { attributes: a.attributes }),
                });
            }
        }
        return { groupIds, groupCount: groups.length };
    };
}

// A CommonJS module whose export is a function is what `pulumi up` runs; the named helper rides along on it.
const program = Object.assign(gitopsProgram(), { gitopsProgram });
export = program;
