/**
 * Contract: a service account's token flow against the simulator over HTTP: one token request per process however
 * many calls run at once, renewal before expiry and once after a revocation, the account's organisation only, and
 * secret scans of the `jumpcloud:logFile` file and of error messages for the client secret and every token used.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    collect,
    JumpCloudClient,
    type JumpCloudClientOptions,
    NotFoundError,
    UnauthorizedError,
} from "../../provider/client";
import { SettingsError } from "../../provider/config";
import { getClient, setConfigGetter } from "../../provider/runtime/context";
import * as userGroupRuntime from "../../provider/runtime/user-group";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import { recordingFetch } from "./support/recording-fetch";

const ORG_B = "5f00000000000000000000b2";

/** A new account per test: tokens are shared process-wide per account, and a reset forgets the simulator's. */
let accounts = 0;
function account(orgId?: string): { clientId: string; clientSecret: string; orgId?: string } {
    accounts++;
    return {
        clientId: `contract-svc-${process.pid}-${accounts}`,
        clientSecret: `Svc-Secret+${accounts}/${process.pid}=`,
        ...(orgId === undefined ? {} : { orgId }),
    };
}

describe("contract: a service account's tokens against the simulator", () => {
    let sim: RunningSimulator;
    let since = 0;
    let tokenUrl = "";

    before(async () => {
        sim = await startSimulator();
        tokenUrl = `${sim.origin}/oauth2/token`;
    });
    after(() => sim?.close());
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        since = await simAdmin(sim.origin).lastSeq();
    });

    function client(creds: { clientId: string; clientSecret: string }, extra: Partial<JumpCloudClientOptions> = {}) {
        return new JumpCloudClient({
            clientId: creds.clientId,
            clientSecret: creds.clientSecret,
            oauthTokenUrl: tokenUrl,
            apiUrl: sim.url,
            maxRequestsPerSecond: 10_000,
            retry: { baseDelayMs: 5 },
            ...extra,
        });
    }

    /** The API requests since the last look, as "METHOD api path status". */
    async function served(): Promise<string[]> {
        const requests = await simAdmin(sim.origin).requests(since);
        if (requests.length > 0) since = Math.max(...requests.map((r) => r.seq));
        return requests.map((r) => `${r.method} ${r.api} ${r.path} ${r.status}`);
    }

    it("one token request for 20 concurrent calls to API v1 and v2, and none for a second client", async () => {
        const svc = account();
        await simAdmin(sim.origin).seed({
            serviceAccounts: [svc],
            users: [{ username: "ada", email: "ada@example.com" }],
            userGroups: [{ name: "Engineering" }],
        });
        await served();
        const c = client(svc);
        const results = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
                i % 2 === 0 ? collect(c.userGroups.list()) : collect(c.users.list()),
            ),
        );
        assert.ok(results.every((r) => r.length === 1));
        const first = await served();
        assert.deepEqual(
            first.filter((r) => r.includes(" oauth ")),
            ["POST oauth /oauth2/token 200"],
        );
        assert.equal(first.filter((r) => / (v1|v2) .* 200$/.test(r)).length, 20);
        await collect(client(svc).userGroups.list());
        assert.deepEqual(await served(), ["GET v2 /usergroups 200"], "the second client reuses the process's token");
    });

    it("renews a token shortly before it expires, without a 401", async function () {
        this.timeout(20_000);
        const svc = account();
        await simAdmin(sim.origin).seed({ serviceAccounts: [svc] });
        await simAdmin(sim.origin).tokenSettings(1);
        await served();
        const c = client(svc);
        await collect(c.userGroups.list());
        // A one-second token is renewed after nine tenths of its life.
        await new Promise((resolve) => setTimeout(resolve, 950));
        await collect(c.userGroups.list());
        assert.deepEqual(await served(), [
            "POST oauth /oauth2/token 200",
            "GET v2 /usergroups 200",
            "POST oauth /oauth2/token 200",
            "GET v2 /usergroups 200",
        ]);
    });

    it("after a revocation, 8 concurrent calls get a 401 each and share one new token", async () => {
        const svc = account();
        await simAdmin(sim.origin).seed({ serviceAccounts: [svc], userGroups: [{ name: "A" }] });
        const c = client(svc);
        await collect(c.userGroups.list());
        assert.deepEqual(await simAdmin(sim.origin).revokeTokens(svc.clientId), { revoked: 1 });
        await served();
        const lists = await Promise.all(Array.from({ length: 8 }, () => collect(c.userGroups.list())));
        assert.ok(lists.every((l) => l.length === 1));
        const after = await served();
        assert.equal(after.filter((r) => r === "GET v2 /usergroups 401").length, 8);
        assert.deepEqual(
            after.filter((r) => r.includes(" oauth ")),
            ["POST oauth /oauth2/token 200"],
        );
        assert.equal(after.filter((r) => r === "GET v2 /usergroups 200").length, 8);
    });

    it("refused credentials: one token request, an UnauthorizedError naming the settings, no API call", async () => {
        const svc = account();
        await simAdmin(sim.origin).seed({ serviceAccounts: [svc] });
        await served();
        const wrong = { clientId: svc.clientId, clientSecret: `${svc.clientSecret}-wrong` };
        await assert.rejects(collect(client(wrong).userGroups.list()), (e: unknown) => {
            assert.ok(e instanceof UnauthorizedError);
            assert.match(e.message, /POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/token failed: 401 invalid_client/);
            assert.match(e.message, /jumpcloud:clientId.*jumpcloud:clientSecret/);
            assert.ok(!e.message.includes(wrong.clientSecret));
            return true;
        });
        assert.deepEqual(await served(), ["POST oauth /oauth2/token 401"]);
    });

    it("acts in the account's organisation only: another org's group is a NotFoundError", async () => {
        const mine = account();
        const theirs = account(ORG_B);
        const seeded = await simAdmin(sim.origin).seed({
            orgs: [{ id: ORG_B, apiKeys: ["key-b"] }],
            serviceAccounts: [mine, theirs],
            userGroups: [{ name: "Mine" }, { name: "Theirs", orgId: ORG_B }],
        });
        const [mineId, theirsId] = seeded.userGroups as [string, string];
        await assert.rejects(client(mine).userGroups.get(theirsId), NotFoundError);
        assert.equal((await client(mine).userGroups.get(mineId)).name, "Mine");
        assert.equal((await client(theirs).userGroups.get(theirsId)).name, "Theirs");
        assert.deepEqual(
            (await collect(client(theirs).userGroups.list())).map((g) => g.name),
            ["Theirs"],
        );
    });

    describe("secrets", () => {
        let dir: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-svc-log-"));
        });
        after(() => {
            setConfigGetter(undefined);
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("the log file and every error stay free of the client secret and of each token used", async () => {
            const svc = account();
            await simAdmin(sim.origin).seed({ serviceAccounts: [svc], users: [{ username: "ada", email: "a@x.io" }] });
            const file = path.join(dir, "api.log");
            const settings: Record<string, string> = {
                clientId: svc.clientId,
                clientSecret: svc.clientSecret,
                oauthTokenUrl: tokenUrl,
                apiUrl: sim.url,
                logFile: file,
            };
            setConfigGetter((key) => settings[key]);
            // A client of the same account with a recording fetch: it shares the process's token with the runtime's
            // client, so it sees every token the runtime's calls send.
            const recorder = recordingFetch();
            const recording = client(svc, { fetch: recorder.fetch });
            await collect(recording.userGroups.list());
            await served();

            const errors: unknown[] = [];
            const expectFailure = (p: Promise<unknown>) =>
                p.then(
                    () => assert.fail("expected a failure"),
                    (e: unknown) => void errors.push(e),
                );
            await userGroupRuntime.create({ name: "Logged" });
            await expectFailure(userGroupRuntime.create({ name: "LOGGED" }));
            await expectFailure(getClient().userGroups.get("5f2bffffffffffffffffffff"));
            await expectFailure(getClient().users.findByEmail("nobody@x.io"));
            assert.equal((await getClient().users.findByEmail("a@x.io")).username, "ada");
            // A revoked token: the recorder renews it, and the runtime's next call uses the new one.
            await simAdmin(sim.origin).revokeTokens(svc.clientId);
            await collect(recording.userGroups.list());
            await expectFailure(getClient().userGroups.get("5f2bffffffffffffffffffff"));
            // Wrong credentials, through the settings: an error from the token endpoint.
            settings.clientSecret = `${svc.clientSecret}-wrong`;
            await expectFailure(getClient().userGroups.get("5f2bffffffffffffffffffff"));
            // Both a key and a service account: a settings error naming both, and no value.
            settings.apiKey = "never-shown-key-123";
            await expectFailure(userGroupRuntime.create({ name: "never" }));
            assert.ok(errors.at(-1) instanceof SettingsError);
            assert.match(
                String(errors.at(-1)),
                /Both an API key \(jumpcloud:apiKey\) and a service account \(jumpcloud:clientId\)/,
            );

            const calls = await served();
            assert.deepEqual(
                calls.filter((r) => r.includes(" oauth ")),
                ["POST oauth /oauth2/token 200", "POST oauth /oauth2/token 401"],
                "the runtime never fetched a token of its own: it used the recorder's",
            );
            assert.equal(recorder.tokens.size, 2);
            const log = fs.readFileSync(file, "utf8");
            assert.match(log, /POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/token headers .*"Authorization":"\[redacted\]"/);
            assert.match(log, /body \{"grant_type":"client_credentials","scope":"api"\}/);
            assert.match(log, /GET \/usergroups\/5f2bffffffffffffffffffff headers \{"Accept":"application\/json"\}/);
            const basic = Buffer.from(`${svc.clientId}:${encodeURIComponent(svc.clientSecret)}`).toString("base64");
            const haystack = [
                log,
                ...errors.flatMap((e) => [String(e), (e as Error).stack ?? "", JSON.stringify(e)]),
            ].join("\n");
            assert.equal(errors.length, 6);
            for (const secret of [
                svc.clientSecret,
                encodeURIComponent(svc.clientSecret),
                basic,
                "never-shown-key-123",
                ...recorder.tokens,
            ]) {
                assert.ok(!haystack.includes(secret), `found a secret in the log or an error: ${secret.slice(0, 4)}…`);
            }
        });
    });
});
