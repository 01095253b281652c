/**
 * Canonical forms that decide whether a UserGroup shows a diff: API defaults for null/absent attribute values,
 * a filter query without filters, search filters that are not JSON, and the order of differing attributes.
 */
import * as assert from "node:assert/strict";
import {
    canonicalAttribute,
    canonicalMemberQuery,
    differingFields,
} from "../../../provider/model/user-group-canonical";

describe("UserGroup canonical defaults", () => {
    it("sudo and radius given as null, or partly, read as their API defaults", () => {
        assert.deepEqual(canonicalAttribute("sudo", null), { enabled: false, withoutPassword: false });
        assert.deepEqual(canonicalAttribute("sudo", { withoutPassword: true }), {
            enabled: false,
            withoutPassword: true,
        });
        assert.deepEqual(canonicalAttribute("radius", null), { reply: [] });
        assert.deepEqual(canonicalAttribute("radius", {}), { reply: [] });
    });

    it("a filter query: filters sorted, none meaning an empty list, the query type kept", () => {
        assert.deepEqual(canonicalMemberQuery({ queryType: "FilterQuery" }), { queryType: "FilterQuery", filters: [] });
        assert.deepEqual(canonicalMemberQuery({ queryType: "Filter", filters: ["b:$eq:2", "a:$eq:1"] }), {
            queryType: "Filter",
            filters: ["a:$eq:1", "b:$eq:2"],
        });
    });

    it("search filters that are not JSON compare as their text", () => {
        const q = (searchFilters: string) => canonicalMemberQuery({ queryType: "Search", searchFilters });
        assert.deepEqual(q("not json"), { queryType: "Search", searchFilters: "not json" });
        assert.notDeepEqual(q("not json"), q("other text"));
    });

    it("differing attributes are listed in key order", () => {
        const desired = { attributes: { sudo: { enabled: true }, sambaEnabled: true } };
        assert.deepEqual(differingFields(desired, {}, ["attributes.sudo", "attributes.sambaEnabled"]), [
            "attributes.sambaEnabled",
            "attributes.sudo",
        ]);
    });
});
