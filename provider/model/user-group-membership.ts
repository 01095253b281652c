/**
 * The UserGroupMembership model: the authoritative set of a user group's direct members. The inputs name the group
 * and the user ids; the outputs hold the live member set. Member sets are compared as sets of lower-cased
 * ObjectIds, kept sorted, so the order a program writes them in never shows as a change. The resource id is the
 * group's id (one membership per group).
 */
import { OBJECT_ID } from "../client/paths";
import { pick } from "./plain-objects";
import { type CheckFailure, containsUnknown, isUnknown, Validator } from "./validation";

/** The plain inputs of a UserGroupMembership. */
export interface UserGroupMembershipInputs {
    /** The group's ObjectId. Changing it replaces the resource. */
    groupId: string;
    /** The group's direct members, as user ObjectIds (a set; `[]` means no direct members). */
    userIds: string[];
    /** Per-resource `x-org-id`. Changing it replaces the resource. */
    orgId?: string;
}

/** The outputs: the group and its live direct members (sorted). */
export interface UserGroupMembershipOutputs {
    groupId: string;
    /** The group's direct members as JumpCloud reports them, lower-cased and sorted. */
    userIds: string[];
    orgId?: string;
}

/** The inputs `check` accepts (the Args' properties). */
export const USER_GROUP_MEMBERSHIP_INPUT_KEYS = ["groupId", "userIds", "orgId"] as const;

/** The inputs whose change replaces the resource (the Args document each). */
export const USER_GROUP_MEMBERSHIP_REPLACING_KEYS = ["groupId", "orgId"] as const;
const EXAMPLE_ID = '"5f0c1b2c3d4e5f6a7b8c9d0e"';

/** Every rule that can be known before calling the API. */
export function validateUserGroupMembership(news: unknown): CheckFailure[] {
    const v = new Validator();
    if (
        !v.resourceInputs(
            news,
            USER_GROUP_MEMBERSHIP_INPUT_KEYS,
            "the inputs must be an object with groupId and userIds",
        )
    )
        return v.failures;
    v.string("groupId", news.groupId, { required: true, pattern: OBJECT_ID, example: "group.id" });
    if (
        v.array("userIds", news.userIds, {
            required: true,
            example: "[alice.id, bob.id] (or [] for a group without direct members)",
        })
    ) {
        news.userIds.forEach((id, i) => {
            v.string(`userIds[${i}]`, id, {
                required: true,
                pattern: OBJECT_ID,
                example: `a user id such as ${EXAMPLE_ID} (look one up with getUser({ email }))`,
            });
        });
        v.unique("userIds", news.userIds, (id) => (typeof id === "string" ? id.toLowerCase() : undefined), "user id");
    }
    v.string("orgId", news.orgId, { pattern: OBJECT_ID, example: '"5f0000000000000000000001"' });
    return v.failures;
}

/** A member set in canonical form: lower-cased, sorted, once each. Unknown values are kept (preview). */
export function canonicalUserIds(ids: readonly string[]): string[] {
    return [...new Set(ids.map((id) => (isUnknown(id) ? id : id.toLowerCase())))].sort();
}

/** The inputs `check` hands back: only the known keys, the user ids in canonical form. */
export function normalizeUserGroupMembershipInputs(news: UserGroupMembershipInputs): UserGroupMembershipInputs {
    // The list itself may be unknown during preview (it comes from another resource); it stays as it is.
    const userIds = Array.isArray(news.userIds) ? canonicalUserIds(news.userIds) : news.userIds;
    return { ...pick(news, USER_GROUP_MEMBERSHIP_INPUT_KEYS), groupId: news.groupId.toLowerCase(), userIds };
}

/** What an update (or a create) must do to turn the live member set into the desired one. */
export interface MemberChanges {
    readonly add: string[];
    readonly remove: string[];
}

/** The users to add and to remove, each sorted. */
export function memberChanges(live: readonly string[], desired: readonly string[]): MemberChanges {
    const have = new Set(live.map((id) => id.toLowerCase()));
    const want = new Set(desired.map((id) => id.toLowerCase()));
    return {
        add: [...want].filter((id) => !have.has(id)).sort(),
        remove: [...have].filter((id) => !want.has(id)).sort(),
    };
}

/** True when the member sets differ (an unknown value counts as a difference). */
export function membersDiffer(olds: readonly string[] | undefined, news: readonly string[] | unknown): boolean {
    if (!Array.isArray(news) || containsUnknown(news) || !Array.isArray(olds)) return true;
    const changes = memberChanges(olds, news as string[]);
    return changes.add.length > 0 || changes.remove.length > 0;
}

/** The inputs whose change replaces the resource (another group or organisation). */
export function replacedMembershipFields(
    olds: Partial<UserGroupMembershipOutputs>,
    news: UserGroupMembershipInputs,
): string[] {
    const out: string[] = [];
    for (const key of USER_GROUP_MEMBERSHIP_REPLACING_KEYS) {
        const was = olds[key]?.toLowerCase();
        if (isUnknown(news[key]) || was !== news[key]?.toLowerCase()) out.push(key);
    }
    return out;
}

/** The outputs for a group and its live members. */
export function toMembershipOutputs(
    groupId: string,
    liveUserIds: readonly string[],
    orgId: string | undefined,
): UserGroupMembershipOutputs {
    const out: UserGroupMembershipOutputs = { groupId, userIds: canonicalUserIds(liveUserIds) };
    if (orgId !== undefined) out.orgId = orgId;
    return out;
}

/** The inputs that describe the live state (for `read`): the live member set stands for `userIds`. */
export function projectMembershipInputs(outs: UserGroupMembershipOutputs): UserGroupMembershipInputs {
    const out: UserGroupMembershipInputs = { groupId: outs.groupId, userIds: [...outs.userIds] };
    if (outs.orgId !== undefined) out.orgId = outs.orgId;
    return out;
}
