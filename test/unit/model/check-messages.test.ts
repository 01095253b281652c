/**
 * The exact failures `check` gives for bad UserGroup and UserGroupAssociation inputs: each names the property path
 * and says how to fix it (the example it quotes is part of the fix).
 */
import * as assert from "node:assert/strict";
import {
    normalizeUserGroupAssociationInputs,
    parseAssociationResourceId,
    type UserGroupAssociationInputs,
    validateAssociationEntry,
    validateUserGroupAssociation,
} from "../../../provider/model/user-group-association";
import { normalizeUserGroupInputs, validateUserGroup } from "../../../provider/model/user-group-validation";
import { Validator } from "../../../provider/model/validation";

const G = "5f0c1b2c3d4e5f6a7b8c9d0e";
const T = "5f0c1b2c3d4e5f6a7b8c9d0f";
const TYPES =
    '"active_directory", "application", "g_suite", "idp_routing_policy", "ldap_server", "office_365", ' +
    '"password_manager_item", "radius_server", "system", "system_group"';
const OBJECT_ID = "must be a 24-character hexadecimal ObjectId";
const QUERY_EXAMPLE =
    '{ queryType: "FilterQuery", filters: [{ field: "department", operator: "eq", value: "Sales" }] }';

describe("check messages: UserGroupAssociation", () => {
    const base = { groupId: G, targetType: "system", targetId: T };

    it("inputs that are not an object", () => {
        assert.deepEqual(validateUserGroupAssociation(5), [
            { property: "", reason: "the inputs must be an object with groupId, targetType and targetId" },
        ]);
    });

    it("the three required ids, missing", () => {
        assert.deepEqual(validateUserGroupAssociation({}), [
            { property: "groupId", reason: "is required: set it to a string — e.g. group.id" },
            { property: "targetType", reason: `is required: set it to one of ${TYPES}` },
            {
                property: "targetId",
                reason: "is required: set it to a string — e.g. the system's or application's id, e.g. \"5f0c1b2c3d4e5f6a7b8c9d0e\"",
            },
        ]);
    });

    it("malformed ids and a mis-cased target type", () => {
        assert.deepEqual(
            validateUserGroupAssociation({ groupId: "x", targetType: "System", targetId: "y", orgId: "z" }),
            [
                { property: "groupId", reason: `${OBJECT_ID}, got "x" — e.g. group.id` },
                {
                    property: "targetType",
                    reason: `must be one of ${TYPES}, got "System" (did you mean "system"? the case matters)`,
                },
                {
                    property: "targetId",
                    reason: `${OBJECT_ID}, got "y" — e.g. the system's or application's id, e.g. "5f0c1b2c3d4e5f6a7b8c9d0e"`,
                },
                { property: "orgId", reason: `${OBJECT_ID}, got "z" — e.g. "5f0000000000000000000001"` },
            ],
        );
    });

    it("attributes and attributes.sudo that are not objects", () => {
        assert.deepEqual(validateUserGroupAssociation({ ...base, attributes: 5 }), [
            {
                property: "attributes",
                reason: "must be an object, got an integer — e.g. { sudo: { enabled: true, withoutPassword: false } }",
            },
        ]);
        assert.deepEqual(validateUserGroupAssociation({ ...base, attributes: { sudo: 5 } }), [
            {
                property: "attributes.sudo",
                reason: "must be an object, got an integer — e.g. { enabled: true, withoutPassword: false }",
            },
        ]);
    });

    it("sudo: an unknown key, enabled missing, withoutPassword not a boolean; both keys accepted", () => {
        assert.deepEqual(
            validateUserGroupAssociation({ ...base, attributes: { sudo: { withoutPassword: "no", x: 1 } } }),
            [
                {
                    property: "attributes.sudo.x",
                    reason: 'is not a known property: remove it (allowed: "enabled", "withoutPassword")',
                },
                { property: "attributes.sudo.enabled", reason: "is required: set it to true or false" },
                { property: "attributes.sudo.withoutPassword", reason: "must be true or false, got a string" },
            ],
        );
        assert.deepEqual(
            validateUserGroupAssociation({ ...base, attributes: { sudo: { enabled: true, withoutPassword: true } } }),
            [],
        );
    });

    it("a GitOps association entry: type and id required, attributes an object", () => {
        const v = new Validator();
        validateAssociationEntry(v, "associations[0]", { attributes: 5 });
        assert.deepEqual(v.failures, [
            { property: "associations[0].type", reason: `is required: set it to one of ${TYPES}` },
            { property: "associations[0].id", reason: "is required: set it to a string — e.g. the target's ObjectId" },
            {
                property: "associations[0].attributes",
                reason: "must be an object, got an integer — e.g. { sudo: { enabled: true, withoutPassword: false } }",
            },
        ]);
    });

    it("normalising lower-cases the ids and adds attributes only when sudo is given", () => {
        const upper = { groupId: G.toUpperCase(), targetType: "system" as const, targetId: T.toUpperCase() };
        assert.deepEqual(normalizeUserGroupAssociationInputs(upper), { groupId: G, targetType: "system", targetId: T });
        // withoutPassword may be left out in a program; check defaults it to false
        const sudoOnly = { sudo: { enabled: true } } as UserGroupAssociationInputs["attributes"];
        assert.deepEqual(normalizeUserGroupAssociationInputs({ ...upper, attributes: sudoOnly }), {
            groupId: G,
            targetType: "system",
            targetId: T,
            attributes: { sudo: { enabled: true, withoutPassword: false } },
        });
    });

    it("an id not made by this provider is refused with the expected shape", () => {
        assert.deepEqual(parseAssociationResourceId(`${G}/system/${T}`), {
            groupId: G,
            targetType: "system",
            targetId: T,
        });
        assert.throws(
            () => parseAssociationResourceId(`${G}/system/x`),
            new Error(`"${G}/system/x" is not a UserGroupAssociation id: expected "<groupId>/<targetType>/<targetId>"`),
        );
    });
});

describe("check messages: UserGroup", () => {
    it("name missing", () => {
        assert.deepEqual(validateUserGroup({}), [
            { property: "name", reason: 'is required: set it to a string — e.g. "Engineering"' },
        ]);
    });

    it("one bad value per top-level property, each with its example", () => {
        const failures = validateUserGroup({
            name: " E",
            description: "x".repeat(1025),
            attributes: 5,
            memberQuery: 5,
            memberQueryExemptions: "x",
            memberSuggestionsNotify: "yes",
            orgId: "x",
        });
        assert.deepEqual(failures, [
            {
                property: "name",
                reason: 'must be free of leading and trailing whitespace, got " E" — e.g. "Engineering"',
            },
            {
                property: "description",
                reason: 'must be at most 1024 characters long (it has 1025): shorten it — e.g. "All engineers"',
            },
            { property: "attributes", reason: "must be an object, got an integer — e.g. { sambaEnabled: false }" },
            { property: "memberQuery", reason: `must be an object, got an integer — e.g. ${QUERY_EXAMPLE}` },
            {
                property: "memberQueryExemptions",
                reason: 'must be a list, got a string — e.g. [{ id: "5f0c1b2c3d4e5f6a7b8c9d0e", type: "user" }]',
            },
            { property: "memberSuggestionsNotify", reason: "must be true or false, got a string — e.g. true" },
            { property: "orgId", reason: `${OBJECT_ID}, got "x" — e.g. "5f0000000000000000000001"` },
        ]);
    });

    it("a review-required group needs a memberQuery", () => {
        assert.deepEqual(validateUserGroup({ name: "E", membershipMethod: "DYNAMIC_REVIEW_REQUIRED" }), [
            {
                property: "memberQuery",
                reason: `is required when membershipMethod is "DYNAMIC_REVIEW_REQUIRED": add a memberQuery — e.g. ${QUERY_EXAMPLE} — or use membershipMethod "STATIC"`,
            },
        ]);
    });

    it("FilterQuery: field and operator required", () => {
        const q = { queryType: "FilterQuery", filters: [{ value: "x" }] };
        assert.deepEqual(validateUserGroup({ name: "E", memberQuery: q }), [
            { property: "memberQuery.filters[0].field", reason: 'is required: set it to a string — e.g. "department"' },
            {
                property: "memberQuery.filters[0].operator",
                reason: 'is required: set it to one of "eq", "ne", "gt", "ge", "lt", "le", "between", "search", "in"',
            },
        ]);
    });

    it("Filter: the list and each item required", () => {
        assert.deepEqual(validateUserGroup({ name: "E", memberQuery: { queryType: "Filter" } }), [
            {
                property: "memberQuery.filters",
                reason: 'is required: set it to a list — e.g. ["department:$eq:Sales"]',
            },
        ]);
        assert.deepEqual(validateUserGroup({ name: "E", memberQuery: { queryType: "Filter", filters: [undefined] } }), [
            {
                property: "memberQuery.filters[0]",
                reason: 'is required: set it to a string — e.g. "department:$eq:Sales"',
            },
        ]);
    });

    it("Search: searchFilters as an object is accepted, as empty text refused", () => {
        const search = (searchFilters: unknown) =>
            validateUserGroup({ name: "E", memberQuery: { queryType: "Search", searchFilters } });
        assert.deepEqual(search({ filter: { and: ["department:$eq:Sales"] } }), []);
        assert.deepEqual(search(""), [
            {
                property: "memberQuery.searchFilters",
                reason: 'must not be empty: set a value or remove the property — e.g. \'{"filter":{"and":["department:$eq:Sales"]}}\'',
            },
        ]);
    });

    it("adopt: a bad `by` is the only failure; by id needs the id", () => {
        assert.deepEqual(validateUserGroup({ name: "E", adopt: { by: "email", id: "x" } }), [
            { property: "adopt.by", reason: 'must be one of "name", "id", got "email"' },
        ]);
        assert.deepEqual(validateUserGroup({ name: "E", adopt: { by: "id" } }), [
            { property: "adopt.id", reason: 'is required: set it to a string — e.g. "5f0c1b2c3d4e5f6a7b8c9d0e"' },
        ]);
    });

    it("adopt.mode defaults to verify and a given mode is kept", () => {
        assert.deepEqual(normalizeUserGroupInputs({ name: "E", adopt: { by: "name" } }).adopt, {
            by: "name",
            mode: "verify",
        });
        assert.deepEqual(normalizeUserGroupInputs({ name: "E", adopt: { by: "name", mode: "overwrite" } }).adopt, {
            by: "name",
            mode: "overwrite",
        });
    });

    it("memberQueryExemptions: each item an object with an id; attributes an object", () => {
        const failures = validateUserGroup({
            name: "E",
            memberQueryExemptions: [
                5,
                { type: "user" },
                { id: "x", type: "user", attributes: 5 },
                { id: G, type: "user", attributes: {} },
            ],
        });
        const idExample = '"5f0c1b2c3d4e5f6a7b8c9d0e" (the user\'s id)';
        assert.deepEqual(failures, [
            {
                property: "memberQueryExemptions[0]",
                reason: 'must be an object, got an integer — e.g. { id: "5f0c1b2c3d4e5f6a7b8c9d0e", type: "user" }',
            },
            { property: "memberQueryExemptions[1].id", reason: `is required: set it to a string — e.g. ${idExample}` },
            { property: "memberQueryExemptions[2].id", reason: `${OBJECT_ID}, got "x" — e.g. ${idExample}` },
            { property: "memberQueryExemptions[2].attributes", reason: "must be an object, got an integer" },
        ]);
    });
});
