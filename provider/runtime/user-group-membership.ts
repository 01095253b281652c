/**
 * The UserGroupMembership runtime: the authoritative direct members of one user group.
 *
 * API calls per operation, for L live members and M declared ones (a page holds 100, so reading L members takes
 * ⌊L/100⌋ + 1 GETs): check 0, diff 0; create and update: the pages of the live members + one POST per difference
 * (M on an empty group); read: the pages; delete: M POSTs (one `remove` per member in state). Adds already done
 * and removes already undone count as done, so every step may be retried and an interrupted `up` converges on the
 * next one.
 */
import type { CallOptions } from "../client/call-options";
import { callOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { hasStatus } from "../client/errors";
import {
    memberChanges,
    membersDiffer,
    normalizeUserGroupMembershipInputs,
    projectMembershipInputs,
    replacedMembershipFields,
    toMembershipOutputs,
    type UserGroupMembershipInputs,
    type UserGroupMembershipOutputs,
    validateUserGroupMembership,
} from "../model/user-group-membership";
import { checkWith } from "../model/validation";
import { getClient } from "./context";
import { ObjectNotFoundError } from "./errors";
import { addMember, forEachLimited, liveMemberIds, MEMBER_CONCURRENCY, removeMember } from "./group-members";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";

const RESOURCE = "UserGroupMembership";

/** Validates and normalises the inputs (user ids lower-cased and sorted); no API call. */
export async function check(_olds: unknown, news: unknown): Promise<CheckResult<UserGroupMembershipInputs>> {
    return checkWith(news, validateUserGroupMembership, normalizeUserGroupMembershipInputs);
}

/** Another group or organisation replaces the resource; a different member set is an update. No API call. */
export async function diff(
    _id: string,
    olds: UserGroupMembershipOutputs,
    news: UserGroupMembershipInputs,
): Promise<DiffResult> {
    const replaces = replacedMembershipFields(olds, news);
    const changed = membersDiffer(olds.userIds, news.userIds) ? ["userIds"] : [];
    const changedFields = [...changed, ...replaces];
    // Delete first: the old and the new resource may name the same group (only orgId changed).
    return { changes: changedFields.length > 0, changedFields, replaces, deleteBeforeReplace: true };
}

/** The live member ids; a clear error when the group does not exist. */
async function membersOf(client: JumpCloudClient, groupId: string, options: CallOptions | undefined) {
    try {
        return await liveMemberIds(client, groupId, options);
    } catch (e) {
        if (!hasStatus(e, 404)) throw e;
        throw new ObjectNotFoundError(
            `${RESOURCE}: groupId ${groupId} is not a user group of this organisation: set groupId to an existing ` +
                "group's id, e.g. group.id of a UserGroup resource.",
            `user group ${groupId}`,
            e,
        );
    }
}

/** Reads the live members, then adds the missing and removes the extra ones. */
async function converge(inputs: UserGroupMembershipInputs): Promise<UserGroupMembershipOutputs> {
    const client = getClient();
    const options = callOptions(inputs.orgId);
    const live = await membersOf(client, inputs.groupId, options);
    const { add, remove } = memberChanges(live, inputs.userIds);
    await forEachLimited(add, MEMBER_CONCURRENCY, (userId) =>
        addMember(client, inputs.groupId, userId, options, RESOURCE),
    );
    await forEachLimited(remove, MEMBER_CONCURRENCY, (userId) =>
        removeMember(client, inputs.groupId, userId, options, RESOURCE),
    );
    return toMembershipOutputs(inputs.groupId, inputs.userIds, inputs.orgId);
}

/** The pages of the live members, then one POST per difference. The id is the group's id. */
export async function create(inputs: UserGroupMembershipInputs): Promise<CreateResult<UserGroupMembershipOutputs>> {
    return { id: inputs.groupId, outs: await converge(inputs) };
}

/**
 * The pages of the live members. A group that is gone gives an empty result (the engine drops the resource);
 * otherwise the live member set, as outputs and as the inputs (so a console change shows as a diff).
 */
export async function read(
    id: string,
    props?: UserGroupMembershipOutputs,
): Promise<ReadResult<UserGroupMembershipOutputs, UserGroupMembershipInputs>> {
    const groupId = props?.groupId ?? id;
    const live = await unlessGone(liveMemberIds(getClient(), groupId, callOptions(props?.orgId)));
    if (live === undefined) return {};
    const outs = toMembershipOutputs(groupId, live, props?.orgId);
    return { id, props: outs, inputs: projectMembershipInputs(outs) };
}

/** The pages of the live members, then one POST per difference (members added or removed in the console included). */
export async function update(
    _id: string,
    _olds: UserGroupMembershipOutputs,
    news: UserGroupMembershipInputs,
): Promise<UpdateResult<UserGroupMembershipOutputs>> {
    return { outs: await converge(news) };
}

/**
 * Removes the members in state, one POST each; a user no longer a member, or a group already gone, counts as
 * removed. Other members of the group are left alone.
 */
async function remove(_id: string, props: UserGroupMembershipOutputs): Promise<void> {
    const client = getClient();
    const options = callOptions(props.orgId);
    const userIds = Array.isArray(props.userIds) ? props.userIds : [];
    await forEachLimited(userIds, MEMBER_CONCURRENCY, (userId) =>
        removeMember(client, props.groupId, userId, options, RESOURCE),
    );
}

export { remove as delete };
