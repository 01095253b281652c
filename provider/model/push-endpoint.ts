/**
 * The UserPushEndpoint model: an enrolled push (MFA) device of a user. The API cannot create one, so the resource
 * adopts an existing device and manages its `name` and `state`. The resource id is `<userId>/<pushEndpointId>`,
 * so `read` can find the device from the id alone.
 */
import { matches, OBJECT_ID, SAFE_ID } from "../client/paths";
import type { ApiPushEndpoint, ApiPushEndpointDevice, ApiPushEndpointPatch } from "../client/types";
import { pick } from "./plain-objects";
import { type CheckFailure, isUnknown, Validator } from "./validation";

/** The states a push endpoint can be set to. */
export const PUSH_ENDPOINT_STATES = ["active", "inactive"] as const;
/** Longest accepted device name (judgement: no documented limit). */
export const NAME_MAX_LENGTH = 255;

/** The plain inputs of a UserPushEndpoint. */
export interface PushEndpointInputs {
    /** The user's ObjectId. Changing it replaces the resource. */
    userId: string;
    /** The push endpoint's id. Changing it replaces the resource. */
    pushEndpointId: string;
    /** The device name; unset leaves the name as it is. */
    name?: string;
    /** "active" or "inactive"; unset leaves the state as it is. */
    state?: "active" | "inactive";
    /** Per-resource `x-org-id`. Changing it replaces the resource. */
    orgId?: string;
}

/** The outputs: the device as JumpCloud reports it, plus the program-side fields. */
export interface PushEndpointOutputs {
    userId: string;
    pushEndpointId: string;
    name?: string;
    state?: string;
    enrollmentDate?: string;
    lastUsedDate?: string;
    device?: ApiPushEndpointDevice;
    orgId?: string;
    /** The fields the program sets ("name", "state"): `read` projects only these back onto the inputs. */
    managedFields: Array<"name" | "state">;
}

/** Every input of a UserPushEndpoint. */
export const PUSH_ENDPOINT_INPUT_KEYS = ["userId", "pushEndpointId", "name", "state", "orgId"] as const;

/** Every rule that can be known before calling the API. */
export function validatePushEndpoint(news: unknown): CheckFailure[] {
    const v = new Validator();
    if (
        !v.resourceInputs(news, PUSH_ENDPOINT_INPUT_KEYS, "the inputs must be an object with userId and pushEndpointId")
    )
        return v.failures;
    v.string("userId", news.userId, { required: true, pattern: OBJECT_ID, example: '"5f0c1b2c3d4e5f6a7b8c9d0e"' });
    v.string("pushEndpointId", news.pushEndpointId, {
        required: true,
        pattern: SAFE_ID,
        example: "an id from getUserPushEndpoints({ userId })",
    });
    v.string("name", news.name, { maxLength: NAME_MAX_LENGTH, example: '"Alice\'s iPhone"' });
    v.oneOf("state", news.state, PUSH_ENDPOINT_STATES);
    v.string("orgId", news.orgId, { pattern: OBJECT_ID, example: '"5f0000000000000000000001"' });
    return v.failures;
}

/** The inputs `check` hands back, from inputs {@link validatePushEndpoint} accepted: only the known keys. */
export function normalizePushEndpointInputs(news: PushEndpointInputs): PushEndpointInputs {
    return { ...pick(news, PUSH_ENDPOINT_INPUT_KEYS), userId: news.userId, pushEndpointId: news.pushEndpointId };
}

/** The resource id of a user's push endpoint. */
export function pushEndpointResourceId(userId: string, pushEndpointId: string): string {
    return `${userId}/${pushEndpointId}`;
}

/** Splits a resource id into the user's and the endpoint's ids; throws for an id not made by this provider. */
export function parsePushEndpointResourceId(id: string): { userId: string; pushEndpointId: string } {
    const [userId, pushEndpointId, ...rest] = id.split("/");
    if (
        !userId ||
        !pushEndpointId ||
        rest.length > 0 ||
        !matches(OBJECT_ID, userId) ||
        !matches(SAFE_ID, pushEndpointId)
    ) {
        throw new Error(
            `"${id}" is not a UserPushEndpoint id: expected "<userId>/<pushEndpointId>", e.g. "5f0c1b2c3d4e5f6a7b8c9d0e/abc123"`,
        );
    }
    return { userId, pushEndpointId };
}

/** The PATCH that brings `live` to the desired inputs: only managed fields that differ (empty when none). */
export function patchFor(
    news: PushEndpointInputs,
    live: Partial<PushEndpointOutputs> | ApiPushEndpoint,
): ApiPushEndpointPatch {
    const patch: ApiPushEndpointPatch = {};
    if (news.name !== undefined && news.name !== live.name) patch.name = news.name;
    if (news.state !== undefined && news.state !== live.state) patch.state = news.state;
    return patch;
}

/** The managed fields that differ (unknown values count as different). */
export function changedPushEndpointFields(olds: Partial<PushEndpointOutputs>, news: PushEndpointInputs): string[] {
    const out: string[] = [];
    if (news.name !== undefined && (isUnknown(news.name) || news.name !== olds.name)) out.push("name");
    if (news.state !== undefined && (isUnknown(news.state) || news.state !== olds.state)) out.push("state");
    return out;
}

/** The fields these inputs manage. */
export function managedPushEndpointFields(news: PushEndpointInputs): Array<"name" | "state"> {
    return (["name", "state"] as const).filter((f) => news[f] !== undefined);
}

/** The inputs whose change replaces the resource (another device, user or organisation). */
export function replacedPushEndpointFields(olds: Partial<PushEndpointOutputs>, news: PushEndpointInputs): string[] {
    const out: string[] = [];
    for (const key of ["userId", "pushEndpointId", "orgId"] as const) {
        if (isUnknown(news[key]) || (olds[key] ?? undefined) !== (news[key] ?? undefined)) out.push(key);
    }
    return out;
}

/** The outputs of a live device. */
export function toPushEndpointOutputs(
    live: ApiPushEndpoint,
    ids: { userId: string; pushEndpointId: string; orgId?: string | undefined },
    managedFields: ReadonlyArray<"name" | "state">,
): PushEndpointOutputs {
    const out: PushEndpointOutputs = {
        userId: ids.userId,
        pushEndpointId: live.id ?? ids.pushEndpointId,
        managedFields: [...managedFields],
    };
    if (live.name !== undefined) out.name = live.name;
    if (live.state !== undefined) out.state = live.state;
    if (live.enrollmentDate !== undefined) out.enrollmentDate = live.enrollmentDate;
    if (live.lastUsedDate !== undefined) out.lastUsedDate = live.lastUsedDate;
    if (live.device !== undefined) out.device = live.device;
    if (ids.orgId !== undefined) out.orgId = ids.orgId;
    return out;
}

/**
 * The inputs that describe a live device (for `read`): the ids, and the live name and state where the program
 * manages them (an unmanaged field stays unset, so it never shows as drift).
 */
export function projectPushEndpointInputs(live: PushEndpointOutputs): PushEndpointInputs {
    const managed = Array.isArray(live.managedFields) ? live.managedFields : [];
    const out: PushEndpointInputs = { userId: live.userId, pushEndpointId: live.pushEndpointId };
    if (managed.includes("name") && live.name !== undefined) out.name = live.name;
    if (managed.includes("state") && (live.state === "active" || live.state === "inactive")) out.state = live.state;
    if (live.orgId !== undefined) out.orgId = live.orgId;
    return out;
}
