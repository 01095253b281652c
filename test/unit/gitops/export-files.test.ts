import * as assert from "node:assert/strict";
import type { ApiUserGroup } from "../../../provider/client/types";
import {
    exportFileNames,
    groupDocument,
    groupFileText,
    parseGroupFile,
    parsePropertyPath,
    resourceNameForFile,
    slugify,
    valueAtPath,
} from "../../../provider/gitops";

describe("gitops: export file names", () => {
    const slugs: Array<[string, string]> = [
        ["Engineering", "engineering"],
        ["Sales EMEA", "sales-emea"],
        ["Ops & Infra — Berlin!", "ops-infra-berlin"],
        ["Équipe Café", "equipe-cafe"],
        ["  --  ", "group"],
        ["日本", "group"],
        ["x".repeat(100), "x".repeat(60)],
    ];
    for (const [name, slug] of slugs) {
        it(`slugifies ${JSON.stringify(name.slice(0, 20))} as ${slug.slice(0, 20)}`, () =>
            assert.equal(slugify(name), slug));
    }

    it("adds a short id suffix only on collision, first id keeping the plain name", () => {
        const names = exportFileNames([
            { id: "5f00000000000000000000b2", name: "ops-infra" },
            { id: "5f00000000000000000000a1", name: "Ops & Infra" },
            { id: "5f00000000000000000000c3", name: "Engineering" },
            { id: "5f00000000000000000000d4", name: "OPS INFRA" },
        ]);
        assert.deepEqual(Object.fromEntries(names), {
            "5f00000000000000000000a1": "ops-infra.yaml",
            "5f00000000000000000000b2": "ops-infra-0000b2.yaml",
            "5f00000000000000000000c3": "engineering.yaml",
            "5f00000000000000000000d4": "ops-infra-0000d4.yaml",
        });
    });

    it("never gives a suffixed name that another group has as its plain name", () => {
        const names = exportFileNames([
            { id: "5f0000000000000000000001", name: "eng" },
            { id: "5f0000000000000000000002", name: "ENG" },
            { id: "5f0000000000000000000003", name: "eng 000002" },
        ]);
        assert.equal(names.get("5f0000000000000000000003"), "eng-000002.yaml");
        assert.equal(names.get("5f0000000000000000000002"), "eng-5f0000000000000000000002.yaml");
        assert.equal(new Set(names.values()).size, 3);
    });

    it("derives resource names from file names", () => {
        assert.equal(resourceNameForFile("groups/Eng Team.yaml"), "eng-team");
        assert.equal(resourceNameForFile("linux_admins.v2.yml"), "linux_admins.v2");
        assert.equal(resourceNameForFile("...yaml"), "");
    });
});

describe("gitops: group documents", () => {
    const live: ApiUserGroup = {
        id: "5f0c1b2c3d4e5f6a7b8c9d0e",
        name: "Linux",
        type: "user_group",
        description: "",
        email: "linux@example.com",
        membershipMethod: "STATIC",
        memberSuggestionsNotify: false,
        memberQueryExemptions: [],
        attributes: { zeta: 1, sambaEnabled: false, sudo: { enabled: true, withoutPassword: false }, alpha: "a" },
        suggestionCounts: { add: 0, remove: 0, total: 0 },
        organizationObjectId: "5f0000000000000000000001",
    };

    it("writes live values in a fixed order, leaves empty ones and read-only fields out, and adds adopt", () => {
        const doc = groupDocument(live);
        assert.deepEqual(Object.keys(doc), [
            "name",
            "email",
            "membershipMethod",
            "memberSuggestionsNotify",
            "attributes",
            "adopt",
        ]);
        assert.deepEqual(Object.keys(doc.attributes as object), ["sudo", "sambaEnabled", "alpha", "zeta"]);
        assert.deepEqual(doc.adopt, { by: "id", id: live.id, mode: "verify" });
        assert.equal(groupDocument(live, { orgId: "5f0000000000000000000002" }).orgId, "5f0000000000000000000002");
    });

    it("round-trips through the loader's parser", () => {
        const parsed = parseGroupFile(groupFileText(live), "groups/linux.yaml");
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(parsed.inputs, groupDocument(live));
    });

    it("writes members sorted and associations sorted by type and id, which the loader reads back", () => {
        const text = groupFileText(live, {
            members: ["bob@example.com", "Alice@example.com", "carol", "5f2d00000000000000000009"],
            associations: [
                { type: "system", id: "5f3e00000000000000000002" },
                { type: "application", id: "5f3e00000000000000000003", attributes: {} },
                {
                    type: "system",
                    id: "5f3e00000000000000000001",
                    attributes: { sudo: { enabled: true, withoutPassword: true } },
                },
            ],
        });
        const parsed = parseGroupFile(text, "groups/linux.yaml");
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(
            parsed.members?.map((m) => m.value),
            ["5f2d00000000000000000009", "Alice@example.com", "bob@example.com", "carol"],
        );
        assert.deepEqual(parsed.associations, [
            { type: "application", id: "5f3e00000000000000000003" },
            {
                type: "system",
                id: "5f3e00000000000000000001",
                attributes: { sudo: { enabled: true, withoutPassword: true } },
            },
            { type: "system", id: "5f3e00000000000000000002" },
        ]);
        const keys = Object.keys(groupDocument(live, { members: [], associations: [] }));
        assert.deepEqual(keys.slice(-2), ["members", "adopt"], "members: [] is written; no associations key when none");
    });

    it("quotes names that YAML would read as something else", () => {
        for (const name of ["600000000000000000000001", "true", "1e5", "null", "- x"]) {
            const parsed = parseGroupFile(groupFileText({ id: "5f0c1b2c3d4e5f6a7b8c9d0e", name }), "g.yaml");
            assert.equal(parsed.inputs?.name, name);
        }
    });
});

describe("gitops: property paths", () => {
    it("parses dotted, indexed and quoted segments", () => {
        assert.deepEqual(parsePropertyPath("attributes.posixGroups[0].id"), ["attributes", "posixGroups", 0, "id"]);
        assert.deepEqual(parsePropertyPath('attributes["x-y.z"].a'), ["attributes", "x-y.z", "a"]);
        assert.deepEqual(parsePropertyPath(""), []);
        assert.equal(valueAtPath({ a: [{ b: 2 }] }, "a[0].b"), 2);
        assert.equal(valueAtPath({ a: 1 }, "a.b.c"), undefined);
    });
});
