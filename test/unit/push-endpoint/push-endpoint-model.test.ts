import * as assert from "node:assert/strict";
import {
    changedPushEndpointFields,
    managedPushEndpointFields,
    normalizePushEndpointInputs,
    parsePushEndpointResourceId,
    patchFor,
    projectPushEndpointInputs,
    pushEndpointResourceId,
    replacedPushEndpointFields,
    toPushEndpointOutputs,
    validatePushEndpoint,
} from "../../../provider/model/push-endpoint";
import { UNKNOWN_VALUE } from "../../../provider/model/validation";

const USER = "5f0c1b2c3d4e5f6a7b8c9d0e";
const base = { userId: USER, pushEndpointId: "6a1b2c3d4e5f6a7b8c9d0e1f" };

type Case = [label: string, inputs: Record<string, unknown>, failing: string[]];
const cases: Case[] = [
    ["minimal", base, []],
    ["every field", { ...base, name: "Alice's iPhone", state: "inactive", orgId: "5f0000000000000000000001" }, []],
    ["opaque endpoint id", { ...base, pushEndpointId: "pe_01.abc-XYZ" }, []],
    [
        "unknown values at preview",
        { userId: UNKNOWN_VALUE, pushEndpointId: UNKNOWN_VALUE, name: UNKNOWN_VALUE, state: UNKNOWN_VALUE },
        [],
    ],
    ["missing userId", { pushEndpointId: "x" }, ["userId"]],
    ["missing pushEndpointId", { userId: USER }, ["pushEndpointId"]],
    ["path-like userId", { ...base, userId: "../../users" }, ["userId"]],
    ["path-like pushEndpointId", { ...base, pushEndpointId: "../x" }, ["pushEndpointId"]],
    ["pushEndpointId with a slash", { ...base, pushEndpointId: "a/b" }, ["pushEndpointId"]],
    ["empty name", { ...base, name: "" }, ["name"]],
    ["long name", { ...base, name: "n".repeat(256) }, ["name"]],
    ["state Active", { ...base, state: "Active" }, ["state"]],
    ["state disabled", { ...base, state: "disabled" }, ["state"]],
    ["orgId malformed", { ...base, orgId: "org" }, ["orgId"]],
    ["unknown key", { ...base, status: "active" }, ["status"]],
];

describe("UserPushEndpoint check", () => {
    for (const [label, inputs, failing] of cases) {
        it(`${failing.length ? "rejects" : "accepts"}: ${label}`, () => {
            const failures = validatePushEndpoint(inputs);
            assert.deepEqual(
                [...new Set(failures.map((f) => f.property))].sort(),
                [...failing].sort(),
                JSON.stringify(failures),
            );
        });
    }

    it("hints at the case of a state", () => {
        assert.match(validatePushEndpoint({ ...base, state: "Active" })[0]!.reason, /did you mean "active"/);
    });

    it("drops engine keys when normalising", () => {
        // The engine may hand keys the type does not declare; normalising keeps only the inputs.
        const fromEngine: typeof base = Object.assign({ __provider: "p" }, base);
        assert.deepEqual(normalizePushEndpointInputs(fromEngine), base);
    });
});

describe("UserPushEndpoint ids, diff and patch", () => {
    it("round-trips the resource id and refuses foreign ids", () => {
        const id = pushEndpointResourceId(USER, "abc");
        assert.deepEqual(parsePushEndpointResourceId(id), { userId: USER, pushEndpointId: "abc" });
        for (const bad of ["abc", `${USER}/`, `${USER}/a/b`, "user/abc", `${USER}/..`]) {
            assert.throws(() => parsePushEndpointResourceId(bad), /is not a UserPushEndpoint id/, bad);
        }
    });

    const live = { id: "abc", name: "Old phone", state: "active" };
    const patchCases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
        ["nothing managed", {}, {}],
        ["same values", { name: "Old phone", state: "active" }, {}],
        ["new name", { name: "New phone" }, { name: "New phone" }],
        ["new state", { state: "inactive" }, { state: "inactive" }],
        ["both", { name: "N", state: "inactive" }, { name: "N", state: "inactive" }],
    ];
    for (const [label, change, expected] of patchCases) {
        it(`patch: ${label}`, () => assert.deepEqual(patchFor({ ...base, ...change }, live), expected));
    }

    it("diffs managed fields only and replaces on identity", () => {
        const olds = { ...base, name: "Old phone", state: "active", managedFields: [] as Array<"name" | "state"> };
        assert.deepEqual(changedPushEndpointFields(olds, { ...base }), []);
        assert.deepEqual(changedPushEndpointFields(olds, { ...base, state: "inactive" }), ["state"]);
        assert.deepEqual(changedPushEndpointFields(olds, { ...base, name: UNKNOWN_VALUE }), ["name"]);
        assert.deepEqual(replacedPushEndpointFields(olds, { ...base }), []);
        assert.deepEqual(replacedPushEndpointFields(olds, { ...base, pushEndpointId: "other" }), ["pushEndpointId"]);
        assert.deepEqual(replacedPushEndpointFields(olds, { ...base, orgId: "5f0000000000000000000001" }), ["orgId"]);
    });

    it("outputs the device and projects only managed fields back onto the inputs", () => {
        const device = {
            make: "Apple",
            model: "iPhone",
            os: "iOS",
            osVersion: "18",
            appVersion: "2.1",
            uvEnabled: true,
        };
        const outs = toPushEndpointOutputs(
            { ...live, enrollmentDate: "2026-01-01T00:00:00Z", lastUsedDate: "2026-02-01T00:00:00Z", device },
            { userId: USER, pushEndpointId: "abc" },
            managedPushEndpointFields({ ...base, state: "inactive" }),
        );
        assert.deepEqual(outs.device, device);
        assert.equal(outs.enrollmentDate, "2026-01-01T00:00:00Z");
        assert.deepEqual(projectPushEndpointInputs(outs), { userId: USER, pushEndpointId: "abc", state: "active" });
    });
});
