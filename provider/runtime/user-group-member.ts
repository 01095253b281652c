/**
 * The UserGroupMember runtime: one additive edge between a user group and a user.
 *
 * API calls per operation: check 0, diff 0; create 1 POST (an existing edge is adopted); read 1 GET (the group's
 * `membership` filtered on the user's id, one request whatever the group's size); update never happens (every
 * change replaces); delete 1 POST (an edge already gone counts as removed).
 */
import { callOptions } from "../client/call-options";
import {
    memberResourceId,
    normalizeUserGroupMemberInputs,
    parseMemberResourceId,
    replacedMemberFields,
    type UserGroupMemberInputs,
    type UserGroupMemberOutputs,
    validateUserGroupMember,
} from "../model/user-group-member";
import { checkWith } from "../model/validation";
import { getClient } from "./context";
import { addMember, removeMember } from "./group-members";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";

const RESOURCE = "UserGroupMember";

/** Validates and normalises the inputs; no API call. */
export async function check(_olds: unknown, news: unknown): Promise<CheckResult<UserGroupMemberInputs>> {
    return checkWith(news, validateUserGroupMember, normalizeUserGroupMemberInputs);
}

/** Every change names another edge: a replacement, deleting the old edge first. No API call. */
export async function diff(
    _id: string,
    olds: UserGroupMemberOutputs,
    news: UserGroupMemberInputs,
): Promise<DiffResult> {
    const replaces = replacedMemberFields(olds, news);
    return { changes: replaces.length > 0, changedFields: replaces, replaces, deleteBeforeReplace: true };
}

/** One POST `add`; a user already in the group is adopted. */
export async function create(inputs: UserGroupMemberInputs): Promise<CreateResult<UserGroupMemberOutputs>> {
    await addMember(getClient(), inputs.groupId, inputs.userId, callOptions(inputs.orgId), RESOURCE);
    return { id: memberResourceId(inputs.groupId, inputs.userId), outs: { ...inputs } };
}

/**
 * One GET: the group's membership filtered on the user. No edge (or no group) gives an empty result, so the engine
 * drops the resource and the next `up` adds the user again.
 */
export async function read(
    id: string,
    props?: UserGroupMemberOutputs,
): Promise<ReadResult<UserGroupMemberOutputs, UserGroupMemberInputs>> {
    const { groupId, userId } = parseMemberResourceId(id);
    const orgId = props?.orgId;
    const found = await unlessGone(getClient().userGroups.members.has(groupId, userId, callOptions(orgId)));
    if (found !== true) return {};
    const outs: UserGroupMemberOutputs = { groupId, userId, ...(orgId === undefined ? {} : { orgId }) };
    return { id, props: outs, inputs: { ...outs } };
}

/** Not reached (every change replaces); returns the new inputs as outputs without a call. */
export async function update(
    _id: string,
    _olds: UserGroupMemberOutputs,
    news: UserGroupMemberInputs,
): Promise<UpdateResult<UserGroupMemberOutputs>> {
    return { outs: { ...news } };
}

/** One POST `remove`; an edge already gone counts as removed. */
async function remove(id: string, props: UserGroupMemberOutputs): Promise<void> {
    const { groupId, userId } = parseMemberResourceId(id);
    await removeMember(getClient(), groupId, userId, callOptions(props?.orgId), RESOURCE);
}

export { remove as delete };
