/**
 * UserGroup creation: one POST, adoption of an existing group (`adopt`), a 409 turned into an actionable error, and
 * recovery after an ambiguous failure (the POST may or may not have been committed).
 */
import { callOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { hasStatus, isJumpCloudError, type JumpCloudError } from "../client/errors";
import type { ApiUserGroup, ApiUserGroupBody } from "../client/types";
import { pick } from "../model/plain-objects";
import {
    type AdoptOptions,
    type GroupFields,
    managedFieldsOf,
    observesMembers,
    programOnly,
    toApiBody,
    toOutputs,
    type UserGroupInputs,
    type UserGroupOutputs,
} from "../model/user-group";
import { canonicalText, differingFields, managedValue } from "../model/user-group-canonical";
import { getClient, getSettings } from "./context";
import { AdoptMismatchError, NameTakenError, ObjectNotFoundError } from "./errors";
import type { CreateResult } from "./types";
import { observeMembers } from "./user-group-observe";

function quote(text: string, max = 80): string {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

function describeDifferences(desired: GroupFields, live: ApiUserGroup, fields: readonly string[]): string {
    return fields
        .map((f) => {
            const want = quote(canonicalText(f, managedValue(desired, f)));
            const have = quote(canonicalText(f, managedValue(live, f)));
            return `${f} (program: ${want}, JumpCloud: ${have})`;
        })
        .join("; ");
}

/** The group `adopt` names: by id (an error when there is none), or by name (undefined when there is none). */
async function adoptionTarget(
    client: JumpCloudClient,
    inputs: UserGroupInputs,
    how: AdoptOptions,
): Promise<ApiUserGroup | undefined> {
    const options = callOptions(inputs.orgId);
    if (how.by === "name") return client.userGroups.findByName(inputs.name, options);
    try {
        return await client.userGroups.get(how.id, options);
    } catch (e) {
        if (!hasStatus(e, 404)) throw e;
        throw new ObjectNotFoundError(
            `adopt.id "${how.id}": no user group with this id exists in JumpCloud — check the id, ` +
                'use adopt: { by: "name" } to find the group by its name, or remove adopt to create a new group',
            `user group ${how.id}`,
            e,
        );
    }
}

/**
 * Takes over the group `how` names: "verify" only when it matches the program (no write), "overwrite" by a PUT of
 * the desired state. Undefined when adopting by name finds no group: the caller creates one, so the same program
 * works either way.
 */
async function adopt(
    client: JumpCloudClient,
    inputs: UserGroupInputs,
    how: AdoptOptions,
): Promise<CreateResult<UserGroupOutputs> | undefined> {
    const existing = await adoptionTarget(client, inputs, how);
    if (existing === undefined) return undefined;
    const managed = managedFieldsOf(inputs);
    const extra = { ...programOnly(inputs), adopt: how };
    if ((how.mode ?? "verify") === "verify") {
        const body = toApiBody(inputs);
        const diffs = differingFields(body, existing, managed);
        if (diffs.length > 0) {
            throw new AdoptMismatchError(
                `adopt (mode "verify"): the existing user group "${existing.name}" (id ${existing.id}) differs from ` +
                    `the program in ${diffs.join(", ")}: ${describeDifferences(body, existing, diffs)}. Change the ` +
                    'program to match, or set adopt: { mode: "overwrite" } to replace these fields with the program\'s.',
                existing.id,
                diffs,
            );
        }
        return { id: existing.id, outs: toOutputs(existing, managed, extra) };
    }
    const updated = await client.userGroups.replace(
        existing.id,
        toApiBody(inputs, existing),
        callOptions(inputs.orgId),
    );
    return { id: updated.id ?? existing.id, outs: toOutputs(updated, managed, extra) };
}

async function conflictError(client: JumpCloudClient, inputs: UserGroupInputs, cause: unknown): Promise<Error> {
    let existing: ApiUserGroup | undefined;
    try {
        existing = await client.userGroups.findByName(inputs.name, callOptions(inputs.orgId));
    } catch {
        // The lookup only enriches the message; the conflict is the error to report.
    }
    const which = existing ? `"${existing.name}" (id ${existing.id})` : `named "${inputs.name}"`;
    return new NameTakenError(
        `A user group ${which} already exists in JumpCloud (group names are unique case-insensitively). ` +
            'To manage it with this resource, add adopt: { by: "name", mode: "verify" } (or mode: "overwrite" to ' +
            "replace its fields with the program's); otherwise choose another name.",
        inputs.name,
        existing?.id,
        cause,
    );
}

/**
 * After a POST that may have been applied: the group that POST created, if a group of that name exists and is
 * exactly what was sent; undefined when no group of that name exists (so the POST had no effect). A group of that
 * name that differs is someone else's: an error saying how to adopt it.
 */
/** The fields in which a live group differs from a body: every field either side has, so a look-alike with extra fields is not exact. */
function inexactFields(body: ApiUserGroupBody, found: ApiUserGroup): string[] {
    const fields = [...new Set([...managedFieldsOf(body), ...managedFieldsOf(found)])];
    return differingFields(body, found, fields);
}

async function findCreated(
    client: JumpCloudClient,
    inputs: UserGroupInputs,
    body: ApiUserGroupBody,
    cause: JumpCloudError,
): Promise<ApiUserGroup | undefined> {
    const found = await client.userGroups.findByName(inputs.name, callOptions(inputs.orgId));
    if (found === undefined) return undefined;
    const diffs = inexactFields(body, found);
    if (diffs.length > 0) {
        throw new NameTakenError(
            `Creating user group "${inputs.name}" failed (${cause.message}); a group with this name exists (id ${found.id}) ` +
                `but differs from what was sent in ${diffs.join(", ")}, so it was not created by this request. ` +
                'Adopt it with adopt: { by: "name", mode: "verify" | "overwrite" }, or choose another name.',
            inputs.name,
            found.id,
            cause,
        );
    }
    return found;
}

/**
 * Creates the group: adopts it when `adopt` says so (by name: falls back to a create when none exists), otherwise
 * one POST. A POST that may have been applied is resolved by looking the name up and taking the group only if it is
 * exactly what was sent; when no group of that name exists the POST is sent again with the client's backoff (names
 * are unique, so an earlier POST landing late turns a later one into a 409, resolved the same way). A 409 otherwise
 * becomes an error naming the existing group and the adopt option, unless `jumpcloud:adoptExactMatches` is set and
 * the existing group is exactly what the program declares: then it is adopted (no write).
 */
export async function create(inputs: UserGroupInputs): Promise<CreateResult<UserGroupOutputs>> {
    const client = getClient();
    const result = await createOrAdopt(client, inputs);
    if (!observesMembers(inputs) || result.outs === undefined) return result;
    // With observeMembers (or applySuggestions) the outputs hold the members as of now; no suggestion is approved
    // here: approval waits for a refresh to show it.
    const group = { id: result.id, ...pick(result.outs, ["membershipMethod"]) };
    const observed = await observeMembers(client, group, callOptions(inputs.orgId));
    return { id: result.id, outs: { ...result.outs, ...observed } };
}

/** The group created, or adopted, without observing its members. */
async function createOrAdopt(
    client: JumpCloudClient,
    inputs: UserGroupInputs,
): Promise<CreateResult<UserGroupOutputs>> {
    if (inputs.adopt !== undefined) {
        const adopted = await adopt(client, inputs, inputs.adopt);
        if (adopted !== undefined) return adopted;
    }
    const body = toApiBody(inputs);
    const options = callOptions(inputs.orgId);
    let created: ApiUserGroup;
    try {
        created = await client.createAtMostOnce({
            send: () => client.userGroups.create(body, options),
            findApplied: (failure) => findCreated(client, inputs, body, failure),
        });
    } catch (e) {
        if (hasStatus(e, 409)) {
            const exact = getSettings().adoptExactMatches ? await exactMatch(client, inputs, body) : undefined;
            if (exact === undefined) throw await conflictError(client, inputs, e);
            created = exact;
        } else {
            throw failedCreate(inputs, e);
        }
    }
    return {
        id: created.id,
        outs: toOutputs(created, managedFieldsOf(inputs), programOnly(inputs)),
    };
}

/**
 * With `jumpcloud:adoptExactMatches`: the group holding the name, when it is exactly what the program declares
 * (as after a run that created it and was killed before its state was saved); otherwise undefined.
 */
async function exactMatch(
    client: JumpCloudClient,
    inputs: UserGroupInputs,
    body: ApiUserGroupBody,
): Promise<ApiUserGroup | undefined> {
    const found = await client.userGroups.findByName(inputs.name, callOptions(inputs.orgId));
    return found !== undefined && inexactFields(body, found).length === 0 ? found : undefined;
}

/** The error to report for a create that failed otherwise than by a 409. */
function failedCreate(inputs: UserGroupInputs, e: unknown): unknown {
    if (isJumpCloudError(e) && e.mayHaveBeenApplied) {
        return new Error(
            `Creating user group "${inputs.name}" failed on every attempt (last: ${e.message}) and no group of ` +
                "that name exists, so the create did not take effect: run the update again.",
            { cause: e },
        );
    }
    return e;
}
