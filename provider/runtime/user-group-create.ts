/**
 * UserGroup creation: one POST, adoption of an existing group (`adopt`), a 409 turned into an actionable error, and
 * recovery after an ambiguous failure (the POST may or may not have been committed).
 */
import { type CallOptions, filter, hasStatus, isJumpCloudError, type JumpCloudClient } from "../client";
import type { UserGroup, UserGroupBody } from "../client/types";
import {
    managedFieldsOf,
    managedFieldsOfLive,
    toApiBody,
    toOutputs,
    type UserGroupInputs,
    type UserGroupOutputs,
} from "../model/user-group";
import { canonicalText, differingFields } from "../model/user-group-canonical";
import { getClient } from "./context";
import type { CreateResult } from "./types";

/** The per-call options for a resource's `orgId` (undefined keeps the provider-wide setting). */
export function callOptions(orgId: string | undefined): CallOptions | undefined {
    return orgId === undefined ? undefined : { orgId };
}

/**
 * The group whose name equals `name` case-insensitively (JumpCloud's uniqueness rule), or undefined. The API's
 * `eq` filter is case-sensitive, so a miss is followed by a `search` lookup compared case-insensitively.
 */
export async function findGroupByName(
    client: JumpCloudClient,
    name: string,
    options?: CallOptions,
): Promise<UserGroup | undefined> {
    const wanted = name.toLowerCase();
    for (const query of [filter.eq("name", name), filter.search("name", name)]) {
        for await (const g of client.userGroups.list({ filter: query }, options)) {
            if (typeof g.name === "string" && g.name.toLowerCase() === wanted) return g;
        }
    }
    return undefined;
}

/** True when a failed call may still have been carried out by the server (no answer, or 500/502/504). */
export function isAmbiguousFailure(e: unknown): boolean {
    if (!isJumpCloudError(e)) return false;
    // No status: the connection failed or timed out after the request may have reached the server.
    return e.status === undefined || e.status === 500 || e.status === 502 || e.status === 504;
}

function quote(text: string, max = 80): string {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

function describeDifferences(desired: Record<string, unknown>, live: UserGroup, fields: readonly string[]): string {
    const liveRecord = live as unknown as Record<string, unknown>;
    const liveAttrs = (live.attributes ?? {}) as Record<string, unknown>;
    const desiredAttrs = (desired.attributes ?? {}) as Record<string, unknown>;
    return fields
        .map((f) => {
            const attr = f.startsWith("attributes.") ? f.slice(11) : undefined;
            const want = attr === undefined ? desired[f] : desiredAttrs[attr];
            const have = attr === undefined ? liveRecord[f] : liveAttrs[attr];
            return `${f} (program: ${quote(canonicalText(f, want))}, JumpCloud: ${quote(canonicalText(f, have))})`;
        })
        .join("; ");
}

async function adopt(
    client: JumpCloudClient,
    inputs: UserGroupInputs,
): Promise<CreateResult<UserGroupOutputs> | undefined> {
    const options = callOptions(inputs.orgId);
    const how = inputs.adopt!;
    let existing: UserGroup | undefined;
    if (how.by === "id") {
        try {
            existing = await client.userGroups.get(how.id!, options);
        } catch (e) {
            if (!hasStatus(e, 404)) throw e;
            throw new Error(
                `adopt.id "${how.id}": no user group with this id exists in JumpCloud — check the id, ` +
                    'use adopt: { by: "name" } to find the group by its name, or remove adopt to create a new group',
                { cause: e },
            );
        }
    } else {
        existing = await findGroupByName(client, inputs.name, options);
        // Nothing to take over: fall through to an ordinary create, so the same program works either way.
        if (existing === undefined) return undefined;
    }
    const managed = managedFieldsOf(inputs);
    const extra = { orgId: inputs.orgId, adopt: how };
    if ((how.mode ?? "verify") === "verify") {
        const body = toApiBody(inputs) as unknown as Record<string, unknown>;
        const diffs = differingFields(body, existing as unknown as Record<string, unknown>, managed);
        if (diffs.length > 0) {
            throw new Error(
                `adopt (mode "verify"): the existing user group "${existing.name}" (id ${existing.id}) differs from ` +
                    `the program in ${diffs.join(", ")}: ${describeDifferences(body, existing, diffs)}. Change the ` +
                    'program to match, or set adopt: { mode: "overwrite" } to replace these fields with the program\'s.',
            );
        }
        return { id: existing.id, outs: toOutputs(existing, managed, extra) };
    }
    const updated = await client.userGroups.replace(existing.id, toApiBody(inputs, existing), options);
    return { id: updated.id ?? existing.id, outs: toOutputs(updated, managed, extra) };
}

async function conflictError(client: JumpCloudClient, inputs: UserGroupInputs, cause: unknown): Promise<Error> {
    let existing: UserGroup | undefined;
    try {
        existing = await findGroupByName(client, inputs.name, callOptions(inputs.orgId));
    } catch {
        // The lookup only enriches the message; the conflict is the error to report.
    }
    const which = existing ? `"${existing.name}" (id ${existing.id})` : `named "${inputs.name}"`;
    return new Error(
        `A user group ${which} already exists in JumpCloud (group names are unique case-insensitively). ` +
            'To manage it with this resource, add adopt: { by: "name", mode: "verify" } (or mode: "overwrite" to ' +
            "replace its fields with the program's); otherwise choose another name.",
        { cause },
    );
}

async function recoverAfterAmbiguousFailure(
    client: JumpCloudClient,
    inputs: UserGroupInputs,
    body: UserGroupBody,
    cause: unknown,
): Promise<CreateResult<UserGroupOutputs> | undefined> {
    const what = isJumpCloudError(cause) ? cause.message : String(cause);
    const found = await findGroupByName(client, inputs.name, callOptions(inputs.orgId));
    // None: the server did not act on the request, and the caller may send it again.
    if (found === undefined) return undefined;
    const bodyRecord = body as unknown as Record<string, unknown>;
    // "Exactly what was sent": every field either side has, so a look-alike with extra fields is not taken.
    const fields = [...new Set([...managedFieldsOf(body as UserGroupInputs), ...managedFieldsOfLive(found)])];
    const diffs = differingFields(bodyRecord, found as unknown as Record<string, unknown>, fields);
    if (diffs.length > 0) {
        throw new Error(
            `Creating user group "${inputs.name}" failed (${what}); a group with this name exists (id ${found.id}) ` +
                `but differs from what was sent in ${diffs.join(", ")}, so it was not created by this request. ` +
                'Adopt it with adopt: { by: "name", mode: "verify" | "overwrite" }, or choose another name.',
            { cause },
        );
    }
    return {
        id: found.id,
        outs: toOutputs(found, managedFieldsOf(inputs), { orgId: inputs.orgId, adopt: inputs.adopt }),
    };
}

/**
 * Creates the group: adopts it when `adopt` says so (by name: falls back to a create when none exists), otherwise
 * one POST. A 409 becomes an error naming the existing group and the adopt option; an ambiguous failure is
 * resolved by looking the name up and taking the group only if it is exactly what was sent.
 */
/**
 * How many POSTs one create may send. A POST is sent again only after an ambiguous failure whose lookup found no
 * group of that name, i.e. when the server certainly did not create it. @default 3
 */
export const MAX_CREATE_ATTEMPTS = 3;

export async function createUserGroup(inputs: UserGroupInputs): Promise<CreateResult<UserGroupOutputs>> {
    const client = getClient();
    if (inputs.adopt !== undefined) {
        const adopted = await adopt(client, inputs);
        if (adopted !== undefined) return adopted;
    }
    const body = toApiBody(inputs);
    for (let attempt = 1; ; attempt++) {
        let created: UserGroup | undefined;
        try {
            created = await client.userGroups.create(body, callOptions(inputs.orgId));
        } catch (e) {
            if (hasStatus(e, 409)) {
                // After an earlier ambiguous attempt, the conflicting group may be that attempt landing late.
                const late = attempt > 1 ? await recoverAfterAmbiguousFailure(client, inputs, body, e) : undefined;
                if (late !== undefined) return late;
                throw await conflictError(client, inputs, e);
            }
            if (!isAmbiguousFailure(e)) throw e;
            const recovered = await recoverAfterAmbiguousFailure(client, inputs, body, e);
            if (recovered !== undefined) return recovered;
            if (attempt >= MAX_CREATE_ATTEMPTS) {
                const what = isJumpCloudError(e) ? e.message : String(e);
                throw new Error(
                    `Creating user group "${inputs.name}" failed ${attempt} times (last: ${what}) and no group of ` +
                        "that name exists, so the create did not take effect: run the update again.",
                    { cause: e },
                );
            }
            // No group of that name exists, so the server did not act: sending again cannot duplicate it (names
            // are unique, so a first POST that lands late turns this one into a 409, handled above).
        }
        if (created !== undefined) {
            return {
                id: created.id,
                outs: toOutputs(created, managedFieldsOf(inputs), { orgId: inputs.orgId, adopt: inputs.adopt }),
            };
        }
    }
}
