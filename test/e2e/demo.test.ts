/**
 * `npm run demo` itself, in a temporary folder: the quick-start program folder run by the plain CLI, the drift
 * round trip (a group's fields, and a user added to Engineering in the console, named by email in the report and
 * removed by `up --refresh`), idempotence on a second run, and `--destroy`. The printed commands are the ones that
 * ran.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, workRoot } from "../../scripts/lib/engine";

function runDemo(dir: string, ...args: string[]): { code: number | null; out: string } {
    const r = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "scripts", "demo.ts"), ...args],
        {
            cwd: repoRoot,
            env: { ...process.env, PULUMI_JUMPCLOUD_DEMO_DIR: dir },
            encoding: "utf8",
            timeout: 600_000,
            maxBuffer: 64 * 1024 * 1024,
        },
    );
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("npm run demo (in a temporary folder)", function () {
    this.timeout(1_200_000);
    let dir = "";

    before(() => {
        fs.mkdirSync(workRoot, { recursive: true });
        dir = fs.mkdtempSync(path.join(workRoot, "demo-test-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("creates the quick-start stack, reports the console change as drift and repairs it with a full PUT", () => {
        const { code, out } = runDemo(dir);
        assert.equal(code, 0, out.slice(-3000));
        // The user's commands, in order, each printed as it ran.
        const commands = [...out.matchAll(/^\$ (.*)$/gm)].map((m) => m[1]?.replace(/\s+#.*$/, ""));
        const pulumiCommands = commands.filter((c) => c?.startsWith("pulumi ") || c?.startsWith("npx "));
        assert.deepEqual(
            pulumiCommands.map((c) => c?.replace(/'file:\/\/[^']+'/, "<backend>").replace(/http:\/\/\S+/, "<url>")),
            [
                "pulumi login <backend>",
                "pulumi stack ls --json",
                "pulumi stack init demo",
                "pulumi config set jumpcloud:apiUrl <url>",
                "pulumi config set --secret jumpcloud:apiKey",
                "pulumi config set --secret workdayPassword",
                "pulumi config set userId 5f1000000000000000000001",
                "pulumi config set pushEndpointId 5f2000000000000000000001",
                "pulumi config set --path 'engineeringMembers[0]' alice@example.com",
                "pulumi config set --path 'engineeringMembers[1]' bob@example.com",
                "pulumi up --yes",
                "pulumi stack output --json",
                "pulumi preview --refresh --diff",
                "npx pulumi-jumpcloud drift",
                "pulumi up --refresh --yes",
                "pulumi preview --refresh --expect-no-changes",
                "pulumi stack output --json",
            ],
        );
        assert.match(commands[0] ?? "", /^npm install /, "the folder is installed with npm first");
        assert.match(out, /\+ 8 created/);
        // The drift, in the engine's diff and in the report, names exactly the two managed fields changed.
        assert.match(out, /withoutPassword: false => true/);
        assert.match(
            out,
            /\| `linux-admins` \(jumpcloud:UserGroup, update\) \| `attributes\.sudo\.withoutPassword` \| `false` \| `true` \|/,
        );
        assert.match(out, /\| `linux-admins` \(jumpcloud:UserGroup, update\) \| `description` \|/);
        // The membership drift round trip, as the simulator reports Engineering's members before and after.
        assert.match(out, /Engineering's members now: alice@example\.com, bob@example\.com, carol@example\.com\n/);
        assert.match(out, /^- `engineering-members`: carol@example\.com added in the console$/m);
        assert.match(out, /~ 2 updated\s+6 unchanged/);
        assert.match(out, /Engineering's members: alice@example\.com, bob@example\.com\n/);
        const clean = out.slice(out.indexOf("$ pulumi preview --refresh --expect-no-changes"));
        assert.match(clean, /8 unchanged/);
        assert.match(out, /attributes\.sudo: \{"enabled":true,"withoutPassword":false\}/);
        assert.match(out, /attributes\.costCenter \(unmanaged, kept by the full PUT\): "CC-42"/);
        assert.ok(!out.includes("demo-workday-password"), "the Workday password never appears in the output");
        assert.ok(!out.includes("demo-api-key-not-a-secret"), "nor does the API key");
    });

    it("is idempotent: a second run selects the stack and changes nothing before the drift step", () => {
        const { code, out } = runDemo(dir);
        assert.equal(code, 0, out.slice(-3000));
        assert.match(out, /already seeded/);
        assert.match(out, /^\$ pulumi stack select demo$/m);
        const firstUp = out.slice(out.indexOf("$ pulumi up --yes"), out.indexOf("$ pulumi stack output"));
        assert.match(firstUp, /8 unchanged/);
    });

    it("--destroy removes the stack, its state and the simulator data", () => {
        const { code, out } = runDemo(dir, "--destroy");
        assert.equal(code, 0, out.slice(-3000));
        assert.match(out, /^\$ pulumi destroy --yes$/m);
        assert.match(out, /- 8 deleted/);
        assert.equal(fs.existsSync(dir), false);
    });
});
