import assert from "node:assert/strict";
import { assertError, type Group, SimHarness } from "./support/sim-harness";

interface Connection {
    to: { id: string; type: string };
}

interface Suggestion {
    op: "add" | "remove";
    object: { id: string; type: string };
}

interface PostResult {
    suggestions_found: string[];
    suggestions_not_found: string[];
}

const PEOPLE = [
    { username: "ada", email: "ada@example.com", department: "Eng", company: "Toast Inc", location: "Paris" },
    { username: "bob", email: "bob@example.com", department: "Sales", company: "Acme", location: "Lyon" },
    { username: "cy", email: "cy@example.com", department: "Eng", company: "Acme", state: "SUSPENDED" },
    { username: "dee", email: "dee@example.com", department: "Ops", company: "Toaster", costCenter: "7" },
    { username: "eve", email: "eve@example.com", department: "Eng", state: "STAGED", description: "test" },
];

const eng = { queryType: "FilterQuery", filters: [{ field: "department", operator: "eq", value: "Eng" }] };

describe("simulator: dynamic groups evaluated from memberQuery", () => {
    const h = new SimHarness();
    let ids: Record<string, string>;
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        const seeded = (await h.seed({ users: PEOPLE })).users;
        ids = Object.fromEntries(PEOPLE.map((p, i) => [p.username, seeded[i]!]));
    });

    const automated = (memberQuery: unknown, extra: Record<string, unknown> = {}) =>
        h.createGroup({ name: `auto-${Math.random()}`, membershipMethod: "DYNAMIC_AUTOMATED", memberQuery, ...extra });
    const memberNames = async (groupId: string): Promise<string[]> => {
        const res = await h.api<Connection[]>("GET", `/usergroups/${groupId}/members?limit=100`);
        assert.equal(res.status, 200, res.text);
        const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
        return res.body.map((c) => byId[c.to.id] ?? c.to.id);
    };

    it("DYNAMIC_AUTOMATED: the members are the FilterQuery matches (ANDed, v2 operators)", async () => {
        assert.deepEqual(await memberNames((await automated(eng)).id), ["ada", "cy", "eve"]);
        const two = await automated({
            queryType: "FilterQuery",
            filters: [
                { field: "department", operator: "in", value: "Eng|Ops" },
                { field: "company", operator: "search", value: "toast" },
            ],
        });
        assert.deepEqual(await memberNames(two.id), ["ada", "dee"]);
        const active = await automated({
            queryType: "FilterQuery",
            filters: [{ field: "userState", operator: "ne", value: "active" }],
        });
        assert.deepEqual(await memberNames(active.id), ["cy", "eve"], "userState maps to active/staged/suspended");
    });

    it("evaluates the Filter shape (v1 operators, $in, $co) and the Search shape (and/or trees, string or object)", async () => {
        const filter = await automated({ queryType: "Filter", filters: ["department:$eq:Eng", "company:$co:acme"] });
        assert.deepEqual(await memberNames(filter.id), ["cy"]);
        const description = await automated({ queryType: "Filter", filters: ["description:$eq:test"] });
        assert.deepEqual(await memberNames(description.id), ["eve"]);
        const search = await automated({
            queryType: "Search",
            searchFilters: '{"filter":{"or":["location:$eq:Lyon",{"and":["department:$eq:Eng","company:$co:Toast"]}]}}',
        });
        assert.deepEqual(await memberNames(search.id), ["ada", "bob"]);
        const object = await automated({
            queryType: "Search",
            searchFilters: { filter: { and: ["costCenter:$gte:5", "department:$in:Ops|Sales"] } },
        });
        assert.deepEqual(await memberNames(object.id), ["dee"]);
        const term = await automated({
            queryType: "Search",
            searchFilters: { searchFilter: { searchTerm: "TOAST", fields: ["company", "location"] } },
        });
        assert.deepEqual(await memberNames(term.id), ["ada", "dee"]);
    });

    it("excludes memberQueryExemptions and matches nobody for a query it cannot evaluate", async () => {
        const exempt = await automated(eng, { memberQueryExemptions: [{ id: ids["cy"], type: "user" }] });
        assert.deepEqual(await memberNames(exempt.id), ["ada", "eve"]);
        for (const query of [
            { queryType: "FilterQuery", filters: [{ field: "department", operator: "between", value: "A,Z" }] },
            { queryType: "FilterQuery", filters: [] },
            { queryType: "Filter", filters: ["department:eq:Eng"] },
            { queryType: "Search", searchFilters: "{not json" },
        ]) {
            assert.deepEqual(await memberNames((await automated(query)).id), [], JSON.stringify(query));
        }
    });

    it("refuses member POSTs on dynamic groups with a 400 that says why and what to do", async () => {
        const auto = await automated(eng);
        const add = await h.api("POST", `/usergroups/${auto.id}/members`, {
            body: { op: "add", type: "user", id: ids["bob"] },
        });
        assertError(add, 400, /DYNAMIC_AUTOMATED.*memberQuery.*STATIC/);
        const review = await h.createGroup({
            name: "review",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: eng,
        });
        const remove = await h.api("POST", `/usergroups/${review.id}/members`, {
            body: { op: "remove", type: "user", id: ids["ada"] },
        });
        assertError(remove, 400, /DYNAMIC_REVIEW_REQUIRED.*suggestions/);
        assert.deepEqual(await memberNames(auto.id), ["ada", "cy", "eve"]);
    });

    it("follows user changes at once: a user who moves department leaves, a suspended one stays if still matched", async () => {
        const auto = await automated(eng);
        await h.admin("PATCH", `/users/${ids["ada"]}`, { department: "Sales" });
        await h.admin("PATCH", `/users/${ids["eve"]}`, { state: "SUSPENDED" });
        await h.seed({ users: [{ username: "fay", email: "fay@example.com", department: "Eng" }] });
        const names = await memberNames(auto.id);
        assert.equal(names.length, 3);
        assert.deepEqual(names.slice(0, 2), ["cy", "eve"]);
        const memberOf = await h.api<{ id: string }[]>("GET", `/users/${ids["ada"]}/memberof`);
        assert.deepEqual(memberOf.body, []);
        const eveOf = await h.api<{ id: string }[]>("GET", `/users/${ids["eve"]}/memberof`);
        assert.deepEqual(
            eveOf.body.map((g) => g.id),
            [auto.id],
        );
        const membership = await h.api<{ id: string }[]>(
            "GET",
            `/usergroups/${auto.id}/membership?filter=object_id:eq:${ids["cy"]}`,
        );
        assert.deepEqual(
            membership.body.map((m) => m.id),
            [ids["cy"]],
        );
    });

    it("leaving DYNAMIC_AUTOMATED keeps the evaluated members as static members; entering it drops the edges", async () => {
        const group = await automated(eng);
        const body = { name: group.name, membershipMethod: "STATIC" };
        assert.equal((await h.api("PUT", `/usergroups/${group.id}`, { body })).status, 200);
        await h.admin("PATCH", `/users/${ids["ada"]}`, { department: "Sales" });
        assert.deepEqual(await memberNames(group.id), ["ada", "cy", "eve"], "frozen at the switch");
        assert.equal(
            (
                await h.api("POST", `/usergroups/${group.id}/members`, {
                    body: { op: "add", type: "user", id: ids["bob"] },
                })
            ).status,
            204,
        );
        await h.api("PUT", `/usergroups/${group.id}`, {
            body: { name: group.name, membershipMethod: "DYNAMIC_AUTOMATED", memberQuery: eng },
        });
        assert.deepEqual(await memberNames(group.id), ["cy", "eve"]);
        const dump = (await h.admin<{ groupEdges: { groupId: string }[] }>("GET", "/store")).body;
        assert.equal(dump.groupEdges.filter((e) => e.groupId === group.id).length, 0);
    });

    it("DYNAMIC_REVIEW_REQUIRED: members change only when suggestions are applied; counts are computed", async () => {
        const [reviewId] = (
            await h.seed({
                userGroups: [
                    {
                        name: "review",
                        membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
                        memberQuery: eng,
                        memberQueryExemptions: [{ id: ids["eve"], type: "user" }],
                        members: [ids["bob"]!, ids["ada"]!, ids["eve"]!],
                    },
                ],
            })
        ).userGroups;
        const group = await h.api<Group>("GET", `/usergroups/${reviewId}`);
        assert.deepEqual(group.body["suggestionCounts"], { add: 1, remove: 2, total: 3 });
        const suggestions = await h.api<Suggestion[]>("GET", `/usergroups/${reviewId}/suggestions`);
        assert.equal(suggestions.headers.get("x-total-count"), "3");
        assert.deepEqual(suggestions.body, [
            { op: "add", object: { id: ids["cy"], type: "user" } },
            { op: "remove", object: { id: ids["bob"], type: "user" } },
            { op: "remove", object: { id: ids["eve"], type: "user" } },
        ]);
        const paged = await h.api<Suggestion[]>("GET", `/usergroups/${reviewId}/suggestions?limit=1&skip=1`);
        assert.deepEqual(
            paged.body.map((s) => s.object.id),
            [ids["bob"]],
        );
        assert.deepEqual(await memberNames(reviewId!), ["bob", "ada", "eve"], "nothing applied yet");

        const applied = await h.api<PostResult[]>("POST", `/usergroups/${reviewId}/suggestions`, {
            body: { user_ids: [ids["cy"], ids["bob"], ids["dee"], ids["ada"]] },
        });
        assert.equal(applied.status, 200, applied.text);
        assert.deepEqual(applied.body, [
            { suggestions_found: [ids["cy"], ids["bob"]], suggestions_not_found: [ids["dee"], ids["ada"]] },
        ]);
        assert.deepEqual(await memberNames(reviewId!), ["ada", "eve", "cy"]);
        const after = await h.api<Group>("GET", `/usergroups/${reviewId}`);
        assert.deepEqual(after.body["suggestionCounts"], { add: 0, remove: 1, total: 1 });
        const listed = await h.api<Group[]>("GET", "/usergroups?filter=suggestionCounts.total:eq:1");
        assert.deepEqual(
            listed.body.map((g) => g.id),
            [reviewId],
            "the counts are filterable",
        );
    });

    it("review counts follow users and group changes; other methods have no suggestions", async () => {
        const review = await h.createGroup({
            name: "review",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: eng,
        });
        assert.deepEqual(review["suggestionCounts"], { add: 3, remove: 0, total: 3 });
        const counts = async (): Promise<unknown> =>
            (await h.api<Group>("GET", `/usergroups/${review.id}`)).body["suggestionCounts"];
        await h.seed({ users: [{ username: "fay", email: "fay@example.com", department: "Eng" }] });
        assert.deepEqual(await counts(), { add: 4, remove: 0, total: 4 }, "a new user matches");
        await h.admin("PATCH", `/users/${ids["ada"]}`, { department: "Ops" });
        assert.deepEqual(await counts(), { add: 3, remove: 0, total: 3 }, "a changed user no longer matches");
        const put = await h.api<Group>("PUT", `/usergroups/${review.id}`, {
            body: {
                name: "review",
                membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
                memberQuery: { queryType: "Filter", filters: ["department:$eq:Ops"] },
            },
        });
        assert.deepEqual(put.body["suggestionCounts"], { add: 2, remove: 0, total: 2 });
        const auto = await automated(eng);
        assert.deepEqual(auto["suggestionCounts"], { add: 0, remove: 0, total: 0 });
        assert.deepEqual((await h.api("GET", `/usergroups/${auto.id}/suggestions`)).body, []);
        const none = await h.api<PostResult[]>("POST", `/usergroups/${auto.id}/suggestions`, {
            body: { user_ids: [ids["ada"]] },
        });
        assert.deepEqual(none.body, [{ suggestions_found: [], suggestions_not_found: [ids["ada"]] }]);
    });

    it("suggestions POST: 400 without user_ids or with a malformed id, 404 for an unknown or foreign group", async () => {
        const review = await h.createGroup({
            name: "review",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: eng,
        });
        assertError(await h.api("POST", `/usergroups/${review.id}/suggestions`, { body: {} }), 400, "user_ids");
        assertError(
            await h.api("POST", `/usergroups/${review.id}/suggestions`, { body: { user_ids: ["x"] } }),
            400,
            "user_ids[0]",
        );
        assertError(
            await h.api("POST", `/usergroups/${review.id}/suggestions`, { body: { user_ids: "x" } }),
            400,
            "user_ids",
        );
        assertError(
            await h.api("POST", "/usergroups/5f0c0000000000000000eeee/suggestions", { body: { user_ids: [] } }),
            404,
        );
        await h.seed({ orgs: [{ id: "5f00000000000000000000b2", apiKeys: ["key-b"] }] });
        assertError(
            await h.api("GET", `/usergroups/${review.id}/suggestions`, { headers: { "x-api-key": "key-b" } }),
            404,
        );
        const group = await h.api<Group>("GET", `/usergroups/${review.id}`);
        assert.equal((group.body["suggestionCounts"] as { total: number }).total, 3, "nothing applied");
    });
});
