import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { assertError, SimHarness } from "./support/sim-harness";

interface Workday {
    id: string;
    name: string;
    reportUrl: string;
    lastImport: string;
    auth: { basic: { isValid: boolean; expiry: string; message: string }; oauth: { isValid: boolean } };
}

interface Result {
    id: string;
    status: string;
    statusMsg: string;
    meta: Record<string, unknown>;
    persistedFields: Record<string, unknown>;
}

const REPORT = "https://wd5-services1.example.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
const SECRET = "s3cret-Workday-pw";
const INPUT = {
    name: "Workday Import",
    reportUrl: REPORT,
    auth: { basic: { username: "ISU_JumpCloud", password: SECRET } },
};

describe("simulator: workday", () => {
    const h = new SimHarness({ importDelayMs: 150 });
    before(() => h.start());
    after(() => h.stop());
    beforeEach(() => h.reset());

    const create = async (): Promise<Workday> => {
        const res = await h.api<Workday>("POST", "/workdays", { body: INPUT });
        assert.equal(res.status, 201, res.text);
        return res.body;
    };

    it("POST creates the singleton (201), authorised, without echoing credentials", async () => {
        const res = await h.api<Workday>("POST", "/workdays", { body: INPUT });
        assert.equal(res.status, 201);
        assert.equal(res.body.name, "Workday Import");
        assert.equal(res.body.reportUrl, REPORT);
        assert.equal(res.body.auth.basic.isValid, true);
        assert.ok(!res.text.includes(SECRET) && !res.text.includes("ISU_JumpCloud"));
        const list = await h.api<Workday[]>("GET", "/workdays");
        assert.deepEqual(list.body, [res.body]);
        assert.equal(list.headers.get("x-total-count"), "1");
        const got = await h.api<Workday>("GET", `/workdays/${res.body.id}`);
        assert.deepEqual(got.body, res.body);
    });

    it("POST defaults the name when omitted", async () => {
        const res = await h.api<Workday>("POST", "/workdays", { body: { reportUrl: REPORT, auth: INPUT.auth } });
        assert.equal(res.status, 201);
        assert.equal(res.body.name, "Workday Import");
    });

    it("a second instance is 409", async () => {
        await create();
        assertError(await h.api("POST", "/workdays", { body: INPUT }), 409, "Already Exists");
        assert.equal((await h.api<Workday[]>("GET", "/workdays")).body.length, 1);
    });

    const badInputs: [string, unknown, string][] = [
        ["a different name", { ...INPUT, name: "Workday2" }, "Workday Import"],
        [
            "no credentials",
            { name: "Workday Import", reportUrl: REPORT },
            "auth.basic.username and auth.basic.password",
        ],
        ["no password", { ...INPUT, auth: { basic: { username: "u" } } }, "auth.basic.password"],
        ["oauth only", { ...INPUT, auth: { oauth: { code: "c" } } }, "oauth is not supported"],
        ["no reportUrl", { name: "Workday Import", auth: INPUT.auth }, "reportUrl is required"],
        ["reportUrl of the wrong type", { ...INPUT, reportUrl: 5 }, "body.reportUrl must be of type string"],
    ];
    for (const [title, body, message] of badInputs) {
        it(`POST refuses ${title} with 400`, async () => {
            const res = await h.api("POST", "/workdays", { body });
            assertError(res, 400, message);
            assert.ok(!res.text.includes(SECRET));
            assert.equal((await h.api<Workday[]>("GET", "/workdays")).body.length, 0);
        });
    }

    it("PUT changes reportUrl; a different name is 400", async () => {
        const w = await create();
        const res = await h.api<Workday>("PUT", `/workdays/${w.id}`, {
            body: { name: "Workday Import", reportUrl: "https://r2" },
        });
        assert.equal(res.status, 200);
        assert.equal(res.body.reportUrl, "https://r2");
        assertError(
            await h.api("PUT", `/workdays/${w.id}`, { body: { name: "Other", reportUrl: "https://r3" } }),
            400,
            "name",
        );
        assert.equal((await h.api<Workday>("GET", `/workdays/${w.id}`)).body.reportUrl, "https://r2");
    });

    it("POST and DELETE /auth answer 204 and flip auth.basic.isValid", async () => {
        const w = await create();
        const del = await h.api("DELETE", `/workdays/${w.id}/auth`);
        assert.equal(del.status, 204);
        assert.equal((await h.api<Workday>("GET", `/workdays/${w.id}`)).body.auth.basic.isValid, false);
        assertError(await h.api("POST", `/workdays/${w.id}/auth`, { body: { auth: {} } }), 400, "auth.basic");
        const post = await h.api("POST", `/workdays/${w.id}/auth`, { body: { auth: INPUT.auth } });
        assert.equal(post.status, 204);
        assert.equal((await h.api<Workday>("GET", `/workdays/${w.id}`)).body.auth.basic.isValid, true);
    });

    it("unknown ids are 404, malformed ids 400, and there is no DELETE of the instance", async () => {
        const w = await create();
        const missing = "5f0c0000000000000000beef";
        assertError(await h.api("GET", `/workdays/${missing}`), 404);
        assertError(await h.api("PUT", `/workdays/${missing}`, { body: { reportUrl: "x" } }), 404);
        assertError(await h.api("POST", `/workdays/${missing}/auth`, { body: { auth: INPUT.auth } }), 404);
        assertError(await h.api("GET", "/workdays/nope"), 400, "Malformed ID");
        assertError(await h.api("GET", `/workdays/${w.id}/import/nope/results`), 400, "job_id");
        assertError(await h.api("GET", `/workdays/${w.id}/import/${missing}/results`), 404);
        assertError(await h.api("DELETE", `/workdays/${w.id}`), 404);
    });

    it("import answers 201 {jobId}; results go from pending to final; a user imported twice fails", async () => {
        const w = await create();
        const users = [
            { username: "ada", email: "ada@example.com", firstname: "Ada", lastname: "Lovelace" },
            { username: "alan", email: "alan@example.com", firstname: "Alan", lastname: "Turing" },
        ];
        const job = await h.api<{ jobId: string }>("POST", `/workdays/${w.id}/import`, { body: users });
        assert.equal(job.status, 201);
        assert.match(job.body.jobId, /^[0-9a-f]{24}$/);
        const pending = await h.api<Result[]>("GET", `/workdays/${w.id}/import/${job.body.jobId}/results`);
        assert.deepEqual(
            pending.body.map((r) => r.status),
            ["pending", "pending"],
        );
        await sleep(200);
        const done = await h.api<Result[]>("GET", `/workdays/${w.id}/import/${job.body.jobId}/results`);
        assert.deepEqual(
            done.body.map((r) => r.status),
            ["finished", "finished"],
        );
        assert.equal(done.body[0]!.meta["username"], "ada");
        assert.equal(done.body[0]!.persistedFields["firstname"], "Ada");
        const page = await h.api<Result[]>("GET", `/workdays/${w.id}/import/${job.body.jobId}/results?limit=1&skip=1`);
        assert.deepEqual(
            page.body.map((r) => r.meta["username"]),
            ["alan"],
        );
        assert.equal(page.headers.get("x-total-count"), "2");
        assert.notEqual((await h.api<Workday>("GET", `/workdays/${w.id}`)).body.lastImport, "");

        // Again: ada by username (different case), alan by email; grace is new.
        const again = [
            { username: "ADA", email: "other@example.com" },
            { username: "alan2", email: "ALAN@example.com" },
            { username: "grace", email: "grace@example.com" },
        ];
        const job2 = await h.api<{ jobId: string }>("POST", `/workdays/${w.id}/import`, { body: again });
        await sleep(200);
        const results = await h.api<Result[]>("GET", `/workdays/${w.id}/import/${job2.body.jobId}/results`);
        assert.deepEqual(
            results.body.map((r) => r.status),
            ["failed", "failed", "finished"],
        );
        assert.match(results.body[0]!.statusMsg, /already exists.*only be imported once/);
    });

    it("import refuses bad bodies with 400 and starts no job", async () => {
        const w = await create();
        const path = `/workdays/${w.id}/import`;
        assertError(await h.api("POST", path, { body: { username: "x" } }), 400, "body must be of type array");
        assertError(await h.api("POST", path, { body: [] }), 400, "at least one user");
        assertError(await h.api("POST", path, { body: [{ email: "e@x" }] }), 400, "body[0].username is required");
        assertError(
            await h.api("POST", path, { body: [{ username: "u", email: "e", suspended: "no" }] }),
            400,
            "suspended",
        );
        assertError(
            await h.api("POST", path, { body: [{ username: "u", email: "e", state: "ZOMBIE" }] }),
            400,
            "state",
        );
        const dump = await h.admin<{ importJobs: unknown[] }>("GET", "/store");
        assert.equal(dump.body.importJobs.length, 0);
    });

    it("import needs a valid authorisation", async () => {
        const w = await create();
        await h.api("DELETE", `/workdays/${w.id}/auth`);
        assertError(
            await h.api("POST", `/workdays/${w.id}/import`, { body: [{ username: "u", email: "e" }] }),
            400,
            "not authorized",
        );
    });

    it("workers come from seeded data, paged and sorted", async () => {
        const w = await create();
        await h.seed({
            workdayWorkers: [
                {
                    username: "zoe",
                    email: "zoe@example.com",
                    firstName: "Zoe",
                    lastName: "Z",
                    attributes: { dept: "R&D" },
                },
                { username: "amy", email: "amy@example.com", firstName: "Amy", lastName: "A" },
                { username: "max", email: "max@example.com", firstName: "Max", lastName: "M" },
            ],
        });
        const all = await h.api<{ username: string; attributes: unknown }[]>("GET", `/workdays/${w.id}/workers`);
        assert.deepEqual(
            all.body.map((x) => x.username),
            ["zoe", "amy", "max"],
        );
        assert.deepEqual(all.body[0]!.attributes, { dept: "R&D" });
        const sorted = await h.api<{ username: string }[]>(
            "GET",
            `/workdays/${w.id}/workers?sort=username&limit=2&skip=1`,
        );
        assert.deepEqual(
            sorted.body.map((x) => x.username),
            ["max", "zoe"],
        );
        assert.equal(sorted.headers.get("x-total-count"), "3");
    });

    it("the Workday password never reaches the store dump or the request log", async () => {
        const w = await create();
        await h.api("POST", `/workdays/${w.id}/auth`, { body: { auth: INPUT.auth } });
        const dump = await h.admin("GET", "/store");
        const log = await h.admin("GET", "/requests");
        assert.ok(!JSON.stringify(dump.body).includes(SECRET));
        assert.ok(!JSON.stringify(log.body).includes(SECRET));
    });
});
