/**
 * Managed fields, the full POST/PUT body (live object overlaid with managed fields), outputs and the read-back
 * projection of a live group onto the managed inputs.
 */
import * as assert from "node:assert/strict";
import type { ApiUserGroup } from "../../../provider/client/types";
import { managedFieldsOf, toApiBody, toOutputs, type UserGroupInputs } from "../../../provider/model/user-group";
import { projectInputs } from "../../../provider/model/user-group-projection";

const live: ApiUserGroup = {
    id: "5f0c1b2c3d4e5f6a7b8c9d0e",
    name: "Engineering",
    type: "user_group",
    description: "from the console",
    email: "eng@example.com",
    attributes: { sudo: { enabled: true, withoutPassword: false }, costCenter: "42" },
    membershipMethod: "STATIC",
    suggestionCounts: { add: 0, remove: 0, total: 0 },
    memberQueryErrorFlags: [],
    organizationObjectId: "5f0000000000000000000001",
};

describe("UserGroup managed fields", () => {
    it("lists top-level fields and one entry per attribute key", () => {
        const inputs: UserGroupInputs = {
            name: "g",
            email: "a@b.co",
            attributes: { sudo: { enabled: true }, custom: 1 },
            orgId: "5f0000000000000000000001",
            adopt: { by: "name" },
        };
        assert.deepEqual(managedFieldsOf(inputs), ["name", "email", "attributes.sudo", "attributes.custom"]);
    });

    it("does not count undefined properties", () => {
        assert.deepEqual(managedFieldsOf({ name: "g", description: undefined } as UserGroupInputs), ["name"]);
    });
});

describe("UserGroup toApiBody", () => {
    it("without a live object is exactly the inputs' body fields, searchFilters stringified", () => {
        const body = toApiBody({
            name: "g",
            memberQuery: { queryType: "Search", searchFilters: { filter: { and: ["a:$eq:1"] } } },
            orgId: "5f0000000000000000000001",
            adopt: { by: "name", mode: "verify" },
        });
        assert.deepEqual(body, {
            name: "g",
            memberQuery: { queryType: "Search", searchFilters: '{"filter":{"and":["a:$eq:1"]}}' },
        });
    });

    it("overlays managed fields on the live object, keeps unmanaged ones and strips read-only fields", () => {
        const body = toApiBody({ name: "Engineering", attributes: { sambaEnabled: true } }, live, [
            "name",
            "attributes.sambaEnabled",
        ]);
        assert.deepEqual(body, {
            name: "Engineering",
            description: "from the console",
            email: "eng@example.com",
            attributes: { sudo: { enabled: true, withoutPassword: false }, costCenter: "42", sambaEnabled: true },
            membershipMethod: "STATIC",
        });
    });

    it("clears fields and attribute keys the program managed before and dropped", () => {
        const body = toApiBody({ name: "Engineering" }, live, ["name", "email", "attributes.sudo"]);
        assert.deepEqual(body, {
            name: "Engineering",
            description: "from the console",
            attributes: { costCenter: "42" },
            membershipMethod: "STATIC",
        });
    });

    it("keeps no attributes object when the last key is cleared and none existed", () => {
        const body = toApiBody(
            { name: "g" },
            { id: "x", name: "g", attributes: { sudo: { enabled: true, withoutPassword: false } } },
            ["attributes.sudo"],
        );
        assert.deepEqual(body, { name: "g", attributes: {} });
        assert.deepEqual(toApiBody({ name: "g", attributes: {} }), { name: "g" });
    });
});

describe("UserGroup toOutputs and projectInputs", () => {
    it("outputs carry every reported field, the program's orgId/adopt and the managed list, never the id", () => {
        const outs = toOutputs(live, ["name"], { orgId: "5f0000000000000000000001", adopt: { by: "name" } });
        assert.equal((outs as unknown as Record<string, unknown>).id, undefined);
        assert.equal(outs.type, "user_group");
        assert.deepEqual(outs.suggestionCounts, { add: 0, remove: 0, total: 0 });
        assert.deepEqual(outs.managedFields, ["name"]);
        assert.equal(outs.orgId, "5f0000000000000000000001");
        assert.deepEqual(outs.adopt, { by: "name" });
    });

    it("projects only managed fields, keeps equivalent previous forms and drops fields gone from the live object", () => {
        const previous = toOutputs(
            {
                id: "x",
                name: "Engineering",
                email: "old@example.com",
                attributes: { sudo: { enabled: true, withoutPassword: false } },
                memberQueryExemptions: [
                    { id: "5f0c1b2c3d4e5f6a7b8c9d0a", type: "user" },
                    { id: "5f0c1b2c3d4e5f6a7b8c9d0b", type: "user" },
                ],
            },
            [
                "name",
                "email",
                "memberQueryExemptions",
                "memberSuggestionsNotify",
                "attributes.sudo",
                "attributes.ldapGroups",
            ],
        );
        const now: ApiUserGroup = {
            ...live,
            memberQueryExemptions: [
                { id: "5f0c1b2c3d4e5f6a7b8c9d0b", type: "user" },
                { id: "5f0c1b2c3d4e5f6a7b8c9d0a", type: "user" },
            ],
        };
        const inputs = projectInputs(now, previous.managedFields, previous, { orgId: "5f0000000000000000000001" });
        assert.deepEqual(inputs, {
            name: "Engineering",
            email: "eng@example.com",
            memberQueryExemptions: previous.memberQueryExemptions,
            attributes: { sudo: { enabled: true, withoutPassword: false } },
            orgId: "5f0000000000000000000001",
        });
    });
});

// Two survivors of the model's mutation run (README, Testing): a change that would drop console-set attribute keys,
// and one that would hide an approval whose removals outnumber its additions.
describe("UserGroup edges found by mutation testing", () => {
    it("a state naming `attributes` as a whole never makes the PUT drop attribute keys the program does not set", () => {
        const body = toApiBody({ name: "Engineering", attributes: { sudo: { enabled: false } } }, live, [
            "attributes",
            "attributes.sudo",
        ]);
        assert.deepEqual(body.attributes, { sudo: { enabled: false }, costCenter: "42" });
    });

    for (const [add, remove] of [
        [0, 2],
        [1, 1],
        [3, 0],
    ] as const) {
        it(`applySuggestions shows an approval of ${add} additions and ${remove} removals`, () => {
            const ids = (n: number, c: string) => Array.from({ length: n }, (_, i) => `5f0c1b2c3d4e5f6a7b8c9d${c}${i}`);
            const inputs = projectInputs(
                { ...live, membershipMethod: "DYNAMIC_REVIEW_REQUIRED" },
                ["name"],
                undefined,
                { applySuggestions: true },
                { pendingSuggestions: { add: ids(add, "a"), remove: ids(remove, "b") } },
            );
            assert.equal(inputs.suggestionsToApprove, `add ${add}, remove ${remove}`);
        });
    }

    it("applySuggestions shows no approval when nothing is pending", () => {
        const inputs = projectInputs(
            live,
            ["name"],
            undefined,
            { applySuggestions: true },
            {
                pendingSuggestions: { add: [], remove: [] },
            },
        );
        assert.equal(inputs.suggestionsToApprove, undefined);
    });
});
