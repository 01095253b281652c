/**
 * The UserGroupAssociation runtime: one edge from a user group to a target (system, application, directory, ...),
 * with its attributes.
 *
 * API calls per operation: check 0, diff 0; create 1 POST `add` (+ 1 POST `update` when the edge already existed
 * and the program sets attributes); read: the pages of the group's associations of the target's type (⌊A/100⌋ + 1
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

/** One POST `add`; an existing edge is adopted, and its attributes set with one `update` when the program sets them. */
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
            await client.userGroups.associations.update(inputs.groupId, target, inputs.attributes, options);
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
    const client = getClient();
    const found = await unlessGone(
        (async () => {
            for await (const c of client.userGroups.associations.list(
                edge.groupId,
                edge.targetType,
                callOptions(props?.orgId),
            )) {
                if (c.to.id.toLowerCase() === edge.targetId) return c;
            }
            return undefined;
        })(),
    );
    if (found === undefined) return {};
    // Without prior state (a `get`), attributes count as managed when the edge has any.
    const managed = props === undefined ? found.attributes !== undefined : props.attributesManaged === true;
    const outs = toAssociationOutputs(edge, found.attributes, managed, props?.orgId);
    return { id, props: outs, inputs: projectAssociationInputs(outs) };
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
