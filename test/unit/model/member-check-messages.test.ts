/**
 * The exact failures `check` gives for bad UserGroupMember and UserGroupMembership inputs (property path and fix),
 * and how their inputs are normalised and compared.
 */
import * as assert from "node:assert/strict";
import {
    normalizeUserGroupMemberInputs,
    parseMemberResourceId,
    validateUserGroupMember,
} from "../../../provider/model/user-group-member";
import {
    memberChanges,
    membersDiffer,
    normalizeUserGroupMembershipInputs,
    validateUserGroupMembership,
} from "../../../provider/model/user-group-membership";

const G = "5f0c1b2c3d4e5f6a7b8c9d0e";
const U = "5f0c1b2c3d4e5f6a7b8c9d0f";
const OBJECT_ID = "must be a 24-character hexadecimal ObjectId";
const USER_EXAMPLE = 'a user id such as "5f0c1b2c3d4e5f6a7b8c9d0e" (look one up with getUser({ email }))';
const ORG = { property: "orgId", reason: `${OBJECT_ID}, got "z" — e.g. "5f0000000000000000000001"` };

describe("check messages: UserGroupMember", () => {
    it("inputs that are not an object; both ids required; malformed ids", () => {
        assert.deepEqual(validateUserGroupMember(5), [
            { property: "", reason: "the inputs must be an object with groupId and userId" },
        ]);
        assert.deepEqual(validateUserGroupMember({}), [
            { property: "groupId", reason: "is required: set it to a string — e.g. group.id" },
            { property: "userId", reason: `is required: set it to a string — e.g. ${USER_EXAMPLE}` },
        ]);
        assert.deepEqual(validateUserGroupMember({ groupId: "x", userId: "y", orgId: "z" }), [
            { property: "groupId", reason: `${OBJECT_ID}, got "x" — e.g. group.id` },
            { property: "userId", reason: `${OBJECT_ID}, got "y" — e.g. ${USER_EXAMPLE}` },
            ORG,
        ]);
    });

    it("normalising lower-cases both ids", () => {
        assert.deepEqual(normalizeUserGroupMemberInputs({ groupId: G.toUpperCase(), userId: U.toUpperCase() }), {
            groupId: G,
            userId: U,
        });
    });

    it("an id not made by this provider is refused", () => {
        assert.deepEqual(parseMemberResourceId(`${G}/${U}`), { groupId: G, userId: U });
        assert.throws(
            () => parseMemberResourceId(`${G}/x`),
            new Error(
                `"${G}/x" is not a UserGroupMember id: expected "<groupId>/<userId>", two 24-character hexadecimal ObjectIds`,
            ),
        );
    });
});

describe("check messages: UserGroupMembership", () => {
    it("inputs that are not an object; groupId and userIds required", () => {
        assert.deepEqual(validateUserGroupMembership(5), [
            { property: "", reason: "the inputs must be an object with groupId and userIds" },
        ]);
        assert.deepEqual(validateUserGroupMembership({}), [
            { property: "groupId", reason: "is required: set it to a string — e.g. group.id" },
            {
                property: "userIds",
                reason: "is required: set it to a list — e.g. [alice.id, bob.id] (or [] for a group without direct members)",
            },
        ]);
    });

    it("a missing item, the same user twice in another case, a malformed orgId", () => {
        assert.deepEqual(
            validateUserGroupMembership({ groupId: "x", userIds: [undefined, G, G.toUpperCase()], orgId: "z" }),
            [
                { property: "groupId", reason: `${OBJECT_ID}, got "x" — e.g. group.id` },
                { property: "userIds[0]", reason: `is required: set it to a string — e.g. ${USER_EXAMPLE}` },
                {
                    property: "userIds[2]",
                    reason: `repeats the user id "${G}" of item [1]: each user id may appear once, remove or change one`,
                },
                ORG,
            ],
        );
    });

    it("normalising lower-cases the group id", () => {
        assert.deepEqual(normalizeUserGroupMembershipInputs({ groupId: G.toUpperCase(), userIds: [] }), {
            groupId: G,
            userIds: [],
        });
    });

    it("member changes are sorted; an added member alone is a difference", () => {
        assert.deepEqual(memberChanges(["c", "a"], ["d", "b"]), { add: ["b", "d"], remove: ["a", "c"] });
        assert.equal(membersDiffer(["a"], ["a", "b"]), true);
        assert.equal(membersDiffer(["a", "b"], ["a"]), true);
        assert.equal(membersDiffer(["A"], ["a"]), false);
    });
});
