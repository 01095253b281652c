/**
 * The WorkdayInstance and WorkdayImport runtimes against the real simulator over HTTP: create, the one-instance
 * rule and `adopt`, drift (report URL and deauthorisation), credential rotation, destroy, recovery after a reset
 * POST, imports whose users partly fail, result pagination, and the API calls each operation costs.
 */
import * as assert from "node:assert/strict";
import { isJumpCloudError } from "../../provider/client/errors";
import type { ApiWorkday } from "../../provider/client/types";
import type { WorkdayImportInputs, WorkdayImportOutputs } from "../../provider/model/workday-import";
import type { WorkdayInstanceInputs } from "../../provider/model/workday-instance";
import { setConfigGetter } from "../../provider/runtime/context";
import { NameTakenError } from "../../provider/runtime/errors";
import * as importRuntime from "../../provider/runtime/workday-import";
import * as runtime from "../../provider/runtime/workday-instance";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { LoggedRequest } from "../../simulator/request-log";

const URL_A = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
const URL_B = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/Other?format=json";
const PASSWORD = "Wd-Pa55word-0001-contract";
const INPUTS: WorkdayInstanceInputs = {
    reportUrl: URL_A,
    username: "ISU_JumpCloud",
    password: PASSWORD,
    name: "Workday Import",
    adopt: false,
    authorized: true,
};

describe("Workday runtimes against the simulator", () => {
    let sim: RunningSimulator;

    async function console_(method: string, path: string, body?: unknown): Promise<unknown> {
        const res = await fetch(`${sim.url}${path}`, {
            method,
            headers: { "x-api-key": sim.apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`console ${method} ${path}: ${res.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
    }

    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, requests: await simAdmin(sim.origin).requests(since) };
    }
    const calls = (requests: LoggedRequest[]) =>
        requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}/g, ":id")}`);

    before(async () => {
        sim = await startSimulator({ importDelayMs: 150 });
        setConfigGetter((key) => ({ apiKey: sim.apiKey, apiUrl: sim.url, maxRetries: "2" })[key]);
    });
    after(async () => {
        setConfigGetter(undefined);
        await sim?.close();
    });
    beforeEach(() => simAdmin(sim.origin).reset());

    it("creates with one POST, outputs no credential, and diff is free and clean", async () => {
        const { result, requests } = await counted(() => runtime.create(INPUTS));
        assert.deepEqual(calls(requests), ["POST /workdays"]);
        const outs = result.outs!;
        assert.equal(outs.name, "Workday Import");
        assert.equal(outs.reportUrl, URL_A);
        assert.equal(outs.auth.isValid, true);
        assert.equal(outs.adopted, false);
        assert.ok(!JSON.stringify(outs).includes(PASSWORD));
        assert.ok(!JSON.stringify(outs).includes("ISU_JumpCloud"));
        assert.ok(
            !JSON.stringify(await simAdmin(sim.origin).store()).includes(PASSWORD),
            "the simulator stores no password",
        );
        const diff = await counted(() => runtime.diff(result.id, outs, INPUTS));
        assert.equal(diff.result.changes, false);
        assert.deepEqual(diff.requests, []);
    });

    it("refuses a second instance with a message naming the existing one and adopt: true; adopt takes it over", async () => {
        const first = await runtime.create(INPUTS);
        const err = await runtime.create({ ...INPUTS, reportUrl: URL_B }).then(
            () => assert.fail("a second instance was created"),
            (e: Error) => e,
        );
        assert.match(err.message, /already exists/);
        assert.match(err.message, /adopt: true/);
        assert.ok(err.message.includes(`(id ${first.id}, report URL ${INPUTS.reportUrl})`), err.message);
        assert.ok(err instanceof NameTakenError && err.existingId === first.id, "a typed error naming the instance");
        assert.ok(isJumpCloudError(err.cause) && err.cause.status === 409, "the API's 409 is its cause");
        assert.ok(!err.message.includes(PASSWORD));

        const rotated = "Wd-Pa55word-0002-adopt";
        const adopted = await counted(() =>
            runtime.create({ ...INPUTS, reportUrl: URL_B, password: rotated, adopt: true }),
        );
        assert.equal(adopted.result.id, first.id);
        assert.equal(adopted.result.outs?.adopted, true);
        assert.equal(adopted.result.outs?.reportUrl, URL_B);
        assert.deepEqual(calls(adopted.requests), [
            "GET /workdays",
            "PUT /workdays/:id",
            "DELETE /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "GET /workdays/:id",
        ]);
        const diff = await runtime.diff(first.id, adopted.result.outs!, {
            ...INPUTS,
            reportUrl: URL_B,
            password: rotated,
            adopt: true,
        });
        assert.equal(diff.changes, false);

        // Adopting again with the report URL it already has: no PUT, only the credentials are set again.
        const again = await counted(() =>
            runtime.create({ ...INPUTS, reportUrl: URL_B, password: rotated, adopt: true }),
        );
        assert.deepEqual(calls(again.requests), [
            "GET /workdays",
            "DELETE /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "GET /workdays/:id",
        ]);
    });

    it("adopt with no existing instance creates one", async () => {
        const { result, requests } = await counted(() => runtime.create({ ...INPUTS, adopt: true }));
        assert.deepEqual(calls(requests), ["GET /workdays", "POST /workdays"]);
        assert.equal(result.outs?.adopted, false);
    });

    it("reads drift (report URL, deauthorisation) with one GET; update repairs it", async () => {
        const created = await runtime.create(INPUTS);
        const { id } = created;
        const outs = created.outs!;
        await console_("PUT", `/workdays/${id}`, { name: "Workday Import", reportUrl: URL_B });
        await console_("DELETE", `/workdays/${id}/auth`);
        const read = await counted(() => runtime.read(id, outs));
        assert.deepEqual(calls(read.requests), ["GET /workdays/:id"]);
        const props = read.result.props!;
        assert.equal(props.reportUrl, URL_B);
        assert.equal(props.authorized, false);
        assert.equal(props.auth.isValid, false);
        assert.deepEqual(read.result.inputs, {
            reportUrl: URL_B,
            name: "Workday Import",
            adopt: false,
            authorized: false,
        });
        const diff = await runtime.diff(id, props, INPUTS);
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);

        const up = await counted(() => runtime.update(id, props, INPUTS));
        assert.deepEqual(calls(up.requests), [
            "DELETE /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "PUT /workdays/:id",
        ]);
        assert.equal(up.result.outs?.reportUrl, URL_A);
        assert.equal(up.result.outs?.authorized, true);
        assert.equal((await runtime.diff(id, up.result.outs!, INPUTS)).changes, false);
    });

    it("re-authorises on a credential rotation (DELETE + POST /auth + GET) and PUTs a new report URL alone", async () => {
        const created = await runtime.create(INPUTS);
        const { id } = created;
        const outs = created.outs!;
        const rotated = { ...INPUTS, password: "Wd-Pa55word-0003-rotated" };
        assert.equal((await runtime.diff(id, outs, rotated)).changes, true);
        const rot = await counted(() => runtime.update(id, outs, rotated));
        assert.deepEqual(calls(rot.requests), [
            "DELETE /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "GET /workdays/:id",
        ]);
        assert.notEqual(rot.result.outs?.credentialFingerprint, outs.credentialFingerprint);
        assert.equal((await runtime.diff(id, rot.result.outs!, rotated)).changes, false);
        assert.equal((await runtime.diff(id, rot.result.outs!, INPUTS)).changes, true, "the old password is a change");

        const moved = { ...rotated, reportUrl: URL_B };
        const put = await counted(() => runtime.update(id, rot.result.outs!, moved));
        assert.deepEqual(calls(put.requests), ["PUT /workdays/:id"]);
    });

    it("destroy deauthorises and forgets (one DELETE); a vanished instance reads as gone", async () => {
        const created = await runtime.create(INPUTS);
        const { id } = created;
        const outs = created.outs!;
        const del = await counted(() => runtime.delete(id, outs));
        assert.deepEqual(calls(del.requests), ["DELETE /workdays/:id/auth"]);
        const live = (await console_("GET", `/workdays/${id}`)) as ApiWorkday;
        assert.equal(live.auth?.basic?.isValid, false);
        assert.deepEqual(await runtime.read("6a0000000000000000000099", outs), {});
        await runtime.delete("6a0000000000000000000099", outs);
    });

    it("recovers after a connection reset on the POST by taking the instance it created", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", path: "^/workdays$", kind: "reset-after", count: 1 }]);
        const { result, requests } = await counted(() => runtime.create(INPUTS));
        const all = (await console_("GET", "/workdays")) as ApiWorkday[];
        assert.equal(all.length, 1);
        assert.equal(result.id, all[0]!.id);
        assert.equal(result.outs?.authorized, true);
        assert.equal(result.outs?.adopted, false);
        // Found by its report URL, not sent again; its credentials set again (they cannot be read back).
        assert.deepEqual(calls(requests), [
            "POST /workdays",
            "GET /workdays",
            "DELETE /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "GET /workdays/:id",
        ]);
    });

    it("with adopt, an instance another run created while the POST was in flight is taken over after the reset", async () => {
        // The POST waits 1.5 s before it reaches the API, then its answer is lost: meanwhile the console creates
        // the organisation's instance with another report URL, so this POST was refused (409) without a word.
        await simAdmin(sim.origin).faults([
            { method: "POST", path: "^/workdays$", kind: "latency", latencyMs: 1500, count: 1 },
            { method: "POST", path: "^/workdays$", kind: "reset-after", count: 1 },
        ]);
        const since = await simAdmin(sim.origin).lastSeq();
        const creating = runtime.create({ ...INPUTS, adopt: true });
        // The adopt lookup found no instance: the POST comes next.
        while (!(await simAdmin(sim.origin).requests(since)).some((r) => r.method === "GET")) {
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const other = (await console_("POST", "/workdays", {
            name: "Workday Import",
            reportUrl: URL_B,
            auth: { basic: { username: "someone", password: "else" } },
        })) as ApiWorkday;
        const result = await creating;
        const requests = await simAdmin(sim.origin).requests(since);
        assert.deepEqual(
            requests
                .filter((r) => r.method === "POST" && r.path.endsWith("/workdays"))
                .map((r) => r.status)
                .sort(),
            [201, 409],
            "the program's POST was refused (its answer lost), the console's succeeded; nothing was sent again",
        );
        assert.equal(result.id, other.id);
        assert.equal(result.outs?.adopted, true, "not created by this program: adopted");
        const live = (await console_("GET", `/workdays/${other.id}`)) as ApiWorkday;
        assert.equal(live.reportUrl, URL_A, "the program's report URL replaced the console's");
        assert.equal(live.auth?.basic?.isValid, true);
        assert.equal(((await console_("GET", "/workdays")) as ApiWorkday[]).length, 1);
    });

    for (const kind of ["500", "502", "reset-before"] as const) {
        it(`a ${kind} on the POST that left the API unchanged: looks the instance up, finds none, sends again`, async () => {
            await simAdmin(sim.origin).faults([{ method: "POST", path: "^/workdays$", kind, count: 1 }]);
            const { result, requests } = await counted(() => runtime.create(INPUTS));
            assert.deepEqual(calls(requests), ["POST /workdays", "GET /workdays", "POST /workdays"]);
            const all = (await console_("GET", "/workdays")) as ApiWorkday[];
            assert.deepEqual(
                all.map((w) => w.id),
                [result.id],
            );
            assert.equal(result.outs?.authorized, true);
        });
    }

    it("after an ambiguous POST, an instance with another report URL is not taken: the one-instance error", async () => {
        await console_("POST", "/workdays", {
            name: "Workday Import",
            reportUrl: URL_B,
            auth: { basic: { username: "someone", password: "else" } },
        });
        await simAdmin(sim.origin).faults([{ method: "POST", path: "^/workdays$", kind: "500", count: 1 }]);
        await assert.rejects(runtime.create(INPUTS), /already exists in this organisation .*adopt: true/);
        assert.equal(((await console_("GET", "/workdays")) as ApiWorkday[])[0]!.reportUrl, URL_B);
    });

    it("setting credentials (POST /auth) is retried after a 500 or a lost answer: it sets the same value again", async () => {
        const { id, outs } = await runtime.create(INPUTS);
        await simAdmin(sim.origin).faults([
            { method: "POST", path: "/auth$", kind: "500", count: 1 },
            { method: "POST", path: "/auth$", kind: "reset-after", count: 1 },
        ]);
        const rotated = { ...INPUTS, password: `${PASSWORD}-rotated` };
        const { result, requests } = await counted(() => runtime.update(id, outs!, rotated));
        assert.deepEqual(calls(requests), [
            "DELETE /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "POST /workdays/:id/auth",
            "GET /workdays/:id",
        ]);
        assert.equal(result.outs?.authorized, true);
    });

    describe("WorkdayImport", () => {
        let workdayId: string;
        beforeEach(async () => {
            workdayId = (await runtime.create(INPUTS)).id;
        });

        const inputs = (
            users: WorkdayImportInputs["users"],
            extra: Partial<WorkdayImportInputs> = {},
        ): WorkdayImportInputs => ({
            workdayId,
            users,
            waitForResults: true,
            timeoutSeconds: 30,
            ...extra,
        });

        it("reports the users JumpCloud already has apart from failures, with their messages", async () => {
            await simAdmin(sim.origin).seed({ users: [{ username: "taken", email: "taken@example.com" }] });
            const users = [
                { email: "new1@example.com", username: "new1", firstname: "New", lastname: "One" },
                { email: "taken@example.com", username: "taken" },
                { email: "new2@example.com", username: "new2" },
            ];
            const { result, requests } = await counted(() => importRuntime.create(inputs(users)));
            const outs = result.outs!;
            assert.equal(result.id, outs.jobId);
            assert.equal(outs.complete, true);
            assert.deepEqual(outs.counts, { failed: 1, finished: 2 });
            // An existing user is not a failure: the job did not need to create it.
            assert.equal(outs.failed, 0);
            assert.deepEqual(outs.failedUsers, []);
            assert.equal(outs.alreadyImported, 1);
            assert.equal(outs.succeeded, 2);
            assert.equal(outs.alreadyImportedUsers.length, 1);
            assert.equal(outs.alreadyImportedUsers[0]!.username, "taken");
            assert.match(outs.alreadyImportedUsers[0]!.message, /imported once/);
            assert.equal(requests[0]!.method, "POST");
            assert.ok(requests.length >= 2 && requests.length <= 12, `polls: ${requests.length - 1}`);
        });

        it("without waiting records the job as pending; read (all pages) picks up the outcome of 120 users", async () => {
            const users = Array.from({ length: 120 }, (_, i) => ({
                email: `bulk${i}@example.com`,
                username: `bulk${i}`,
            }));
            const { result, requests } = await counted(() =>
                importRuntime.create(inputs(users, { waitForResults: false })),
            );
            assert.deepEqual(calls(requests), ["POST /workdays/:id/import"]);
            assert.equal(result.outs?.complete, false);
            assert.equal(result.outs?.pending, 120);
            await new Promise((r) => setTimeout(r, 300));
            const read = await counted(() => importRuntime.read(result.id, result.outs));
            assert.equal(read.requests.length, 2, "two pages of results");
            assert.equal(read.result.props?.complete, true);
            assert.equal(read.result.props?.succeeded, 120);
        });

        it("read without the job's state (a `get` or an import by id) keeps the job by its id and calls nothing", async () => {
            // A job's results are read under its Workday instance, which only the state names: without it there is
            // nothing to look up, and the job is kept as it is rather than dropped (it cannot be recreated).
            const { result } = await counted(() =>
                importRuntime.create(inputs([{ email: "s@example.com", username: "s" }])),
            );
            const bare = await counted(() => importRuntime.read(result.id));
            assert.deepEqual(bare.result, { id: result.id });
            assert.deepEqual(bare.requests, []);
            const partial = { jobId: result.id } as unknown as WorkdayImportOutputs;
            const kept = await counted(() => importRuntime.read(result.id, partial));
            assert.deepEqual(kept.result, { id: result.id, props: partial });
            assert.deepEqual(kept.requests, []);
            // With the state, the same read asks the API (one page of results).
            const full = await counted(() => importRuntime.read(result.id, result.outs));
            assert.deepEqual(calls(full.requests), ["GET /workdays/:id/import/:id/results"]);
            assert.equal(full.result.props?.succeeded, 1);
        });

        it("a POST whose answer was lost is sent again: one up, the repeat's users reported as already imported", async () => {
            await simAdmin(sim.origin).faults([{ method: "POST", path: "/import$", kind: "reset-after", count: 1 }]);
            const users = [
                { email: "lost1@example.com", username: "lost1" },
                { email: "lost2@example.com", username: "lost2" },
            ];
            const { result, requests } = await counted(() => importRuntime.create(inputs(users)));
            assert.deepEqual(
                requests.filter((r) => r.method === "POST").map((r) => r.fault ?? "answered"),
                ["reset-after", "answered"],
            );
            const outs = result.outs!;
            assert.equal(outs.complete, true);
            assert.equal(outs.failed, 0, "nothing failed: the lost job created both users");
            assert.equal(outs.alreadyImported, 2);
            assert.equal(((await simAdmin(sim.origin).store()) as { importJobs: unknown[] }).importJobs.length, 2);
        });

        for (const kind of ["500", "reset-before"] as const) {
            it(`a ${kind} on the POST before anything was written is sent again; its job imports every user`, async () => {
                await simAdmin(sim.origin).faults([{ method: "POST", path: "/import$", kind, count: 1 }]);
                const users = [{ email: "again@example.com", username: "again" }];
                const { result } = await counted(() => importRuntime.create(inputs(users)));
                assert.equal(result.outs!.succeeded, 1);
                assert.equal(result.outs!.alreadyImported, 0);
                assert.equal(((await simAdmin(sim.origin).store()) as { importJobs: unknown[] }).importJobs.length, 1);
            });
        }

        it("replaces on a change of users, never on the waiting options; delete makes no call", async () => {
            const users = [{ email: "x@example.com", username: "x" }];
            const result = await importRuntime.create(inputs(users));
            const outs = result.outs!;
            assert.deepEqual(
                (await importRuntime.diff(result.id, outs, inputs(users, { timeoutSeconds: 5 }))).changes,
                false,
            );
            const d = await importRuntime.diff(
                result.id,
                outs,
                inputs([...users, { email: "y@example.com", username: "y" }]),
            );
            assert.deepEqual(d.replaces, ["users"]);
            // The new job starts before the old resource leaves the state: its results stay readable meanwhile.
            assert.equal(d.deleteBeforeReplace, false);
            const del = await counted(() => importRuntime.delete(result.id, outs));
            assert.deepEqual(del.requests, []);
        });
    });
});
