/**
 * `npm run demo`: the quick-start stack against the embedded JumpCloud simulator, then the GitOps drift story.
 *
 *   npm run demo                 create or converge the stack, change a group behind Pulumi's back, show the drift
 *                                with `preview --refresh --diff`, and reconcile it with `up --refresh` (a full PUT)
 *   npm run demo -- --destroy    destroy the stack and remove the demo's state and simulator data
 *
 * Everything lives under .work/demo/ (git-ignored): the simulator's database, the file backend and PULUMI_HOME.
 * Re-running is idempotent: the simulator keeps its data and the stack its state, so a second run changes nothing
 * until the drift step.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { startSimulator } from "../simulator";
import { simAdmin } from "../simulator/admin-client";
import { apiCaller } from "../simulator/api-caller";
import { EngineStack, pulumiCliPath, repoRoot, workRoot } from "./lib/engine";

/** Where the demo keeps everything. @default .work/demo (PULUMI_JUMPCLOUD_DEMO_DIR overrides it; tests use a temp folder) */
const demoDir = process.env["PULUMI_JUMPCLOUD_DEMO_DIR"] ?? path.join(workRoot, "demo");
const simData = path.join(demoDir, "sim-data");
const stackDir = path.join(demoDir, "stack");
const API_KEY = "demo-api-key-not-a-secret";
const USER_ID = "5f1000000000000000000001";
const DEVICE_ID = "5f2000000000000000000001";

let stepNo = 0;
function heading(text: string): void {
    stepNo += 1;
    process.stdout.write(`\n=== ${stepNo}. ${text}\n`);
}
function say(text: string): void {
    process.stdout.write(`${text}\n`);
}

async function main(): Promise<void> {
    const destroy = process.argv.includes("--destroy");
    const t0 = Date.now();

    heading("Build the library and install it into node_modules/pulumi-jumpcloud");
    execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });

    heading("Obtain the Pulumi CLI");
    const cli = pulumiCliPath();
    say(`${execFileSync(cli, ["version"]).toString().trim()} at ${cli}`);

    heading("Start the embedded JumpCloud simulator");
    fs.mkdirSync(simData, { recursive: true });
    const sim = await startDemoSimulator();
    // The engine keeps the provider's settings (the API URL with its port) in state and uses them for destroy, so
    // the simulator comes back on the port of the previous run whenever it can.
    const portChanged = readPort() !== undefined && readPort() !== sim.port;
    fs.writeFileSync(portFile, String(sim.port));
    say(`API: ${sim.url}   data: ${path.relative(repoRoot, simData)}`);
    const api = apiCaller(sim);

    try {
        // Loaded only now: the program imports "pulumi-jumpcloud", which step 1 has just built and installed.
        const { quickstart } =
            require("../examples/quickstart/program") as typeof import("../examples/quickstart/program");
        const engine = await EngineStack.create({
            project: "jumpcloud-quickstart",
            stack: "demo",
            dir: stackDir,
            program: quickstart,
            config: {
                "jumpcloud:apiKey": { value: sim.apiKey, secret: true },
                "jumpcloud:apiUrl": { value: sim.url },
                "jumpcloud-quickstart:workdayPassword": { value: "demo-workday-password", secret: true },
                "jumpcloud-quickstart:userId": { value: USER_ID },
                "jumpcloud-quickstart:pushEndpointId": { value: DEVICE_ID },
            },
        });

        if (destroy) {
            if (portChanged) {
                heading("The simulator moved to a new port: converge once so the stack's provider settings follow");
                await engine.up({ onOutput: (s) => process.stdout.write(s) });
            }
            heading("Destroy the quick-start stack");
            const res = await engine.destroy({ onOutput: (s) => process.stdout.write(s) });
            say(`destroy: ${res.summary.result}`);
            await sim.close();
            fs.rmSync(demoDir, { recursive: true, force: true });
            say(`removed ${path.relative(repoRoot, demoDir)} (state, PULUMI_HOME and simulator data)`);
            return;
        }

        heading("Seed the simulator: a user with an enrolled push device, and a Workday worker report");
        const store = await simAdmin(sim.origin).store();
        if ((store.pushEndpoints ?? []).length === 0) {
            await simAdmin(sim.origin).seed({
                users: [{ id: USER_ID, username: "alice", email: "alice@example.com" }],
                pushEndpoints: [
                    {
                        userId: USER_ID,
                        id: DEVICE_ID,
                        name: "iPhone",
                        state: "active",
                        device: {
                            make: "Apple",
                            model: "iPhone 15",
                            os: "iOS",
                            osVersion: "18.1",
                            appVersion: "3.2.0",
                            uvEnabled: true,
                        },
                    },
                ],
                workdayWorkers: [
                    { username: "ada", email: "ada.lovelace@example.com", firstName: "Ada", lastName: "Lovelace" },
                    { username: "alan", email: "alan.turing@example.com", firstName: "Alan", lastName: "Turing" },
                ],
            });
            say("seeded user alice, her iPhone and two Workday workers");
        } else {
            say("already seeded (a previous run); nothing to do");
        }

        heading("pulumi up: the quick-start stack (examples/quickstart)");
        const up = await engine.up({ onOutput: (s) => process.stdout.write(s) });
        say(`up: ${up.summary.result} ${JSON.stringify(up.summary.resourceChanges)}`);
        const groups = up.outputs["groups"]?.value as Record<string, string>;

        heading("Drift: an admin changes the Linux Admins group in the console (through the API)");
        const id = groups["linuxAdmins"]!;
        const live = await api("GET", `/usergroups/${id}`);
        const attributes = { ...(live["attributes"] as Record<string, unknown>) };
        attributes["sudo"] = { enabled: true, withoutPassword: true };
        attributes["costCenter"] = "CC-42";
        await api("PUT", `/usergroups/${id}`, {
            ...pick(live, [
                "name",
                "email",
                "membershipMethod",
                "memberQuery",
                "memberQueryExemptions",
                "memberSuggestionsNotify",
            ]),
            description: "temporarily widened by an admin",
            attributes,
        });
        say(
            "changed description and attributes.sudo.withoutPassword (both managed), added attributes.costCenter (not managed)",
        );

        heading("pulumi preview --refresh --diff: what changed outside Pulumi");
        const events: EngineEvent[] = [];
        const preview = await engine.preview({ refresh: true, diff: true, onEvent: (e) => events.push(e) });
        process.stdout.write(preview.stdout);
        say("\nThe same drift as a pull-request comment (`npx pulumi-jumpcloud drift`):\n");
        const { driftReport } =
            require("pulumi-jumpcloud/dist/cli/drift-report.js") as typeof import("../provider/cli/drift-report");
        const { renderDriftMarkdown } =
            require("pulumi-jumpcloud/dist/cli/drift-markdown.js") as typeof import("../provider/cli/drift-markdown");
        say(renderDriftMarkdown(driftReport(events)));

        heading("pulumi up --refresh: reconcile with a full PUT");
        const fix = await engine.up({ refresh: true, onOutput: (s) => process.stdout.write(s) });
        say(`up: ${fix.summary.result} ${JSON.stringify(fix.summary.resourceChanges)}`);
        const after = await api("GET", `/usergroups/${id}`);
        const afterAttrs = after["attributes"] as Record<string, unknown>;
        say(`description: ${JSON.stringify(after["description"])}`);
        say(`attributes.sudo: ${JSON.stringify(afterAttrs["sudo"])}`);
        say(`attributes.costCenter (unmanaged, kept by the full PUT): ${JSON.stringify(afterAttrs["costCenter"])}`);

        heading("Summary");
        say(`groups: ${JSON.stringify(groups)}`);
        say(`workday: ${JSON.stringify(fix.outputs["workday"]?.value)}`);
        say(`import job: ${JSON.stringify(fix.outputs["importJob"]?.value)}`);
        say(`device: ${JSON.stringify(fix.outputs["device"]?.value)}`);
        say(
            `state (file backend): ${path.relative(repoRoot, engine.backendDir)}   simulator data: ${path.relative(repoRoot, simData)}`,
        );
        say("To manage a real JumpCloud org with the same program:");
        say("  pulumi config set jumpcloud:apiKey --secret <your admin API key>");
        say("  pulumi config rm jumpcloud:apiUrl        # defaults to https://console.jumpcloud.com/api/v2");
        say("Re-run `npm run demo` (idempotent) or remove everything with `npm run demo -- --destroy`.");
        say(`\ndemo finished in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    } finally {
        await sim.close().catch(() => undefined);
    }
}

const portFile = path.join(demoDir, "sim-port");

function readPort(): number | undefined {
    const text = fs.existsSync(portFile) ? fs.readFileSync(portFile, "utf8").trim() : "";
    return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The simulator on the previous run's port when it is free, else on a new free port. */
async function startDemoSimulator() {
    const previous = readPort();
    if (previous !== undefined) {
        try {
            return await startSimulator({ port: previous, dataDir: simData, apiKey: API_KEY });
        } catch {
            // The port is taken by something else now: any free port will do.
        }
    }
    return startSimulator({ port: 0, dataDir: simData, apiKey: API_KEY });
}

type Json = Record<string, unknown>;

function pick(obj: Json, keys: string[]): Json {
    return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

main().catch((err: unknown) => {
    process.stderr.write(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
