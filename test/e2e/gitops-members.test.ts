/**
 * examples/gitops with `members` and `associations` through the real engine against the simulator: members named
 * by email, username and id resolved with one listing of the organisation's users (2 pages for 150 users), one
 * UserGroupMembership and the UserGroupAssociations per file; a no-change preview costing only that listing; an
 * unknown member failing the preview with its file, line and value before any write.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { simAdmin } from "../../simulator/admin-client";
import { apiCaller } from "../../simulator/api-caller";
import { type E2E, startE2E } from "../helpers/e2e";
import { countRequests, writes } from "../helpers/logged-requests";

// The example, as `pulumi up` would load it; it imports the installed package (node_modules/pulumi-jumpcloud).
import gitops = require("../../examples/gitops");

const userId = (n: number) => `5f2d${n.toString(16).padStart(20, "0")}`;

describe("examples/gitops with members and associations (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let groupsDir = "";
    let systemId = "";

    before(async () => {
        groupsDir = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-members-"));
        e2e = await startE2E({ project: "gitops-members", program: () => gitops.gitopsProgram({ groupsDir })() });
        const seeded = await simAdmin(e2e.sim.origin).seed({
            users: Array.from({ length: 150 }, (_, i) => ({
                id: userId(i + 1),
                username: `user${i + 1}`,
                email: `user${i + 1}@example.com`,
            })),
            targets: [{ type: "system", name: "web-1" }],
        });
        systemId = seeded.targets[0] ?? "";
        fs.writeFileSync(
            path.join(groupsDir, "engineering.yaml"),
            [
                "name: Engineering",
                "members:",
                ...Array.from({ length: 40 }, (_, i) => `  - User${i + 1}@Example.com`),
                "  - user120",
                `  - ${userId(130)}`,
                "associations:",
                `  - { type: system, id: ${systemId}, attributes: { sudo: { enabled: true } } }`,
                "",
            ].join("\n"),
        );
        fs.writeFileSync(path.join(groupsDir, "empty.yaml"), "name: Nobody\nmembers: []\n");
        fs.writeFileSync(path.join(groupsDir, "plain.yaml"), "name: Plain\n");
    });
    after(async () => {
        await e2e?.close();
        fs.rmSync(groupsDir, { recursive: true, force: true });
    });

    it("declares the groups, one membership per file with members and the associations; one user listing", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.summary.resourceChanges?.["create"], 7, "stack, 3 groups, 2 memberships, 1 association");
        const counts = countRequests(await simAdmin(e2e.sim.origin).requests(since));
        assert.deepEqual(counts, {
            "GET /systemusers": 2,
            "POST /usergroups": 3,
            "GET /usergroups/:id/members": 2,
            "POST /usergroups/:id/members": 42,
            "POST /usergroups/:id/associations": 1,
        });
        const ids = up.outputs["groupIds"]?.value as Record<string, string>;
        const edges = (await apiCaller(e2e.sim)(
            "GET",
            `/usergroups/${ids["engineering"]}/members?limit=100`,
        )) as unknown as Array<{ to: { id: string } }>;
        const want = [...Array.from({ length: 40 }, (_, i) => userId(i + 1)), userId(120), userId(130)].sort();
        assert.deepEqual(edges.map((e) => e.to.id).sort(), want);

        const again = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.deepEqual(
            countRequests(await simAdmin(e2e.sim.origin).requests(again)),
            { "GET /systemusers": 2 },
            "the program-time listing only: no provider call",
        );
    });

    it("an unknown member fails the preview naming the file, the line and the member; nothing is written", async () => {
        fs.writeFileSync(
            path.join(groupsDir, "empty.yaml"),
            "name: Nobody\nmembers:\n  - user1\n  - ghost@example.com\n",
        );
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const output: string[] = [];
        await assert.rejects(e2e.engine.preview({ onOutput: (s: string) => output.push(s) }), (e: Error) => {
            const text = `${e.message}\n${output.join("")}`;
            assert.match(text, /empty\.yaml: members\[1\] "ghost@example\.com" is not a JumpCloud user.*\(line 4\)/);
            return true;
        });
        assert.deepEqual(writes(await simAdmin(e2e.sim.origin).requests(since)), []);
    });
});
