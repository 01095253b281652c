/**
 * The drift report on a real refresh preview: groups created through the engine, changed and deleted behind
 * Pulumi's back through the API, then `preview --refresh`. The report built from the engine events and the one
 * built from the real `pulumi preview --refresh --json` document must both match the golden Markdown; the CLI
 * (`dist/cli/main.js drift --input`) prints the same.
 *
 * UPDATE_GOLDEN=1 rewrites the golden file and the preview-JSON fixture the unit tests use.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, LocalWorkspace } from "@pulumi/pulumi/automation";
import { renderDriftJson, renderDriftMarkdown } from "../../provider/cli/drift-markdown";
import { driftReport } from "../../provider/cli/drift-report";
import { simAdmin } from "../../simulator/admin-client";
import { type E2E, jumpcloudClient, startE2E } from "../helpers/e2e";
import { writes } from "../helpers/logged-requests";

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
