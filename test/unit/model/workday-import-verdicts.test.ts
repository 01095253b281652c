/**
 * WorkdayImport: exact check failures for bad users, when two user lists count as the same import, and how a job's
 * result rows are summarised (missing or empty strings from the API).
 */
import * as assert from "node:assert/strict";
import { UNKNOWN_VALUE } from "../../../provider/model/validation";
import { sameUsers, summarizeResults, validateWorkdayImport } from "../../../provider/model/workday-import";

const W = "5f0c1b2c3d4e5f6a7b8c9d0e";
const alice = { email: "alice@example.com", username: "alice" };

describe("WorkdayImport check and results", () => {
    it("inputs that are not an object", () => {
        assert.deepEqual(validateWorkdayImport(5), [
            { property: "", reason: "the inputs must be an object with workdayId and users" },
        ]);
    });

    it("boolean user fields take booleans", () => {
        assert.deepEqual(validateWorkdayImport({ workdayId: W, users: [{ ...alice, activated: true }] }), []);
        assert.deepEqual(validateWorkdayImport({ workdayId: W, users: [{ ...alice, activated: "yes" }] }), [
            { property: "users[0].activated", reason: "must be true or false, got a string" },
        ]);
    });

    it("custom attributes: a non-object item is one failure, an object item needs a name", () => {
        const users = [{ ...alice, attributes: [5, { value: "x" }] }];
        assert.deepEqual(validateWorkdayImport({ workdayId: W, users }), [
            { property: "users[0].attributes[0]", reason: "must be an object, got an integer" },
            { property: "users[0].attributes[1].name", reason: "is required: set it to a string" },
        ]);
    });

    it("a user list holding a value not known yet is never the same import", () => {
        assert.equal(sameUsers([alice], [{ username: "alice", email: "alice@example.com" }]), true);
        assert.equal(sameUsers([UNKNOWN_VALUE], [UNKNOWN_VALUE]), false);
    });

    it("a row without a status, or with an empty one, is pending; counts are sorted by status", () => {
        const s = summarizeResults([{ status: "" }, {}, { status: "failed" }, { status: "created" }], 4);
        assert.deepEqual(Object.entries(s.counts), [
            ["created", 1],
            ["failed", 1],
            ["pending", 2],
        ]);
        assert.equal(s.pending, 2);
        assert.equal(s.complete, false);
    });

    it("a failed row without a message, named by the first non-empty username/email", () => {
        const s = summarizeResults(
            [{ status: "failed", persistedFields: { username: "" }, meta: { username: "bob", email: "bob@x.io" } }],
            1,
        );
        assert.deepEqual(s.failedUsers, [{ status: "failed", message: "", username: "bob", email: "bob@x.io" }]);
    });
});
