/**
 * The WorkdayInstance runtime: the per-organisation Workday import instance (a singleton named "Workday Import").
 *
 * API calls per operation: check 0, diff 0; create 1 (POST), or when adopting 3-4 (GET list, PUT if the report URL
 * differs, DELETE + POST `/auth`) plus a GET for the final status; read 1 (GET); update 1 (PUT) for a new report
 * URL, 3 (DELETE + POST `/auth`, GET) for new or invalid credentials; delete 1 (DELETE `/auth`): the API cannot
 * delete the instance, so it is deauthorised and forgotten.
 */
import { callOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { hasStatus, isJumpCloudError } from "../client/errors";
import { collect } from "../client/pagination";
import type { ApiWorkday } from "../client/types";
import { checkWith, isUnknown } from "../model/validation";
import {
    changedWorkdayFields,
    credentialFingerprint,
    normalizeWorkdayInstanceInputs,
    projectWorkdayInputs,
    toWorkdayOutputs,
    validateWorkdayInstance,
    WORKDAY_NAME,
    type WorkdayInstanceInputs,
    type WorkdayInstanceOutputs,
    workdayChanges,
} from "../model/workday-instance";
import { getClient } from "./context";
import { NameTakenError } from "./errors";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";

/** Validates and normalises the inputs; no API call. */
export async function check(_olds: unknown, news: unknown): Promise<CheckResult<WorkdayInstanceInputs>> {
    return checkWith(news, validateWorkdayInstance, normalizeWorkdayInstanceInputs);
}

/**
 * A new `orgId` replaces the resource; a new report URL, new credentials (by fingerprint) or credentials the API
 * reports invalid are an update. `adopt` alone changes nothing. No API call.
 */
export async function diff(
    _id: string,
    olds: WorkdayInstanceOutputs,
    news: WorkdayInstanceInputs,
): Promise<DiffResult> {
    const orgChanged = isUnknown(news.orgId) || (olds.orgId ?? undefined) !== (news.orgId ?? undefined);
    const replaces = orgChanged ? ["orgId"] : [];
    const changed = changedWorkdayFields(olds, news);
    return {
        changes: changed.length > 0 || orgChanged,
        changedFields: [...changed, ...replaces],
        replaces,
        deleteBeforeReplace: true,
    };
}

/** Replaces whatever credentials the instance has with the program's: DELETE then POST `/auth`. */
async function reauthorize(client: JumpCloudClient, id: string, inputs: WorkdayInstanceInputs): Promise<void> {
    const options = callOptions(inputs.orgId);
    // Nothing to remove is fine: the POST below sets the credentials either way.
    await unlessGone(client.workdays.deauthorize(id, options));
    await client.workdays.authorize(
        id,
        { auth: { basic: { username: inputs.username, password: inputs.password } } },
        options,
    );
}

async function existingInstance(client: JumpCloudClient, orgId: string | undefined): Promise<ApiWorkday | undefined> {
    const all = await collect(client.workdays.list(undefined, callOptions(orgId)));
    return all[0];
}

/** Takes over `existing`: its report URL set, its credentials replaced by the program's. */
async function adoptInstance(
    client: JumpCloudClient,
    existing: ApiWorkday,
    inputs: WorkdayInstanceInputs,
): Promise<{ id: string; outs: WorkdayInstanceOutputs }> {
    const options = callOptions(inputs.orgId);
    if (existing.reportUrl !== inputs.reportUrl) {
        await client.workdays.update(existing.id, { name: WORKDAY_NAME, reportUrl: inputs.reportUrl }, options);
    }
    await reauthorize(client, existing.id, inputs);
    const live = await client.workdays.get(existing.id, options);
    return {
        id: live.id ?? existing.id,
        outs: toWorkdayOutputs(live, {
            adopt: inputs.adopt,
            adopted: true,
            orgId: inputs.orgId,
            credentialFingerprint: credentialFingerprint(inputs.username, inputs.password),
        }),
    };
}

function describeExisting(w: ApiWorkday): string {
    return `id ${w.id}${w.reportUrl ? `, report URL ${w.reportUrl}` : ""}`;
}

/**
 * With `adopt`, takes the existing instance if there is one; otherwise one POST with the credentials. A 409 (the
 * one-instance rule) becomes an error naming the existing instance and `adopt: true`.
 *
 * After a POST that may have been applied, the instance is looked up: the API allows one per organisation, so one
 * with the report URL that was sent is the one this POST created (its credentials are then set again, since they
 * cannot be read back), and with `adopt` any instance is taken. When there is none, the POST had no effect and is
 * sent again with the client's backoff: a fault that left the API unchanged never fails the resource.
 */
export async function create(inputs: WorkdayInstanceInputs): Promise<CreateResult<WorkdayInstanceOutputs>> {
    const client = getClient();
    const options = callOptions(inputs.orgId);
    if (inputs.adopt) {
        const existing = await existingInstance(client, inputs.orgId);
        if (existing) return adoptInstance(client, existing, inputs);
    }
    let recovered: ApiWorkday | undefined;
    let created: ApiWorkday;
    try {
        created = await client.createAtMostOnce({
            send: () =>
                client.workdays.create(
                    {
                        name: inputs.name,
                        reportUrl: inputs.reportUrl,
                        auth: { basic: { username: inputs.username, password: inputs.password } },
                    },
                    options,
                ),
            findApplied: async () => {
                const existing = await existingInstance(client, inputs.orgId);
                // Another report URL: not created by this POST; the 409 below names it and the adopt option.
                if (existing !== undefined && (inputs.adopt || existing.reportUrl === inputs.reportUrl)) {
                    recovered = existing;
                }
                return recovered;
            },
        });
    } catch (e) {
        if (hasStatus(e, 409) || (isJumpCloudError(e) && e.mayHaveBeenApplied)) {
            const existing = await existingInstance(client, inputs.orgId).catch(() => undefined);
            if (existing === undefined) throw e;
            throw new NameTakenError(
                `A Workday instance already exists in this organisation (${describeExisting(existing)}) ` +
                    "and JumpCloud allows only one. Set `adopt: true` on this WorkdayInstance to take it over " +
                    "(its report URL and credentials are replaced by the program's), or remove the other one in the console.",
                WORKDAY_NAME,
                existing.id,
                e,
            );
        }
        throw e;
    }
    if (recovered !== undefined) {
        const adopted = await adoptInstance(client, recovered, inputs);
        // Ours unless it has another report URL (taken because of `adopt`).
        return { id: adopted.id, outs: { ...adopted.outs, adopted: recovered.reportUrl !== inputs.reportUrl } };
    }
    return {
        id: created.id,
        outs: toWorkdayOutputs(created, {
            adopt: inputs.adopt,
            adopted: false,
            orgId: inputs.orgId,
            credentialFingerprint: credentialFingerprint(inputs.username, inputs.password),
        }),
    };
}

/**
 * One GET; a missing instance gives an empty result. The live report URL and credential validity go into both the
 * outputs and the projected inputs, so a change in the console shows as drift.
 */
export async function read(
    id: string,
    props?: WorkdayInstanceOutputs,
): Promise<ReadResult<WorkdayInstanceOutputs, Partial<WorkdayInstanceInputs>>> {
    const old: Partial<WorkdayInstanceOutputs> = props ?? {};
    const live = await unlessGone(getClient().workdays.get(id, callOptions(old.orgId)));
    if (live === undefined) return {};
    return {
        id: live.id ?? id,
        props: toWorkdayOutputs(live, {
            adopt: old.adopt ?? false,
            adopted: old.adopted ?? false,
            orgId: old.orgId,
            credentialFingerprint: old.credentialFingerprint ?? "",
        }),
        inputs: projectWorkdayInputs(live, old),
    };
}

/** PUT for a new report URL; DELETE + POST `/auth` (then a GET for the status) for new or invalid credentials. */
export async function update(
    id: string,
    olds: WorkdayInstanceOutputs,
    news: WorkdayInstanceInputs,
): Promise<UpdateResult<WorkdayInstanceOutputs>> {
    const client = getClient();
    const options = callOptions(news.orgId);
    const changes = workdayChanges(olds, news);
    let live: ApiWorkday | undefined;
    let fingerprint = olds.credentialFingerprint;
    if (changes.credentials) {
        await reauthorize(client, id, news);
        fingerprint = credentialFingerprint(news.username, news.password);
    }
    // The PUT answers with the whole instance, auth status included, so it doubles as the final read.
    if (changes.reportUrl)
        live = await client.workdays.update(id, { name: WORKDAY_NAME, reportUrl: news.reportUrl }, options);
    live ??= await client.workdays.get(id, options);
    return {
        outs: toWorkdayOutputs(live, {
            adopt: news.adopt,
            adopted: olds.adopted ?? false,
            orgId: news.orgId,
            credentialFingerprint: fingerprint,
        }),
    };
}

/** DELETE `/auth`, then forget: the API has no DELETE for the instance. An instance already gone is fine. */
export async function remove(id: string, props: WorkdayInstanceOutputs): Promise<void> {
    await unlessGone(getClient().workdays.deauthorize(id, callOptions(props?.orgId)));
}

export { remove as delete };
