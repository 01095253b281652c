import assert from "node:assert/strict";
import { assertError, type Group, SimHarness } from "./support/sim-harness";

const FULL_GROUP = {
    name: "Engineering",
    description: "All engineers",
    email: "eng@example.com",
    attributes: {
        sudo: { enabled: true, withoutPassword: false },
        ldapGroups: [{ name: "eng" }],
        posixGroups: [{ id: 5001, name: "eng" }],
        radius: { reply: [{ name: "Filter-Id", value: "eng" }] },
        sambaEnabled: false,
        customKey: { nested: ["kept", 1, true] },
    },
    membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
    memberQuery: { queryType: "FilterQuery", filters: [{ field: "department", operator: "eq", value: "Engineering" }] },
    memberQueryExemptions: [{ id: "5f0c00000000000000000001", type: "user" }],
    memberSuggestionsNotify: true,
};

describe("simulator: user groups", () => {
    const h = new SimHarness();
    before(() => h.start());
    after(() => h.stop());
    beforeEach(() => h.reset());

    it("POST creates a group (201) with every field, read-only fields and unknown attribute keys", async () => {
        const created = await h.createGroup(FULL_GROUP);
        assert.match(created.id, /^[0-9a-f]{24}$/);
        const { id, type, suggestionCounts, memberQueryErrorFlags, organizationObjectId, ...rest } = created;
        assert.equal(type, "user_group");
        assert.deepEqual(suggestionCounts, { add: 0, remove: 0, total: 0 });
        assert.deepEqual(memberQueryErrorFlags, []);
        assert.equal(organizationObjectId, h.sim.orgId);
        assert.deepEqual(rest, FULL_GROUP);
        const got = await h.api<Group>("GET", `/usergroups/${id}`);
        assert.equal(got.status, 200);
        assert.deepEqual(got.body, created);
    });

    it("stores and echoes all three memberQuery shapes verbatim", async () => {
        const shapes = [
            { queryType: "FilterQuery", filters: [{ field: "department", operator: "in", value: "Sales|Eng" }] },
            { queryType: "Filter", filters: ["description:$eq:test", "company:$co:Toast"] },
            { queryType: "Search", searchFilters: '{"filter":{"and":["department:$eq:Sales"]}}' },
        ];
        for (const [i, memberQuery] of shapes.entries()) {
            const g = await h.createGroup({ name: `dyn-${i}`, memberQuery, membershipMethod: "DYNAMIC_AUTOMATED" });
            assert.deepEqual(g.memberQuery, memberQuery);
            const got = await h.api<Group>("GET", `/usergroups/${g.id}`);
            assert.deepEqual(got.body.memberQuery, memberQuery);
        }
    });

    it("ignores read-only fields sent in a body", async () => {
        const g = await h.createGroup({ name: "ro", type: "system_group", id: "5f0c00000000000000000009" });
        assert.equal(g.type, "user_group");
        assert.notEqual(g.id, "5f0c00000000000000000009");
    });

    it("refuses a duplicate name case-insensitively with 409 Already Exists", async () => {
        await h.createGroup({ name: "Engineering" });
        const dup = await h.api("POST", "/usergroups", { body: { name: "ENGINEERING" } });
        assertError(dup, 409);
        assert.deepEqual(dup.body, { code: 409, message: "Already Exists", status: "Conflict" });
        const list = await h.api<Group[]>("GET", "/usergroups");
        assert.equal(list.body.length, 1, "no partial write");
    });

    it("allows the same name in another org", async () => {
        await h.seed({ orgs: [{ id: "5f00000000000000000000b2", apiKeys: ["key-b"] }] });
        await h.createGroup({ name: "Shared" });
        const other = await h.api("POST", "/usergroups", {
            body: { name: "shared" },
            headers: { "x-api-key": "key-b" },
        });
        assert.equal(other.status, 201);
    });

    it("PUT is a full replace: omitted optional fields are cleared, read-only fields stay", async () => {
        const g = await h.createGroup(FULL_GROUP);
        const put = await h.api<Group>("PUT", `/usergroups/${g.id}`, {
            body: { name: "Engineering", attributes: { customKey: 2 } },
        });
        assert.equal(put.status, 200);
        assert.deepEqual(put.body, {
            id: g.id,
            name: "Engineering",
            type: "user_group",
            attributes: { customKey: 2 },
            memberQueryErrorFlags: [],
            suggestionCounts: { add: 0, remove: 0, total: 0 },
            organizationObjectId: h.sim.orgId,
        });
        const got = await h.api<Group>("GET", `/usergroups/${g.id}`);
        assert.deepEqual(got.body, put.body);
    });

    it("PUT renames, including a case-only change of its own name", async () => {
        const g = await h.createGroup({ name: "alpha" });
        const put = await h.api<Group>("PUT", `/usergroups/${g.id}`, { body: { name: "ALPHA" } });
        assert.equal(put.status, 200);
        assert.equal(put.body.name, "ALPHA");
    });

    it("PUT onto another group's name is 409 and changes nothing", async () => {
        const a = await h.createGroup({ name: "a", description: "keep" });
        await h.createGroup({ name: "b" });
        assertError(await h.api("PUT", `/usergroups/${a.id}`, { body: { name: "B" } }), 409, "Already Exists");
        const got = await h.api<Group>("GET", `/usergroups/${a.id}`);
        assert.equal(got.body.name, "a");
        assert.equal(got.body.description, "keep");
    });

    it("PUT requires name", async () => {
        const g = await h.createGroup({ name: "x" });
        assertError(
            await h.api("PUT", `/usergroups/${g.id}`, { body: { description: "d" } }),
            400,
            "body.name is required",
        );
    });

    it("PUT and GET of an unknown id are 404", async () => {
        const missing = "5f0c0000000000000000dead";
        assertError(await h.api("GET", `/usergroups/${missing}`), 404);
        assertError(await h.api("PUT", `/usergroups/${missing}`, { body: { name: "n" } }), 404);
    });

    it("DELETE answers 204, then 404 when the group is already gone", async () => {
        const g = await h.createGroup({ name: "gone" });
        const del = await h.api("DELETE", `/usergroups/${g.id}`);
        assert.equal(del.status, 204);
        assertError(await h.api("GET", `/usergroups/${g.id}`), 404);
        assertError(await h.api("DELETE", `/usergroups/${g.id}`), 404);
        // The name is free again.
        await h.createGroup({ name: "GONE" });
    });

    it("malformed ids are 400 on every id route", async () => {
        for (const [method, body] of [
            ["GET", undefined],
            ["PUT", { name: "n" }],
            ["DELETE", undefined],
        ] as const) {
            assertError(await h.api(method, "/usergroups/not-an-id", { body }), 400, "Malformed ID");
            assertError(await h.api(method, "/usergroups/5f0c0000000000000000000", { body }), 400, "Malformed ID");
        }
    });

    describe("bad bodies (400 naming the problem, nothing written)", () => {
        const cases: [string, unknown, string][] = [
            ["missing name", { description: "x" }, "body.name is required"],
            ["name of the wrong type", { name: 5 }, "body.name must be of type string"],
            [
                "unknown membershipMethod",
                { name: "n", membershipMethod: "SOMETIMES" },
                "body.membershipMethod must be one of",
            ],
            ["sudo without withoutPassword", { name: "n", attributes: { sudo: { enabled: true } } }, "withoutPassword"],
            [
                "posixGroups id not an integer",
                { name: "n", attributes: { posixGroups: [{ id: "x", name: "g" }] } },
                "posixGroups[0].id",
            ],
            ["radius reply without value", { name: "n", attributes: { radius: { reply: [{ name: "a" }] } } }, "value"],
            ["memberQuery without queryType", { name: "n", memberQuery: { filters: [] } }, "memberQuery.queryType"],
            [
                "unknown queryType",
                { name: "n", memberQuery: { queryType: "Magic" } },
                "memberQuery.queryType must be one of",
            ],
            [
                "FilterQuery filter with a bad operator",
                {
                    name: "n",
                    memberQuery: { queryType: "FilterQuery", filters: [{ field: "a", operator: "has", value: "b" }] },
                },
                "operator",
            ],
            [
                "exemption without type",
                { name: "n", memberQueryExemptions: [{ id: "x" }] },
                "memberQueryExemptions[0].type",
            ],
            ["memberSuggestionsNotify not boolean", { name: "n", memberSuggestionsNotify: "yes" }, "boolean"],
            ["array body", [{ name: "n" }], "body must be of type object"],
        ];
        for (const [title, body, message] of cases) {
            it(title, async () => {
                assertError(await h.api("POST", "/usergroups", { body }), 400, message);
                const list = await h.api<Group[]>("GET", "/usergroups");
                assert.equal(list.body.length, 0);
            });
        }

        it("malformed JSON", async () => {
            assertError(await h.api("POST", "/usergroups", { rawBody: '{"name": "x"' }), 400, "malformed JSON");
        });

        it("an empty JSON body", async () => {
            assertError(await h.api("POST", "/usergroups", { rawBody: "" }), 400);
        });

        it("a non-JSON content type", async () => {
            const res = await h.api("POST", "/usergroups", {
                rawBody: "name=x",
                headers: { "content-type": "text/plain" },
            });
            assertError(res, 415, "application/json");
        });

        it("a body over 1 MiB is 413", async () => {
            const res = await h.api("POST", "/usergroups", {
                body: { name: "big", description: "x".repeat(1024 * 1024) },
            });
            assertError(res, 413);
        });
    });
});
