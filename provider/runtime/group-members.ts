/**
 * The member steps UserGroupMembership and UserGroupMember share: reading a group's direct members (every page),
 * and adding or removing members with the failures a program can act on (a dynamic group, an unknown user).
 */
import type { CallOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { hasStatus } from "../client/errors";
import { DynamicGroupError, ObjectNotFoundError } from "./errors";

/** How many member POSTs one operation keeps in flight (the client's rate budget still paces them). */
export const MEMBER_CONCURRENCY = 8;

/** The group's direct member ids, every page (⌊L/100⌋ + 1 requests). `NotFoundError` for an unknown group. */
export async function liveMemberIds(
    client: JumpCloudClient,
    groupId: string,
    options: CallOptions | undefined,
): Promise<string[]> {
    const ids: string[] = [];
    for await (const edge of client.userGroups.members.list(groupId, options)) ids.push(edge.to.id.toLowerCase());
    return ids;
}

/** Runs `step` over `items` with at most `limit` in flight; the first failure rejects (after in-flight ones end). */
export async function forEachLimited<T>(
    items: readonly T[],
    limit: number,
    step: (item: T) => Promise<void>,
): Promise<void> {
    let next = 0;
    let failed: { error: unknown } | undefined;
    async function worker(): Promise<void> {
        while (failed === undefined && next < items.length) {
            const item = items[next++] as T;
            try {
                await step(item);
            } catch (error) {
                failed ??= { error };
            }
        }
    }
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failed !== undefined) throw failed.error;
}

/**
 * Why a member change was refused with a 400, when the reason is that the group is dynamic (one GET, only on this
 * failure path); the original error otherwise.
 */
async function explainRefusal(
    client: JumpCloudClient,
    groupId: string,
    options: CallOptions | undefined,
    resource: string,
    error: unknown,
): Promise<unknown> {
    if (!hasStatus(error, 400)) return error;
    const group = await client.userGroups.get(groupId, options).catch(() => undefined);
    const method = group?.membershipMethod;
    if (method !== "DYNAMIC_AUTOMATED" && method !== "DYNAMIC_REVIEW_REQUIRED") return error;
    const name = group?.name === undefined ? "" : ` ("${group.name}")`;
    return new DynamicGroupError(
        `${resource} cannot manage the members of user group ${groupId}${name}: it is ${method}, so its members are ` +
            "the users its memberQuery selects and JumpCloud refuses direct member changes. Change the group's " +
            'memberQuery or memberQueryExemptions instead, or set its membershipMethod to "STATIC", or remove this ' +
            "resource.",
        groupId,
        method,
        error,
    );
}

/**
 * Adds a user to a group (a user already there counts as added). A dynamic group or an unknown user fails with an
 * error saying so.
 */
export async function addMember(
    client: JumpCloudClient,
    groupId: string,
    userId: string,
    options: CallOptions | undefined,
    resource: string,
): Promise<void> {
    try {
        await client.userGroups.members.add(groupId, userId, options);
    } catch (e) {
        if (hasStatus(e, 404)) {
            throw new ObjectNotFoundError(
                `${resource}: JumpCloud has no user ${userId} or no user group ${groupId} in this organisation: ` +
                    "check the id (look users up with getUser({ email }) or getUsers()).",
                `user ${userId} for user group ${groupId}`,
                e,
            );
        }
        throw await explainRefusal(client, groupId, options, resource, e);
    }
}

/** Removes a user from a group (a user no longer there, or a group gone, counts as removed). */
export async function removeMember(
    client: JumpCloudClient,
    groupId: string,
    userId: string,
    options: CallOptions | undefined,
    resource: string,
): Promise<void> {
    try {
        await client.userGroups.members.remove(groupId, userId, options);
    } catch (e) {
        throw await explainRefusal(client, groupId, options, resource, e);
    }
}
