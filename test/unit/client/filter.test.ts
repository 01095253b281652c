import assert from "node:assert/strict";
import { filter } from "../../../provider/client";

describe("filter builder", () => {
    it("builds field:operator:value for every operator", () => {
        assert.equal(filter.eq("name", "Engineering"), "name:eq:Engineering");
        assert.equal(filter.ne("membershipMethod", "STATIC"), "membershipMethod:ne:STATIC");
        assert.equal(filter.gt("suggestionCounts.total", 3), "suggestionCounts.total:gt:3");
        assert.equal(filter.ge("suggestionCounts.add", 0), "suggestionCounts.add:ge:0");
        assert.equal(filter.lt("suggestionCounts.remove", 10), "suggestionCounts.remove:lt:10");
        assert.equal(filter.le("suggestionCounts.total", 1.5), "suggestionCounts.total:le:1.5");
        assert.equal(filter.search("name", "eng"), "name:search:eng");
        assert.equal(filter.eq("attributes.sudo.enabled", true), "attributes.sudo.enabled:eq:true");
    });

    it("keeps colons and other characters in the value verbatim (the API splits on the first two colons)", () => {
        assert.equal(filter.eq("name", "A:B"), "name:eq:A:B");
        assert.equal(filter.eq("name", "R&D + QA: 100%"), "name:eq:R&D + QA: 100%");
        assert.equal(filter.eq("name", ""), "name:eq:");
    });

    it("joins in-values with |", () => {
        assert.equal(filter.in("membershipMethod", ["STATIC", "NOTSET"]), "membershipMethod:in:STATIC|NOTSET");
        assert.equal(filter.in("name", ["a:b"]), "name:in:a:b");
    });

    it("refuses an in-value containing | (it cannot be expressed)", () => {
        assert.throws(() => filter.in("name", ["a", "b|c"]), /cannot express the value "b\|c"/);
    });

    it("refuses an empty in-list", () => {
        assert.throws(() => filter.in("name", []), /at least one value/);
    });

    for (const bad of ["", "na:me", "name ", "a..b", ".a", "a;b"]) {
        it(`refuses the field ${JSON.stringify(bad)}`, () => {
            assert.throws(() => filter.eq(bad, "x"), /dotted identifier/);
        });
    }

    it("refuses non-finite numbers", () => {
        assert.throws(() => filter.gt("suggestionCounts.total", Number.NaN), /finite/);
    });
});
