import assert from "node:assert/strict";
import type { SeedUserGroup } from "../../simulator/seed";
import { assertError, type Group, SimHarness } from "./support/sim-harness";

/** 25 groups: g00..g24, with numbers, booleans and nested attributes to filter on. */
function seedGroups(): SeedUserGroup[] {
    return Array.from({ length: 25 }, (_, i) => ({
        name: `g${String(i).padStart(2, "0")}`,
        description: i % 2 === 0 ? "Even group" : "odd: group",
        membershipMethod: i < 5 ? "STATIC" : "NOTSET",
        memberSuggestionsNotify: i % 5 === 0,
        attributes: { level: i, sudo: { enabled: i % 3 === 0, withoutPassword: false } },
    }));
}

describe("simulator: list semantics", () => {
    const h = new SimHarness();
    before(async () => {
        await h.start();
        await h.seed({ userGroups: seedGroups() });
    });
    after(() => h.stop());

    const names = (body: Group[]): string[] => body.map((g) => g.name);
    const list = async (query: string) => h.api<Group[]>("GET", `/usergroups${query}`);

    it("answers a bare array of 10 by default with x-total-count", async () => {
        const res = await list("");
        assert.equal(res.status, 200);
        assert.equal(res.body.length, 10);
        assert.equal(res.headers.get("x-total-count"), "25");
        assert.deepEqual(
            names(res.body),
            seedGroups()
                .slice(0, 10)
                .map((g) => g.name),
        );
    });

    it("treats field names of JavaScript built-ins as plain, absent fields (no 500)", async () => {
        for (const query of [
            "?sort=constructor",
            "?sort=__proto__",
            "?filter=constructor:eq:x",
            "?filter=toString:ne:y",
        ]) {
            const res = await list(query);
            assert.equal(res.status, 200, query);
            assert.ok(Array.isArray(res.body), query);
        }
        const none = await list("?filter=constructor:eq:x");
        assert.equal(none.body.length, 0, "no group has a field called constructor");
    });

    it("limit up to 100; skip pages through", async () => {
        const all = await list("?limit=100");
        assert.equal(all.body.length, 25);
        const page = await list("?limit=5&skip=20");
        assert.deepEqual(names(page.body), ["g20", "g21", "g22", "g23", "g24"]);
        const beyond = await list("?limit=5&skip=25");
        assert.deepEqual(beyond.body, []);
        assert.equal(beyond.headers.get("x-total-count"), "25");
    });

    for (const [query, message] of [
        ["?limit=101", "limit"],
        ["?limit=0", "limit"],
        ["?limit=abc", "limit"],
        ["?limit=5&limit=6", "limit must be given at most once"],
        ["?skip=-1", "skip"],
        ["?skip=1.5", "skip"],
        ["?skip=1&skip=2", "skip must be given at most once"],
        ["?filter=name", "field:operator:value"],
        ["?filter=name:like:x", 'unsupported operator "like"'],
        ["?filter=name:between:a|b", "between"],
        ["?filter=na$me:eq:x", "invalid field name"],
        ["?sort=name;drop", "invalid field name"],
        ["?fields=a b", "invalid field name"],
    ] as const) {
        it(`refuses ${query} with 400`, async () => {
            assertError(await list(query), 400, message);
        });
    }

    it("sorts ascending, descending and by several keys", async () => {
        assert.deepEqual(names((await list("?sort=-name&limit=3")).body), ["g24", "g23", "g22"]);
        assert.deepEqual(names((await list("?sort=name&limit=2")).body), ["g00", "g01"]);
        const multi = await list("?sort=membershipMethod,-name&limit=3");
        assert.deepEqual(names(multi.body), ["g24", "g23", "g22"]);
        const numeric = await list("?sort=-attributes.level&limit=2");
        assert.deepEqual(names(numeric.body), ["g24", "g23"]);
        const repeated = await list("?sort=-membershipMethod&sort=name&limit=2");
        assert.deepEqual(names(repeated.body), ["g00", "g01"]);
    });

    const filterCases: [string, string[]][] = [
        ["filter=name:eq:g03", ["g03"]],
        ["filter=name:eq:G03", []],
        ["filter=membershipMethod:eq:STATIC", ["g00", "g01", "g02", "g03", "g04"]],
        ["filter=membershipMethod:ne:NOTSET", ["g00", "g01", "g02", "g03", "g04"]],
        ["filter=name:in:g01|g07|nope", ["g01", "g07"]],
        ["filter=name:search:G1", ["g10", "g11", "g12", "g13", "g14", "g15", "g16", "g17", "g18", "g19"]],
        ["filter=attributes.level:gt:22", ["g23", "g24"]],
        ["filter=attributes.level:ge:23", ["g23", "g24"]],
        ["filter=attributes.level:lt:2", ["g00", "g01"]],
        ["filter=attributes.level:le:1", ["g00", "g01"]],
        ["filter=attributes.level:eq:7", ["g07"]],
        ["filter=attributes.level:in:3|4", ["g03", "g04"]],
        ["filter=name:gt:g22", ["g23", "g24"]],
        ["filter=memberSuggestionsNotify:eq:true", ["g00", "g05", "g10", "g15", "g20"]],
        ["filter=attributes.sudo.enabled:eq:true&filter=membershipMethod:eq:STATIC", ["g00", "g03"]],
        ["filter=description:eq:odd: group&filter=attributes.level:lt:4", ["g01", "g03"]],
        ["filter=type:eq:user_group&filter=name:eq:fakeString", []],
        ["filter=disabled:eq:true", []],
    ];
    for (const [query, expected] of filterCases) {
        it(`filters ${query}`, async () => {
            const res = await list(`?${query.replace(/ /g, "%20")}&limit=100`);
            assert.equal(res.status, 200, res.text);
            assert.deepEqual(names(res.body), expected);
            assert.equal(res.headers.get("x-total-count"), String(expected.length));
        });
    }

    it("x-total-count is the filtered total, independent of limit and skip", async () => {
        const res = await list("?filter=membershipMethod:eq:NOTSET&limit=3&skip=2");
        assert.equal(res.body.length, 3);
        assert.equal(res.headers.get("x-total-count"), "20");
    });

    it("fields projects the listed (and dotted) fields and always keeps id", async () => {
        const res = await list("?fields=name,attributes.sudo&limit=1");
        assert.deepEqual(Object.keys(res.body[0]!), ["id", "name", "attributes"]);
        assert.deepEqual(res.body[0]!["attributes"], { sudo: { enabled: true, withoutPassword: false } });
        const repeated = await list("?fields=name&fields=description&limit=1");
        assert.deepEqual(Object.keys(repeated.body[0]!), ["id", "name", "description"]);
    });
});
