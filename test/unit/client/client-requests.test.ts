import assert from "node:assert/strict";
import {
    collect,
    filter,
    JumpCloudClient,
    type JumpCloudClientOptions,
    JumpCloudError,
    RateBudget,
    UnexpectedResponseError,
} from "../../../provider/client";
import { API_KEY, type FakeFetch, fakeFetch, GROUP_ID, type RecordedCall, response, type Step } from "./fake-fetch";

const BASE = "http://jc.test/api/v2";
const USER_ID = "5f0c00000000000000000abc";
const ORG = "5f0000000000000000000001";

function client(fake: FakeFetch, extra: Partial<JumpCloudClientOptions> = {}): JumpCloudClient {
    return new JumpCloudClient({
        apiKey: API_KEY,
        apiUrl: `${BASE}/`,
        fetch: fake.fetch,
        rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
        retry: { maxRetries: 0 },
        ...extra,
    });
}

function only(fake: FakeFetch): RecordedCall {
    assert.equal(fake.calls.length, 1);
    return fake.calls[0]!;
}

describe("JumpCloudClient requests", () => {
    it("sends Accept and x-api-key; Content-Type with a body; x-org-id only when set", async () => {
        const fake = fakeFetch([response(200, { id: GROUP_ID })]);
        await client(fake).userGroups.get(GROUP_ID);
        await client(fake).userGroups.replace(GROUP_ID, { name: "x" });
        assert.deepEqual(
            fake.calls.map((c) => c.headers),
            [
                { Accept: "application/json", "x-api-key": API_KEY },
                { Accept: "application/json", "x-api-key": API_KEY, "Content-Type": "application/json" },
            ],
        );
    });

    it("sends the client's orgId, and a per-call orgId over it", async () => {
        const fake = fakeFetch([response(200, { id: GROUP_ID })]);
        const c = client(fake, { orgId: ORG });
        await c.userGroups.get(GROUP_ID);
        await c.userGroups.get(GROUP_ID, { orgId: "5f0000000000000000000002" });
        assert.deepEqual(
            fake.calls.map((x) => x.headers["x-org-id"]),
            [ORG, "5f0000000000000000000002"],
        );
    });

    it("rejects an orgId that could inject a header, or is no ObjectId (the rule of check and settings)", async () => {
        const fake = fakeFetch([response(200, {})]);
        await assert.rejects(client(fake).userGroups.get(GROUP_ID, { orgId: "x\r\nx-evil: 1" }), TypeError);
        await assert.rejects(client(fake).userGroups.get(GROUP_ID, { orgId: "org-1" }), /orgId must be a 24-character/);
        assert.equal(fake.calls.length, 0);
    });

    it("maps every method to its path, verb and JSON body", async () => {
        const wid = "5f0c0000000000000000d001";
        const cases: Array<[string, (c: JumpCloudClient) => Promise<unknown>, string, string, unknown, Step]> = [
            [
                "group get",
                (c) => c.userGroups.get(GROUP_ID),
                "GET",
                `/usergroups/${GROUP_ID}`,
                undefined,
                response(200, {}),
            ],
            [
                "group create",
                (c) => c.userGroups.create({ name: "A" }),
                "POST",
                "/usergroups",
                { name: "A" },
                response(201, {}),
            ],
            [
                "group replace",
                (c) => c.userGroups.replace(GROUP_ID, { name: "B" }),
                "PUT",
                `/usergroups/${GROUP_ID}`,
                { name: "B" },
                response(200, {}),
            ],
            [
                "group delete",
                (c) => c.userGroups.delete(GROUP_ID),
                "DELETE",
                `/usergroups/${GROUP_ID}`,
                undefined,
                response(204),
            ],
            [
                "push list",
                (c) => c.pushEndpoints.list(USER_ID),
                "GET",
                `/users/${USER_ID}/pushendpoints`,
                undefined,
                response(200, []),
            ],
            [
                "push get",
                (c) => c.pushEndpoints.get(USER_ID, "pe-1"),
                "GET",
                `/users/${USER_ID}/pushendpoints/pe-1`,
                undefined,
                response(200, {}),
            ],
            [
                "push update",
                (c) => c.pushEndpoints.update(USER_ID, "pe-1", { name: "n" }),
                "PATCH",
                `/users/${USER_ID}/pushendpoints/pe-1`,
                { name: "n" },
                response(200, {}),
            ],
            [
                "push delete",
                (c) => c.pushEndpoints.delete(USER_ID, "pe-1"),
                "DELETE",
                `/users/${USER_ID}/pushendpoints/pe-1`,
                undefined,
                response(200, {}),
            ],
            ["workday get", (c) => c.workdays.get(wid), "GET", `/workdays/${wid}`, undefined, response(200, {})],
            [
                "workday create",
                (c) =>
                    c.workdays.create({
                        name: "Workday Import",
                        reportUrl: "https://r",
                        auth: { basic: { username: "u", password: "p" } },
                    }),
                "POST",
                "/workdays",
                { name: "Workday Import", reportUrl: "https://r", auth: { basic: { username: "u", password: "p" } } },
                response(201, {}),
            ],
            [
                "workday update",
                (c) => c.workdays.update(wid, { reportUrl: "https://s" }),
                "PUT",
                `/workdays/${wid}`,
                { reportUrl: "https://s" },
                response(200, {}),
            ],
            [
                "workday authorize",
                (c) => c.workdays.authorize(wid, { auth: { basic: { username: "u", password: "p" } } }),
                "POST",
                `/workdays/${wid}/auth`,
                { auth: { basic: { username: "u", password: "p" } } },
                response(204),
            ],
            [
                "workday deauthorize",
                (c) => c.workdays.deauthorize(wid),
                "DELETE",
                `/workdays/${wid}/auth`,
                undefined,
                response(204),
            ],
            [
                "workday import",
                (c) => c.workdays.startImport(wid, [{ username: "a", email: "a@x" }]),
                "POST",
                `/workdays/${wid}/import`,
                [{ username: "a", email: "a@x" }],
                response(201, { jobId: "job-1" }),
            ],
        ];
        for (const [label, run, method, path, body, answer] of cases) {
            const fake = fakeFetch([answer]);
            await run(client(fake));
            const call = only(fake);
            assert.equal(call.method, method, label);
            assert.equal(call.url, BASE + path, label);
            assert.deepEqual(call.body === undefined ? undefined : JSON.parse(call.body), body, label);
        }
    });

    it("DELETE /usergroups accepts 200 with the group or 204", async () => {
        assert.deepEqual(await client(fakeFetch([response(200, { id: GROUP_ID })])).userGroups.delete(GROUP_ID), {
            id: GROUP_ID,
        });
        assert.equal(await client(fakeFetch([response(204)])).userGroups.delete(GROUP_ID), undefined);
    });

    it("POST /workdays/{id}/import accepts 200 or 201", async () => {
        for (const s of [200, 201]) {
            const job = await client(fakeFetch([response(s, { jobId: "j1" })])).workdays.startImport("w1", []);
            assert.deepEqual(job, { jobId: "j1" });
        }
    });

    it("an import answer without jobId is an UnexpectedResponseError", async () => {
        await assert.rejects(
            client(fakeFetch([response(201, {})])).workdays.startImport("w1", []),
            UnexpectedResponseError,
        );
    });

    it("a non-JSON success body is an UnexpectedResponseError that points at apiUrl", async () => {
        const fake = fakeFetch([response(200, "<html>login</html>")]);
        await assert.rejects(client(fake).userGroups.get(GROUP_ID), (e: unknown) => {
            assert.ok(e instanceof UnexpectedResponseError);
            assert.match(e.message, /not JSON .*jumpcloud:apiUrl/);
            return true;
        });
    });

    it("a list answer that is not an array is an UnexpectedResponseError", async () => {
        await assert.rejects(
            collect(client(fakeFetch([response(200, { results: [] })])).userGroups.list()),
            UnexpectedResponseError,
        );
    });

    it("a redirect is not followed and is reported", async () => {
        const fake = fakeFetch([response(302, "", { location: "http://elsewhere.test/" })]);
        await assert.rejects(client(fake).userGroups.get(GROUP_ID), (e: unknown) => {
            assert.ok(e instanceof JumpCloudError);
            assert.equal(e.status, 302);
            assert.match(e.message, /redirect: check `jumpcloud:apiUrl`/);
            return true;
        });
        assert.equal(fake.calls.length, 1);
    });

    describe("list pagination", () => {
        const groups = Array.from({ length: 250 }, (_, i) => ({ id: i.toString(16).padStart(24, "0") }));
        const pages = (call: RecordedCall): Step => {
            const q = new URL(call.url).searchParams;
            const skip = Number(q.get("skip"));
            return response(200, groups.slice(skip, skip + Number(q.get("limit"))));
        };

        it("walks every page of 100 sorted by id until a short page", async () => {
            const fake = fakeFetch(pages);
            const all = await collect(client(fake).userGroups.list());
            assert.deepEqual(all, groups);
            assert.deepEqual(
                fake.calls.map((c) => new URL(c.url).search),
                ["?limit=100&skip=0&sort=id", "?limit=100&skip=100&sort=id", "?limit=100&skip=200&sort=id"],
            );
        });

        it("asks for one more page when the last one is exactly full", async () => {
            const fake = fakeFetch((call) => {
                const skip = Number(new URL(call.url).searchParams.get("skip"));
                return response(200, groups.slice(skip, Math.min(skip + 100, 200)));
            });
            assert.equal((await collect(client(fake).userGroups.list())).length, 200);
            assert.equal(fake.calls.length, 3);
        });

        it("sends repeated filters, fields and sort with id as tiebreaker", async () => {
            const fake = fakeFetch([response(200, [])]);
            await collect(
                client(fake).userGroups.list({
                    filter: [filter.eq("name", "A+B:C"), filter.in("membershipMethod", ["STATIC", "NOTSET"])],
                    fields: ["name", "description"],
                    sort: "-name",
                }),
            );
            const q = new URL(only(fake).url).searchParams;
            assert.deepEqual(q.getAll("filter"), ["name:eq:A+B:C", "membershipMethod:in:STATIC|NOTSET"]);
            assert.equal(q.get("fields"), "name,description");
            assert.equal(q.get("sort"), "-name,id");
            assert.match(only(fake).url, /filter=name%3Aeq%3AA%2BB%3AC/, "+ is encoded, never read as a space");
        });

        it("stops when the server ignores skip", async () => {
            const fake = fakeFetch([response(200, groups.slice(0, 100))]);
            await assert.rejects(collect(client(fake).userGroups.list()), /same page twice/);
            assert.equal(fake.calls.length, 2);
        });

        it("import results and workers page without sort", async () => {
            const fake = fakeFetch(pages);
            const results = await collect(client(fake).workdays.importResults("w1", "job-1"));
            assert.equal(results.length, 250);
            assert.equal(new URL(fake.calls[0]!.url).pathname, "/api/v2/workdays/w1/import/job-1/results");
            assert.equal(new URL(fake.calls[0]!.url).search, "?limit=100&skip=0");
            const workers = fakeFetch(pages);
            assert.equal((await collect(client(workers).workdays.workers("w1"))).length, 250);
            assert.equal(new URL(workers.calls[2]!.url).search, "?limit=100&skip=200");
        });
    });

    describe("construction", () => {
        it("requires an API key and names the setting", () => {
            assert.throws(() => new JumpCloudClient({ apiKey: "" }), /jumpcloud:apiKey.*JUMPCLOUD_API_KEY/);
        });
        it("rejects a non-http apiUrl and non-positive limits", () => {
            assert.throws(() => new JumpCloudClient({ apiKey: "k", apiUrl: "ftp://x" }), /apiUrl/);
            assert.throws(() => new JumpCloudClient({ apiKey: "k", timeoutMs: 0 }), /timeoutMs/);
            assert.throws(
                () => new JumpCloudClient({ apiKey: "k", deadlineMs: Number.POSITIVE_INFINITY }),
                /deadlineMs must be a number of milliseconds from 1 to 2147483647/,
            );
            assert.throws(() => new JumpCloudClient({ apiKey: "k", maxRequestsPerSecond: -1 }), /maxRequestsPerSecond/);
        });
        it("defaults to the US API and never shows the key when printed", () => {
            const c = new JumpCloudClient({ apiKey: API_KEY });
            assert.equal(c.apiUrl, "https://console.jumpcloud.com/api/v2");
            assert.ok(!JSON.stringify(c).includes(API_KEY));
        });
    });
});
