/**
 * Contract: the real JumpCloudClient against the real simulator over loopback HTTP, every method, with the
 * number of requests each call makes taken from the simulator's request log.
 */
import assert from "node:assert/strict";
import {
    type ApiUserGroup,
    ConflictError,
    collect,
    filter,
    isJumpCloudError,
    JumpCloudClient,
    type JumpCloudClientOptions,
    NotFoundError,
    UnauthorizedError,
} from "../../provider/client";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { LoggedRequest } from "../../simulator/request-log";

const USER_ID = "5f0c000000000000000000a1";
const PUSH_IDS = ["5f0c000000000000000000e1", "5f0c000000000000000000e2"];

describe("contract: JumpCloudClient against the simulator", () => {
    let sim: RunningSimulator;
    let since = 0;

    before(async () => {
        // Imports stay pending for 2 s: long enough that the first read sees them pending even on a loaded machine.
        sim = await startSimulator({ importDelayMs: 2000 });
    });
    after(() => sim?.close());
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        since = await simAdmin(sim.origin).lastSeq();
    });

    function client(extra: Partial<JumpCloudClientOptions> = {}): JumpCloudClient {
        return new JumpCloudClient({
            apiKey: sim.apiKey,
            apiUrl: sim.url,
            maxRequestsPerSecond: 10_000,
            retry: { baseDelayMs: 5 },
            ...extra,
        });
    }

    /** API requests since the last call (paths relative to /api/v2), and moves the mark. */
    async function served(): Promise<Array<Pick<LoggedRequest, "method" | "status"> & { path: string }>> {
        const requests = await simAdmin(sim.origin).requests(since);
        if (requests.length > 0) since = Math.max(...requests.map((r) => r.seq));
        return requests.map((r) => ({ method: r.method, path: r.path.replace(/^\/api\/v2/, ""), status: r.status }));
    }

    describe("user groups", () => {
        it("create, get, replace, list, delete: one request each", async () => {
            const c = client();
            const body = {
                name: "Engineering",
                description: "All engineers",
                email: "eng@example.com",
                attributes: { sudo: { enabled: true, withoutPassword: false }, custom: { kept: 1 } },
                membershipMethod: "DYNAMIC_REVIEW_REQUIRED" as const,
                memberQuery: {
                    queryType: "FilterQuery" as const,
                    filters: [{ field: "department", operator: "eq" as const, value: "Engineering" }],
                },
                memberSuggestionsNotify: true,
            };
            const created = await c.userGroups.create(body);
            assert.match(created.id, /^[0-9a-f]{24}$/);
            assert.equal(created.name, "Engineering");
            assert.equal(created.type, "user_group");
            assert.deepEqual(created.attributes, body.attributes);
            assert.deepEqual(created.memberQuery, body.memberQuery);
            assert.deepEqual(await served(), [{ method: "POST", path: "/usergroups", status: 201 }]);

            const got = await c.userGroups.get(created.id);
            assert.deepEqual(got, created);
            assert.deepEqual(await served(), [{ method: "GET", path: `/usergroups/${created.id}`, status: 200 }]);

            const replaced = await c.userGroups.replace(created.id, { name: "Engineering Team" });
            assert.equal(replaced.name, "Engineering Team");
            assert.equal(replaced.description, undefined, "PUT is a full replace");
            assert.deepEqual(await served(), [{ method: "PUT", path: `/usergroups/${created.id}`, status: 200 }]);

            const listed = await collect(c.userGroups.list({ filter: filter.eq("name", "Engineering Team") }));
            assert.deepEqual(
                listed.map((g) => g.id),
                [created.id],
            );
            assert.equal((await served()).length, 1);

            const deleted = await c.userGroups.delete(created.id);
            assert.ok(deleted === undefined || deleted.id === created.id);
            const [del] = await served();
            assert.equal(del?.method, "DELETE");
            assert.ok(del?.status === 200 || del?.status === 204);

            await assert.rejects(c.userGroups.get(created.id), NotFoundError);
            assert.deepEqual(await served(), [{ method: "GET", path: `/usergroups/${created.id}`, status: 404 }]);
        });

        it("a duplicate name (any case) is a ConflictError after exactly one POST", async () => {
            const c = client();
            await c.userGroups.create({ name: "Sales" });
            await served();
            await assert.rejects(c.userGroups.create({ name: "SALES" }), (e: unknown) => {
                assert.ok(e instanceof ConflictError);
                assert.equal(e.status, 409);
                assert.match(e.message, /^JumpCloud POST \/usergroups failed: 409 .+ — .*already exists/);
                return true;
            });
            assert.deepEqual(await served(), [{ method: "POST", path: "/usergroups", status: 409 }]);
        });

        it("a wrong key is an UnauthorizedError after one request, naming the setting and not the key", async () => {
            const wrong = "definitely-not-the-key-123";
            await assert.rejects(client({ apiKey: wrong }).userGroups.get("5f0c000000000000000000ff"), (e: unknown) => {
                assert.ok(e instanceof UnauthorizedError);
                assert.match(e.message, /jumpcloud:apiKey/);
                assert.ok(!e.message.includes(wrong));
                return true;
            });
            assert.equal((await served()).length, 1);
        });

        it("pagination across 250 groups returns every group exactly once in 3 requests", async () => {
            await simAdmin(sim.origin).seed({
                userGroups: Array.from({ length: 250 }, (_, i) => ({ name: `group-${String(i).padStart(3, "0")}` })),
            });
            await served();
            const all = await collect(client().userGroups.list());
            assert.equal(all.length, 250);
            assert.equal(new Set(all.map((g) => g.id)).size, 250);
            assert.deepEqual(
                all.map((g) => g.name).sort(),
                Array.from({ length: 250 }, (_, i) => `group-${String(i).padStart(3, "0")}`),
            );
            const ids = all.map((g) => g.id);
            assert.deepEqual(ids, [...ids].sort(), "ordered by id");
            const requests = await served();
            assert.equal(requests.length, 3);
            assert.ok(requests.every((r) => r.method === "GET" && r.status === 200));
        });

        it("filters, fields and sort reach the API", async () => {
            await simAdmin(sim.origin).seed({
                userGroups: [
                    { name: "a:1", description: "x" },
                    { name: "b|2", description: "x" },
                    { name: "c+3", description: "y" },
                ],
            });
            const c = client();
            const byColon = await collect(c.userGroups.list({ filter: filter.eq("name", "a:1") }));
            assert.deepEqual(
                byColon.map((g) => g.name),
                ["a:1"],
            );
            const byPlus = await collect(c.userGroups.list({ filter: filter.eq("name", "c+3") }));
            assert.deepEqual(
                byPlus.map((g) => g.name),
                ["c+3"],
            );
            const anded = await collect(
                c.userGroups.list({
                    filter: [filter.eq("description", "x"), filter.in("name", ["a:1", "c+3"])],
                    fields: ["name"],
                    sort: "-name",
                }),
            );
            assert.deepEqual(anded, [{ id: anded[0]?.id, name: "a:1" }]);
            const sorted = await collect(c.userGroups.list({ sort: "-name" }));
            assert.deepEqual(
                sorted.map((g: ApiUserGroup) => g.name),
                ["c+3", "b|2", "a:1"],
            );
        });

        it("a crafted id never reaches the simulator", async () => {
            await assert.rejects(client().userGroups.get("../../users"), TypeError);
            await assert.rejects(client().userGroups.delete("5f0c000000000000000000ff/../x"), TypeError);
            assert.deepEqual(await served(), []);
        });

        it("sends the org id: the default org's own id works, an unknown org is refused", async () => {
            const c = client({ orgId: sim.orgId });
            await c.userGroups.create({ name: "Scoped" });
            const [logged] = await simAdmin(sim.origin).requests(since);
            assert.equal(logged?.orgId, sim.orgId);
            await assert.rejects(
                collect(c.userGroups.list(undefined, { orgId: "5f00000000000000000000ee" })),
                (e: unknown) => isJumpCloudError(e) && e.status !== undefined && e.status >= 400 && e.status < 500,
            );
        });
    });

    describe("push endpoints", () => {
        beforeEach(async () => {
            await simAdmin(sim.origin).seed({
                users: [{ id: USER_ID, username: "alice", email: "alice@example.com" }],
                pushEndpoints: PUSH_IDS.map((id, i) => ({
                    userId: USER_ID,
                    id,
                    name: `phone-${i}`,
                    state: "active",
                    device: { make: "Apple", model: "iPhone", os: "iOS" },
                })),
            });
            await served();
        });

        it("list, get, update, delete: one request each", async () => {
            const c = client();
            const list = await c.pushEndpoints.list(USER_ID);
            assert.deepEqual(list.map((p) => p.id).sort(), PUSH_IDS);
            assert.deepEqual(await served(), [{ method: "GET", path: `/users/${USER_ID}/pushendpoints`, status: 200 }]);

            const [first, second] = PUSH_IDS as [string, string];
            const one = await c.pushEndpoints.get(USER_ID, first);
            assert.equal(one.name, "phone-0");
            assert.equal(one.device?.make, "Apple");

            const updated = await c.pushEndpoints.update(USER_ID, first, { name: "Alice's iPhone", state: "inactive" });
            assert.equal(updated.name, "Alice's iPhone");
            assert.equal(updated.state, "inactive");

            const deleted = await c.pushEndpoints.delete(USER_ID, second);
            assert.equal(deleted?.id, second);
            await assert.rejects(c.pushEndpoints.get(USER_ID, second), NotFoundError);
            assert.deepEqual(
                (await served()).map((r) => `${r.method} ${r.status}`),
                ["GET 200", "PATCH 200", "DELETE 200", "GET 404"],
            );
        });

        it("an invalid state is a 400 after one request", async () => {
            await assert.rejects(
                client().pushEndpoints.update(USER_ID, PUSH_IDS[0]!, { state: "broken" as "active" }),
                (e: unknown) => isJumpCloudError(e) && e.status === 400,
            );
            assert.equal((await served()).length, 1);
        });
    });

    describe("workday", () => {
        const PASSWORD = "isu-Pa55word!";
        const input = {
            name: "Workday Import",
            reportUrl: "https://wd5-services1.example/ccx/service/customreport2/acme/ISU/JumpCloud?format=json",
            auth: { basic: { username: "ISU_JumpCloud", password: PASSWORD } },
        };

        it("create, list, get, update, authorize, deauthorize: one request each", async () => {
            const c = client();
            const created = await c.workdays.create(input);
            assert.equal(created.name, "Workday Import");
            assert.equal(created.reportUrl, input.reportUrl);
            assert.ok(!JSON.stringify(created).includes(PASSWORD), "credentials are never echoed");
            assert.deepEqual(await served(), [{ method: "POST", path: "/workdays", status: 201 }]);

            const listed = await collect(c.workdays.list());
            assert.deepEqual(
                listed.map((w) => w.id),
                [created.id],
            );
            assert.deepEqual((await c.workdays.get(created.id)).id, created.id);
            const updated = await c.workdays.update(created.id, {
                name: "Workday Import",
                reportUrl: "https://wd5.example/r2",
            });
            assert.equal(updated.reportUrl, "https://wd5.example/r2");
            await c.workdays.deauthorize(created.id);
            assert.equal((await c.workdays.get(created.id)).auth?.basic?.isValid, false);
            await c.workdays.authorize(created.id, { auth: { basic: { username: "ISU", password: PASSWORD } } });
            assert.equal((await c.workdays.get(created.id)).auth?.basic?.isValid, true);
            assert.deepEqual(
                (await served()).map((r) => `${r.method} ${r.path.replace(created.id, ":id")} ${r.status}`),
                [
                    "GET /workdays 200",
                    "GET /workdays/:id 200",
                    "PUT /workdays/:id 200",
                    "DELETE /workdays/:id/auth 204",
                    "GET /workdays/:id 200",
                    "POST /workdays/:id/auth 204",
                    "GET /workdays/:id 200",
                ],
            );
        });

        it("a second instance is a ConflictError after one POST", async () => {
            const c = client();
            await c.workdays.create(input);
            await served();
            await assert.rejects(c.workdays.create(input), ConflictError);
            assert.equal((await served()).length, 1);
        });

        it("starts an import and reads all its results; workers over several pages", async () => {
            const c = client();
            const workday = await c.workdays.create(input);
            const users = Array.from({ length: 130 }, (_, i) => ({
                username: `user${i}`,
                email: `user${i}@example.com`,
                firstname: "U",
                lastname: `${i}`,
            }));
            const job = await c.workdays.startImport(workday.id, users);
            assert.match(job.jobId, /^[A-Za-z0-9_.-]+$/);
            const [post] = await served();
            assert.ok(post?.status === 201 || post?.status === 200);

            const pending = await collect(c.workdays.importResults(workday.id, job.jobId));
            assert.equal(pending.length, 130);
            assert.equal((await served()).length, 2, "130 results: pages of 100 and 30");
            // Wait for the simulator's import delay to pass, reading again until the job reports finished (the
            // time this takes depends on the machine's load, so the test waits for the state, not for a fixed time).
            let done = pending;
            for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
                await new Promise((resolve) => setTimeout(resolve, 200));
                done = await collect(c.workdays.importResults(workday.id, job.jobId));
                if (done.every((r) => r.status !== pending[0]?.status)) break;
            }
            assert.equal(done.length, 130);
            const pendingStatus = pending[0]?.status;
            assert.equal(pendingStatus, "pending", "read well within importDelayMs");
            assert.ok(pending.every((r) => r.status === pendingStatus));
            assert.ok(
                done.every((r) => r.status !== pendingStatus),
                "finished after importDelayMs",
            );
            assert.deepEqual(
                done.map((r) => (r.persistedFields as { username?: string } | undefined)?.username),
                users.map((u) => u.username),
            );

            await simAdmin(sim.origin).seed({
                workdayWorkers: Array.from({ length: 205 }, (_, i) => ({
                    username: `w${i}`,
                    email: `w${i}@example.com`,
                    firstName: "W",
                    lastName: `${i}`,
                })),
            });
            await served();
            const workers = await collect(c.workdays.workers(workday.id));
            assert.equal(workers.length, 205);
            assert.equal(new Set(workers.map((w) => w.username)).size, 205);
            assert.equal((await served()).length, 3);
        });

        it("results of an unknown job are a NotFoundError", async () => {
            const c = client();
            const workday = await c.workdays.create(input);
            await assert.rejects(
                collect(c.workdays.importResults(workday.id, "5f0c0000000000000000dead")),
                NotFoundError,
            );
        });
    });
});
