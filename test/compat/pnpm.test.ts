/**
 * pnpm, measured. Its layout puts every package's real files under node_modules/.pnpm/<name>@<version>/..., which is
 * what Pulumi's closure serializer sees. With the newest `@pulumi/pulumi` (3.251 changed how such paths are written)
 * the quick-start stack's `__provider` is the same `require("pulumi-jumpcloud/dist/resources/...")` as under npm and
 * the lifecycle works; with 3.248, the last SDK for Node.js 20, `pulumi up` fails in the serializer. The README's pnpm
 * advice is written from these two results.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { compatVersions } from "../../scripts/lib/compat-versions";
import { fileBackendUrl } from "../../scripts/lib/engine";
import { ProgramFolder } from "../../scripts/lib/program-folder";
import { configureQuickstart, QUICKSTART_SEED } from "../../scripts/lib/quickstart-stack";
import type { RunningSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import {
    assertProviderReferences,
    dynamicResources,
    newBackendDir,
    providerNote,
    startSuiteSimulator,
} from "../helpers/folder-lifecycle";
import { compatTools, recordRow } from "./support";

const versions = compatVersions();
const STACK = "prod";
const OLD_SDK = versions.previousPackage.sdk;

/** One pnpm-installed quick-start folder per suite, logged in and configured, with its simulator. */
function pnpmQuickstart(major: "20" | "24", sdk: string) {
    const ctx = {} as { sim: RunningSimulator; folder: ProgramFolder; backendDir: string };
    before(async () => {
        const t = compatTools();
        ctx.sim = await startSuiteSimulator();
        await simAdmin(ctx.sim.origin).seed(QUICKSTART_SEED);
        ctx.backendDir = newBackendDir();
        ctx.folder = await ProgramFolder.prepare({
            example: "examples/quickstart",
            packageTarball: t.currentPackage,
            pins: { ...t.versions.folderPackages, "@pulumi/pulumi": sdk },
            toolchain: t.pnpm[major],
            engine: t.engine,
        });
        await ctx.folder.login(fileBackendUrl(ctx.backendDir));
        await ctx.folder.pulumi(["stack", "init", STACK]);
        await configureQuickstart(ctx.folder, {
            apiUrl: ctx.sim.url,
            apiKey: ctx.sim.apiKey,
            workdayPassword: "pnpm-Workday-pass",
        });
    });
    after(async () => {
        ctx.folder?.remove();
        if (ctx.backendDir) fs.rmSync(ctx.backendDir, { recursive: true, force: true });
        await ctx.sim?.close();
    });
    return ctx;
}

/** Reports the suite's outcome as a row of the table. */
function tally(major: "20" | "24", sdk: string, note: () => string, outcome?: string) {
    let passed = 0;
    afterEach(function () {
        if (this.currentTest?.state === "passed") passed += 1;
    });
    after(function () {
        recordRow({
            scenario: "examples/quickstart with pnpm",
            node: versions.node[major].version,
            packageManager: `pnpm ${versions.pnpm.version}`,
            sdk,
            cli: versions.cli,
            passed,
            failed: (this.test?.parent?.tests.length ?? 0) - passed,
            note: note(),
            ...(outcome === undefined ? {} : { outcome }),
        });
    });
}

const NEW_SDK = versions.folderPackages["@pulumi/pulumi"] as string;

describe(`pnpm ${versions.pnpm.version} (Node.js ${versions.node["24"].version}, @pulumi/pulumi ${NEW_SDK})`, function () {
    this.timeout(1_800_000);
    const ctx = pnpmQuickstart("24", NEW_SDK);
    let note = "";
    tally("24", NEW_SDK, () => note);

    it("pulumi up: every __provider is the same require() by package name as under npm", async () => {
        const up = await ctx.folder.pulumi(["up", "--yes", "--non-interactive", "--stack", STACK]);
        assert.match(up.stdout, /7 created/);
        const state = await ctx.folder.exportStack(STACK);
        // Measured, not assumed: the serializer's view of pnpm's store paths is what the README reports.
        note = providerNote(assertProviderReferences(state));
    });

    it("refresh finds nothing changed; destroy removes everything", async () => {
        await ctx.folder.pulumi(["preview", "--refresh", "--expect-no-changes", "--non-interactive", "--stack", STACK]);
        await ctx.folder.pulumi(["destroy", "--yes", "--non-interactive", "--stack", STACK]);
        assert.equal(dynamicResources(await ctx.folder.exportStack(STACK)).length, 0);
        const live = await simAdmin(ctx.sim.origin).store<{ userGroups?: unknown[] }>();
        assert.equal(live.userGroups?.length ?? 0, 0);
    });
});

describe(`pnpm ${versions.pnpm.version} (Node.js ${versions.node["20"].version}, @pulumi/pulumi ${OLD_SDK})`, function () {
    this.timeout(1_800_000);
    const ctx = pnpmQuickstart("20", OLD_SDK);
    tally(
        "20",
        OLD_SDK,
        () => "the serializer finds no export path for pnpm's store path",
        "`pulumi up` fails (asserted)",
    );

    it("pulumi up fails in the closure serializer before any resource is created (use npm with this SDK)", async () => {
        const up = await ctx.folder.pulumi(["up", "--yes", "--non-interactive", "--stack", STACK], {
            allowFailure: true,
        });
        assert.notEqual(up.code, 0);
        assert.match(
            up.stdout + up.stderr,
            /package\.json export path for "\.pnpm\/pulumi-jumpcloud@[^"]*\/node_modules\/pulumi-jumpcloud\/dist\/resources\/[a-z-]+-provider\.js" not found/,
        );
        const live = await simAdmin(ctx.sim.origin).store<{ userGroups?: unknown[] }>();
        assert.equal(live.userGroups?.length ?? 0, 0, "nothing reached JumpCloud");
    });
});
