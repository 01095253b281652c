/**
 * `jumpcloud:logFile` / `JUMPCLOUD_LOG_FILE` against the real simulator: one "sent" line per request the server
 * logged, one result line per answer, the retries of a rate-limited run, and never the API key or a Workday password.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SettingsError } from "../../provider/config";
import { setConfigGetter } from "../../provider/runtime/context";
import * as userGroupRuntime from "../../provider/runtime/user-group";
import * as workdayRuntime from "../../provider/runtime/workday-instance";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";

const PASSWORD = "Wd-Log-File-Pa55word-77";
const LINE = /^\d{4}-\d\d-\d\dT[\d:.]+Z pid=\d+ (debug|warn) JumpCloud #\d+ (GET|POST|PUT|PATCH|DELETE) \/\S+ .+$/;

describe("the API log file", () => {
    let sim: RunningSimulator;
    let dir: string;

    before(async () => {
        sim = await startSimulator({ importDelayMs: 0 });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-log-"));
    });
    after(async () => {
        setConfigGetter(undefined);
        await sim?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(() => simAdmin(sim.origin).reset());

    const useLog = (file: string) =>
        setConfigGetter((key) => ({ apiKey: sim.apiKey, apiUrl: sim.url, logFile: file })[key]);

    it("logs every attempt, rate-limited retries included, and no secret", async () => {
        const file = path.join(dir, "api.log");
        useLog(file);
        const since = await simAdmin(sim.origin).lastSeq();
        await simAdmin(sim.origin).rateLimit(5, 1);
        try {
            await workdayRuntime.create({
                reportUrl: "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/R?format=json",
                username: "ISU_Log",
                password: PASSWORD,
                name: "Workday Import",
                adopt: false,
                authorized: true,
            });
            // Eight creates at once against 5 requests/s: some are refused with 429 and retried.
            await Promise.all(Array.from({ length: 8 }, (_, i) => userGroupRuntime.create({ name: `log-file-${i}` })));
        } finally {
            await simAdmin(sim.origin).rateLimit(null);
        }
        const served = await simAdmin(sim.origin).requests(since);
        const text = fs.readFileSync(file, "utf8");
        const lines = text.trimEnd().split("\n");
        for (const line of lines) assert.match(line, LINE);
        const sent = lines.filter((l) => / attempt \d+ sent$/.test(l));
        const refused = lines.filter((l) => / -> 429 \(/.test(l));
        assert.equal(sent.length, served.length, "one 'sent' line per request the simulator served");
        assert.ok(refused.length > 0, "the rate limit refused some requests");
        assert.equal(refused.length, served.filter((r) => r.status === 429).length, "one line per 429");
        assert.ok(
            lines.some((l) => / warn .* -> 429; retrying in \d+ ms/.test(l)),
            "retries are warnings",
        );
        assert.ok(text.includes('"password":"[redacted]"'), "the body is logged with the password hidden");
        assert.ok(!text.includes(sim.apiKey), "no API key in the log");
        assert.ok(!text.includes(PASSWORD), "no password in the log");
    });

    it("refuses an unwritable log file by naming the setting, before any request", async () => {
        useLog(path.join(dir, "missing-folder", "api.log"));
        const since = await simAdmin(sim.origin).lastSeq();
        await assert.rejects(
            userGroupRuntime.create({ name: "never-created" }),
            (err: unknown) =>
                err instanceof SettingsError &&
                /jumpcloud:logFile \(or JUMPCLOUD_LOG_FILE\).*ENOENT.*writable path/.test(err.message),
        );
        assert.deepEqual(await simAdmin(sim.origin).requests(since), [], "nothing reached the API");
    });
});
