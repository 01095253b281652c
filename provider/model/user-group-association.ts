/**
 * The UserGroupAssociation model: one edge from a user group to a system, application, directory, server, policy
 * or password item, with the edge's optional `attributes` (e.g. sudo on a system). The resource id is
 * `<groupId>/<targetType>/<targetId>`, so `read` finds the edge from the id alone.
 */
import equal from "fast-deep-equal";
import { matches, OBJECT_ID } from "../client/paths";
import { type ApiAssociationTargetType, type ApiGraphAttributes, ASSOCIATION_TARGET_TYPES } from "../client/types";
import { pick } from "./plain-objects";
import { type CheckFailure, containsUnknown, isUnknown, Validator } from "./validation";

/** The plain inputs of a UserGroupAssociation. */
export interface UserGroupAssociationInputs {
    /** The group's ObjectId. Changing it replaces the resource. */
    groupId: string;
    /** The target's type, one of the ten association targets. Changing it replaces the resource. */
    targetType: ApiAssociationTargetType;
    /** The target's ObjectId. Changing it replaces the resource. */
    targetId: string;
    /** The edge's attributes (`{ sudo: { enabled, withoutPassword } }` on a system); unset leaves them alone. */
    attributes?: ApiGraphAttributes;
    /** Per-resource `x-org-id`. Changing it replaces the resource. */
    orgId?: string;
}

/** The outputs: the edge, its live attributes, and whether the program manages them. */
export interface UserGroupAssociationOutputs {
    groupId: string;
    targetType: ApiAssociationTargetType;
    targetId: string;
    /** The edge's attributes as JumpCloud reports them. */
    attributes?: ApiGraphAttributes;
    /** True when the program sets `attributes`: only then does `read` report them as inputs (drift). */
    attributesManaged: boolean;
    orgId?: string;
}

/** The inputs `check` accepts (the Args' properties). */
export const USER_GROUP_ASSOCIATION_INPUT_KEYS = ["groupId", "targetType", "targetId", "attributes", "orgId"] as const;

/** The inputs whose change replaces the resource (the Args document each). */
export const USER_GROUP_ASSOCIATION_REPLACING_KEYS = ["groupId", "targetType", "targetId", "orgId"] as const;

/** Every rule that can be known before calling the API. */
export function validateUserGroupAssociation(news: unknown): CheckFailure[] {
    const v = new Validator();
    const what = "the inputs must be an object with groupId, targetType and targetId";
    if (!v.resourceInputs(news, USER_GROUP_ASSOCIATION_INPUT_KEYS, what)) return v.failures;
    v.string("groupId", news.groupId, { required: true, pattern: OBJECT_ID, example: "group.id" });
    v.oneOf("targetType", news.targetType, ASSOCIATION_TARGET_TYPES, { required: true });
    v.string("targetId", news.targetId, {
        required: true,
        pattern: OBJECT_ID,
        example: "the system's or application's id, e.g. \"5f0c1b2c3d4e5f6a7b8c9d0e\"",
    });
    if (v.object("attributes", news.attributes, { example: "{ sudo: { enabled: true, withoutPassword: false } }" })) {
        const sudo = news.attributes.sudo;
        if (v.object("attributes.sudo", sudo, { example: "{ enabled: true, withoutPassword: false }" })) {
            v.noUnknownKeys("attributes.sudo", sudo, ["enabled", "withoutPassword"]);
            v.boolean("attributes.sudo.enabled", sudo.enabled, { required: true });
            v.boolean("attributes.sudo.withoutPassword", sudo.withoutPassword);
        }
    }
    v.string("orgId", news.orgId, { pattern: OBJECT_ID, example: '"5f0000000000000000000001"' });
    return v.failures;
}

/**
 * One `{type, id, attributes?}` entry naming an association target (a GitOps group file's `associations[i]`),
 * failures under `path`.
 */
export function validateAssociationEntry(v: Validator, path: string, entry: Record<string, unknown>): void {
    v.noUnknownKeys(path, entry, ["type", "id", "attributes"]);
    v.oneOf(`${path}.type`, entry.type, ASSOCIATION_TARGET_TYPES, { required: true });
    v.string(`${path}.id`, entry.id, { required: true, pattern: OBJECT_ID, example: "the target's ObjectId" });
    v.object(`${path}.attributes`, entry.attributes, {
        example: "{ sudo: { enabled: true, withoutPassword: false } }",
    });
}

/** The inputs `check` hands back: the known keys, ids lower-cased, `sudo.withoutPassword` defaulted to false. */
export function normalizeUserGroupAssociationInputs(news: UserGroupAssociationInputs): UserGroupAssociationInputs {
    const out: UserGroupAssociationInputs = {
        ...pick(news, USER_GROUP_ASSOCIATION_INPUT_KEYS),
        groupId: news.groupId.toLowerCase(),
        targetType: news.targetType,
        targetId: news.targetId.toLowerCase(),
    };
    const sudo = news.attributes?.sudo;
    if (news.attributes !== undefined && sudo !== undefined && !isUnknown(sudo)) {
        out.attributes = { ...news.attributes, sudo: { ...sudo, withoutPassword: sudo.withoutPassword ?? false } };
    }
    return out;
}

/** The resource id of an association. */
export function associationResourceId(i: Pick<UserGroupAssociationInputs, "groupId" | "targetType" | "targetId">) {
    return `${i.groupId}/${i.targetType}/${i.targetId}`;
}

/** Splits a resource id; throws for an id not made by this provider. */
export function parseAssociationResourceId(id: string): {
    groupId: string;
    targetType: ApiAssociationTargetType;
    targetId: string;
} {
    const [groupId, targetType, targetId, ...rest] = id.split("/");
    const type = ASSOCIATION_TARGET_TYPES.find((t) => t === targetType);
    if (rest.length > 0 || !matches(OBJECT_ID, groupId) || type === undefined || !matches(OBJECT_ID, targetId)) {
        throw new Error(`"${id}" is not a UserGroupAssociation id: expected "<groupId>/<targetType>/<targetId>"`);
    }
    return { groupId, targetType: type, targetId };
}

/** The inputs whose change replaces the resource (another edge or organisation). */
export function replacedAssociationFields(
    olds: Partial<UserGroupAssociationOutputs>,
    news: UserGroupAssociationInputs,
): string[] {
    return USER_GROUP_ASSOCIATION_REPLACING_KEYS.filter(
        (key) => isUnknown(news[key]) || olds[key]?.toLowerCase() !== news[key]?.toLowerCase(),
    );
}

/** True when the program sets attributes that differ from the last known ones (unknown values count). */
export function attributesChanged(olds: Partial<UserGroupAssociationOutputs>, news: UserGroupAssociationInputs) {
    if (news.attributes === undefined) return false;
    return containsUnknown(news.attributes) || !equal(olds.attributes ?? {}, news.attributes);
}

/** The outputs of an edge with these attributes. */
export function toAssociationOutputs(
    edge: Pick<UserGroupAssociationInputs, "groupId" | "targetType" | "targetId">,
    attributes: ApiGraphAttributes | undefined,
    attributesManaged: boolean,
    orgId: string | undefined,
): UserGroupAssociationOutputs {
    const out: UserGroupAssociationOutputs = {
        groupId: edge.groupId,
        targetType: edge.targetType,
        targetId: edge.targetId,
        attributesManaged,
    };
    if (attributes !== undefined) out.attributes = attributes;
    if (orgId !== undefined) out.orgId = orgId;
    return out;
}

/** The inputs that describe the live edge (for `read`): its attributes only where the program manages them. */
export function projectAssociationInputs(outs: UserGroupAssociationOutputs): UserGroupAssociationInputs {
    const out: UserGroupAssociationInputs = {
        groupId: outs.groupId,
        targetType: outs.targetType,
        targetId: outs.targetId,
    };
    if (outs.attributesManaged) out.attributes = outs.attributes ?? {};
    if (outs.orgId !== undefined) out.orgId = outs.orgId;
    return out;
}
