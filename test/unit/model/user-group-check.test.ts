/**
 * Table-driven `check` cases for UserGroup: valid inputs pass untouched (or normalised); each invalid input fails
 * on the expected property path with a reason that names the fix.
 */
import * as assert from "node:assert/strict";
import { normalizeUserGroupInputs, validateUserGroup } from "../../../provider/model/user-group-validation";
import { UNKNOWN_VALUE } from "../../../provider/model/validation";

const ID = "5f0c1b2c3d4e5f6a7b8c9d0e";
const ID2 = "5f0c1b2c3d4e5f6a7b8c9d0f";
const U = UNKNOWN_VALUE;

interface Case {
    name: string;
    inputs: Record<string, unknown>;
    /** Expected failure: the property path and words the reason must contain (the fix). */
    fails?: { property: string; mentions: RegExp };
}

const fq = (filters: unknown) => ({ queryType: "FilterQuery", filters });

const valid: Case[] = [
    { name: "only a name", inputs: { name: "Engineering" } },
    {
        name: "every field",
        inputs: {
            name: "Engineering",
            description: "All engineers",
            email: "eng@example.com",
            attributes: {
                sudo: { enabled: true, withoutPassword: false },
                ldapGroups: [{ name: "eng" }],
                posixGroups: [{ id: 5001, name: "eng" }],
                radius: { reply: [{ name: "Filter-Id", value: "eng" }] },
                sambaEnabled: false,
                customKey: { any: ["json"] },
            },
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: fq([{ field: "department", operator: "eq", value: "Engineering" }]),
            memberQueryExemptions: [{ id: ID, type: "user" }],
            memberSuggestionsNotify: true,
            orgId: "5f0000000000000000000001",
            adopt: { by: "name", mode: "verify" },
        },
    },
    { name: "an empty description", inputs: { name: "a", description: "" } },
    { name: "a name of 255 characters", inputs: { name: "x".repeat(255) } },
    { name: "membershipMethod STATIC", inputs: { name: "a", membershipMethod: "STATIC" } },
    {
        name: "a Filter query of strings",
        inputs: {
            name: "a",
            membershipMethod: "DYNAMIC_AUTOMATED",
            memberQuery: { queryType: "Filter", filters: ["department:$eq:Sales", "company:$co:Toast"] },
        },
    },
    {
        name: "a Search query as JSON text",
        inputs: {
            name: "a",
            memberQuery: { queryType: "Search", searchFilters: '{"filter":{"and":["department:$eq:Sales"]}}' },
        },
    },
    {
        name: "a Search query as an object",
        inputs: { name: "a", memberQuery: { queryType: "Search", searchFilters: { filter: { and: ["x:$eq:1"] } } } },
    },
    {
        name: "every FilterQuery operator",
        inputs: {
            name: "a",
            memberQuery: fq(
                ["eq", "ne", "gt", "ge", "lt", "le", "between", "search", "in"].map((operator) => ({
                    field: "department",
                    operator,
                    value: "x",
                })),
            ),
        },
    },
    { name: "adopt by id", inputs: { name: "a", adopt: { by: "id", id: ID, mode: "overwrite" } } },
    { name: "adopt without a mode", inputs: { name: "a", adopt: { by: "name" } } },
    { name: "sudo disabled", inputs: { name: "a", attributes: { sudo: { enabled: false, withoutPassword: false } } } },
    {
        name: "sudo enabled without a password",
        inputs: { name: "a", attributes: { sudo: { enabled: true, withoutPassword: true } } },
    },
    {
        name: "posix id at the maximum",
        inputs: { name: "a", attributes: { posixGroups: [{ id: 2147483647, name: "g" }] } },
    },
    { name: "engine bookkeeping keys", inputs: { name: "a", __provider: "exports.handler = ..." } },
    { name: "unknown name (preview)", inputs: { name: U } },
    { name: "unknown attributes (preview)", inputs: { name: "a", attributes: U } },
    { name: "unknown posix id (preview)", inputs: { name: "a", attributes: { posixGroups: [{ id: U, name: "g" }] } } },
    {
        name: "unknown posix ids skip the uniqueness rule",
        inputs: {
            name: "a",
            attributes: {
                posixGroups: [
                    { id: U, name: "g" },
                    { id: U, name: "h" },
                ],
            },
        },
    },
    {
        name: "unknown memberQuery with a dynamic method",
        inputs: { name: "a", membershipMethod: "DYNAMIC_AUTOMATED", memberQuery: U },
    },
    { name: "unknown exemption id", inputs: { name: "a", memberQueryExemptions: [{ id: U, type: "user" }] } },
    {
        name: "unknown sudo.enabled",
        inputs: { name: "a", attributes: { sudo: { enabled: U, withoutPassword: true } } },
    },
    { name: "unknown searchFilters", inputs: { name: "a", memberQuery: { queryType: "Search", searchFilters: U } } },
    { name: "unknown orgId", inputs: { name: "a", orgId: U } },
    { name: "observeMembers on a static group", inputs: { name: "a", observeMembers: true } },
    {
        name: "applySuggestions on a review-required group",
        inputs: {
            name: "a",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: fq([{ field: "department", operator: "eq", value: "Sales" }]),
            applySuggestions: true,
        },
    },
    { name: "applySuggestions false on any group", inputs: { name: "a", applySuggestions: false } },
    {
        name: "applySuggestions with an unknown membershipMethod (preview)",
        inputs: { name: "a", membershipMethod: U, memberQuery: U, applySuggestions: true },
    },
];

const invalid: Case[] = [
    { name: "inputs without a name", inputs: {}, fails: { property: "name", mentions: /required.*e\.g\./ } },
    { name: "a numeric name", inputs: { name: 42 }, fails: { property: "name", mentions: /must be a string/ } },
    { name: "an empty name", inputs: { name: "" }, fails: { property: "name", mentions: /must not be empty/ } },
    {
        name: "a name of 256 characters",
        inputs: { name: "x".repeat(256) },
        fails: { property: "name", mentions: /at most 255.*shorten/ },
    },
    { name: "a name with edge spaces", inputs: { name: " eng " }, fails: { property: "name", mentions: /whitespace/ } },
    {
        name: "a description that is too long",
        inputs: { name: "a", description: "d".repeat(1025) },
        fails: { property: "description", mentions: /at most 1024/ },
    },
    {
        name: "a malformed email",
        inputs: { name: "a", email: "not-an-email" },
        fails: { property: "email", mentions: /email address.*e\.g\. "eng@example\.com"/ },
    },
    {
        name: "an empty email",
        inputs: { name: "a", email: "" },
        fails: { property: "email", mentions: /remove the property/ },
    },
    {
        name: "an unknown top-level key",
        inputs: { name: "a", descripton: "x" },
        fails: { property: "descripton", mentions: /remove it/ },
    },
    {
        name: "a wrongly cased key",
        inputs: { name: "a", Email: "x@y.z" },
        fails: { property: "Email", mentions: /did you mean "email"/ },
    },
    {
        name: "an unknown membershipMethod",
        inputs: { name: "a", membershipMethod: "DYNAMIC" },
        fails: { property: "membershipMethod", mentions: /one of "NOTSET"/ },
    },
    {
        name: "a lower-case membershipMethod",
        inputs: { name: "a", membershipMethod: "static" },
        fails: { property: "membershipMethod", mentions: /did you mean "STATIC"/ },
    },
    {
        name: "a dynamic method without a query",
        inputs: { name: "a", membershipMethod: "DYNAMIC_AUTOMATED" },
        fails: { property: "memberQuery", mentions: /add a memberQuery.*STATIC/ },
    },
    {
        name: "attributes that are a list",
        inputs: { name: "a", attributes: [] },
        fails: { property: "attributes", mentions: /must be an object/ },
    },
    {
        name: "sudo.withoutPassword without enabled",
        inputs: { name: "a", attributes: { sudo: { enabled: false, withoutPassword: true } } },
        fails: { property: "attributes.sudo.withoutPassword", mentions: /set enabled to true/ },
    },
    {
        name: "sudo without enabled",
        inputs: { name: "a", attributes: { sudo: { withoutPassword: false } } },
        fails: { property: "attributes.sudo.enabled", mentions: /required/ },
    },
    {
        name: "sudo.enabled as a string",
        inputs: { name: "a", attributes: { sudo: { enabled: "yes" } } },
        fails: { property: "attributes.sudo.enabled", mentions: /true or false/ },
    },
    {
        name: "a posix id of 0",
        inputs: { name: "a", attributes: { posixGroups: [{ id: 0, name: "g" }] } },
        fails: { property: "attributes.posixGroups[0].id", mentions: /integer between 1 and 2147483647.*e\.g\. 5001/ },
    },
    {
        name: "a posix id above 2^31-1",
        inputs: { name: "a", attributes: { posixGroups: [{ id: 2147483648, name: "g" }] } },
        fails: { property: "attributes.posixGroups[0].id", mentions: /integer between 1 and 2147483647/ },
    },
    {
        name: "a fractional posix id",
        inputs: { name: "a", attributes: { posixGroups: [{ id: 1.5, name: "g" }] } },
        fails: { property: "attributes.posixGroups[0].id", mentions: /integer/ },
    },
    {
        name: "a posix id as a string",
        inputs: { name: "a", attributes: { posixGroups: [{ id: "5001", name: "g" }] } },
        fails: { property: "attributes.posixGroups[0].id", mentions: /integer/ },
    },
    {
        name: "duplicate posix ids",
        inputs: {
            name: "a",
            attributes: {
                posixGroups: [
                    { id: 5001, name: "g" },
                    { id: 5001, name: "h" },
                ],
            },
        },
        fails: { property: "attributes.posixGroups[1]", mentions: /repeats the id 5001.*remove or change/ },
    },
    {
        name: "a posix group without a name",
        inputs: { name: "a", attributes: { posixGroups: [{ id: 5001 }] } },
        fails: { property: "attributes.posixGroups[0].name", mentions: /required/ },
    },
    {
        name: "a posix name with a colon",
        inputs: { name: "a", attributes: { posixGroups: [{ id: 5001, name: "a:b" }] } },
        fails: { property: "attributes.posixGroups[0].name", mentions: /POSIX group name/ },
    },
    {
        name: "a posix name too long",
        inputs: { name: "a", attributes: { posixGroups: [{ id: 5001, name: "g".repeat(33) }] } },
        fails: { property: "attributes.posixGroups[0].name", mentions: /at most 32/ },
    },
    {
        name: "an ldap group without a name",
        inputs: { name: "a", attributes: { ldapGroups: [{}] } },
        fails: { property: "attributes.ldapGroups[0].name", mentions: /required/ },
    },
    {
        name: "duplicate ldap groups",
        inputs: { name: "a", attributes: { ldapGroups: [{ name: "x" }, { name: "x" }] } },
        fails: { property: "attributes.ldapGroups[1]", mentions: /repeats the name/ },
    },
    {
        name: "ldapGroups as an object",
        inputs: { name: "a", attributes: { ldapGroups: { name: "x" } } },
        fails: { property: "attributes.ldapGroups", mentions: /must be a list.*e\.g\./ },
    },
    {
        name: "a radius reply without a value",
        inputs: { name: "a", attributes: { radius: { reply: [{ name: "Filter-Id" }] } } },
        fails: { property: "attributes.radius.reply[0].value", mentions: /required/ },
    },
    {
        name: "a radius value over 253 characters",
        inputs: { name: "a", attributes: { radius: { reply: [{ name: "n", value: "v".repeat(254) }] } } },
        fails: { property: "attributes.radius.reply[0].value", mentions: /at most 253/ },
    },
    {
        name: "an unknown radius key",
        inputs: { name: "a", attributes: { radius: { replies: [] } } },
        fails: { property: "attributes.radius.replies", mentions: /remove it/ },
    },
    {
        name: "sambaEnabled as a string",
        inputs: { name: "a", attributes: { sambaEnabled: "false" } },
        fails: { property: "attributes.sambaEnabled", mentions: /true or false/ },
    },
    {
        name: "an unknown queryType",
        inputs: { name: "a", memberQuery: { queryType: "SQL", filters: [] } },
        fails: { property: "memberQuery.queryType", mentions: /one of "FilterQuery", "Filter", "Search"/ },
    },
    {
        name: "a query without a queryType",
        inputs: { name: "a", memberQuery: { filters: [] } },
        fails: { property: "memberQuery.queryType", mentions: /required/ },
    },
    {
        name: "a FilterQuery with string filters",
        inputs: { name: "a", memberQuery: fq(["department:$eq:Sales"]) },
        fails: { property: "memberQuery.filters[0]", mentions: /must be an object/ },
    },
    {
        name: "a FilterQuery without filters",
        inputs: { name: "a", memberQuery: { queryType: "FilterQuery" } },
        fails: { property: "memberQuery.filters", mentions: /required.*e\.g\./ },
    },
    {
        name: "a FilterQuery with no filter",
        inputs: { name: "a", memberQuery: fq([]) },
        fails: { property: "memberQuery.filters", mentions: /at least 1 item/ },
    },
    {
        name: "a FilterQuery with a bad operator",
        inputs: { name: "a", memberQuery: fq([{ field: "department", operator: "$eq", value: "x" }]) },
        fails: { property: "memberQuery.filters[0].operator", mentions: /one of "eq"/ },
    },
    {
        name: "a FilterQuery with a numeric value",
        inputs: { name: "a", memberQuery: fq([{ field: "department", operator: "eq", value: 3 }]) },
        fails: { property: "memberQuery.filters[0].value", mentions: /must be a string/ },
    },
    {
        name: "a FilterQuery with a bad field",
        inputs: { name: "a", memberQuery: fq([{ field: "dep:art", operator: "eq", value: "x" }]) },
        fails: { property: "memberQuery.filters[0].field", mentions: /field name/ },
    },
    {
        name: "a FilterQuery with searchFilters",
        inputs: {
            name: "a",
            memberQuery: { ...fq([{ field: "a", operator: "eq", value: "x" }]), searchFilters: "{}" },
        },
        fails: { property: "memberQuery.searchFilters", mentions: /remove it/ },
    },
    {
        name: "a Filter query with objects",
        inputs: { name: "a", memberQuery: { queryType: "Filter", filters: [{ field: "a" }] } },
        fails: { property: "memberQuery.filters[0]", mentions: /must be a string.*department:\$eq:Sales/ },
    },
    {
        name: "a malformed Filter string",
        inputs: { name: "a", memberQuery: { queryType: "Filter", filters: ["department=Sales"] } },
        fails: { property: "memberQuery.filters[0]", mentions: /<field>:\$<operator>:<value>/ },
    },
    {
        name: "a Search query without searchFilters",
        inputs: { name: "a", memberQuery: { queryType: "Search" } },
        fails: { property: "memberQuery.searchFilters", mentions: /required.*e\.g\./ },
    },
    {
        name: "a Search query with invalid JSON",
        inputs: { name: "a", memberQuery: { queryType: "Search", searchFilters: "{filter:" } },
        fails: { property: "memberQuery.searchFilters", mentions: /valid JSON.*fix the syntax/ },
    },
    {
        name: "a Search query with a JSON list",
        inputs: { name: "a", memberQuery: { queryType: "Search", searchFilters: "[1]" } },
        fails: { property: "memberQuery.searchFilters", mentions: /JSON object/ },
    },
    {
        name: "a Search query with filters",
        inputs: { name: "a", memberQuery: { queryType: "Search", searchFilters: "{}", filters: [] } },
        fails: { property: "memberQuery.filters", mentions: /remove it/ },
    },
    {
        name: "exemptions as an object",
        inputs: { name: "a", memberQueryExemptions: { id: ID } },
        fails: { property: "memberQueryExemptions", mentions: /must be a list/ },
    },
    {
        name: "an exemption with a short id",
        inputs: { name: "a", memberQueryExemptions: [{ id: "abc", type: "user" }] },
        fails: { property: "memberQueryExemptions[0].id", mentions: /24-character hexadecimal ObjectId/ },
    },
    {
        name: "an exemption of a system",
        inputs: { name: "a", memberQueryExemptions: [{ id: ID, type: "system" }] },
        fails: { property: "memberQueryExemptions[0].type", mentions: /one of "user"/ },
    },
    {
        name: "an exemption without a type",
        inputs: { name: "a", memberQueryExemptions: [{ id: ID }] },
        fails: { property: "memberQueryExemptions[0].type", mentions: /required/ },
    },
    {
        name: "duplicate exemptions",
        inputs: {
            name: "a",
            memberQueryExemptions: [
                { id: ID, type: "user" },
                { id: ID2, type: "user" },
                { id: ID, type: "user" },
            ],
        },
        fails: { property: "memberQueryExemptions[2]", mentions: /repeats the id/ },
    },
    {
        name: "memberSuggestionsNotify as a string",
        inputs: { name: "a", memberSuggestionsNotify: "true" },
        fails: { property: "memberSuggestionsNotify", mentions: /true or false/ },
    },
    {
        name: "a malformed orgId",
        inputs: { name: "a", orgId: "org-1" },
        fails: { property: "orgId", mentions: /ObjectId/ },
    },
    {
        name: "adopt without by",
        inputs: { name: "a", adopt: { mode: "verify" } },
        fails: { property: "adopt.by", mentions: /required.*"name", "id"/ },
    },
    {
        name: "adopt by id without an id",
        inputs: { name: "a", adopt: { by: "id" } },
        fails: { property: "adopt.id", mentions: /required/ },
    },
    {
        name: "adopt by id with a bad id",
        inputs: { name: "a", adopt: { by: "id", id: "x" } },
        fails: { property: "adopt.id", mentions: /ObjectId/ },
    },
    {
        name: "adopt by name with an id",
        inputs: { name: "a", adopt: { by: "name", id: ID } },
        fails: { property: "adopt.id", mentions: /remove adopt\.id/ },
    },
    {
        name: "adopt with an unknown mode",
        inputs: { name: "a", adopt: { by: "name", mode: "force" } },
        fails: { property: "adopt.mode", mentions: /"verify", "overwrite"/ },
    },
    {
        name: "adopt as true",
        inputs: { name: "a", adopt: true },
        fails: { property: "adopt", mentions: /must be an object.*by: "name"/ },
    },
    {
        name: "observeMembers not a boolean",
        inputs: { name: "a", observeMembers: "true" },
        fails: { property: "observeMembers", mentions: /must be true or false/ },
    },
    {
        name: "applySuggestions on a static group",
        inputs: { name: "a", membershipMethod: "STATIC", applySuggestions: true },
        fails: {
            property: "applySuggestions",
            mentions: /requires membershipMethod "DYNAMIC_REVIEW_REQUIRED".*"STATIC".*or remove applySuggestions/,
        },
    },
    {
        name: "applySuggestions without a membershipMethod",
        inputs: { name: "a", applySuggestions: true },
        fails: { property: "applySuggestions", mentions: /membershipMethod is not set/ },
    },
];

describe("UserGroup check (validateUserGroup)", () => {
    it("has at least 40 cases", () => {
        assert.ok(valid.length + invalid.length >= 40, `${valid.length + invalid.length} cases`);
    });

    for (const c of valid) {
        it(`accepts ${c.name}`, () => {
            assert.deepEqual(validateUserGroup(c.inputs), []);
        });
    }

    for (const c of invalid) {
        it(`rejects ${c.name}`, () => {
            const failures = validateUserGroup(c.inputs);
            const expected = c.fails!;
            const hit = failures.find((f) => f.property === expected.property);
            assert.ok(hit, `expected a failure on ${expected.property}, got ${JSON.stringify(failures)}`);
            assert.match(hit.reason, expected.mentions);
        });
    }

    it("rejects inputs that are not an object", () => {
        const failures = validateUserGroup("Engineering");
        assert.equal(failures.length, 1);
        assert.match(failures[0]!.reason, /e\.g\. \{ name: "Engineering" \}/);
    });

    it("reports every failure at once, not just the first", () => {
        const failures = validateUserGroup({ name: "", email: "x", membershipMethod: "x" });
        assert.deepEqual(
            failures.map((f) => f.property),
            ["name", "email", "membershipMethod"],
        );
    });
});

describe("UserGroup check normalisation", () => {
    it("stringifies a searchFilters object", () => {
        const out = normalizeUserGroupInputs({
            name: "a",
            memberQuery: { queryType: "Search", searchFilters: { filter: { and: ["x:$eq:1"] } } },
        });
        assert.deepEqual(out.memberQuery, { queryType: "Search", searchFilters: '{"filter":{"and":["x:$eq:1"]}}' });
    });

    it("keeps a searchFilters object holding an unknown value as it is", () => {
        const sf = { filter: { and: [UNKNOWN_VALUE] } };
        const out = normalizeUserGroupInputs({ name: "a", memberQuery: { queryType: "Search", searchFilters: sf } });
        assert.deepEqual(out.memberQuery, { queryType: "Search", searchFilters: sf });
    });

    it("defaults sudo.withoutPassword to false and adopt.mode to verify", () => {
        const out = normalizeUserGroupInputs({
            name: "a",
            attributes: { sudo: { enabled: true } },
            adopt: { by: "name" },
        });
        assert.deepEqual(out.attributes, { sudo: { enabled: true, withoutPassword: false } });
        assert.deepEqual(out.adopt, { by: "name", mode: "verify" });
    });

    it("drops undefined properties and keeps everything else", () => {
        const out = normalizeUserGroupInputs({ name: "a", description: undefined, email: "e@x.io" });
        assert.deepEqual(out, { name: "a", email: "e@x.io" });
    });
});
