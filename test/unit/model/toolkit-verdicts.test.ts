/**
 * The validator toolkit's verdicts, rule by rule: each bad value gives one failure whose reason says what is wrong
 * and how to fix it, and the helper returns false so callers do not descend into (or cross-check) a bad value.
 */
import * as assert from "node:assert/strict";
import { describeType, Validator } from "../../../provider/model/validation";

/** Runs one rule on a fresh validator: its return value and its failures. */
function verdict(rule: (v: Validator) => boolean) {
    const v = new Validator();
    const accepted = rule(v);
    return { accepted, failures: v.failures };
}

describe("validation toolkit verdicts", () => {
    it("describes every JSON type by name", () => {
        assert.equal(describeType(null), "null");
        assert.equal(describeType([1]), "an array");
        assert.equal(describeType({}), "an object");
        assert.equal(describeType(undefined), "nothing");
        assert.equal(describeType(3), "an integer");
        assert.equal(describeType(1.5), "a number");
        assert.equal(describeType("x"), "a string");
        assert.equal(describeType(true), "a boolean");
    });

    it("string: wrong type, empty, too short, too long, pattern", () => {
        assert.deepEqual(
            verdict((v) => v.string("name", 5, { example: '"x"' })),
            {
                accepted: false,
                failures: [{ property: "name", reason: 'must be a string, got an integer — e.g. "x"' }],
            },
        );
        assert.deepEqual(
            verdict((v) => v.string("name", "")),
            {
                accepted: false,
                failures: [{ property: "name", reason: "must not be empty: set a value or remove the property" }],
            },
        );
        assert.deepEqual(
            verdict((v) => v.string("pw", "abc", { minLength: 8, example: "a longer one" })),
            {
                accepted: false,
                failures: [{ property: "pw", reason: "must be at least 8 characters long — e.g. a longer one" }],
            },
        );
        assert.deepEqual(
            verdict((v) => v.string("name", "abcd", { maxLength: 3 })),
            {
                accepted: false,
                failures: [{ property: "name", reason: "must be at most 3 characters long (it has 4): shorten it" }],
            },
        );
        // exactly at the limit passes
        assert.deepEqual(
            verdict((v) => v.string("name", "abc", { maxLength: 3 })),
            { accepted: true, failures: [] },
        );
        assert.deepEqual(
            verdict((v) => v.string("id", "xyz", { pattern: { regex: /^a+$/, description: "only a's" } })),
            { accepted: false, failures: [{ property: "id", reason: 'must be only a\'s, got "xyz"' }] },
        );
    });

    it("integer: out of bounds on either side, not a number; the bounds themselves pass", () => {
        const rule = { min: 1, max: 10 };
        assert.deepEqual(
            verdict((v) => v.integer("n", 0, rule)),
            { accepted: false, failures: [{ property: "n", reason: "must be an integer between 1 and 10, got 0" }] },
        );
        assert.deepEqual(
            verdict((v) => v.integer("n", 11, rule)),
            { accepted: false, failures: [{ property: "n", reason: "must be an integer between 1 and 10, got 11" }] },
        );
        assert.deepEqual(
            verdict((v) => v.integer("n", "3", rule)),
            {
                accepted: false,
                failures: [{ property: "n", reason: "must be an integer between 1 and 10, got a string" }],
            },
        );
        assert.deepEqual(
            verdict((v) => v.integer("n", 1, rule)),
            { accepted: true, failures: [] },
        );
        assert.deepEqual(
            verdict((v) => v.integer("n", 10, rule)),
            { accepted: true, failures: [] },
        );
    });

    it("boolean: a string is refused", () => {
        assert.deepEqual(
            verdict((v) => v.boolean("on", "true", { example: "true" })),
            {
                accepted: false,
                failures: [{ property: "on", reason: "must be true or false, got a string — e.g. true" }],
            },
        );
    });

    it("oneOf: a near miss names the right spelling, a non-string names its type", () => {
        assert.deepEqual(
            verdict((v) => v.oneOf("t", "System", ["system", "user"])),
            {
                accepted: false,
                failures: [
                    {
                        property: "t",
                        reason: 'must be one of "system", "user", got "System" (did you mean "system"? the case matters)',
                    },
                ],
            },
        );
        assert.deepEqual(
            verdict((v) => v.oneOf("t", 3, ["system"])),
            { accepted: false, failures: [{ property: "t", reason: 'must be one of "system", got an integer' }] },
        );
        assert.deepEqual(
            verdict((v) => v.oneOf("t", undefined, ["system"], { required: true })),
            { accepted: false, failures: [{ property: "t", reason: 'is required: set it to one of "system"' }] },
        );
    });

    it("object: an array is refused", () => {
        assert.deepEqual(
            verdict((v) => v.object("attrs", [], { example: "{}" })),
            { accepted: false, failures: [{ property: "attrs", reason: "must be an object, got an array — e.g. {}" }] },
        );
    });

    it("array: not a list, too few (one / several), too many; the limits themselves pass", () => {
        assert.deepEqual(
            verdict((v) => v.array("ids", "a", { example: '["a"]' })),
            { accepted: false, failures: [{ property: "ids", reason: 'must be a list, got a string — e.g. ["a"]' }] },
        );
        assert.deepEqual(
            verdict((v) => v.array("ids", [], { minItems: 1 })),
            { accepted: false, failures: [{ property: "ids", reason: "must hold at least 1 item" }] },
        );
        assert.deepEqual(
            verdict((v) => v.array("ids", [1], { minItems: 2 })),
            { accepted: false, failures: [{ property: "ids", reason: "must hold at least 2 items" }] },
        );
        assert.deepEqual(
            verdict((v) => v.array("ids", [1, 2, 3], { maxItems: 2 })),
            {
                accepted: false,
                failures: [{ property: "ids", reason: "must hold at most 2 items (it has 3): remove some" }],
            },
        );
        assert.deepEqual(
            verdict((v) => v.array("ids", [1, 2], { minItems: 2, maxItems: 2 })),
            {
                accepted: true,
                failures: [],
            },
        );
    });

    it("absent values: no failure unless required, and never accepted", () => {
        assert.deepEqual(
            verdict((v) => v.integer("n", undefined, { min: 1 })),
            { accepted: false, failures: [] },
        );
        assert.deepEqual(
            verdict((v) => v.boolean("on", undefined)),
            { accepted: false, failures: [] },
        );
        assert.deepEqual(
            verdict((v) => v.boolean("on", undefined, { required: true })),
            { accepted: false, failures: [{ property: "on", reason: "is required: set it to true or false" }] },
        );
        assert.deepEqual(
            verdict((v) => v.integer("n", undefined, { required: true, min: 1, max: 2 })),
            { accepted: false, failures: [{ property: "n", reason: "is required: set it to an integer" }] },
        );
        assert.deepEqual(
            verdict((v) => v.object("attrs", undefined, { required: true, example: "{}" })),
            {
                accepted: false,
                failures: [{ property: "attrs", reason: "is required: set it to an object — e.g. {}" }],
            },
        );
    });

    it("ok turns false with the first failure", () => {
        const v = new Validator();
        assert.equal(v.ok, true);
        v.boolean("on", 1);
        assert.equal(v.ok, false);
    });

    it("eachObject: a non-object item is required to be an object, and only objects are checked", () => {
        const v = new Validator();
        const seen: string[] = [];
        v.eachObject("items", [{ a: 1 }, 5, undefined], "{ a: 1 }", (p) => seen.push(p));
        assert.deepEqual(seen, ["items[0]"]);
        assert.deepEqual(v.failures, [
            { property: "items[1]", reason: "must be an object, got an integer — e.g. { a: 1 }" },
            { property: "items[2]", reason: "is required: set it to an object — e.g. { a: 1 }" },
        ]);
    });
});
