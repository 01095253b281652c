/**
 * `npm run demo`: the quick-start as a user runs it, against the embedded JumpCloud simulator: a copy of
 * examples/quickstart with the packed package installed, and the plain `pulumi` CLI in that folder (login, stack
 * init, config set --secret, up), then the GitOps drift story (changes in the console: a group's fields edited and
 * a user added to Engineering; `preview --refresh --diff`, the drift report naming the user by email, `up
 * --refresh` removing the user again, and a clean preview). Every command is printed as it runs, exactly as it was
 * run.
 *
 *   npm run demo                 create or converge the stack, change things behind Pulumi's back, show the drift
 *                                and reconcile it with `up --refresh` (a full PUT)
 *   npm run demo -- --destroy    destroy the stack and remove the demo's folder, state and simulator data
 *
 * Everything lives under .work/demo/ (git-ignored): the program folder, the file backend, PULUMI_HOME and the
 * simulator's database. Re-running is idempotent: the simulator keeps its data and the stack its state, so a second
 * run changes nothing until the drift step.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startSimulator } from "../simulator";
import { simAdmin } from "../simulator/admin-client";
import { apiCaller } from "../simulator/api-caller";
import { ensurePulumi, fileBackendUrl, repoRoot, workRoot } from "./lib/engine";
import { packCurrentPackage } from "./lib/package-tarball";
import { ProgramFolder } from "./lib/program-folder";
import {
    configureQuickstart,
    QUICKSTART_CONSOLE_USER_ID,
    QUICKSTART_MEMBERS,
    QUICKSTART_SEED,
} from "./lib/quickstart-stack";

/** Where the demo keeps everything. @default .work/demo (PULUMI_JUMPCLOUD_DEMO_DIR overrides it; tests use a temp folder) */
const demoDir = process.env["PULUMI_JUMPCLOUD_DEMO_DIR"] ?? path.join(workRoot, "demo");
const simData = path.join(demoDir, "sim-data");
const programDir = path.join(demoDir, "quickstart");
const stateDir = path.join(demoDir, "state");
const homeDir = path.join(demoDir, "pulumi-home");
const portFile = path.join(demoDir, "sim-port");
const STACK = "demo";
const API_KEY = "demo-api-key-not-a-secret";
const WORKDAY_PASSWORD = "demo-workday-password";

let stepNo = 0;
function heading(text: string): void {
    stepNo += 1;
    process.stdout.write(`\n=== ${stepNo}. ${text}\n`);
}
function say(text: string): void {
    process.stdout.write(`${text}\n`);
}
const rel = (p: string) => path.relative(repoRoot, p) || ".";

async function main(): Promise<void> {
    const destroy = process.argv.includes("--destroy");
    const t0 = Date.now();

    heading("Build the library and pack it, as `npm publish` would");
    execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });
    const tarball = packCurrentPackage();
    say(`package: ${rel(tarball)}`);

    heading("Obtain the Pulumi CLI and the Node.js language host");
    const engine = ensurePulumi();
    say(`pulumi ${engine.version} at ${engine.pulumi}\nlanguage host: ${engine.languageHost}`);

    heading("Start the embedded JumpCloud simulator");
    fs.mkdirSync(simData, { recursive: true });
    const sim = await startDemoSimulator();
    // The engine keeps the provider's settings (the API URL with its port) in state and uses them for destroy, so
    // the simulator comes back on the port of the previous run whenever it can.
    const previousPort = readPort();
    const portChanged = previousPort !== undefined && previousPort !== sim.port;
    fs.writeFileSync(portFile, String(sim.port));
    say(`API: ${sim.url}   data: ${rel(simData)}`);
    const api = apiCaller(sim);

    try {
        heading(`The program folder: a copy of examples/quickstart in ${rel(programDir)}, with the package installed`);
        const folder = await ProgramFolder.prepare({
            example: "examples/quickstart",
            dir: programDir,
            home: homeDir,
            packageTarball: tarball,
            engine,
            // Node.js >= 22 keeps compiled modules here, so the provider process loads `@pulumi/pulumi` faster after
            // the program process has (README, "Start-up"); older Node.js builds ignore it.
            env: { NODE_COMPILE_CACHE: path.join(demoDir, "node-compile-cache") },
            echo: (text) => process.stdout.write(text),
        });
        say(`\n(every command below runs in ${rel(folder.dir)}, with PULUMI_HOME=${rel(homeDir)})`);

        heading("Log in to a local file backend and select the stack");
        fs.mkdirSync(stateDir, { recursive: true });
        await folder.login(fileBackendUrl(stateDir));
        const stacks = await folder.pulumi(["stack", "ls", "--json"]);
        const exists = (JSON.parse(stacks.stdout) as Array<{ name: string }>).some((s) => s.name === STACK);
        await folder.pulumi(["stack", exists ? "select" : "init", STACK]);
        await configureQuickstart(folder, { apiUrl: sim.url, apiKey: sim.apiKey, workdayPassword: WORKDAY_PASSWORD });
        for (const [i, email] of QUICKSTART_MEMBERS.entries()) {
            await folder.pulumi(["config", "set", "--path", `engineeringMembers[${i}]`, email]);
        }

        if (destroy) {
            if (portChanged) {
                heading("The simulator moved to a new port: converge once so the stack's provider settings follow");
                await folder.pulumi(["up", "--yes"]);
            }
            heading("Destroy the quick-start stack");
            await folder.pulumi(["destroy", "--yes"]);
            await folder.pulumi(["stack", "rm", "--yes", STACK]);
            await sim.close();
            fs.rmSync(demoDir, { recursive: true, force: true });
            say(`\nremoved ${rel(demoDir)} (program folder, state, PULUMI_HOME and simulator data)`);
            return;
        }

        heading("Seed the simulator: three users, one with an enrolled push device, and a Workday worker report");
        const store = await simAdmin(sim.origin).store();
        if ((store.pushEndpoints ?? []).length === 0) {
            await simAdmin(sim.origin).seed(QUICKSTART_SEED);
            say("seeded users alice, bob and carol, alice's iPhone and two Workday workers");
        } else {
            say("already seeded (a previous run); nothing to do");
        }

        heading("pulumi up: the quick-start stack");
        await folder.pulumi(["up", "--yes"]);
        const outputs = JSON.parse((await folder.pulumi(["stack", "output", "--json"])).stdout) as {
            groups: Record<string, string>;
        };

        heading("Drift: an admin changes the Linux Admins group in the console (through the API)");
        const id = outputs.groups["linuxAdmins"] as string;
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

        heading("Drift: an admin adds carol to Engineering in the console (through the API)");
        const engineering = outputs.groups["engineering"] as string;
        await api("POST", `/usergroups/${engineering}/members`, {
            op: "add",
            type: "user",
            id: QUICKSTART_CONSOLE_USER_ID,
        });
        say(`Engineering's members now: ${(await memberEmails(api, engineering)).join(", ")}`);

        heading("pulumi preview --refresh --diff: what changed outside Pulumi");
        await folder.pulumi(["preview", "--refresh", "--diff"]);

        heading("The same drift as a pull-request comment");
        // The report names users by email with a read-only key from the environment (here: the simulator's).
        await folder.run(["npx", "pulumi-jumpcloud", "drift"], {
            env: { JUMPCLOUD_API_KEY: sim.apiKey, JUMPCLOUD_API_URL: sim.url },
        });

        heading("pulumi up --refresh: reconcile with a full PUT");
        await folder.pulumi(["up", "--refresh", "--yes"]);
        const after = await api("GET", `/usergroups/${id}`);
        const afterAttrs = after["attributes"] as Record<string, unknown>;
        say(`\ndescription: ${JSON.stringify(after["description"])}`);
        say(`attributes.sudo: ${JSON.stringify(afterAttrs["sudo"])}`);
        say(`attributes.costCenter (unmanaged, kept by the full PUT): ${JSON.stringify(afterAttrs["costCenter"])}`);
        say(`Engineering's members: ${(await memberEmails(api, engineering)).join(", ")}`);

        heading("pulumi preview --expect-no-changes: JumpCloud matches the program again");
        await folder.pulumi(["preview", "--refresh", "--expect-no-changes"]);

        heading("Summary");
        await folder.pulumi(["stack", "output", "--json"]);
        say(`\nstate (file backend): ${rel(stateDir)}   simulator data: ${rel(simData)}`);
        say(`To manage a real JumpCloud org with the same program, in ${rel(folder.dir)}:`);
        say("  pulumi config set --secret jumpcloud:apiKey <your admin API key>");
        say("  pulumi config rm jumpcloud:apiUrl        # defaults to https://console.jumpcloud.com/api/v2");
        say("Re-run `npm run demo` (idempotent) or remove everything with `npm run demo -- --destroy`.");
        say(`\ndemo finished in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    } finally {
        await sim.close().catch(() => undefined);
    }
}

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

/** The emails of a group's direct members (the seeded users'; others by id), sorted; one page: the group is small. */
async function memberEmails(api: ReturnType<typeof apiCaller>, groupId: string): Promise<string[]> {
    const edges = (await api("GET", `/usergroups/${groupId}/members?limit=100`)) as unknown as Array<{
        to: { id: string };
    }>;
    const emails = new Map(QUICKSTART_SEED.users.map((u) => [u.id, u.email]));
    return edges.map((e) => emails.get(e.to.id) ?? e.to.id).sort();
}

function pick(obj: Json, keys: string[]): Json {
    return Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));
}

main().catch((err: unknown) => {
    process.stderr.write(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
