/**
 * `resolveGroupMembers`: the members a GitOps folder lists (emails, usernames or ids) as user ids, with as few API
 * calls as possible: the organisation's users are listed once (ids, usernames and emails only, every page), however
 * many members the files name. A member that matches no user fails, naming the file, the line and the member.
 */
import * as pulumi from "@pulumi/pulumi";
import { callOptions } from "../client/call-options";
import { OBJECT_ID } from "../client/paths";
import { programClient } from "./program-client";

/** What {@link resolveGroupMembers} needs of a loaded group (a `GitOpsGroup` has it). */
export interface GroupMembersToResolve {
    readonly file: string;
    readonly resourceName: string;
    readonly members?: ReadonlyArray<{ readonly value: string; readonly line?: number }>;
}

/** Options of {@link resolveGroupMembers}. */
export interface ResolveGroupMembersOptions {
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
}

/**
 * The user ids of each group that lists `members`, by resource name (groups without `members` are left out).
 * An email matches ignoring case, a username and an id exactly. Costs ⌊N/100⌋ + 1 requests for N users in the
 * organisation, and none when no group lists members. Runs at program time, in preview and in up; an unknown member
 * is a `pulumi.RunError` listing every one, each with its file and line.
 */
export async function resolveGroupMembers(
    groups: readonly GroupMembersToResolve[],
    options: ResolveGroupMembersOptions = {},
): Promise<Record<string, string[]>> {
    const listing = groups.filter((g) => g.members !== undefined);
    if (listing.length === 0) return {};
    const byKey = new Map<string, string>();
    const users = programClient().users.list({ fields: ["username", "email"] }, callOptions(options.orgId));
    for await (const u of users) {
        const id = u._id.toLowerCase();
        byKey.set(`id:${id}`, id);
        if (typeof u.username === "string") byKey.set(`username:${u.username}`, id);
        if (typeof u.email === "string") byKey.set(`email:${u.email.toLowerCase()}`, id);
    }
    const problems: string[] = [];
    const out: Record<string, string[]> = {};
    for (const g of listing) {
        const ids = new Set<string>();
        (g.members ?? []).forEach((m, i) => {
            const key = OBJECT_ID.regex.test(m.value)
                ? `id:${m.value.toLowerCase()}`
                : m.value.includes("@")
                  ? `email:${m.value.toLowerCase()}`
                  : `username:${m.value}`;
            const id = byKey.get(key);
            if (id !== undefined) ids.add(id);
            else {
                const where = m.line === undefined ? "" : ` (line ${m.line})`;
                problems.push(
                    `${g.file}: members[${i}] ${JSON.stringify(m.value)} is not a JumpCloud user (no user has this ` +
                        `${key.slice(0, key.indexOf(":"))}): fix the entry or create the user first${where}`,
                );
            }
        });
        out[g.resourceName] = [...ids].sort();
    }
    if (problems.length > 0) {
        throw new pulumi.RunError(
            `${problems.length} member${problems.length === 1 ? "" : "s"} of the group files did not resolve; ` +
                `nothing was changed:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
    }
    return out;
}
