/**
 * Onboarding an existing organisation: 150 groups seeded in the simulator, with members (150 users) and
 * associations; `pulumi-jumpcloud export-groups` (the shipped CLI) writes the GitOps files, members as emails, and
 * `pulumi up` of the GitOps program over them adopts every group, membership and association without changing
 * JumpCloud (a second export is identical); a following preview shows no changes.
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
import { countRequests, writes } from "../helpers/logged-requests";

import gitops = require("../../examples/gitops");

const CLI = path.resolve(__dirname, "../../node_modules/pulumi-jumpcloud/dist/cli/main.js");
const GROUP_COUNT = 150;
const USER_COUNT = 150;
/** Static groups (every group but the 60 dynamic ones) have a members file entry; dynamic ones do not. */
const STATIC_GROUPS = 90;
const userId = (n: number) => `5f2e${n.toString(16).padStart(20, "0")}`;
const systemA = "5f3e00000000000000000001";
const systemB = "5f3e00000000000000000002";
const appC = "5f3e00000000000000000003";

/** Members and associations of a few groups, by group index. */
const GRAPH: Record<number, Pick<SeedUserGroup, "members" | "associations">> = {
    // 120 members: two pages.
    0: {
        members: Array.from({ length: 120 }, (_, i) => userId(i + 1)),
        associations: [
            { type: "system", id: systemA, attributes: { sudo: { enabled: true, withoutPassword: false } } },
            { type: "application", id: appC },
        ],
    },
    2: { members: [userId(5), userId(140)], associations: [{ type: "system", id: systemB }] },
    // A dynamic group: its associations are exported, its members are not.
    1: { associations: [{ type: "system", id: systemB }] },
    5: { members: [userId(150)] },
};
const ASSOCIATIONS = 4;

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
    return groups.map((g, i) => ({ ...g, ...GRAPH[i] }));
}

/** Runs the installed CLI's export-groups into `out`. */
async function exportTo(e2e: E2E, out: string): Promise<{ stdout: string; stderr: string }> {
    return promisify(execFile)(process.execPath, [CLI, "export-groups", "--out", out], {
        env: {
            PATH: process.env["PATH"] ?? "",
            JUMPCLOUD_API_KEY: e2e.sim.apiKey,
            JUMPCLOUD_API_URL: e2e.sim.url,
        },
    });
}

/** Every file of a folder with its text. */
function folderText(dir: string): Record<string, string> {
    return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

describe("export-groups onboarding round trip (real engine, simulator, 150 groups with members and associations)", function () {
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
        seededIds = (
            await simAdmin(e2e.sim.origin).seed({
                // Mixed-case emails: the files keep them as JumpCloud holds them.
                users: Array.from({ length: USER_COUNT }, (_, i) => ({
                    id: userId(i + 1),
                    username: `user${i + 1}`,
                    email: `User${i + 1}@Example.com`,
                })),
                targets: [
                    { type: "system", name: "web-1", id: systemA },
                    { type: "system", name: "web-2", id: systemB },
                    { type: "application", name: "wiki", id: appC },
                ],
                userGroups: seedGroups(),
            })
        ).userGroups;
        assert.equal(seededIds.length, GROUP_COUNT);
    });
    after(async () => {
        await e2e?.close();
    });

    it("exports every group (all pages) with members and associations, without printing the key", async () => {
        const seq = await simAdmin(e2e.sim.origin).lastSeq();
        const { stdout, stderr } = await exportTo(e2e, outDir);
        assert.match(stdout, /Exported 150 groups \(123 members, 4 associations\)/);
        assert.ok(!`${stdout}${stderr}`.includes(e2e.sim.apiKey), "the key is never printed");
        const requests = await simAdmin(e2e.sim.origin).requests(seq);
        assert.deepEqual(writes(requests), []);
        assert.deepEqual(countRequests(requests), {
            "GET /usergroups": 2, // two pages of 100
            "GET /usergroups/:id/members": STATIC_GROUPS + 1, // one page per static group, two for 120 members
            "GET /usergroups/:id/associations": GROUP_COUNT * 10, // one page per group and target type
            "GET /systemusers": 2, // one listing of the 150 users names every member
        });

        const files = fs.readdirSync(outDir).sort();
        assert.equal(files.length, GROUP_COUNT);
        assert.ok(files.includes("ops-infra-004.yaml"));
        assert.ok(
            files.some((f) => /^ops-infra-004-[0-9a-f]{6}\.yaml$/.test(f)),
            "a colliding slug gets an id suffix",
        );

        const team = parse(fs.readFileSync(path.join(outDir, "team-000.yaml"), "utf8")) as Record<string, unknown>;
        const emails = Array.from({ length: 120 }, (_, i) => `User${i + 1}@Example.com`).sort();
        assert.deepEqual(team["members"], emails, "emails, sorted");
        assert.deepEqual(team["associations"], [
            { type: "application", id: appC },
            { type: "system", id: systemA, attributes: { sudo: { enabled: true, withoutPassword: false } } },
        ]);
        const dynamic = parse(fs.readFileSync(path.join(outDir, "dept-001.yaml"), "utf8")) as Record<string, unknown>;
        assert.equal(dynamic["members"], undefined, "a dynamic group's members come from its query");
        assert.deepEqual(dynamic["associations"], [{ type: "system", id: systemB }]);
        const empty = parse(fs.readFileSync(path.join(outDir, "team-010.yaml"), "utf8")) as Record<string, unknown>;
        assert.deepEqual(empty["members"], [], "a static group without members is exported as managed and empty");
        assert.equal(empty["associations"], undefined);

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
            members: ["User140@Example.com", "User5@Example.com"],
            associations: [{ type: "system", id: systemB }],
            adopt: { by: "id", id: seededIds[2], mode: "verify" },
            // The simulator may report defaults the seed did not set; they are kept exactly as live.
            ...(linux["membershipMethod"] === undefined ? {} : { membershipMethod: linux["membershipMethod"] }),
            ...(linux["memberSuggestionsNotify"] === undefined
                ? {}
                : { memberSuggestionsNotify: linux["memberSuggestionsNotify"] }),
        });
    });

    it("adopts all 150 groups, their memberships and associations with `pulumi up`, changing nothing; then previews no changes", async () => {
        const seq = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal(
            up.summary.resourceChanges?.["create"],
            GROUP_COUNT + STATIC_GROUPS + ASSOCIATIONS + 1,
            "150 groups, 90 memberships, 4 associations and the stack, all adopted",
        );
        const ids = Object.values(up.outputs["groupIds"]?.value as Record<string, string>).sort();
        assert.deepEqual(ids, [...seededIds].sort(), "every resource is the existing group");

        const requests = await simAdmin(e2e.sim.origin).requests(seq);
        // Groups adopt in verify mode and memberships find their members already there: reads only. An association
        // is adopted by its `add`, which JumpCloud answers 409 (it exists, nothing is written); one with attributes
        // reads them back and finds them equal, so no update is sent.
        const w = writes(requests);
        assert.ok(
            w.every((r) => r.method === "POST" && /^\/usergroups\/[0-9a-f]{24}\/associations$/.test(r.path)),
            JSON.stringify(w),
        );
        assert.equal(w.filter((r) => r.status === 409).length, ASSOCIATIONS, "every association already existed");
        assert.equal(w.length, ASSOCIATIONS, "no attribute update: the exported attributes are the live ones");
        assert.equal(countRequests(requests)["POST /usergroups/:id/members"], undefined, "no member added or removed");
        assert.ok(requests.length >= GROUP_COUNT, `each group was read (${requests.length} requests)`);
        // JumpCloud is as it was: a second export is identical, file for file.
        const again = path.join(e2e.engine.dir, "groups-after-up");
        await exportTo(e2e, again);
        assert.deepEqual(folderText(again), folderText(outDir));

        const seq2 = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.equal(preview.changeSummary["same"], GROUP_COUNT + STATIC_GROUPS + ASSOCIATIONS + 1);
        assert.deepEqual(writes(await simAdmin(e2e.sim.origin).requests(seq2)), []);
    });
});
