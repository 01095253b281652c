/**
 * The drift report on a real refresh preview: groups created through the engine, changed and deleted behind
 * Pulumi's back through the API, then `preview --refresh`. The report built from the engine events and the one
 * built from the real `pulumi preview --refresh --json` document must both match the golden Markdown; the CLI
 * (`dist/cli/main.js drift --input`) prints the same.
 *
 * UPDATE_GOLDEN=1 rewrites the golden file and the preview-JSON fixture the unit tests use.
 */
import * as assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";
import { renderDriftJson, renderDriftMarkdown } from "../../provider/cli/drift-markdown";
import { driftReport } from "../../provider/cli/drift-report";
import { simAdmin } from "../../simulator/admin-client";
import { apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloudClient, startE2E } from "../helpers/e2e";
import { countRequests, writes } from "../helpers/logged-requests";

import gitops = require("../../examples/gitops");

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "test/fixtures/gitops");
const GOLDEN = path.join(FIXTURES, "drift-report.md.golden");
const PREVIEW_FIXTURE = path.join(FIXTURES, "preview-refresh.json");

/** Replaces what differs between runs (ObjectIds, stack folders) with placeholders. */
function normalize(text: string): string {
    return text.replace(/[0-9a-f]{24}/g, "<id>").replace(/"duration":\s*\d+/g, '"duration": 0');
}

/** Runs one preview with `--json` added to the CLI arguments the Automation API builds; resolves with its stdout. */
async function previewJson(e2e: E2E, onEvent: (e: EngineEvent) => void): Promise<string> {
    // `run` is the CLI runner the Automation API calls with its argument list (public at run time, not in the types).
    type Runner = { run: (args: string[], ...rest: unknown[]) => Promise<unknown> };
    const cmd = (e2e.engine.stack.workspace as LocalWorkspace).pulumiCommand as unknown as Runner;
    const original = cmd.run;
    cmd.run = (args, ...rest) => original.call(cmd, args[0] === "preview" ? [...args, "--json"] : args, ...rest);
    try {
        const result = await e2e.engine.preview({ refresh: true, diff: false, onEvent });
        return result.stdout;
    } finally {
        cmd.run = original;
    }
}

describe("drift report on a real refresh preview (real engine, simulator)", function () {
    this.timeout(300_000);
    let e2e: E2E;

    before(async () => {
        const groupsDir = path.join(FIXTURES, "drift-groups");
        e2e = await startE2E({ project: "drift-report", program: gitops.gitopsProgram({ groupsDir }) });
    });
    after(async () => {
        await e2e?.close();
    });

    it("reports every out-of-band change as resource, field, desired and live", async () => {
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        const ids = up.outputs["groupIds"]?.value as Record<string, string>;

        // An admin edits and deletes groups in the console (here: through the API).
        const { JumpCloudClient } = jumpcloudClient();
        const client = new JumpCloudClient({
            apiKey: e2e.sim.apiKey,
            apiUrl: e2e.sim.url,
            maxRequestsPerSecond: Infinity,
        });
        const platform = await client.userGroups.get(ids["platform"] as string);
        await client.userGroups.replace(platform.id, {
            ...(platform as Required<Pick<typeof platform, "name">> & typeof platform),
            description: "Platform team (edited in the console)",
            attributes: {
                ...platform.attributes,
                sudo: { enabled: true, withoutPassword: true },
                posixGroups: [{ id: 6002, name: "platform" }],
            },
        });
        const support = await client.userGroups.get(ids["support"] as string);
        await client.userGroups.replace(support.id, {
            ...(support as Required<Pick<typeof support, "name">> & typeof support),
            memberQuery: {
                queryType: "FilterQuery",
                filters: [{ field: "department", operator: "eq", value: "Helpdesk" }],
            },
        });
        await client.userGroups.delete(ids["interns"] as string);

        const seq = await simAdmin(e2e.sim.origin).lastSeq();
        const events: EngineEvent[] = [];
        const stdout = await previewJson(e2e, (e) => events.push(e));
        assert.deepEqual(writes(await simAdmin(e2e.sim.origin).requests(seq)), [], "a refresh preview never writes");

        const fromEvents = renderDriftMarkdown(driftReport(events));
        const document = JSON.parse(stdout) as unknown;
        const fromJson = renderDriftMarkdown(driftReport(document));
        if (process.env["UPDATE_GOLDEN"] === "1") {
            fs.writeFileSync(GOLDEN, normalize(fromEvents));
            // The serialized provider (tens of KB per resource) carries nothing the report reads.
            const slim = JSON.stringify(document, (k, v) => (k === "__provider" ? "<serialized provider>" : v), 4);
            fs.writeFileSync(PREVIEW_FIXTURE, `${normalize(slim).replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>")}\n`);
        }
        const golden = fs.readFileSync(GOLDEN, "utf8");
        assert.equal(normalize(fromEvents), golden, "report from the engine events");
        assert.equal(normalize(fromJson), golden, "report from `pulumi preview --refresh --json`");

        const json = JSON.parse(renderDriftJson(driftReport(events))) as {
            drift: boolean;
            resources: Array<{ name: string; op: string; fields: Array<{ path: string }> }>;
        };
        assert.equal(json.drift, true);
        assert.deepEqual(
            json.resources.map((r) => [r.name, r.op]),
            [
                ["interns", "create"],
                ["platform", "update"],
                ["support", "update"],
            ],
            "the untouched group is not reported",
        );

        // The shipped command line, reading the saved preview from a file.
        const saved = path.join(e2e.engine.dir, "preview.json");
        fs.writeFileSync(saved, stdout);
        const cli = execFileSync(
            process.execPath,
            [path.join(ROOT, "node_modules/pulumi-jumpcloud/dist/cli/main.js"), "drift", "--input", saved],
            {
                encoding: "utf8",
            },
        );
        assert.equal(normalize(cli), golden, "the CLI prints the same report");
    });
});

describe("drift report names users, not ids (real engine, simulator)", function () {
    this.timeout(300_000);
    let e2e: E2E;
    let groupsDir = "";
    let systemId = "";
    const userId = (n: number) => `5f2f${n.toString(16).padStart(20, "0")}`;

    before(async () => {
        groupsDir = fs.mkdtempSync(path.join(os.tmpdir(), "drift-members-"));
        e2e = await startE2E({ project: "drift-members", program: () => gitops.gitopsProgram({ groupsDir })() });
        const seeded = await simAdmin(e2e.sim.origin).seed({
            users: [1, 2, 3].map((n) => ({ id: userId(n), username: `user${n}`, email: `user${n}@example.com` })),
            targets: [{ type: "system", name: "web-1" }],
        });
        systemId = seeded.targets[0] ?? "";
        fs.writeFileSync(
            path.join(groupsDir, "eng.yaml"),
            `name: Eng\nmembers:\n  - user1@example.com\n  - user2\nassociations:\n  - { type: system, id: ${systemId} }\n`,
        );
    });
    after(async () => {
        await e2e?.close();
        fs.rmSync(groupsDir, { recursive: true, force: true });
    });

    it("a user added and one removed in the console, an association removed: named by email", async () => {
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        const groupId = (up.outputs["groupIds"]?.value as Record<string, string> | undefined)?.["eng"] ?? "";
        // In the console (here: the API): user3 added, user2 removed, the system association removed.
        const api = apiCaller(e2e.sim);
        await api("POST", `/usergroups/${groupId}/members`, { op: "add", type: "user", id: userId(3) });
        await api("POST", `/usergroups/${groupId}/members`, { op: "remove", type: "user", id: userId(2) });
        await api("POST", `/usergroups/${groupId}/associations`, { op: "remove", type: "system", id: systemId });

        const stdout = await previewJson(e2e, () => undefined);
        const saved = path.join(e2e.engine.dir, "preview-members.json");
        fs.writeFileSync(saved, stdout);
        const cli = path.join(ROOT, "node_modules/pulumi-jumpcloud/dist/cli/main.js");
        const env = {
            PATH: process.env["PATH"] ?? "",
            JUMPCLOUD_API_KEY: e2e.sim.apiKey,
            JUMPCLOUD_API_URL: e2e.sim.url,
        };

        const since = await simAdmin(e2e.sim.origin).lastSeq();
        // Asynchronously: the simulator answering the CLI runs in this process.
        const run = promisify(execFile);
        const { stdout: markdown } = await run(process.execPath, [cli, "drift", "--input", saved], { env });
        assert.deepEqual(
            countRequests(await simAdmin(e2e.sim.origin).requests(since)),
            { "GET /systemusers/:id": 2 },
            "one GET per user whose membership changed, no listing",
        );
        const lines = markdown.split("\n").filter((l) => l.startsWith("- "));
        assert.deepEqual(lines, [
            `- \`eng-members\`: user3@example.com added in the console`,
            `- \`eng-members\`: user2@example.com removed in the console`,
            `- \`eng-system-${systemId}\`: system ${systemId} association removed in the console`,
        ]);
        assert.ok(!markdown.includes(e2e.sim.apiKey));

        const json = JSON.parse(
            (await run(process.execPath, [cli, "drift", "--input", saved, "--json"], { env })).stdout,
        ) as { resources: Array<{ name: string; op: string; changes?: string[] }> };
        assert.deepEqual(
            json.resources.map((r) => [r.name, r.op, r.changes]),
            [
                [
                    "eng-members",
                    "update",
                    ["user3@example.com added in the console", "user2@example.com removed in the console"],
                ],
                [`eng-system-${systemId}`, "create", [`system ${systemId} association removed in the console`]],
            ],
        );

        // Without credentials the report still comes out, with ids, and says how to get emails.
        const noKey = await run(process.execPath, [cli, "drift", "--input", saved], { env: { PATH: env.PATH } });
        assert.match(noKey.stdout, new RegExp(`- \`eng-members\`: ${userId(3)} added in the console`));
        assert.match(noKey.stderr, /Users are shown by id: set JUMPCLOUD_API_KEY/);
    });
});
