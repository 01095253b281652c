/**
 * Canonical-diff pairs for UserGroup: a desired input against a reported object, on the fields the desired input
 * manages. Equal pairs must yield no differing field; different pairs must name exactly the fields that differ.
 */
import * as assert from "node:assert/strict";
import { managedFieldsOf, type UserGroupInputs } from "../../../provider/model/user-group";
import { canonicalMemberQuery, differingFields } from "../../../provider/model/user-group-canonical";
import { UNKNOWN_VALUE } from "../../../provider/model/validation";

const A = "5f0c1b2c3d4e5f6a7b8c9d0a";
const B = "5f0c1b2c3d4e5f6a7b8c9d0b";

interface Pair {
    name: string;
    desired: Record<string, unknown>;
    actual: Record<string, unknown>;
    /** Fields expected to differ; [] for an equal pair. */
    differ: string[];
}

const fq = (...filters: Array<[string, string, string]>) => ({
    queryType: "FilterQuery",
    filters: filters.map(([field, operator, value]) => ({ field, operator, value })),
});

const pairs: Pair[] = [
    // Equal: the API reports an unset field as null; the program leaves it out or writes its default.
    {
        name: "null vs absent description",
        desired: { name: "g", description: "" },
        actual: { name: "g", description: null },
        differ: [],
    },
    { name: "null vs empty email", desired: { name: "g", email: "" }, actual: { name: "g", email: null }, differ: [] },
    {
        name: "null vs empty memberQueryExemptions",
        desired: { name: "g", memberQueryExemptions: [] },
        actual: { name: "g", memberQueryExemptions: null },
        differ: [],
    },
    {
        name: "null vs false memberSuggestionsNotify",
        desired: { name: "g", memberSuggestionsNotify: false },
        actual: { name: "g", memberSuggestionsNotify: null },
        differ: [],
    },
    // Equal: API defaults vs unset.
    {
        name: "NOTSET vs absent membershipMethod",
        desired: { name: "g", membershipMethod: "NOTSET" },
        actual: { name: "g" },
        differ: [],
    },
    {
        name: "false vs absent memberSuggestionsNotify",
        desired: { name: "g", memberSuggestionsNotify: false },
        actual: { name: "g" },
        differ: [],
    },
    { name: '"" vs absent description', desired: { name: "g", description: "" }, actual: { name: "g" }, differ: [] },
    { name: '"" vs absent email', desired: { name: "g", email: "" }, actual: { name: "g" }, differ: [] },
    { name: "{} vs absent attributes", desired: { name: "g", attributes: {} }, actual: { name: "g" }, differ: [] },
    {
        name: "[] vs absent exemptions",
        desired: { name: "g", memberQueryExemptions: [] },
        actual: { name: "g" },
        differ: [],
    },
    {
        name: "[] vs absent ldapGroups",
        desired: { name: "g", attributes: { ldapGroups: [] } },
        actual: { name: "g", attributes: {} },
        differ: [],
    },
    {
        name: "[] vs absent posixGroups",
        desired: { name: "g", attributes: { posixGroups: [] } },
        actual: { name: "g" },
        differ: [],
    },
    {
        name: "disabled sudo vs absent sudo",
        desired: { name: "g", attributes: { sudo: { enabled: false, withoutPassword: false } } },
        actual: { name: "g", attributes: {} },
        differ: [],
    },
    {
        name: "false vs absent sambaEnabled",
        desired: { name: "g", attributes: { sambaEnabled: false } },
        actual: { name: "g" },
        differ: [],
    },
    {
        name: "radius without replies vs absent radius",
        desired: { name: "g", attributes: { radius: { reply: [] } } },
        actual: { name: "g" },
        differ: [],
    },
    {
        name: "sudo without withoutPassword vs false",
        desired: { name: "g", attributes: { sudo: { enabled: true } } },
        actual: { name: "g", attributes: { sudo: { enabled: true, withoutPassword: false } } },
        differ: [],
    },
    // Equal: set-like lists reordered.
    {
        name: "exemptions reordered",
        desired: {
            name: "g",
            memberQueryExemptions: [
                { id: A, type: "user" },
                { id: B, type: "user" },
            ],
        },
        actual: {
            name: "g",
            memberQueryExemptions: [
                { id: B, type: "user" },
                { id: A, type: "user" },
            ],
        },
        differ: [],
    },
    {
        name: "exemption with null attributes",
        desired: { name: "g", memberQueryExemptions: [{ id: A, type: "user" }] },
        actual: { name: "g", memberQueryExemptions: [{ id: A, type: "user", attributes: null }] },
        differ: [],
    },
    {
        name: "exemption with attributes that carry something",
        desired: { name: "g", memberQueryExemptions: [{ id: A, type: "user" }] },
        actual: { name: "g", memberQueryExemptions: [{ id: A, type: "user", attributes: { note: "x" } }] },
        differ: ["memberQueryExemptions"],
    },
    {
        name: "exemption with empty attributes",
        desired: { name: "g", memberQueryExemptions: [{ id: A, type: "user" }] },
        actual: { name: "g", memberQueryExemptions: [{ id: A, type: "user", attributes: {} }] },
        differ: [],
    },
    {
        name: "ldapGroups reordered",
        desired: { name: "g", attributes: { ldapGroups: [{ name: "a" }, { name: "b" }] } },
        actual: { name: "g", attributes: { ldapGroups: [{ name: "b" }, { name: "a" }] } },
        differ: [],
    },
    {
        name: "posixGroups reordered, keys reordered",
        desired: {
            name: "g",
            attributes: {
                posixGroups: [
                    { id: 1, name: "a" },
                    { id: 2, name: "b" },
                ],
            },
        },
        actual: {
            name: "g",
            attributes: {
                posixGroups: [
                    { name: "b", id: 2 },
                    { name: "a", id: 1 },
                ],
            },
        },
        differ: [],
    },
    {
        name: "radius replies reordered",
        desired: {
            name: "g",
            attributes: {
                radius: {
                    reply: [
                        { name: "a", value: "1" },
                        { name: "b", value: "2" },
                    ],
                },
            },
        },
        actual: {
            name: "g",
            attributes: {
                radius: {
                    reply: [
                        { name: "b", value: "2" },
                        { name: "a", value: "1" },
                    ],
                },
            },
        },
        differ: [],
    },
    {
        name: "FilterQuery filters reordered",
        desired: { name: "g", memberQuery: fq(["a", "eq", "1"], ["b", "ne", "2"]) },
        actual: { name: "g", memberQuery: fq(["b", "ne", "2"], ["a", "eq", "1"]) },
        differ: [],
    },
    {
        name: "Filter strings reordered",
        desired: { name: "g", memberQuery: { queryType: "Filter", filters: ["a:$eq:1", "b:$eq:2"] } },
        actual: { name: "g", memberQuery: { queryType: "Filter", filters: ["b:$eq:2", "a:$eq:1"] } },
        differ: [],
    },
    // Equal: searchFilters formatting.
    {
        name: "searchFilters whitespace and key order",
        desired: {
            name: "g",
            memberQuery: { queryType: "Search", searchFilters: '{"filter": {"and": ["a:$eq:1"]}, "v": 1}' },
        },
        actual: {
            name: "g",
            memberQuery: { queryType: "Search", searchFilters: '{"v":1,"filter":{"and":["a:$eq:1"]}}' },
        },
        differ: [],
    },
    {
        name: "searchFilters object vs its text",
        desired: { name: "g", memberQuery: { queryType: "Search", searchFilters: { filter: { or: ["a:$eq:1"] } } } },
        actual: { name: "g", memberQuery: { queryType: "Search", searchFilters: '{"filter":{"or":["a:$eq:1"]}}' } },
        differ: [],
    },
    // Equal: only managed fields count.
    {
        name: "unmanaged custom attribute added out of band",
        desired: { name: "g", attributes: { sambaEnabled: true } },
        actual: { name: "g", attributes: { sambaEnabled: true, costCenter: "42" } },
        differ: [],
    },
    {
        name: "unmanaged description set out of band",
        desired: { name: "g" },
        actual: { name: "g", description: "console" },
        differ: [],
    },
    {
        name: "identical custom attribute with keys reordered",
        desired: { name: "g", attributes: { custom: { a: 1, b: [1, 2] } } },
        actual: { name: "g", attributes: { custom: { b: [1, 2], a: 1 } } },
        differ: [],
    },
    // Different.
    { name: "renamed", desired: { name: "Eng" }, actual: { name: "eng" }, differ: ["name"] },
    {
        name: "description changed",
        desired: { name: "g", description: "new" },
        actual: { name: "g", description: "old" },
        differ: ["description"],
    },
    {
        name: "STATIC vs absent membershipMethod",
        desired: { name: "g", membershipMethod: "STATIC" },
        actual: { name: "g" },
        differ: ["membershipMethod"],
    },
    {
        name: "notify true vs absent",
        desired: { name: "g", memberSuggestionsNotify: true },
        actual: { name: "g" },
        differ: ["memberSuggestionsNotify"],
    },
    {
        name: "sudo enabled vs disabled",
        desired: { name: "g", attributes: { sudo: { enabled: true, withoutPassword: false } } },
        actual: { name: "g", attributes: { sudo: { enabled: false, withoutPassword: false } } },
        differ: ["attributes.sudo"],
    },
    {
        name: "a posix id changed",
        desired: { name: "g", attributes: { posixGroups: [{ id: 5001, name: "eng" }] } },
        actual: { name: "g", attributes: { posixGroups: [{ id: 5002, name: "eng" }] } },
        differ: ["attributes.posixGroups"],
    },
    {
        name: "an ldap group removed",
        desired: { name: "g", attributes: { ldapGroups: [{ name: "a" }] } },
        actual: { name: "g", attributes: { ldapGroups: [{ name: "a" }, { name: "b" }] } },
        differ: ["attributes.ldapGroups"],
    },
    {
        name: "a radius value changed",
        desired: { name: "g", attributes: { radius: { reply: [{ name: "a", value: "1" }] } } },
        actual: { name: "g", attributes: { radius: { reply: [{ name: "a", value: "2" }] } } },
        differ: ["attributes.radius"],
    },
    {
        name: "an exemption replaced",
        desired: { name: "g", memberQueryExemptions: [{ id: A, type: "user" }] },
        actual: { name: "g", memberQueryExemptions: [{ id: B, type: "user" }] },
        differ: ["memberQueryExemptions"],
    },
    {
        name: "a filter value changed",
        desired: { name: "g", memberQuery: fq(["department", "eq", "Sales"]) },
        actual: { name: "g", memberQuery: fq(["department", "eq", "sales"]) },
        differ: ["memberQuery"],
    },
    {
        name: "queryType changed",
        desired: { name: "g", memberQuery: { queryType: "Filter", filters: ["a:$eq:1"] } },
        actual: { name: "g", memberQuery: { queryType: "Search", searchFilters: "{}" } },
        differ: ["memberQuery"],
    },
    {
        name: "searchFilters content changed",
        desired: { name: "g", memberQuery: { queryType: "Search", searchFilters: '{"filter":{"and":["a:$eq:1"]}}' } },
        actual: { name: "g", memberQuery: { queryType: "Search", searchFilters: '{"filter":{"and":["a:$eq:2"]}}' } },
        differ: ["memberQuery"],
    },
    {
        name: "memberQuery removed out of band",
        desired: { name: "g", memberQuery: fq(["a", "eq", "1"]) },
        actual: { name: "g" },
        differ: ["memberQuery"],
    },
    {
        name: "a managed custom attribute changed",
        desired: { name: "g", attributes: { costCenter: "42" } },
        actual: { name: "g", attributes: { costCenter: "43" } },
        differ: ["attributes.costCenter"],
    },
    {
        name: "several fields at once",
        desired: { name: "g", email: "a@b.co", attributes: { sambaEnabled: true } },
        actual: { name: "h", email: "c@d.co", attributes: { sambaEnabled: false } },
        differ: ["name", "email", "attributes.sambaEnabled"],
    },
    {
        name: "an unknown value (preview) is a change",
        desired: { name: "g", description: UNKNOWN_VALUE },
        actual: { name: "g", description: "x" },
        differ: ["description"],
    },
    {
        name: "unknown attributes (preview) are a change",
        desired: { name: "g", attributes: UNKNOWN_VALUE },
        actual: { name: "g" },
        differ: ["attributes"],
    },
];

describe("UserGroup canonical diff (differingFields)", () => {
    it("has at least 30 pairs, equal and different", () => {
        assert.ok(pairs.length >= 30, `${pairs.length} pairs`);
        assert.ok(pairs.some((p) => p.differ.length === 0) && pairs.some((p) => p.differ.length > 0));
    });

    for (const p of pairs) {
        it(`${p.differ.length === 0 ? "equal" : "different"}: ${p.name}`, () => {
            const managed = managedFieldsOf(p.desired as unknown as UserGroupInputs);
            assert.deepEqual(differingFields(p.desired, p.actual, managed), p.differ);
        });
    }

    it("a field managed before but dropped from the program differs from a live value", () => {
        const desired = { name: "g" };
        const actual = { name: "g", description: "was managed", attributes: { sudo: { enabled: true } } };
        assert.deepEqual(differingFields(desired, actual, ["name", "description", "attributes.sudo"]), [
            "description",
            "attributes.sudo",
        ]);
    });

    it("canonicalMemberQuery treats absent filters as an empty list", () => {
        assert.deepEqual(
            canonicalMemberQuery({ queryType: "Filter" }),
            canonicalMemberQuery({ queryType: "Filter", filters: [] }),
        );
        assert.equal(canonicalMemberQuery(undefined), null);
        assert.equal(canonicalMemberQuery(null), null);
    });

    it("canonicalMemberQuery drops undefined keys and sorts filters, and keeps a value that is not an object", () => {
        const a = { field: "department", operator: "eq", value: "Sales" };
        const b = { field: "title", operator: "eq", value: "Engineer" };
        assert.deepEqual(
            canonicalMemberQuery({ queryType: "FilterQuery", filters: [b, a], searchFilters: undefined }),
            {
                filters: [a, b],
                queryType: "FilterQuery",
            },
        );
        assert.equal(canonicalMemberQuery("FilterQuery"), "FilterQuery");
    });

    it("canonicalMemberQuery compares searchFilters as JSON when they parse, and as text when not", () => {
        const search = (searchFilters: string) => canonicalMemberQuery({ queryType: "Search", searchFilters });
        assert.deepEqual(search('{"b":1,"a":2}'), search('{ "a": 2, "b": 1 }'));
        assert.deepEqual(search("not json"), { queryType: "Search", searchFilters: "not json" });
        assert.notDeepEqual(search("not json"), search("not json either"));
    });
});
