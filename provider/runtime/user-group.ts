/**
 * The UserGroup runtime: check, diff, create (user-group-create.ts), read, update and delete over plain data, as the
 * module's exports; the Pulumi layer's provider object delegates each method here.
 *
 * API calls per operation: check 0, diff 0, create 1 (POST), read 1 (GET), update 2 (GET + full PUT), delete 1
 * (DELETE). With `observeMembers` (or `applySuggestions`), create, read and update also list the member pages and,
 * for a review-required group, the suggestion pages (user-group-observe.ts). An update that changes only
 * `observeMembers`/`applySuggestions` makes no PUT; approving suggestions adds one POST (and a GET when no PUT
 * follows, for the group's new `suggestionCounts`).
 */
import { callOptions } from "../client/call-options";
import { hasStatus } from "../client/errors";
import type { ApiUserGroup } from "../client/types";
import type { UserGroupInputs, UserGroupOutputs } from "../model/user-group";
import {
    approvalSummary,
    hasPending,
    managedFieldsOf,
    OBSERVATION_FLAGS,
    observesMembers,
    programOnly,
    toApiBody,
    toOutputs,
} from "../model/user-group";
import { differingFields } from "../model/user-group-canonical";
import { projectInputs, type ReadInputs } from "../model/user-group-projection";
import { normalizeUserGroupInputs, validateUserGroup } from "../model/user-group-validation";
import { checkWith, isUnknown } from "../model/validation";
import { getClient } from "./context";
import { NameTakenError } from "./errors";
import type { CheckResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";
import { approveSuggestions, observeMembers } from "./user-group-observe";

export { create } from "./user-group-create";

/** Outputs that never change once the group exists. */
const STABLES = ["type", "organizationObjectId"];

/** Validates and normalises the inputs; no API call. */
export async function check(_olds: unknown, news: unknown): Promise<CheckResult<UserGroupInputs>> {
    return checkWith(news, validateUserGroup, normalizeUserGroupInputs);
}

/** The managed fields of the last known outputs (none recorded: nothing was managed before). */
function previouslyManaged(olds: Partial<UserGroupOutputs>): string[] {
    return Array.isArray(olds.managedFields) ? olds.managedFields : [];
}

/**
 * The managed fields that differ between the desired inputs and the last known outputs, in canonical form: the
 * fields the program sets now plus those it set before (dropping a field clears it). No API call.
 */
function changedFields(olds: UserGroupOutputs, news: UserGroupInputs): string[] {
    const managed = [...new Set([...managedFieldsOf(news), ...previouslyManaged(olds)])];
    return differingFields(news, olds, managed);
}

/**
 * `observeMembers` and `applySuggestions` that differ from what the outputs recorded: an update records them, since
 * a refresh reads its settings from the outputs. Unset counts as false.
 */
function changedFlags(olds: Partial<UserGroupOutputs>, news: UserGroupInputs): string[] {
    return OBSERVATION_FLAGS.filter((f) => isUnknown(news[f]) || (olds[f] === true) !== (news[f] === true));
}

/** True when the update approves suggestions: the program asks for it and the last refresh found some pending. */
function approves(olds: Partial<UserGroupOutputs>, news: UserGroupInputs): boolean {
    return (
        news.applySuggestions === true && olds.suggestionsToApprove !== undefined && hasPending(olds.pendingSuggestions)
    );
}

/**
 * Compares canonical forms on managed fields only. A changed `orgId` replaces the group (it moves to another
 * organisation); everything else, a rename included, is an update. `adopt` alone never causes a change.
 * `observeMembers` or `applySuggestions` changed is an update that only records them (no write to the API); with
 * `applySuggestions`, suggestions a refresh found pending are a change in `suggestionsToApprove`.
 */
export async function diff(_id: string, olds: UserGroupOutputs, news: UserGroupInputs): Promise<DiffResult> {
    const changed = [
        ...changedFields(olds, news),
        ...changedFlags(olds, news),
        ...(approves(olds, news) ? ["suggestionsToApprove"] : []),
    ];
    const orgChanged = isUnknown(news.orgId) || (olds.orgId ?? undefined) !== (news.orgId ?? undefined);
    const replaces = orgChanged ? ["orgId"] : [];
    return {
        changes: changed.length > 0 || orgChanged,
        changedFields: [...changed, ...replaces],
        replaces,
        stables: orgChanged ? [] : STABLES,
        deleteBeforeReplace: false,
    };
}

/**
 * One GET (or a share of a listing: batched refresh). A group that is gone gives an empty result (the engine drops
 * it). Otherwise the outputs as JumpCloud reports them, and the live values projected onto the managed fields as
 * inputs. With `observeMembers` (or `applySuggestions`) recorded in the outputs, also the member pages and, for a
 * review-required group, the suggestion pages; with `applySuggestions` and suggestions pending, the inputs and
 * outputs carry `suggestionsToApprove`, which the program never sets: the preview shows the approval as its removal.
 */
export async function read(id: string, props?: UserGroupOutputs): Promise<ReadResult<UserGroupOutputs, ReadInputs>> {
    const old: Partial<UserGroupOutputs> = props ?? {};
    const client = getClient();
    const options = callOptions(old.orgId);
    const live = await unlessGone(client.userGroups.read(id, options));
    if (live === undefined) return {};
    // Without prior state (e.g. a `get`), every field the group has counts as managed.
    const managed = Array.isArray(old.managedFields) ? old.managedFields : managedFieldsOf(live);
    const extra = programOnly(old);
    let observed: Awaited<ReturnType<typeof observeMembers>> | undefined;
    if (observesMembers(old)) {
        observed = await unlessGone(observeMembers(client, live, options));
        if (observed === undefined) return {};
    }
    const outputs = toOutputs(live, managed, extra, observed);
    if (old.applySuggestions === true && hasPending(observed?.pendingSuggestions)) {
        outputs.suggestionsToApprove = approvalSummary(observed.pendingSuggestions);
    }
    return {
        id: live.id ?? id,
        props: outputs,
        inputs: projectInputs(live, managed, old, extra, observed),
    };
}

/**
 * GET the live group, overlay the managed fields (clearing the ones the program dropped), PUT the whole object.
 * Unmanaged fields, such as attribute keys added in the console, survive. With `applySuggestions`, first approve
 * the suggestions the last refresh showed (one POST); when no group field changed there is no PUT (then a GET after
 * an approval, for the new `suggestionCounts`). With `observeMembers` (or `applySuggestions`), the members are
 * observed last, so the outputs show the approval's result.
 */
export async function update(
    id: string,
    olds: UserGroupOutputs,
    news: UserGroupInputs,
): Promise<UpdateResult<UserGroupOutputs>> {
    const client = getClient();
    const options = callOptions(news.orgId);
    const live = await client.userGroups.get(id, options);
    const approved = approves(olds, news) ? olds.pendingSuggestions : undefined;
    if (approved !== undefined) await approveSuggestions(client, id, approved, options);
    let group: ApiUserGroup;
    if (changedFields(olds, news).length > 0) group = await replaceGroup(id, olds, news, live);
    else group = approved !== undefined ? await client.userGroups.get(id, options) : live;
    const observed = observesMembers(news) ? await observeMembers(client, group, options) : undefined;
    return { outs: toOutputs(group, managedFieldsOf(news), programOnly(news), observed) };
}

/** The full PUT of an update, a rename onto a taken name turned into an error naming the group that holds it. */
async function replaceGroup(
    id: string,
    olds: UserGroupOutputs,
    news: UserGroupInputs,
    live: ApiUserGroup,
): Promise<ApiUserGroup> {
    const client = getClient();
    const options = callOptions(news.orgId);
    const body = toApiBody(news, live, previouslyManaged(olds));
    try {
        return await client.userGroups.replace(id, body, options);
    } catch (e) {
        if (!hasStatus(e, 409)) throw e;
        // A rename onto a taken name: say which group holds it.
        const holder = await client.userGroups.findByName(news.name, options).catch(() => undefined);
        throw new NameTakenError(
            `Cannot rename user group ${id} to "${news.name}": ${holder ? `group ${holder.id} ("${holder.name}")` : "another group"} ` +
                "already has this name (names are unique case-insensitively) — choose another name.",
            news.name,
            holder?.id,
            e,
        );
    }
}

/** One DELETE; a group that is already gone counts as deleted. */
async function remove(id: string, props: UserGroupOutputs): Promise<void> {
    await unlessGone(getClient().userGroups.delete(id, callOptions(props?.orgId)));
}

export { remove as delete };
