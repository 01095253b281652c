/**
 * The plain models of UserGroupMembership, UserGroupMember and UserGroupAssociation: set semantics, what replaces,
 * what the engine's "unknown" sentinel does, and the resource ids.
 */
import * as assert from "node:assert/strict";
import {
    attributesChanged,
    parseAssociationResourceId,
    replacedAssociationFields,
} from "../../../provider/model/user-group-association";
import { parseMemberResourceId } from "../../../provider/model/user-group-member";
import {
    canonicalUserIds,
    memberChanges,
    membersDiffer,
    normalizeUserGroupMembershipInputs,
    replacedMembershipFields,
} from "../../../provider/model/user-group-membership";
import { UNKNOWN_VALUE } from "../../../provider/model/validation";

const A = "5f0c1b2c3d4e5f6a7b8c9d0a";
const B = "5f0c1b2c3d4e5f6a7b8c9d0b";
const C = "5f0c1b2c3d4e5f6a7b8c9d0c";
const G = "5f0c1b2c3d4e5f6a7b8c9d00";

describe("model: group graph resources", () => {
    it("member sets: canonical, sorted, compared as sets; changes are what to add and remove", () => {
        assert.deepEqual(canonicalUserIds([C, A.toUpperCase(), A]), [A, C]);
        assert.deepEqual(memberChanges([A, B], [B, C]), { add: [C], remove: [A] });
        assert.equal(membersDiffer([A, B], [B.toUpperCase(), A]), false);
        assert.equal(membersDiffer([A], []), true);
        assert.equal(membersDiffer([A], UNKNOWN_VALUE), true, "a list not known yet may differ");
        assert.equal(membersDiffer([A], [UNKNOWN_VALUE]), true);
    });

    it("membership normalisation keeps an unknown list as it is; another group or org replaces", () => {
        const unknown = normalizeUserGroupMembershipInputs({ groupId: G, userIds: UNKNOWN_VALUE as never });
        assert.equal(unknown.userIds as unknown, UNKNOWN_VALUE);
        assert.deepEqual(
            replacedMembershipFields({ groupId: G, userIds: [] }, { groupId: G.toUpperCase(), userIds: [] }),
            [],
        );
        assert.deepEqual(replacedMembershipFields({ groupId: G, userIds: [] }, { groupId: A, userIds: [], orgId: B }), [
            "groupId",
            "orgId",
        ]);
    });

    it("resource ids round-trip and refuse what this provider never made", () => {
        assert.deepEqual(parseMemberResourceId(`${G}/${A}`), { groupId: G, userId: A });
        assert.throws(() => parseMemberResourceId(`${G}/../x`), /not a UserGroupMember id/);
        assert.deepEqual(parseAssociationResourceId(`${G}/system/${A}`), {
            groupId: G,
            targetType: "system",
            targetId: A,
        });
        assert.throws(() => parseAssociationResourceId(`${G}/server/${A}`), /not a UserGroupAssociation id/);
    });

    it("association attributes: unmanaged never differ; managed compare deeply; the edge's ends replace", () => {
        const olds = {
            groupId: G,
            targetType: "system" as const,
            targetId: A,
            attributes: { sudo: { enabled: true, withoutPassword: false } },
            attributesManaged: true,
        };
        const news = { groupId: G, targetType: "system" as const, targetId: A };
        assert.equal(attributesChanged(olds, news), false);
        assert.equal(
            attributesChanged(olds, { ...news, attributes: { sudo: { enabled: true, withoutPassword: false } } }),
            false,
        );
        assert.equal(
            attributesChanged(olds, { ...news, attributes: { sudo: { enabled: false, withoutPassword: false } } }),
            true,
        );
        assert.deepEqual(replacedAssociationFields(olds, { ...news, targetType: "system_group" }), ["targetType"]);
    });
});
