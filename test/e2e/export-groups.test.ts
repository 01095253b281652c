/**
 * Onboarding an existing organisation: 150 groups seeded in the simulator, `pulumi-jumpcloud export-groups` (the
 * shipped CLI) writes the GitOps files, and `pulumi up` of the GitOps program over them adopts every group
 * without a single write; a following preview shows no changes.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { simAdmin } from "../../simulator/admin-client";
import type { SeedUserGroup } from "../../simulator/seed";
import { type E2E, startE2E } from "../helpers/e2e";
import { writes } from "../helpers/logged-requests";

import gitops = require("../../examples/gitops");

const CLI = path.resolve(__dirname, "../../node_modules/pulumi-jumpcloud/dist/cli/main.js");
const GROUP_COUNT = 150;

/** 150 groups of every shape the provider manages, including names whose slugs collide. */
function seedGroups(): SeedUserGroup[] {
    const groups: SeedUserGroup[] = [];
    for (let i = 0; i < GROUP_COUNT; i++) {
        const n = String(i).padStart(3, "0");
        switch (i % 5) {
            case 0:
                groups.push({ name: `Team ${n}`, description: `Static team ${n}`, membershipMethod: "STATIC" });
                break;
            case 1:
                groups.push({
                    name: `Dept ${n}`,
                    membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
                    memberQuery: {
                        queryType: "FilterQuery",
                        filters: [{ field: "department", operator: "eq", value: `Dept ${n}` }],
                    },
                    memberSuggestionsNotify: true,
                });
                break;
            case 2:
                groups.push({
                    name: `Linux ${n}`,
                    email: `linux-${n}@example.com`,
                    attributes: {
                        sudo: { enabled: true, withoutPassword: i % 2 === 0 },
                        posixGroups: [{ id: 7000 + i, name: `linux-${n}` }],
                        ldapGroups: [{ name: `linux-${n}` }],
                        radius: { reply: [{ name: "Filter-Id", value: `linux-${n}` }] },
                        sambaEnabled: true,
                        costCenter: `cc-${n}`,
                    },
                });
                break;
            case 3:
                groups.push({
                    name: `Filter ${n}`,
                    membershipMethod: "DYNAMIC_AUTOMATED",
                    memberQuery: { queryType: "Filter", filters: [`jobTitle:$eq:Engineer ${n}`] },
                    memberQueryExemptions: [{ id: `5f30000000000000000${n.padStart(5, "0")}`, type: "user" }],
                });
                break;
            default:
                // Pairs whose file names would collide ("Ops & Infra 004" and "ops-infra-004").
                groups.push({
                    name: i % 10 === 4 ? `Ops & Infra ${n}` : `ops-infra-${String(i - 5).padStart(3, "0")}`,
                });
        }
    }
    return groups;
}

describe("export-groups onboarding round trip (real engine, simulator, 150 groups)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let outDir = "";
    let seededIds: string[] = [];

    before(async () => {
        e2e = await startE2E({
            project: "export-groups",
            program: () => gitops.gitopsProgram({ groupsDir: outDir })(),
        });
        outDir = path.join(e2e.engine.dir, "groups");
        seededIds = (await simAdmin(e2e.sim.origin).seed({ userGroups: seedGroups() })).userGroups;
        assert.equal(seededIds.length, GROUP_COUNT);
    });
    after(async () => {
        await e2e?.close();
    });

    it("exports every group (all pages) as a file with adopt, without printing the key", async () => {
        const seq = await simAdmin(e2e.sim.origin).lastSeq();
        const { stdout, stderr } = await promisify(execFile)(
            process.execPath,
            [CLI, "export-groups", "--out", outDir],
            {
                env: {
                    PATH: process.env["PATH"] ?? "",
                    JUMPCLOUD_API_KEY: e2e.sim.apiKey,
                    JUMPCLOUD_API_URL: e2e.sim.url,
                },
            },
        );
        assert.match(stdout, /Exported 150 groups/);
        assert.ok(!`${stdout}${stderr}`.includes(e2e.sim.apiKey), "the key is never printed");
        const requests = await simAdmin(e2e.sim.origin).requests(seq);
        assert.deepEqual(writes(requests), []);
        assert.equal(requests.length, 2, "two pages of 100");

        const files = fs.readdirSync(outDir).sort();
        assert.equal(files.length, GROUP_COUNT);
        assert.ok(files.includes("ops-infra-004.yaml"));
        assert.ok(
            files.some((f) => /^ops-infra-004-[0-9a-f]{6}\.yaml$/.test(f)),
            "a colliding slug gets an id suffix",
        );

        const linux = parse(fs.readFileSync(path.join(outDir, "linux-002.yaml"), "utf8")) as Record<string, unknown>;
        assert.deepEqual(linux, {
            name: "Linux 002",
            email: "linux-002@example.com",
            attributes: {
                sudo: { enabled: true, withoutPassword: true },
                ldapGroups: [{ name: "linux-002" }],
                posixGroups: [{ id: 7002, name: "linux-002" }],
                radius: { reply: [{ name: "Filter-Id", value: "linux-002" }] },
                sambaEnabled: true,
                costCenter: "cc-002",
            },
            adopt: { by: "id", id: seededIds[2], mode: "verify" },
            // The simulator may report defaults the seed did not set; they are kept exactly as live.
            ...(linux["membershipMethod"] === undefined ? {} : { membershipMethod: linux["membershipMethod"] }),
            ...(linux["memberSuggestionsNotify"] === undefined
                ? {}
                : { memberSuggestionsNotify: linux["memberSuggestionsNotify"] }),
        });
    });

    it("adopts all 150 groups with `pulumi up` without one write, then previews no changes", async () => {
        const seq = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal(up.summary.resourceChanges?.["create"], GROUP_COUNT + 1, "150 groups and the stack");
        const ids = Object.values(up.outputs["groupIds"]?.value as Record<string, string>).sort();
        assert.deepEqual(ids, [...seededIds].sort(), "every resource is the existing group");

        const requests = await simAdmin(e2e.sim.origin).requests(seq);
        assert.deepEqual(writes(requests), [], "adoption in verify mode only reads");
        assert.ok(requests.length >= GROUP_COUNT, `each group was read (${requests.length} requests)`);

        const seq2 = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.equal(preview.changeSummary["same"], GROUP_COUNT + 1);
        assert.deepEqual(writes(await simAdmin(e2e.sim.origin).requests(seq2)), []);
    });
});
