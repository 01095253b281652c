import assert from "node:assert/strict";
import { assertError, SimHarness } from "./support/sim-harness";

const ORG_B = "5f00000000000000000000b2";

interface User {
    _id: string;
    username: string;
    email: string;
    [key: string]: unknown;
}

interface UserList {
    totalCount: number;
    results: User[];
}

const PEOPLE = [
    { username: "ada", email: "ada@example.com", department: "Eng", company: "Acme", jobTitle: "Engineer" },
    { username: "bob", email: "bob@example.com", department: "Sales", company: "Acme", costCenter: "200" },
    { username: "cy", email: "cy@example.com", department: "Eng", company: "Beta", state: "SUSPENDED" },
    { username: "dee", email: "dee@example.com", department: "Ops", location: "Lyon", employeeType: "contractor" },
    { username: "eve", email: "eve@example.com", department: "Eng", state: "STAGED", costCenter: "100" },
];

describe("simulator: API v1 users (/api/systemusers)", () => {
    const h = new SimHarness();
    let ids: string[];
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        ids = (await h.seed({ users: PEOPLE })).users;
    });

    const list = async (query: string, headers?: Record<string, string>): Promise<UserList> => {
        const res = await h.v1<UserList>("GET", `/systemusers${query}`, { headers });
        assert.equal(res.status, 200, res.text);
        return res.body;
    };
    const names = (page: UserList): string[] => page.results.map((u) => u.username);

    it("answers the v1 envelope {totalCount, results} keyed on _id, with every systemuserreturn field", async () => {
        const page = await list("");
        assert.equal(page.totalCount, 5);
        assert.deepEqual(names(page), ["ada", "bob", "cy", "dee", "eve"]);
        const ada = page.results[0]!;
        assert.equal(ada._id, ids[0]);
        assert.equal(ada["id"], undefined, "v1 objects have _id, not id");
        assert.equal(ada["state"], "ACTIVATED");
        assert.equal(ada["activated"], true);
        assert.equal(ada["suspended"], false);
        assert.equal(ada["department"], "Eng");
        assert.equal(ada["location"], "", "unset text fields read as empty strings");
        assert.deepEqual(ada["attributes"], []);
        assert.equal(ada["organization"], h.sim.orgId);
        const cy = page.results[2]!;
        assert.deepEqual([cy["state"], cy["activated"], cy["suspended"]], ["SUSPENDED", false, true]);
    });

    it("pages with limit (default 10, at most 100) and skip; totalCount is the filtered total", async () => {
        const many = Array.from({ length: 20 }, (_, i) => ({ username: `u${i}`, email: `u${i}@example.com` }));
        await h.seed({ users: many });
        const first = await list("");
        assert.equal(first.results.length, 10);
        assert.equal(first.totalCount, 25);
        const second = await list("?limit=10&skip=10");
        const third = await list("?limit=10&skip=20");
        const all = [...first.results, ...second.results, ...third.results].map((u) => u._id);
        assert.equal(all.length, 25);
        assert.equal(new Set(all).size, 25, "every user exactly once");
        assert.equal((await list("?limit=100")).results.length, 25);
        assertError(await h.v1("GET", "/systemusers?limit=101"), 400, "limit");
        assertError(await h.v1("GET", "/systemusers?limit=0"), 400, "limit");
        assertError(await h.v1("GET", "/systemusers?skip=-1"), 400, "skip");
    });

    it("sorts by space-separated keys with - for descending", async () => {
        assert.deepEqual(names(await list("?sort=-username")), ["eve", "dee", "cy", "bob", "ada"]);
        assert.deepEqual(names(await list("?sort=department%20-username")), ["eve", "cy", "ada", "dee", "bob"]);
        assert.deepEqual(names(await list("?sort=company+username")), ["dee", "eve", "ada", "bob", "cy"]);
        assert.deepEqual(names(await list("?sort=_id")), ["ada", "bob", "cy", "dee", "eve"]);
    });

    it("projects space-separated fields and always keeps _id", async () => {
        const page = await list("?fields=email%20department&limit=1");
        assert.deepEqual(page.results, [{ _id: ids[0], email: "ada@example.com", department: "Eng" }]);
        const one = await h.v1<User>("GET", `/systemusers/${ids[1]}?fields=username`);
        assert.deepEqual(one.body, { _id: ids[1], username: "bob" });
    });

    it("filters with the $ operators: $eq $ne $gt $gte $lt $lte, case-sensitive values", async () => {
        const cases: [string, string[]][] = [
            ["email:$eq:bob@example.com", ["bob"]],
            ["email:$eq:BOB@example.com", []],
            ["department:$ne:Eng", ["bob", "dee"]],
            ["username:$gt:cy", ["dee", "eve"]],
            ["username:$gte:cy", ["cy", "dee", "eve"]],
            ["username:$lt:bob", ["ada"]],
            ["username:$lte:bob", ["ada", "bob"]],
            ["costCenter:$gt:150", ["bob"]],
            ["state:$eq:SUSPENDED", ["cy"]],
            ["suspended:$eq:true", ["cy"]],
            ["activated:$eq:false", ["cy", "eve"]],
            ["_id:$eq:xxx", []],
        ];
        for (const [filter, expected] of cases) {
            assert.deepEqual(names(await list(`?filter=${encodeURIComponent(filter)}`)), expected, filter);
        }
        assert.deepEqual(names(await list(`?filter=_id:$eq:${ids[3]}`)), ["dee"]);
    });

    it("ANDs repeated filter and filter[N]; ORs filter[or][N]", async () => {
        assert.deepEqual(names(await list("?filter=department:$eq:Eng&filter=company:$eq:Acme")), ["ada"]);
        assert.deepEqual(names(await list("?filter[0]=department:$eq:Eng&filter[1]=state:$ne:ACTIVATED")), [
            "cy",
            "eve",
        ]);
        assert.deepEqual(
            names(await list("?filter%5B0%5D=department:$eq:Eng&filter%5B1%5D=company:$eq:Beta")),
            ["cy"],
            "bracket keys may arrive percent-encoded",
        );
        assert.deepEqual(names(await list("?filter[or][0]=username:$eq:bob&filter[or][1]=location:$eq:Lyon")), [
            "bob",
            "dee",
        ]);
        assert.deepEqual(
            names(
                await list("?filter[0]=company:$eq:Acme&filter[or][0]=username:$eq:bob&filter[or][1]=username:$eq:cy"),
            ),
            ["bob"],
            "the OR group is ANDed with the other filters",
        );
        const counted = await list("?filter[or][0]=department:$eq:Eng&filter[or][1]=department:$eq:Ops&limit=2");
        assert.equal(counted.totalCount, 4);
        assert.equal(counted.results.length, 2);
    });

    it("accepts what generated clients send for 'no value': sort=, fields=, filter=, and a JSON content type", async () => {
        const page = await list("?limit=10&skip=0&sort=&fields=&filter=", {
            "content-type": "application/json",
            accept: "application/json",
            "x-org-id": h.sim.orgId,
        });
        assert.equal(page.totalCount, 5);
        const one = await h.v1<User>("GET", `/systemusers/${ids[0]}`, {
            headers: { "content-type": "application/json", accept: "application/json", "x-org-id": h.sim.orgId },
        });
        assert.equal(one.body.username, "ada");
    });

    it("refuses malformed list parameters with a 400 naming the parameter", async () => {
        assertError(
            await h.v1("GET", "/systemusers?filter=email:eq:a"),
            400,
            /filter.*unsupported operator "eq".*\$eq/,
        );
        assertError(await h.v1("GET", "/systemusers?filter=email"), 400, "field:$operator:value");
        assertError(await h.v1("GET", "/systemusers?filter[0]=email:$like:a"), 400, "filter[0]");
        assertError(await h.v1("GET", "/systemusers?filter[or][2]=bad"), 400, "filter[or][2]");
        assertError(await h.v1("GET", "/systemusers?sort=na%27me"), 400, "sort");
        assertError(await h.v1("GET", "/systemusers?fields=a%20b%3B"), 400, "fields");
        assertError(await h.v1("GET", "/systemusers?search=ada"), 400, "search");
        assertError(await h.v1("GET", "/systemusers?limit=5&limit=6"), 400, "limit");
    });

    it("GET /systemusers/{id}: the user; unknown 404, malformed 400", async () => {
        const got = await h.v1<User>("GET", `/systemusers/${ids[4]}`);
        assert.equal(got.body.username, "eve");
        assert.equal(got.body["state"], "STAGED");
        assertError(await h.v1("GET", "/systemusers/5f0c0000000000000000ffff"), 404);
        assertError(await h.v1("GET", "/systemusers/not-an-id"), 400, "Malformed ID");
    });

    it("needs an API key (401) and keeps tenants apart: another org's users are 404 and never listed", async () => {
        assertError(await h.v1("GET", "/systemusers", { noKey: true }), 401);
        assertError(await h.v1("GET", `/systemusers/${ids[0]}`, { headers: { "x-api-key": "nope" } }), 401);
        const [bUser] = (
            await h.seed({
                orgs: [{ id: ORG_B, apiKeys: ["key-b"] }],
                users: [{ username: "ada", email: "ada@example.com", orgId: ORG_B }],
            })
        ).users;
        assertError(await h.v1("GET", `/systemusers/${bUser}`), 404);
        assertError(await h.v1("GET", `/systemusers/${ids[0]}`, { headers: { "x-api-key": "key-b" } }), 404);
        const inB = await list("", { "x-api-key": "key-b" });
        assert.deepEqual(
            inB.results.map((u) => u._id),
            [bUser],
        );
        assert.equal(inB.results[0]!["organization"], ORG_B);
        assertError(await h.v1("GET", "/systemusers", { headers: { "x-org-id": ORG_B } }), 404, "Organization");
    });

    it("seeds every documented field and refuses unknown fields, bad states and duplicates (400/409, nothing written)", async () => {
        await h.reset();
        const [id] = (
            await h.seed({
                users: [
                    {
                        id: "5f0c00000000000000000abc",
                        username: "full",
                        email: "full@example.com",
                        firstname: "Full",
                        lastname: "Fields",
                        displayname: "Full Fields",
                        state: "STAGED",
                        department: "D",
                        company: "C",
                        jobTitle: "J",
                        location: "L",
                        costCenter: "CC",
                        employeeType: "E",
                        employeeIdentifier: "E-1",
                        description: "desc",
                        attributes: [{ name: "badge", value: "42" }],
                        created: "2024-01-02T03:04:05Z",
                    },
                ],
            })
        ).users;
        assert.equal(id, "5f0c00000000000000000abc");
        const got = (await h.v1<User>("GET", `/systemusers/${id}`)).body;
        assert.deepEqual(
            [got["displayname"], got["employeeIdentifier"], got["attributes"], got["created"], got["activated"]],
            ["Full Fields", "E-1", [{ name: "badge", value: "42" }], "2024-01-02T03:04:05.000Z", false],
        );
        for (const [doc, status, message] of [
            [{ users: [{ username: "x", email: "x@example.com", departmnt: "typo" }] }, 400, "users[0].departmnt"],
            [{ users: [{ username: "x", email: "x@example.com", state: "ACTIVE" }] }, 400, "users[0].state"],
            [{ users: [{ username: "x", email: "x@example.com", attributes: [{ name: "a" }] }] }, 400, "attributes[0]"],
            [
                {
                    users: [
                        { username: "x", email: "x@example.com" },
                        { username: "X", email: "y@example.com" },
                    ],
                },
                409,
                "x",
            ],
            [{ users: [{ username: "y", email: "FULL@example.com" }] }, 409, "FULL@example.com"],
            [{ users: [{ id, username: "z", email: "z@example.com" }] }, 409, id],
        ] as const) {
            const res = await h.admin<{ code: number; message: string }>("POST", "/seed", doc);
            assert.equal(res.status, status, JSON.stringify(res.body));
            assert.ok(res.body.message.includes(message), res.body.message);
        }
        assert.equal((await list("")).totalCount, 1, "a refused seed writes nothing");
    });

    it("a Workday import turns each imported user into a directory user with the imported fields", async () => {
        await h.seed({});
        const workday = await h.api<{ id: string }>("POST", "/workdays", {
            body: {
                name: "Workday Import",
                reportUrl: "https://wd.example.com/report",
                auth: { basic: { username: "isu", password: "pw" } },
            },
        });
        const job = await h.api<{ jobId: string }>("POST", `/workdays/${workday.body.id}/import`, {
            body: [
                {
                    username: "newhire",
                    email: "newhire@example.com",
                    firstname: "New",
                    lastname: "Hire",
                    department: "Eng",
                    jobTitle: "Intern",
                },
                { username: "ada", email: "other@example.com" },
            ],
        });
        assert.equal(job.status, 201, job.text);
        const found = await list("?filter=username:$eq:newhire");
        assert.equal(found.totalCount, 1);
        const hire = found.results[0]!;
        assert.deepEqual(
            [hire.email, hire["firstname"], hire["lastname"], hire["department"], hire["jobTitle"], hire["state"]],
            ["newhire@example.com", "New", "Hire", "Eng", "Intern", "ACTIVATED"],
        );
        assert.equal((await list("?filter=email:$eq:other@example.com")).totalCount, 0, "a failed import adds nobody");
        const fetched = await h.v1<User>("GET", `/systemusers/${hire._id}`);
        assert.equal(fetched.status, 200);
    });
});
