/**
 * `npm run demo` itself, in a temporary folder: the quick-start stack, the drift round trip, idempotence on a
 * second run, and `--destroy`.
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
        for (const heading of [
            "Start the embedded JumpCloud simulator",
            "pulumi preview --refresh --diff",
            "Summary",
        ]) {
            assert.ok(out.includes(heading), `missing step: ${heading}`);
        }
        assert.match(out, /up: succeeded \{"create":7\}/);
        // The drift, in the engine's diff and in the report, names exactly the two managed fields changed.
        assert.match(out, /withoutPassword: false => true/);
        assert.match(
            out,
            /\| `linux-admins` \(jumpcloud:UserGroup, update\) \| `attributes\.sudo\.withoutPassword` \| `false` \| `true` \|/,
        );
        assert.match(out, /\| `linux-admins` \(jumpcloud:UserGroup, update\) \| `description` \|/);
        assert.match(out, /up: succeeded \{"same":6,"update":1\}/);
        assert.match(out, /attributes\.sudo: \{"enabled":true,"withoutPassword":false\}/);
        assert.match(out, /attributes\.costCenter \(unmanaged, kept by the full PUT\): "CC-42"/);
        assert.ok(!out.includes("demo-workday-password"), "the Workday password never appears in the output");
    });

    it("is idempotent: a second run changes nothing before the drift step", () => {
        const { code, out } = runDemo(dir);
        assert.equal(code, 0, out.slice(-3000));
        assert.match(out, /already seeded/);
        assert.match(out, /up: succeeded \{"same":7\}/);
    });

    it("--destroy removes the stack, its state and the simulator data", () => {
        const { code, out } = runDemo(dir, "--destroy");
        assert.equal(code, 0, out.slice(-3000));
        assert.match(out, /destroy: succeeded/);
        assert.equal(fs.existsSync(dir), false);
    });
});
