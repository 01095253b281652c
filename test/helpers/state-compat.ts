/**
 * State compatibility across package versions: a stack created by package A (an earlier build, on its runtime and
 * SDK) is refreshed, updated and destroyed by package B (installed over A in the same program folder, as a user
 * upgrades), with every resource type of the quick-start. The engine runs the `__provider` stored by A, i.e.
 * `require("pulumi-jumpcloud/dist/resources/<type>-provider.js")`, against B's files: the module paths are a
 * public contract, and this suite is what guards it.
 *
 * `npm run test:compat` runs it from the previous package on Node.js 20 to the current one on Node.js 24 with the
 * newest SDK; other suites can run it with any pair (e.g. both on the machine's Node.js in `npm test`).
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type EngineBinaries, fileBackendUrl } from "../../scripts/lib/engine";
import { ProgramFolder, type Toolchain } from "../../scripts/lib/program-folder";
import { configureQuickstart, QUICKSTART_SEED } from "../../scripts/lib/quickstart-stack";
import type { RunningSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import {
    assertProviderReferences,
    dynamicResources,
    newBackendDir,
    PROVIDER_MODULES,
    startSuiteSimulator,
} from "./folder-lifecycle";

/** One side of the pair: a package build with the runtime and pins it is installed with (by npm). */
export interface PackageSide {
    /** Shown in test titles, e.g. "pulumi-jumpcloud at 3ee4361". */
    readonly label: string;
    readonly packageTarball: string;
    readonly toolchain: Toolchain;
    /** Exact versions over the example's ranges (`@pulumi/pulumi` at least). */
    readonly pins: Record<string, string>;
    /**
     * The quick-start folder to copy (default `examples/quickstart` as it is now). A creator built at an older commit
     * passes that commit's quick-start: the program a user wrote against that package, which the operator's package
     * must then run unchanged.
     */
    readonly example?: string;
}

/** What the suite needs, resolved in its `before`. */
export interface StateCompatSetup {
    readonly engine: EngineBinaries;
    /** Creates the stack. */
    readonly creator: PackageSide;
    /** Refreshes, updates and destroys it. */
    readonly operator: PackageSide;
}

const STACK = "prod";

/**
 * The tarball `name` was installed from, as an absolute path, read from the file npm writes after every install
 * (which records it relative to the folder when both are on the same tree).
 */
function installedFrom(folder: ProgramFolder, name: string): string {
    const lock = JSON.parse(fs.readFileSync(path.join(folder.dir, "node_modules", ".package-lock.json"), "utf8")) as {
        packages: Record<string, { resolved?: string }>;
    };
    const resolved = lock.packages[`node_modules/${name}`]?.resolved ?? "";
    return resolved.startsWith("file:") ? path.resolve(folder.dir, resolved.slice("file:".length)) : resolved;
}

/** Defines the suite; `onDone` receives the number of passed and failed tests (for the compatibility table). */
export function describeStateCompatibility(
    title: string,
    setup: () => Promise<StateCompatSetup> | StateCompatSetup,
    onDone: (passed: number, failed: number) => void = () => {},
): void {
    describe(title, function () {
        this.timeout(1_800_000);
        let s: StateCompatSetup;
        let sim: RunningSimulator;
        let folder: ProgramFolder;
        let backendDir: string;
        let passed = 0;
        const password = () => `compat-Workday-${randomBytes(6).toString("hex")}`;

        before(async () => {
            s = await setup();
            sim = await startSuiteSimulator();
            await simAdmin(sim.origin).seed(QUICKSTART_SEED);
            backendDir = newBackendDir();
            folder = await ProgramFolder.prepare({
                example: s.creator.example ?? "examples/quickstart",
                packageTarball: s.creator.packageTarball,
                pins: s.creator.pins,
                toolchain: s.creator.toolchain,
                engine: s.engine,
            });
            await folder.login(fileBackendUrl(backendDir));
            await folder.pulumi(["stack", "init", STACK]);
            await configureQuickstart(folder, { apiUrl: sim.url, apiKey: sim.apiKey, workdayPassword: password() });
        });
        afterEach(function () {
            if (this.currentTest?.state === "passed") passed += 1;
        });
        after(async function () {
            onDone(passed, (this.test?.parent?.tests.length ?? 0) - passed);
            folder?.remove();
            if (backendDir) fs.rmSync(backendDir, { recursive: true, force: true });
            await sim?.close();
        });

        it("the creator's package creates the stack with every resource type", async () => {
            assert.equal(installedFrom(folder, "pulumi-jumpcloud"), path.resolve(s.creator.packageTarball));
            const up = await folder.pulumi(["up", "--yes", "--non-interactive", "--stack", STACK]);
            assert.match(up.stdout, /7 created/, up.stdout);
            const state = await folder.exportStack(STACK);
            assert.deepEqual(
                [...new Set(dynamicResources(state).map((r) => r.type))].sort(),
                Object.keys(PROVIDER_MODULES).sort(),
            );
            assertProviderReferences(state);
        });

        it("after an upgrade to the operator's package and runtime, refresh finds nothing changed", async () => {
            folder.useToolchain(s.operator.toolchain);
            await folder.install(s.operator.packageTarball, s.operator.pins);
            assert.equal(installedFrom(folder, "pulumi-jumpcloud"), path.resolve(s.operator.packageTarball));
            const node = await folder.run(["node", "--version"]);
            const expected = execFileSync(path.join(s.operator.toolchain.nodeDir, "node"), ["--version"]).toString();
            assert.equal(node.stdout.trim(), expected.trim(), "commands now run on the operator's Node.js");
            // The stored providers (the creator's `require()` lines) now load the operator's modules.
            await folder.pulumi([
                "refresh",
                "--yes",
                "--non-interactive",
                "--expect-no-changes",
                "--skip-preview",
                "--stack",
                STACK,
            ]);
            await folder.pulumi(["preview", "--refresh", "--expect-no-changes", "--non-interactive", "--stack", STACK]);
        });

        it("the operator's package updates it (a program edit and a rotated secret)", async () => {
            const program = path.join(folder.dir, "program.ts");
            fs.writeFileSync(
                program,
                fs.readFileSync(program, "utf8").replace('"Every engineer"', '"Every engineer, upgraded"'),
            );
            await folder.setSecret("workdayPassword", password(), STACK);
            const up = await folder.pulumi(["up", "--yes", "--non-interactive", "--stack", STACK]);
            assert.match(up.stdout, /2 updated/, up.stdout);
            const live = await simAdmin(sim.origin).store<{
                userGroups?: Array<{ name: string; description?: string }>;
            }>();
            assert.equal(
                live.userGroups?.find((g) => g.name === "Engineering")?.description,
                "Every engineer, upgraded",
            );
            assertProviderReferences(await folder.exportStack(STACK));
        });

        it("the operator's package destroys it", async () => {
            await folder.pulumi(["destroy", "--yes", "--non-interactive", "--stack", STACK]);
            assert.equal(dynamicResources(await folder.exportStack(STACK)).length, 0);
            const live = await simAdmin(sim.origin).store<{ userGroups?: unknown[] }>();
            assert.equal(live.userGroups?.length ?? 0, 0);
        });
    });
}
