/**
 * WorkdayInstance and WorkdayImport through the real engine against the simulator, in one stack: the one-instance
 * rule refused with a message naming `adopt: true`, adoption, no-change preview, drift (report URL changed and
 * credentials deauthorised in the console) shown by a refresh and repaired by up, credential rotation, an import
 * whose users partly fail, the Workday lookup functions over more than 100 records, destroy (deauthorise and
 * forget), and the Workday passwords absent from the state files, `pulumi stack export` and every engine log.
 */
import * as assert from "node:assert/strict";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests } from "../helpers/logged-requests";

type Json = Record<string, unknown>;

const URL_A = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
const URL_B = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/Changed?format=json";
const PASSWORD_1 = "e2e-Workday-Pa55-first-7f3a";
const PASSWORD_2 = "e2e-Workday-Pa55-rotated-91c4";
const CONSOLE_PASSWORD = "e2e-console-Pa55-5b2e";
const WORKDAY_TYPE = "pulumi-nodejs:dynamic/jumpcloud:WorkdayInstance";

interface Desired {
    instance?: Json;
    importUsers?: Json[];
    functions?: boolean;
}

describe("Workday end to end (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let desired: Desired = {};
    /** Everything the engine printed, for the secret scan at the end. */
    const logs: string[] = [];
    const providerSizes: Record<string, number> = {};
    let api: ApiCall;

    before(async () => {
        e2e = await startE2E({
            project: "workday-e2e",
            program: async () => {
                const jc = jumpcloud();
                const out: Record<string, unknown> = {};
                if (!desired.instance) return out;
                const workday = new jc.WorkdayInstance("workday", desired.instance as never);
                out.workdayId = workday.id;
                out.reportUrl = workday.reportUrl;
                out.authorized = workday.authorized;
                out.adopted = workday.adopted;
                if (desired.importUsers) {
                    const job = new jc.WorkdayImport("hires", {
                        workdayId: workday.id,
                        users: desired.importUsers as never,
                    });
                    out.jobId = job.jobId;
                    out.failed = job.failed;
                    out.succeeded = job.succeeded;
                    out.failedUsers = job.failedUsers;
                    out.alreadyImported = job.alreadyImported;
                    out.alreadyImportedUsers = job.alreadyImportedUsers;
                    out.counts = job.counts;
                    if (desired.functions) {
                        const results = jc.getWorkdayImportResultsOutput({ workdayId: workday.id, jobId: job.jobId });
                        out.resultRows = results.apply((r) => r.results.length);
                        out.resultAlreadyImported = results.apply((r) => r.alreadyImported);
                    }
                }
                if (desired.functions) {
                    out.workerCount = jc
                        .getWorkdayWorkersOutput({ workdayId: workday.id })
                        .apply((r) => r.workers.length);
                }
                return out;
            },
        });
        api = apiCaller(e2e.sim);
    });
    after(async () => e2e?.close());

    const keep = <T extends { stdout: string; stderr: string }>(r: T): T => {
        logs.push(r.stdout, r.stderr);
        return r;
    };
    const instance = (extra: Json = {}): Json => ({
        reportUrl: URL_A,
        username: "ISU_JumpCloud",
        password: PASSWORD_1,
        ...extra,
    });
    let workdayId = "";

    it("refuses to create a second instance, naming the existing one and `adopt: true`", async () => {
        // An admin set Workday up in the console before the program existed.
        const existing = await api("POST", "/workdays", {
            name: "Workday Import",
            reportUrl: URL_B,
            auth: { basic: { username: "console-user", password: CONSOLE_PASSWORD } },
        });
        workdayId = String(existing["id"]);
        desired = { instance: instance() };
        const err = await e2e.engine.up().then(
            () => assert.fail("up succeeded"),
            (e: Error) => e,
        );
        logs.push(err.message);
        assert.match(err.message, /already exists/);
        assert.match(err.message, /adopt: true/);
        assert.ok(err.message.includes(workdayId), "the message names the existing instance");
    });

    it("adopts the existing instance: report URL set, credentials replaced", async () => {
        desired = { instance: instance({ adopt: true }) };
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = keep(await e2e.engine.up());
        assert.equal(up.summary.result, "succeeded");
        assert.equal(up.outputs["workdayId"]?.value, workdayId);
        assert.equal(up.outputs["adopted"]?.value, true);
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /workdays": 1,
            "PUT /workdays/:id": 1,
            "DELETE /workdays/:id/auth": 1,
            "POST /workdays/:id/auth": 1,
            "GET /workdays/:id": 1,
        });
        const live = await api("GET", `/workdays/${workdayId}`);
        assert.equal(live["reportUrl"], URL_A);
        assert.equal((live["auth"] as { basic: Json }).basic["isValid"], true);
    });

    it("previews no changes with zero API calls; a refresh without drift costs one GET and changes nothing", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = keep(await e2e.engine.preview());
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.deepEqual(await simAdmin(e2e.sim.origin).requests(since), []);
        const refreshed = keep(await e2e.engine.preview({ refresh: true }));
        assert.deepEqual(Object.keys(refreshed.changeSummary), ["same"], JSON.stringify(refreshed.changeSummary));
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), { "GET /workdays/:id": 1 });
    });

    it("shows a report URL changed and credentials deauthorised in the console as drift; up repairs both", async () => {
        await api("PUT", `/workdays/${workdayId}`, { name: "Workday Import", reportUrl: URL_B });
        await api("DELETE", `/workdays/${workdayId}/auth`);
        const preview = keep(await e2e.engine.preview({ refresh: true }));
        assert.equal(preview.changeSummary["update"], 1, JSON.stringify(preview.changeSummary));
        // Dynamic providers return no detailed diff, so the engine shows the inputs read back against the program's.
        const update = preview.stdout.slice(preview.stdout.lastIndexOf("WorkdayInstance: (update)"));
        assert.match(update, /~ authorized: false => true/, update);
        assert.match(update, /~ reportUrl : "[^"]*Changed[^"]*" => "[^"]*JumpCloud[^"]*"/, update);
        assert.match(update, /password {2}: \[secret\]/, update);
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = keep(await e2e.engine.up({ refresh: true }));
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /workdays/:id": 1,
            "DELETE /workdays/:id/auth": 1,
            "POST /workdays/:id/auth": 1,
            "PUT /workdays/:id": 1,
        });
        const live = await api("GET", `/workdays/${workdayId}`);
        assert.equal(live["reportUrl"], URL_A);
        assert.equal((live["auth"] as { basic: Json }).basic["isValid"], true);
        const after = keep(await e2e.engine.preview({ refresh: true }));
        assert.deepEqual(Object.keys(after.changeSummary), ["same"], JSON.stringify(after.changeSummary));
    });

    it("re-authorises on a password rotation (DELETE + POST /auth), the diff showing the password only as a secret", async () => {
        desired = { instance: instance({ adopt: true, password: PASSWORD_2 }) };
        const preview = keep(await e2e.engine.preview());
        assert.equal(preview.changeSummary["update"], 1);
        assert.ok(!preview.stdout.includes(PASSWORD_2) && !preview.stdout.includes(PASSWORD_1));
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = keep(await e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "DELETE /workdays/:id/auth": 1,
            "POST /workdays/:id/auth": 1,
            "GET /workdays/:id": 1,
        });
        const again = keep(await e2e.engine.preview());
        assert.deepEqual(Object.keys(again.changeSummary), ["same"], JSON.stringify(again.changeSummary));
    });

    it("imports 105 users, one of them already in JumpCloud, and reports that failure", async () => {
        await simAdmin(e2e.sim.origin).seed({ users: [{ username: "existing", email: "existing@example.com" }] });
        const users: Json[] = Array.from({ length: 104 }, (_, i) => ({
            email: `hire${i}@example.com`,
            username: `hire${i}`,
            firstname: "New",
            lastname: `Hire ${i}`,
            attributes: [{ name: "costCenter", value: `cc-${i % 7}` }],
        }));
        users.splice(50, 0, {
            email: "existing@example.com",
            username: "existing",
            firstname: "Old",
            lastname: "Timer",
        });
        await simAdmin(e2e.sim.origin).seed({
            workdayWorkers: Array.from({ length: 120 }, (_, i) => ({
                username: `worker${i}`,
                email: `worker${i}@example.com`,
                firstName: "Worker",
                lastName: String(i),
            })),
        });
        desired = { instance: instance({ adopt: true, password: PASSWORD_2 }), importUsers: users };
        const before = await simAdmin(e2e.sim.origin).lastSeq();
        const up = keep(await e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["create"], 1);
        // Create: one POST, then whole pages of results (105 rows: 2 per poll) until every user is final.
        const { "GET /workdays/:id/import/:id/results": resultPages = 0, ...others } = countRequests(
            await simAdmin(e2e.sim.origin).requests(before),
        );
        assert.deepEqual(others, { "POST /workdays/:id/import": 1 });
        assert.ok(resultPages >= 2 && resultPages % 2 === 0, `${resultPages} result pages`);
        assert.equal(up.outputs["succeeded"]?.value, 104);
        assert.equal(up.outputs["failed"]?.value, 0);
        assert.deepEqual(up.outputs["failedUsers"]?.value, []);
        assert.equal(up.outputs["alreadyImported"]?.value, 1);
        const existing = up.outputs["alreadyImportedUsers"]?.value as Array<{ username: string; message: string }>;
        assert.equal(existing.length, 1);
        assert.equal(existing[0]?.username, "existing");
        assert.match(existing[0]?.message ?? "", /already exists/);
        assert.deepEqual(up.outputs["counts"]?.value, { failed: 1, finished: 104 });

        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = keep(await e2e.engine.preview());
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.deepEqual(await simAdmin(e2e.sim.origin).requests(since), [], "no job is started again");
        // A refresh reads the instance (one GET) and every page of the job's results (two), and changes nothing.
        const refreshed = keep(await e2e.engine.preview({ refresh: true }));
        assert.deepEqual(Object.keys(refreshed.changeSummary), ["same"], JSON.stringify(refreshed.changeSummary));
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /workdays/:id": 1,
            "GET /workdays/:id/import/:id/results": 2,
        });
    });

    it("the Workday lookup functions page through more than 100 records, in preview and in up", async () => {
        desired = { ...desired, functions: true };
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = keep(await e2e.engine.preview());
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        // Functions run at program time in preview too: two pages of results, two pages of workers.
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /workdays/:id/import/:id/results": 2,
            "GET /workdays/:id/workers": 2,
        });
        const up = keep(await e2e.engine.up());
        assert.equal(up.outputs["resultRows"]?.value, 105);
        assert.equal(up.outputs["resultAlreadyImported"]?.value, 1);
        assert.equal(up.outputs["workerCount"]?.value, 120);
    });

    it("a change of the users replaces the import (a new job)", async () => {
        desired = {
            instance: instance({ adopt: true, password: PASSWORD_2 }),
            importUsers: [{ email: "late@example.com", username: "late" }],
        };
        const up = keep(await e2e.engine.up());
        assert.equal(up.summary.resourceChanges?.["replace"], 1, JSON.stringify(up.summary.resourceChanges));
        assert.equal(up.outputs["succeeded"]?.value, 1);
    });

    it("destroy deauthorises the instance and forgets it; no password anywhere in state, export or logs", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const destroy = keep(await e2e.engine.destroy());
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "DELETE /workdays/:id/auth": 1,
        });
        const live = await api("GET", `/workdays/${workdayId}`);
        assert.equal((live["auth"] as { basic: Json }).basic["isValid"], false, "the credentials are removed");
        assert.equal(live["id"], workdayId, "the instance itself stays (the API cannot delete it)");

        // Rebuild once more so the export holds live resources, then scan everything.
        desired = {
            instance: instance({ adopt: true, password: PASSWORD_2 }),
            importUsers: [{ email: "late@example.com", username: "late" }],
        };
        keep(await e2e.engine.up());
        const state = await e2e.engine.exportState();
        const exported = JSON.stringify(state);
        const resources = state.deployment.resources ?? [];
        const workday = resources.find((r) => r["type"] === WORKDAY_TYPE);
        assert.ok(workday, "the instance is in the export");
        for (const type of [WORKDAY_TYPE, "pulumi-nodejs:dynamic/jumpcloud:WorkdayImport"]) {
            const r = resources.find((x) => x["type"] === type);
            const provider = String((r?.["outputs"] as Json | undefined)?.["__provider"] ?? "");
            assert.ok(provider.length > 0 && provider.length <= 4096, `${type} __provider is ${provider.length} bytes`);
            assert.match(
                provider,
                /require\("pulumi-jumpcloud\/dist\/resources\/workday-i(nstance|mport)-provider\.js"\)/,
            );
            assert.ok(!provider.includes("http") && !provider.includes(e2e.sim.apiKey), "no URL or key in __provider");
            providerSizes[type] = provider.length;
        }
        const outputs = workday["outputs"] as Json;
        assert.equal(typeof outputs["credentialFingerprint"], "object", "the fingerprint is stored as a secret");
        const texts: Array<[string, string]> = [
            ["state files", e2e.engine.stateFilesText()],
            ["pulumi stack export", exported],
            ["engine logs", logs.join("\n")],
        ];
        for (const [where, text] of texts) {
            assert.ok(text.length > 0, where);
            for (const secret of [PASSWORD_1, PASSWORD_2, CONSOLE_PASSWORD]) {
                assert.equal(text.split(secret).length - 1, 0, `a Workday password appears in the ${where}`);
            }
        }
        keep(await e2e.engine.destroy());
        console.log(`      __provider bytes: ${JSON.stringify(providerSizes)}`);
    });
});
