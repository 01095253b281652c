/**
 * The UserPushEndpoint runtime: adopts a user's enrolled push device (the API cannot create one) and manages its
 * name and state.
 *
 * API calls per operation: check 0, diff 0; create 1 (GET) plus 1 PATCH when the device differs; read 1 (GET);
 * update 1 (PATCH); delete 1 (DELETE; a device already gone counts as deleted).
 */
import { callOptions } from "../client/call-options";
import { hasStatus } from "../client/errors";
import type { ApiPushEndpoint } from "../client/types";
import {
    changedPushEndpointFields,
    managedPushEndpointFields,
    normalizePushEndpointInputs,
    type PushEndpointInputs,
    type PushEndpointOutputs,
    parsePushEndpointResourceId,
    patchFor,
    projectPushEndpointInputs,
    pushEndpointResourceId,
    replacedPushEndpointFields,
    toPushEndpointOutputs,
    validatePushEndpoint,
} from "../model/push-endpoint";
import { checkWith } from "../model/validation";
import { getClient } from "./context";
import { ObjectNotFoundError } from "./errors";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";

/** Validates and normalises the inputs; no API call. */
export async function check(_olds: unknown, news: unknown): Promise<CheckResult<PushEndpointInputs>> {
    return checkWith(news, validatePushEndpoint, normalizePushEndpointInputs);
}

/** Another device, user or organisation replaces the resource; a new name or state is an update. No API call. */
export async function diff(_id: string, olds: PushEndpointOutputs, news: PushEndpointInputs): Promise<DiffResult> {
    const replaces = replacedPushEndpointFields(olds, news);
    const changed = changedPushEndpointFields(olds, news);
    return {
        changes: replaces.length > 0 || changed.length > 0,
        changedFields: [...changed, ...replaces],
        replaces,
        deleteBeforeReplace: true,
    };
}

/** GETs the enrolled device (a clear error when it does not exist), then PATCHes what differs. */
export async function create(inputs: PushEndpointInputs): Promise<CreateResult<PushEndpointOutputs>> {
    const client = getClient();
    const options = callOptions(inputs.orgId);
    let live: ApiPushEndpoint;
    try {
        live = await client.pushEndpoints.get(inputs.userId, inputs.pushEndpointId, options);
    } catch (e) {
        if (!hasStatus(e, 404)) throw e;
        throw new ObjectNotFoundError(
            `User ${inputs.userId} has no push endpoint "${inputs.pushEndpointId}": the API cannot create one (devices ` +
                "enrol through the JumpCloud Protect app). List the user's devices with getUserPushEndpoints({ userId }) " +
                "and set pushEndpointId to one of their ids.",
            `push endpoint ${inputs.pushEndpointId} of user ${inputs.userId}`,
            e,
        );
    }
    const patch = patchFor(inputs, live);
    if (Object.keys(patch).length > 0) {
        live = await client.pushEndpoints.update(inputs.userId, inputs.pushEndpointId, patch, options);
    }
    const ids = { userId: inputs.userId, pushEndpointId: inputs.pushEndpointId, orgId: inputs.orgId };
    return {
        id: pushEndpointResourceId(inputs.userId, inputs.pushEndpointId),
        outs: toPushEndpointOutputs(live, ids, managedPushEndpointFields(inputs)),
    };
}

/** One GET; a device that is gone gives an empty result (the engine drops the resource). */
export async function read(
    id: string,
    props?: PushEndpointOutputs,
): Promise<ReadResult<PushEndpointOutputs, PushEndpointInputs>> {
    const { userId, pushEndpointId } = parsePushEndpointResourceId(id);
    const live = await unlessGone(getClient().pushEndpoints.read(userId, pushEndpointId, callOptions(props?.orgId)));
    if (live === undefined) return {};
    // Without prior state (a `get`), both fields count as managed.
    const managed = Array.isArray(props?.managedFields) ? props.managedFields : (["name", "state"] as const);
    const outs = toPushEndpointOutputs(live, { userId, pushEndpointId, orgId: props?.orgId }, managed);
    return { id, props: outs, inputs: projectPushEndpointInputs(outs) };
}

/** One PATCH of the managed fields that differ from the last known state. */
export async function update(
    _id: string,
    olds: PushEndpointOutputs,
    news: PushEndpointInputs,
): Promise<UpdateResult<PushEndpointOutputs>> {
    const client = getClient();
    const options = callOptions(news.orgId);
    const patch = patchFor(news, olds);
    const ids = { userId: news.userId, pushEndpointId: news.pushEndpointId, orgId: news.orgId };
    const live =
        Object.keys(patch).length > 0
            ? await client.pushEndpoints.update(news.userId, news.pushEndpointId, patch, options)
            : await client.pushEndpoints.get(news.userId, news.pushEndpointId, options);
    return { outs: toPushEndpointOutputs(live, ids, managedPushEndpointFields(news)) };
}

/** One DELETE: the device is unenrolled. One already gone counts as deleted. */
export async function remove(id: string, props: PushEndpointOutputs): Promise<void> {
    const { userId, pushEndpointId } = parsePushEndpointResourceId(id);
    await unlessGone(getClient().pushEndpoints.delete(userId, pushEndpointId, callOptions(props?.orgId)));
}

export { remove as delete };
