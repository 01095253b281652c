import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { CliIO } from "../../../provider/cli/io";
import { main } from "../../../provider/cli/main";
import { startSimulator } from "../../../simulator";
import { simAdmin } from "../../../simulator/admin-client";

const UPDATE_EVENT = {
    resourcePreEvent: {
        metadata: {
            op: "update",
            urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/jumpcloud:UserGroup::eng",
            type: "pulumi-nodejs:dynamic/jumpcloud:UserGroup",
            old: { inputs: { name: "Eng", description: "live" } },
            new: { inputs: { name: "Eng", description: "desired" } },
        },
    },
};
const PREVIEW_DOC = {
    steps: [
        {
            op: "update",
            urn: UPDATE_EVENT.resourcePreEvent.metadata.urn,
            oldState: {
                type: UPDATE_EVENT.resourcePreEvent.metadata.type,
                inputs: { name: "Eng", description: "live" },
            },
            newState: {
                type: UPDATE_EVENT.resourcePreEvent.metadata.type,
                inputs: { name: "Eng", description: "desired" },
            },
            detailedDiff: null,
        },
    ],
};

interface Run {
    code: number;
    out: string;
    err: string;
}

async function run(argv: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string; cwd?: string } = {}): Promise<Run> {
    let out = "";
    let err = "";
    const io: CliIO = {
        out: (t) => {
            out += t;
        },
        err: (t) => {
            err += t;
        },
        readStdin: async () => opts.stdin ?? "",
        env: opts.env ?? {},
        cwd: opts.cwd ?? os.tmpdir(),
    };
    const code = await main(argv, io);
    return { code, out, err };
}

describe("cli: pulumi-jumpcloud", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-cli-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("prints help, and fails on a missing or unknown command", async () => {
        assert.equal((await run(["--help"])).code, 0);
        assert.match((await run([])).out, /Commands:\n {2}drift/);
        assert.equal((await run([])).code, 2);
        const unknown = await run(["deploy"]);
        assert.equal(unknown.code, 2);
        assert.match(unknown.err, /Unknown command "deploy"/);
    });

    describe("drift", () => {
        it("reads a preview document from a file and prints Markdown", async () => {
            fs.writeFileSync(path.join(dir, "preview.json"), JSON.stringify(PREVIEW_DOC));
            const r = await run(["drift", "--input", "preview.json"], { cwd: dir });
            assert.equal(r.code, 0, r.err);
            assert.match(
                r.out,
                /\| `eng` \(jumpcloud:UserGroup, update\) \| `description` \| `"desired"` \| `"live"` \|/,
            );
        });

        it("reads an event log (JSON lines) from standard input and prints JSON", async () => {
            const stdin = `${JSON.stringify({ sequence: 0, preludeEvent: {} })}\n${JSON.stringify(UPDATE_EVENT)}\n`;
            const r = await run(["drift", "--input", "-", "--json"], { stdin });
            assert.equal(r.code, 0, r.err);
            const json = JSON.parse(r.out) as { drift: boolean; resources: Array<{ fields: unknown[] }> };
            assert.equal(json.drift, true);
            assert.deepEqual(json.resources[0]?.fields, [
                { path: "description", desired: "desired", live: "live", secret: false },
            ]);
        });

        it("exits 3 with --fail-on-drift only when something differs", async () => {
            assert.equal(
                (await run(["drift", "--input", "-", "--fail-on-drift"], { stdin: JSON.stringify(PREVIEW_DOC) })).code,
                3,
            );
            assert.equal((await run(["drift", "--input", "-", "--fail-on-drift"], { stdin: '{"steps":[]}' })).code, 0);
        });

        it("rejects bad usage with exit code 2", async () => {
            const both = await run(["drift", "--input", "x.json", "--stack", "dev"]);
            assert.equal(both.code, 2);
            assert.match(both.err, /cannot be combined with --stack/);
            assert.equal((await run(["drift", "--bogus"])).code, 2);
            const garbage = await run(["drift", "--input", "-"], { stdin: "not json\n" });
            assert.equal(garbage.code, 2);
            assert.match(garbage.err, /neither a JSON document nor JSON lines/);
        });

        it("runs `pulumi preview --refresh --json` in --cwd for --stack", async () => {
            // A stand-in for the pulumi CLI: records its arguments and folder, prints a preview document.
            const fake = path.join(dir, "fake-pulumi");
            const record = path.join(dir, "args.json");
            fs.writeFileSync(
                fake,
                `#!${process.execPath}\nrequire("fs").writeFileSync(${JSON.stringify(record)}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }));\nprocess.stdout.write(${JSON.stringify(JSON.stringify(PREVIEW_DOC))});\n`,
                { mode: 0o755 },
            );
            const project = path.join(dir, "project");
            fs.mkdirSync(project);
            const r = await run(["drift", "--stack", "prod", "--cwd", "project", "--pulumi", fake], {
                cwd: dir,
                env: process.env,
            });
            assert.equal(r.code, 0, r.err);
            assert.match(r.out, /`description`/);
            const seen = JSON.parse(fs.readFileSync(record, "utf8")) as { args: string[]; cwd: string };
            assert.deepEqual(seen.args, ["preview", "--refresh", "--json", "--non-interactive", "--stack", "prod"]);
            assert.equal(fs.realpathSync(seen.cwd), fs.realpathSync(project));
        });

        it("fails when the pulumi CLI fails without output, or is missing", async () => {
            const failing = path.join(dir, "failing-pulumi");
            fs.writeFileSync(
                failing,
                `#!${process.execPath}\nprocess.stderr.write("error: no stack selected\\n"); process.exit(255);\n`,
                { mode: 0o755 },
            );
            const r = await run(["drift", "--pulumi", failing], { cwd: dir, env: process.env });
            assert.equal(r.code, 1);
            assert.match(r.err, /no stack selected[\s\S]*pulumi preview failed \(exit code 255\)/);
            const missing = await run(["drift", "--pulumi", path.join(dir, "no-such-cli")], {
                cwd: dir,
                env: process.env,
            });
            assert.equal(missing.code, 2);
            assert.match(missing.err, /cannot run .*ENOENT/);
        });
    });

    describe("export-groups", () => {
        it("never takes the key as a flag", async () => {
            const r = await run(["export-groups", "--out", "x", "--api-key", "k-123"]);
            assert.equal(r.code, 2);
            assert.match(r.err, /not accepted as a flag: set JUMPCLOUD_API_KEY/);
            assert.ok(!r.err.includes("k-123"));
        });

        it("needs --out and a key", async () => {
            assert.match((await run(["export-groups"])).err, /--out <dir> is required/);
            const noKey = await run(["export-groups", "--out", path.join(dir, "nokey")]);
            assert.equal(noKey.code, 1);
            assert.match(noKey.err, /set the JUMPCLOUD_API_KEY environment variable/);
        });

        it("refuses a folder that already holds group files unless --overwrite", async () => {
            const out = path.join(dir, "existing");
            fs.mkdirSync(out);
            fs.writeFileSync(path.join(out, "a.yaml"), "name: A\n");
            const r = await run(["export-groups", "--out", out], { env: { JUMPCLOUD_API_KEY: "k" } });
            assert.equal(r.code, 2);
            assert.match(r.err, /already holds group files/);
        });

        it("reports an unreachable API without printing the key", async () => {
            const server = net.createServer();
            await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
            const port = (server.address() as net.AddressInfo).port;
            await new Promise<void>((resolve) => server.close(() => resolve()));
            const env = { JUMPCLOUD_API_KEY: "secret-key-123", JUMPCLOUD_MAX_RETRIES: "0" };
            const r = await run(
                ["export-groups", "--out", path.join(dir, "down"), "--api-url", `http://127.0.0.1:${port}/api/v2`],
                { env },
            );
            assert.equal(r.code, 1);
            assert.match(r.err, /Cannot list the user groups: /);
            assert.ok(!`${r.out}${r.err}`.includes("secret-key-123"));
        });

        it("writes one file per group and flags live groups the program would reject (exit 4)", async () => {
            const sim = await startSimulator();
            try {
                await simAdmin(sim.origin).seed({
                    userGroups: [
                        { name: "Good" },
                        { name: "Bad POSIX", attributes: { posixGroups: [{ id: 5001, name: "has space" }] } },
                    ],
                });
                const out = path.join(dir, "exported");
                const env = { JUMPCLOUD_API_KEY: sim.apiKey, JUMPCLOUD_API_URL: sim.url };
                const r = await run(["export-groups", "--out", out, "--org-id", sim.orgId], { env });
                assert.equal(r.code, 4, r.err);
                assert.match(r.out, /Exported 2 groups/);
                assert.match(
                    r.err,
                    /exported\/bad-posix\.yaml: attributes\.posixGroups\[0\]\.name must be a POSIX group name/,
                );
                assert.deepEqual(fs.readdirSync(out).sort(), ["bad-posix.yaml", "good.yaml"]);
                // The same export as a service account, whose secret never reaches the output.
                const account = { clientId: "export-svc", clientSecret: "export-secret-91" };
                await simAdmin(sim.origin).seed({ serviceAccounts: [account] });
                const asAccount = await run(["export-groups", "--out", path.join(dir, "exported-svc")], {
                    env: {
                        JUMPCLOUD_CLIENT_ID: account.clientId,
                        JUMPCLOUD_CLIENT_SECRET: account.clientSecret,
                        JUMPCLOUD_OAUTH_TOKEN_URL: `${sim.origin}/oauth2/token`,
                        JUMPCLOUD_API_URL: sim.url,
                    },
                });
                assert.equal(asAccount.code, 4, asAccount.err);
                assert.match(asAccount.out, /Exported 2 groups/);
                assert.ok(!`${asAccount.out}${asAccount.err}`.includes(account.clientSecret));
                assert.match(
                    fs.readFileSync(path.join(out, "good.yaml"), "utf8"),
                    new RegExp(`orgId: "?${sim.orgId}"?\\nadopt:`),
                );
            } finally {
                await sim.close();
            }
        });
    });
});
