/**
 * examples/gitops through the real engine against the simulator: the example's YAML files become groups, a second
 * preview is clean, and a folder with bad files fails with every problem (file and field) before any API write.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { simAdmin } from "../../simulator/admin-client";
import { writeBadFiles } from "../fixtures/gitops/bad-files";
import { type E2E, startE2E } from "../helpers/e2e";
import { writes } from "../helpers/logged-requests";

// The example, as `pulumi up` would load it; it imports the installed package (node_modules/pulumi-jumpcloud).
import gitops = require("../../examples/gitops");

const EXAMPLE_GROUPS = path.resolve(__dirname, "../../examples/gitops/groups");

interface StoredGroup {
    id: string;
    name: string;
    [key: string]: unknown;
}

/** The simulator's groups by name (the store dump's shape is the simulator's; only name and fields are read). */
async function storedGroups(origin: string): Promise<Map<string, StoredGroup>> {
    const dump = await simAdmin(origin).store<{ userGroups?: StoredGroup[] }>();
    return new Map((dump.userGroups ?? []).map((g) => [g.name, g]));
}

describe("examples/gitops (real engine, simulator)", function () {
    this.timeout(300_000);
    let e2e: E2E;
    let groupsDir = EXAMPLE_GROUPS;

    before(async () => {
        e2e = await startE2E({ project: "gitops-example", program: () => gitops.gitopsProgram({ groupsDir })() });
    });
    after(async () => {
        await e2e?.close();
    });

    it("creates one group per YAML file, then previews no changes", async () => {
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal(up.outputs["groupCount"]?.value, 4);
        const ids = up.outputs["groupIds"]?.value as Record<string, string>;
        assert.deepEqual(Object.keys(ids).sort(), ["contractors", "engineering", "linux-admins", "sales-emea"]);

        const groups = await storedGroups(e2e.sim.origin);
        assert.deepEqual([...groups.keys()].sort(), ["Contractors", "Engineering", "Linux Admins", "Sales EMEA"]);
        const linux = groups.get("Linux Admins") as StoredGroup;
        assert.equal(linux.id, ids["linux-admins"]);
        assert.deepEqual((linux["attributes"] as Record<string, unknown>)["posixGroups"], [
            { id: 5001, name: "linux-admins" },
        ]);
        const sales = groups.get("Sales EMEA") as StoredGroup;
        assert.equal(sales["membershipMethod"], "DYNAMIC_REVIEW_REQUIRED");
        assert.equal((sales["memberQuery"] as { filters: unknown[] }).filters.length, 2);

        const seq = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.deepEqual(writes(await simAdmin(e2e.sim.origin).requests(seq)), [], "a preview never writes");
    });

    it("rejects a folder with bad files, naming every file and field, before any API request", async () => {
        const seq = await simAdmin(e2e.sim.origin).lastSeq();
        groupsDir = writeBadFiles(e2e.engine.dir);
        try {
            await assert.rejects(e2e.engine.up(), (err: Error) => {
                const text = String((err as { stderr?: string }).stderr ?? "") + String(err.message);
                assert.match(text, /bad-files\/broken-syntax\.yaml: is not valid YAML/);
                assert.match(text, /bad-files\/wrong-types\.yaml: attributes\.posixGroups\[0\]\.id must be an integer/);
                assert.match(text, /bad-files\/wrong-types\.yaml: colour is not a known property/);
                assert.match(
                    text,
                    /bad-files\/engineering\.yaml: name "Engineering" is already the name of the group in bad-files\/duplicate-name\.yaml/,
                );
                // The program raises a pulumi.RunError: the problem list alone, not "Unhandled exception" with the
                // program's stack trace and Node's dump of the error object.
                assert.doesNotMatch(text, /Unhandled exception|GitOpsValidationError|load-groups\.ts|problems: \[/);
                return true;
            });
        } finally {
            groupsDir = EXAMPLE_GROUPS;
        }
        const requests = await simAdmin(e2e.sim.origin).requests(seq);
        assert.deepEqual(writes(requests), [], "no write reached the API");
        assert.deepEqual(requests, [], "the program failed before the engine called the provider at all");
        assert.equal((await storedGroups(e2e.sim.origin)).size, 4, "the existing groups are untouched");
    });

    it("destroys every group", async () => {
        const destroy = await e2e.engine.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.equal((await storedGroups(e2e.sim.origin)).size, 0);
    });
});
