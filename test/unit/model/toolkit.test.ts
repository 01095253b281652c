/**
 * The generic toolkit shared by every resource: the path-aware validator and the canonical helpers.
 */
import * as assert from "node:assert/strict";
import { canonicalJson, canonicalSet, deepEqual, stableStringify } from "../../../provider/model/canonical";
import { childPath, containsUnknown, isUnknown, UNKNOWN_VALUE, Validator } from "../../../provider/model/validation";

describe("validation toolkit", () => {
    it("builds property paths", () => {
        assert.equal(childPath("", "name"), "name");
        assert.equal(childPath("attributes", "posixGroups"), "attributes.posixGroups");
        assert.equal(childPath("attributes.posixGroups", 0), "attributes.posixGroups[0]");
        assert.equal(childPath("attributes", "x-y"), 'attributes["x-y"]');
    });

    it("recognises the engine's unknown sentinel, also inside containers", () => {
        assert.equal(isUnknown(UNKNOWN_VALUE), true);
        assert.equal(isUnknown("04da6b54"), false);
        assert.equal(containsUnknown({ a: [1, { b: UNKNOWN_VALUE }] }), true);
        assert.equal(containsUnknown({ a: [1, { b: "x" }] }), false);
    });

    it("accepts unknown values for every type without a failure", () => {
        const v = new Validator();
        v.string("a", UNKNOWN_VALUE, { required: true, maxLength: 2 });
        v.integer("b", UNKNOWN_VALUE, { min: 1, max: 2 });
        v.boolean("c", UNKNOWN_VALUE);
        v.oneOf("d", UNKNOWN_VALUE, ["x"]);
        v.object("e", UNKNOWN_VALUE, { required: true });
        v.array("f", UNKNOWN_VALUE, { minItems: 1 });
        assert.deepEqual(v.failures, []);
    });

    it("names the fix in the reason", () => {
        const v = new Validator();
        v.integer("attributes.posixGroups[0].id", 0, { min: 1, max: 2147483647, example: "5001" });
        assert.deepEqual(v.failures, [
            {
                property: "attributes.posixGroups[0].id",
                reason: "must be an integer between 1 and 2147483647, got 0 — e.g. 5001",
            },
        ]);
    });

    it("returns false for absent optional values without a failure", () => {
        const v = new Validator();
        assert.equal(v.string("a", undefined), false);
        assert.equal(v.ok, true);
    });

    it("rejects malformed JSON text with the parser's message", () => {
        const v = new Validator();
        assert.equal(v.jsonObject("q", "{", "{}"), undefined);
        assert.match(v.failures[0]!.reason, /must be valid JSON .*fix the syntax — e\.g\. \{\}/);
        assert.deepEqual(new Validator().jsonObject("q", '{"a":1}'), { a: 1 });
    });
});

describe("canonical helpers", () => {
    it("stableStringify sorts keys at every level and drops undefined", () => {
        assert.equal(stableStringify({ b: 1, a: { d: [2, 1], c: undefined } }), '{"a":{"d":[2,1]},"b":1}');
    });

    it("canonicalJson reads as JSON would: undefined in a list is null, functions and symbols vanish", () => {
        assert.deepEqual(canonicalJson([1, undefined]), [1, null]);
        assert.deepEqual(canonicalJson({ a: () => 1, b: Symbol("s"), c: [() => 1] }), { c: [undefined] });
        assert.equal(
            canonicalJson(() => 1),
            undefined,
        );
        // A value JSON cannot write still has a text, so that two such values compare equal.
        assert.equal(stableStringify(undefined), "undefined");
    });

    it("canonicalSet sorts and deduplicates", () => {
        assert.deepEqual(canonicalSet([{ n: "b" }, { n: "a" }, { n: "b" }]), [{ n: "a" }, { n: "b" }]);
        assert.deepEqual(canonicalSet(undefined), []);
    });

    it("deepEqual ignores key order but not array order", () => {
        assert.equal(deepEqual({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
        assert.equal(deepEqual([1, 2], [2, 1]), false);
        assert.equal(deepEqual(canonicalJson({ x: undefined }), {}), true);
    });
});
