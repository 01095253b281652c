/**
 * The UserGroupMember model: one additive edge between a user group and a user. The resource id is
 * `<groupId>/<userId>`, so `read` finds the edge from the id alone.
 */
import { matches, OBJECT_ID } from "../client/paths";
import { pick } from "./plain-objects";
import { type CheckFailure, isUnknown, Validator } from "./validation";

/** The plain inputs of a UserGroupMember. Every change replaces the resource. */
export interface UserGroupMemberInputs {
    /** The group's ObjectId. */
    groupId: string;
    /** The user's ObjectId. */
    userId: string;
    /** Per-resource `x-org-id`. */
    orgId?: string;
}

/** The outputs: the edge's two ends and the organisation. */
export type UserGroupMemberOutputs = UserGroupMemberInputs;

/** The inputs `check` accepts (the Args' properties). */
export const USER_GROUP_MEMBER_INPUT_KEYS = ["groupId", "userId", "orgId"] as const;

/** The inputs whose change replaces the resource (the Args document each). */
export const USER_GROUP_MEMBER_REPLACING_KEYS = ["groupId", "userId", "orgId"] as const;

/** Every rule that can be known before calling the API. */
export function validateUserGroupMember(news: unknown): CheckFailure[] {
    const v = new Validator();
    if (!v.resourceInputs(news, USER_GROUP_MEMBER_INPUT_KEYS, "the inputs must be an object with groupId and userId"))
        return v.failures;
    v.string("groupId", news.groupId, { required: true, pattern: OBJECT_ID, example: "group.id" });
    v.string("userId", news.userId, {
        required: true,
        pattern: OBJECT_ID,
        example: 'a user id such as "5f0c1b2c3d4e5f6a7b8c9d0e" (look one up with getUser({ email }))',
    });
    v.string("orgId", news.orgId, { pattern: OBJECT_ID, example: '"5f0000000000000000000001"' });
    return v.failures;
}

/** The inputs `check` hands back: only the known keys, ids lower-cased. */
export function normalizeUserGroupMemberInputs(news: UserGroupMemberInputs): UserGroupMemberInputs {
    return {
        ...pick(news, USER_GROUP_MEMBER_INPUT_KEYS),
        groupId: news.groupId.toLowerCase(),
        userId: news.userId.toLowerCase(),
    };
}

/** The resource id of an edge. */
export function memberResourceId(groupId: string, userId: string): string {
    return `${groupId}/${userId}`;
}

/** Splits a resource id into the group's and the user's ids; throws for an id not made by this provider. */
export function parseMemberResourceId(id: string): { groupId: string; userId: string } {
    const [groupId, userId, ...rest] = id.split("/");
    if (rest.length > 0 || !matches(OBJECT_ID, groupId) || !matches(OBJECT_ID, userId)) {
        throw new Error(
            `"${id}" is not a UserGroupMember id: expected "<groupId>/<userId>", two 24-character hexadecimal ObjectIds`,
        );
    }
    return { groupId, userId };
}

/** Every input replaces the resource (another edge); the fields that differ. */
export function replacedMemberFields(olds: Partial<UserGroupMemberOutputs>, news: UserGroupMemberInputs): string[] {
    return USER_GROUP_MEMBER_REPLACING_KEYS.filter(
        (key) => isUnknown(news[key]) || olds[key]?.toLowerCase() !== news[key]?.toLowerCase(),
    );
}
