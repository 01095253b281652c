/**
 * The program-folder lifecycle, as a mocha suite that any toolchain can run: examples/quickstart (every resource
 * type) and examples/gitops as shipped, installed from the packed package, driven by the plain CLI and by the exact
 * steps of the GitOps workflow templates against the simulator (started on port 0). `npm test` runs it on the
 * machine's Node.js with the development SDK; `npm run test:compat` on Node.js 22 and 24 with the newest SDK.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type EngineBinaries, fileBackendUrl, repoRoot, workRoot } from "../../scripts/lib/engine";
import { ProgramFolder, type StackExport, type Toolchain } from "../../scripts/lib/program-folder";
import { configureQuickstart, QUICKSTART_DEVICE_ID, QUICKSTART_SEED } from "../../scripts/lib/quickstart-stack";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import { apiCaller } from "../../simulator/api-caller";
import { type JobOutcome, runWorkflowJob } from "./workflow-steps";

const WORKFLOWS = path.join(repoRoot, "examples", "gitops", ".github", "workflows");
const STACK = "prod";
/** The provider module of each resource type: what `__provider` must `require()`. */
export const PROVIDER_MODULES: Record<string, string> = {
    "pulumi-nodejs:dynamic/jumpcloud:UserGroup": "user-group-provider.js",
    "pulumi-nodejs:dynamic/jumpcloud:WorkdayInstance": "workday-instance-provider.js",
    "pulumi-nodejs:dynamic/jumpcloud:WorkdayImport": "workday-import-provider.js",
    "pulumi-nodejs:dynamic/jumpcloud:UserPushEndpoint": "user-push-endpoint-provider.js",
};

/** What a lifecycle run needs, resolved in the suite's `before` (builds and downloads may take a while). */
export interface FolderSetup {
    readonly toolchain: Toolchain;
    readonly engine: EngineBinaries;
    readonly packageTarball: string;
    /** Exact versions to install over the examples' ranges (`@pulumi/pulumi` at least). */
    readonly pins: Record<string, string>;
}

/** The outcome of one example under one toolchain, for the compatibility table. */
export interface LifecycleRecord {
    readonly example: string;
    readonly toolchain: string;
    readonly sdk: string;
    readonly cli: string;
    readonly passed: number;
    readonly failed: number;
    /** `__provider` length by resource type, in bytes (empty when the stack was never created). */
    readonly providerBytes: Record<string, number>;
}

/** The dynamic resources of an exported stack. */
export function dynamicResources(state: StackExport) {
    return (state.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
}

/**
 * Asserts that every dynamic resource's `__provider` is the one-line `require()` of the package's provider module
 * (a reference, so an upgraded package takes effect and nothing of the library is copied into state) and returns
 * the sizes by type.
 */
export function assertProviderReferences(state: StackExport): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const r of dynamicResources(state)) {
        const module = PROVIDER_MODULES[r.type];
        assert.ok(module, `unexpected resource type ${r.type}`);
        const provider = String(r.outputs?.["__provider"] ?? "");
        assert.ok(
            provider.includes(`require("pulumi-jumpcloud/dist/resources/${module}")`),
            `${r.urn}: __provider must require pulumi-jumpcloud/dist/resources/${module}, got ${provider.length} bytes: ${provider.slice(0, 600)}`,
        );
        assert.ok(!provider.includes(".pnpm"), `${r.urn}: __provider names pnpm's store: ${provider.slice(0, 600)}`);
        assert.ok(provider.length < 2000, `${r.urn}: __provider is ${provider.length} bytes, the library by value?`);
        sizes[r.type] = Math.max(sizes[r.type] ?? 0, provider.length);
    }
    return sizes;
}

/** "`__provider` a require(): 294-302 B" from the sizes by type, for the compatibility table. */
export function providerNote(sizes: Record<string, number>): string {
    const values = Object.values(sizes);
    if (values.length === 0) return "";
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    return `\`__provider\` a require(): ${lo === hi ? lo : `${lo}-${hi}`} B`;
}

/** A simulator for one suite: port 0, a distinctive key (so scanning for it means something), fast imports. */
export function startSuiteSimulator(): Promise<RunningSimulator> {
    return startSimulator({ importDelayMs: 100, apiKey: `folder-key-${randomBytes(12).toString("hex")}` });
}

/** Every file of a file backend, concatenated (what a scan for leaked secrets reads). */
export function backendText(dir: string): string {
    return fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile())
        .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), "utf8"))
        .join("");
}

/** A new folder for a file backend under .work/. */
export function newBackendDir(): string {
    fs.mkdirSync(path.join(workRoot, "folders"), { recursive: true });
    return fs.mkdtempSync(path.join(workRoot, "folders", "state-"));
}

/**
 * Runs a GitOps workflow template (`drift-check.yml`, `deploy.yml`) in `folder` against the backend in `backendDir`
 * with the simulator's key, and asserts that no secret of `secrets` (the key at least) reaches its log or summary.
 */
async function template(
    file: "drift-check.yml" | "deploy.yml",
    folder: ProgramFolder,
    backendDir: string,
    apiKey: string,
    secrets: readonly string[] = [],
): Promise<JobOutcome> {
    const job = await runWorkflowJob(folder, path.join(WORKFLOWS, file), {
        values: workflowValues(backendDir, apiKey),
        skip: { "npm ci": "the program folder was installed from the packed package" },
    });
    for (const secret of [apiKey, ...secrets]) {
        assert.ok(!job.log.includes(secret), `${file}: a secret is in the job log`);
        assert.ok(!job.summary.includes(secret), `${file}: a secret is in the job summary`);
    }
    return job;
}

function workflowValues(backendDir: string, apiKey: string): Record<string, string> {
    return {
        "secrets.JUMPCLOUD_API_KEY": apiKey,
        "vars.PULUMI_BACKEND_URL": fileBackendUrl(backendDir),
        "secrets.PULUMI_CONFIG_PASSPHRASE": "pulumi-jumpcloud-local",
    };
}

/** The toolchain, SDK and CLI of a setup, as the table shows them (an unresolved setup shows as unknown). */
function describeSetup(s: FolderSetup | undefined): { toolchain: string; sdk: string; cli: string } {
    return {
        toolchain: s?.toolchain.label ?? "unknown",
        sdk: s?.pins["@pulumi/pulumi"] ?? "unknown",
        cli: s?.engine.version ?? "unknown",
    };
}

/** The outcome of the named step; fails the test when there is no such step. */
function step(job: JobOutcome, name: string) {
    const s = job.steps.find((x) => x.name === name);
    assert.ok(s, `no step "${name}" in ${job.steps.map((x) => x.name).join(", ")}`);
    return s;
}

function describeJob(job: JobOutcome): string {
    return job.steps
        .map((s) => `${s.name}: ${s.status}${s.code === undefined ? "" : ` (${s.code})`}`)
        .concat(job.log.slice(-3000))
        .join("\n");
}

/**
 * Counts the enclosing suite's passed tests and reports them with the measurements in its `after` hook; a test
 * that did not pass (failed, or never ran because a hook failed) counts as failed.
 */
function tallySuite(report: (passed: number, failed: number) => void): void {
    let passed = 0;
    afterEach(function () {
        if (this.currentTest?.state === "passed") passed += 1;
    });
    after(function () {
        const total = this.test?.parent?.tests.length ?? 0;
        report(passed, total - passed);
    });
}

/**
 * Defines the suite: `setup` runs once in `before`; `record` receives the outcome of each example.
 */
export function describeFolderLifecycle(
    title: string,
    setup: () => Promise<FolderSetup> | FolderSetup,
    record: (r: LifecycleRecord) => void = () => {},
): void {
    describe(title, function () {
        this.timeout(1_800_000);
        let s: FolderSetup;

        before(async () => {
            s = await setup();
        });

        describe("examples/quickstart, every resource type, stack config with secrets", () => {
            let sim: RunningSimulator;
            let folder: ProgramFolder;
            let backendDir: string;
            const WORKDAY_PASSWORD = `folder-Workday-${randomBytes(6).toString("hex")}`;
            const secrets = [WORKDAY_PASSWORD];
            let providerBytes: Record<string, number> = {};
            tallySuite((passed, failed) =>
                record({ example: "quickstart", ...describeSetup(s), passed, failed, providerBytes }),
            );

            before(async () => {
                sim = await startSuiteSimulator();
                await simAdmin(sim.origin).seed(QUICKSTART_SEED);
                backendDir = newBackendDir();
                folder = await ProgramFolder.prepare({
                    example: "examples/quickstart",
                    packageTarball: s.packageTarball,
                    pins: s.pins,
                    toolchain: s.toolchain,
                    engine: s.engine,
                });
                await folder.login(fileBackendUrl(backendDir));
                await folder.pulumi(["stack", "init", STACK]);
                await configureQuickstart(folder, {
                    apiUrl: sim.url,
                    apiKey: sim.apiKey,
                    workdayPassword: WORKDAY_PASSWORD,
                });
            });
            after(async () => {
                folder?.remove();
                if (backendDir) fs.rmSync(backendDir, { recursive: true, force: true });
                await sim?.close();
            });

            it("pulumi up creates every resource type; each __provider is a require() of the package's module", async () => {
                const up = await folder.pulumi(["up", "--yes", "--non-interactive", "--stack", STACK]);
                assert.match(up.stdout, /7 created/, up.stdout);
                const state = await folder.exportStack(STACK);
                const types = dynamicResources(state).map((r) => r.type);
                assert.deepEqual([...new Set(types)].sort(), Object.keys(PROVIDER_MODULES).sort());
                assert.equal(types.length, 6, "three groups, the Workday instance, an import, a device");
                providerBytes = assertProviderReferences(state);
                for (const secret of [sim.apiKey, WORKDAY_PASSWORD]) {
                    assert.ok(!`${up.stdout}${up.stderr}`.includes(secret), "no secret in the output of pulumi up");
                }
                const text = backendText(backendDir);
                assert.ok(!text.includes(sim.apiKey), "the API key is not in the state files in plain text");
                assert.ok(!text.includes(WORKDAY_PASSWORD), "the Workday password is not in the state files");
                const live = await simAdmin(sim.origin).store<{ userGroups?: unknown[] }>();
                assert.equal(live.userGroups?.length, 3);
            });

            it("the drift-check workflow passes right after up: no false drift on any resource type", async () => {
                const job = await template("drift-check.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(job.conclusion, "success", describeJob(job));
                assert.equal(step(job, "Drift check").code, 0);
                assert.match(job.summary, /No drift/i, job.summary);
            });

            it("after console changes, the drift-check workflow fails and shows each drifted field", async () => {
                const api = apiCaller(sim);
                const groups = (await api("GET", "/usergroups?limit=100")) as unknown as Array<{
                    id: string;
                    name: string;
                }>;
                const linux = groups.find((g) => g.name === "Linux Admins");
                assert.ok(linux);
                const live = await api("GET", `/usergroups/${linux.id}`);
                await api("PUT", `/usergroups/${linux.id}`, {
                    ...live,
                    description: "widened in the console",
                    attributes: {
                        ...(live["attributes"] as Record<string, unknown>),
                        sudo: { enabled: true, withoutPassword: true },
                    },
                });
                const [workday] = (await api("GET", "/workdays")) as unknown as Array<{ id: string }>;
                assert.ok(workday);
                await api("PUT", `/workdays/${workday.id}`, {
                    name: "Workday Import",
                    reportUrl: "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/Changed",
                });
                await api("PATCH", `/users/${QUICKSTART_SEED.users[0]?.id}/pushendpoints/${QUICKSTART_DEVICE_ID}`, {
                    name: "Renamed in the console",
                });

                const job = await template("drift-check.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(job.conclusion, "failure", describeJob(job));
                const check = step(job, "Drift check");
                assert.notEqual(check.code, 0);
                for (const row of [
                    /\| `linux-admins` \(jumpcloud:UserGroup, update\) \| `description` \|/,
                    /\| `linux-admins` \(jumpcloud:UserGroup, update\) \| `attributes\.sudo\.withoutPassword` \| `false` \| `true` \|/,
                    /\| `workday` \(jumpcloud:WorkdayInstance, update\) \| `reportUrl` \|/,
                    /\| `alice-phone` \(jumpcloud:UserPushEndpoint, update\) \| `name` \| `"Alice's iPhone"` \| `"Renamed in the console"` \|/,
                ]) {
                    assert.match(job.summary, row, job.summary);
                    assert.match(check.stdout ?? "", row, "the report is in the job log too");
                }
            });

            it("the deploy workflow (up --refresh) repairs the drift; the drift check passes again", async () => {
                const job = await template("deploy.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(job.conclusion, "success", describeJob(job));
                assert.match(step(job, "pulumi up").stdout ?? "", /3 updated/);
                const again = await template("drift-check.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(again.conclusion, "success", describeJob(again));
            });

            it("pulumi destroy removes every resource", async () => {
                await folder.pulumi(["destroy", "--yes", "--non-interactive", "--stack", STACK]);
                const state = await folder.exportStack(STACK);
                assert.equal(dynamicResources(state).length, 0);
                const live = await simAdmin(sim.origin).store<{ userGroups?: unknown[] }>();
                assert.equal(live.userGroups?.length ?? 0, 0);
            });
        });

        describe("examples/gitops, configured by environment as in the workflow templates", () => {
            const secrets: string[] = [];
            let sim: RunningSimulator;
            let folder: ProgramFolder;
            let backendDir: string;
            let providerBytes: Record<string, number> = {};
            tallySuite((passed, failed) =>
                record({ example: "gitops", ...describeSetup(s), passed, failed, providerBytes }),
            );

            before(async () => {
                sim = await startSuiteSimulator();
                backendDir = newBackendDir();
                folder = await ProgramFolder.prepare({
                    example: "examples/gitops",
                    packageTarball: s.packageTarball,
                    pins: s.pins,
                    toolchain: s.toolchain,
                    engine: s.engine,
                    // The provider reads these where the templates put them: the job's environment.
                    env: { JUMPCLOUD_API_URL: sim.url, JUMPCLOUD_API_KEY: sim.apiKey },
                });
                await folder.login(fileBackendUrl(backendDir));
                await folder.pulumi(["stack", "init", STACK]);
            });
            after(async () => {
                folder?.remove();
                if (backendDir) fs.rmSync(backendDir, { recursive: true, force: true });
                await sim?.close();
            });

            it("deploy creates one group per file; drift check passes; a console change fails it; deploy repairs it", async () => {
                const first = await template("deploy.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(first.conclusion, "success", describeJob(first));
                assert.match(step(first, "pulumi up").stdout ?? "", /5 created/);
                const state = await folder.exportStack(STACK);
                providerBytes = assertProviderReferences(state);
                assert.ok(!backendText(backendDir).includes(sim.apiKey), "the API key never reaches state");

                const clean = await template("drift-check.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(clean.conclusion, "success", describeJob(clean));

                const api = apiCaller(sim);
                const groups = (await api("GET", "/usergroups?limit=100")) as unknown as Array<{
                    id: string;
                    name: string;
                }>;
                const eng = groups.find((g) => g.name === "Engineering");
                assert.ok(eng);
                await api("DELETE", `/usergroups/${eng.id}`);
                const drifted = await template("drift-check.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(drifted.conclusion, "failure", describeJob(drifted));
                assert.match(drifted.summary, /\| `engineering` \(jumpcloud:UserGroup, create\) \|/, drifted.summary);

                const repaired = await template("deploy.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(repaired.conclusion, "success", describeJob(repaired));
                const after = await template("drift-check.yml", folder, backendDir, sim.apiKey, secrets);
                assert.equal(after.conclusion, "success", describeJob(after));

                await folder.pulumi(["destroy", "--yes", "--non-interactive", "--stack", STACK]);
                const live = await simAdmin(sim.origin).store<{ userGroups?: unknown[] }>();
                assert.equal(live.userGroups?.length ?? 0, 0);
            });
        });
    });
}
