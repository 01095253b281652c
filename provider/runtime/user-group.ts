/**
 * The UserGroup runtime: check, diff, create (user-group-create.ts), read, update and delete over plain data, as the
 * module's exports; the Pulumi layer's provider object delegates each method here.
 *
 * API calls per operation: check 0, diff 0, create 1 (POST), read 1 (GET), update 2 (GET + full PUT), delete 1
 * (DELETE).
 */
import { callOptions } from "../client/call-options";
import { hasStatus } from "../client/errors";
import type { ApiUserGroup } from "../client/types";
import type { UserGroupInputs, UserGroupOutputs } from "../model/user-group";
import { managedFieldsOf, toApiBody, toOutputs } from "../model/user-group";
import { differingFields } from "../model/user-group-canonical";
import { projectInputs, type ReadInputs } from "../model/user-group-projection";
import { normalizeUserGroupInputs, validateUserGroup } from "../model/user-group-validation";
import { checkWith, isUnknown } from "../model/validation";
import { getClient } from "./context";
import { NameTakenError } from "./errors";
import type { CheckResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";

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
 * Compares canonical forms on managed fields only. A changed `orgId` replaces the group (it moves to another
 * organisation); everything else, a rename included, is an update. `adopt` alone never causes a change.
 */
export async function diff(_id: string, olds: UserGroupOutputs, news: UserGroupInputs): Promise<DiffResult> {
    const changed = changedFields(olds, news);
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
 * One GET. A group that is gone gives an empty result (the engine drops it). Otherwise the outputs as JumpCloud
 * reports them, and the live values projected onto the managed fields as inputs.
 */
export async function read(id: string, props?: UserGroupOutputs): Promise<ReadResult<UserGroupOutputs, ReadInputs>> {
    const old: Partial<UserGroupOutputs> = props ?? {};
    const live = await unlessGone(getClient().userGroups.read(id, callOptions(old.orgId)));
    if (live === undefined) return {};
    // Without prior state (e.g. a `get`), every field the group has counts as managed.
    const managed = Array.isArray(old.managedFields) ? old.managedFields : managedFieldsOf(live);
    const extra = { orgId: old.orgId, adopt: old.adopt };
    return {
        id: live.id ?? id,
        props: toOutputs(live, managed, extra),
        inputs: projectInputs(live, managed, old, extra),
    };
}

/**
 * GET the live group, overlay the managed fields (clearing the ones the program dropped), PUT the whole object.
 * Unmanaged fields, such as attribute keys added in the console, survive.
 */
export async function update(
    id: string,
    olds: UserGroupOutputs,
    news: UserGroupInputs,
): Promise<UpdateResult<UserGroupOutputs>> {
    const client = getClient();
    const options = callOptions(news.orgId);
    const live = await client.userGroups.get(id, options);
    const body = toApiBody(news, live, previouslyManaged(olds));
    let updated: ApiUserGroup;
    try {
        updated = await client.userGroups.replace(id, body, options);
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
    return { outs: toOutputs(updated, managedFieldsOf(news), { orgId: news.orgId, adopt: news.adopt }) };
}

/** One DELETE; a group that is already gone counts as deleted. */
async function remove(id: string, props: UserGroupOutputs): Promise<void> {
    await unlessGone(getClient().userGroups.delete(id, callOptions(props?.orgId)));
}

export { remove as delete };
