/**
 * The UserGroupAssociation runtime: one edge from a user group to a target (system, application, directory, ...),
 * with its attributes.
 *
 * API calls per operation: check 0, diff 0; create 1 POST `add` (when the edge already existed and the program
 * sets attributes: + the pages of that type, and 1 POST `update` only when the live attributes differ); read: the pages of the group's associations of the target's type (⌊A/100⌋ + 1
 * for A such associations; the API lists by type only); update 1 POST `update`; delete 1 POST `remove` (an edge
 * already gone counts as removed).
 */
import { callOptions } from "../client/call-options";
import { hasStatus } from "../client/errors";
import {
    associationResourceId,
    attributesChanged,
    normalizeUserGroupAssociationInputs,
    parseAssociationResourceId,
    projectAssociationInputs,
    replacedAssociationFields,
    toAssociationOutputs,
    type UserGroupAssociationInputs,
    type UserGroupAssociationOutputs,
    validateUserGroupAssociation,
} from "../model/user-group-association";
import { checkWith } from "../model/validation";
import { getClient } from "./context";
import { ObjectNotFoundError } from "./errors";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";

/** Validates and normalises the inputs; no API call. */
export async function check(_olds: unknown, news: unknown): Promise<CheckResult<UserGroupAssociationInputs>> {
    return checkWith(news, validateUserGroupAssociation, normalizeUserGroupAssociationInputs);
}

/** Another edge or organisation replaces the resource (deleting first); new attributes are an update. No call. */
export async function diff(
    _id: string,
    olds: UserGroupAssociationOutputs,
    news: UserGroupAssociationInputs,
): Promise<DiffResult> {
    const replaces = replacedAssociationFields(olds, news);
    const changedFields = [...(attributesChanged(olds, news) ? ["attributes"] : []), ...replaces];
    return { changes: changedFields.length > 0, changedFields, replaces, deleteBeforeReplace: true };
}

/**
 * One POST `add`; an existing edge is adopted. When the program sets attributes, the adopted edge's are read and set
 * with one `update` only if they differ, so adopting what is already there (an exported org's first `up`) writes
 * nothing.
 */
export async function create(inputs: UserGroupAssociationInputs): Promise<CreateResult<UserGroupAssociationOutputs>> {
    const client = getClient();
    const options = callOptions(inputs.orgId);
    const target = { type: inputs.targetType, id: inputs.targetId };
    try {
        const added = await client.userGroups.associations.add(inputs.groupId, target, {
            ...options,
            ...(inputs.attributes === undefined ? {} : { attributes: inputs.attributes }),
        });
        if (added.outcome === "already-present" && inputs.attributes !== undefined) {
            const live = await findEdge(inputs, inputs.orgId);
            if (
                live === undefined ||
                attributesChanged(live.attributes === undefined ? {} : { attributes: live.attributes }, inputs)
            ) {
                await client.userGroups.associations.update(inputs.groupId, target, inputs.attributes, options);
            }
        }
    } catch (e) {
        if (!hasStatus(e, 404)) throw e;
        throw new ObjectNotFoundError(
            `UserGroupAssociation: JumpCloud has no user group ${inputs.groupId} or no ${inputs.targetType} ` +
                `${inputs.targetId} in this organisation: check groupId, targetType and targetId.`,
            `${inputs.targetType} ${inputs.targetId} for user group ${inputs.groupId}`,
            e,
        );
    }
    const outs = toAssociationOutputs(inputs, inputs.attributes, inputs.attributes !== undefined, inputs.orgId);
    return { id: associationResourceId(inputs), outs };
}

/**
 * The pages of the group's associations of the target's type. No edge (or no group) gives an empty result: the
 * engine drops the resource and the next `up` creates it again. Attributes changed in the console show as drift
 * where the program manages them.
 */
export async function read(
    id: string,
    props?: UserGroupAssociationOutputs,
): Promise<ReadResult<UserGroupAssociationOutputs, UserGroupAssociationInputs>> {
    const edge = parseAssociationResourceId(id);
    const found = await unlessGone(findEdge(edge, props?.orgId));
    if (found === undefined) return {};
    // Without prior state (a `get`), attributes count as managed when the edge has any.
    const managed = props === undefined ? found.attributes !== undefined : props.attributesManaged === true;
    const outs = toAssociationOutputs(edge, found.attributes, managed, props?.orgId);
    return { id, props: outs, inputs: projectAssociationInputs(outs) };
}

/** The live edge, from the pages of the group's associations of its target's type; undefined when absent. */
async function findEdge(
    edge: Pick<UserGroupAssociationInputs, "groupId" | "targetType" | "targetId">,
    orgId: string | undefined,
) {
    const targetId = edge.targetId.toLowerCase();
    for await (const c of getClient().userGroups.associations.list(edge.groupId, edge.targetType, callOptions(orgId))) {
        if (c.to.id.toLowerCase() === targetId) return c;
    }
    return undefined;
}

/** One POST `update` with the new attributes (none when the program stopped setting them: they stay as they are). */
export async function update(
    _id: string,
    olds: UserGroupAssociationOutputs,
    news: UserGroupAssociationInputs,
): Promise<UpdateResult<UserGroupAssociationOutputs>> {
    if (news.attributes !== undefined) {
        const target = { type: news.targetType, id: news.targetId };
        await getClient().userGroups.associations.update(
            news.groupId,
            target,
            news.attributes,
            callOptions(news.orgId),
        );
    }
    const attributes = news.attributes ?? olds.attributes;
    return { outs: toAssociationOutputs(news, attributes, news.attributes !== undefined, news.orgId) };
}

/** One POST `remove`; an edge already gone counts as removed. */
async function remove(id: string, props: UserGroupAssociationOutputs): Promise<void> {
    const edge = parseAssociationResourceId(id);
    await getClient().userGroups.associations.remove(
        edge.groupId,
        { type: edge.targetType, id: edge.targetId },
        callOptions(props?.orgId),
    );
}

export { remove as delete };
