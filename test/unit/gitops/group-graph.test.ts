/**
 * Group files with `members` and `associations`: accepted and carried with their lines, or refused file by file
 * with the property path and the line.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatProblem, loadGroupFolder, parseGroupFile } from "../../../provider/gitops";

const SYSTEM = "5f0c1b2c3d4e5f6a7b8c9d0e";

describe("gitops: members and associations in group files", () => {
    it("carries members as written, with their lines, and associations normalised", () => {
        const text = [
            "name: Engineering",
            "members:",
            "  - alice@example.com",
            "  - bob",
            `  - ${SYSTEM.toUpperCase()}`,
            "associations:",
            `  - { type: system, id: ${SYSTEM}, attributes: { sudo: { enabled: true, withoutPassword: false } } }`,
            "",
        ].join("\n");
        const parsed = parseGroupFile(text, "groups/eng.yaml");
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(parsed.inputs, { name: "Engineering" });
        assert.deepEqual(parsed.members, [
            { value: "alice@example.com", line: 3 },
            { value: "bob", line: 4 },
            { value: SYSTEM.toUpperCase(), line: 5 },
        ]);
        assert.deepEqual(parsed.associations, [
            { type: "system", id: SYSTEM, attributes: { sudo: { enabled: true, withoutPassword: false } } },
        ]);
    });

    it("a file without members manages no membership; members: [] means none", () => {
        assert.equal(parseGroupFile("name: A\n", "groups/a.yaml").members, undefined);
        assert.deepEqual(parseGroupFile("name: A\nmembers: []\n", "groups/a.yaml").members, []);
    });

    it("refuses duplicates, non-strings, unknown target types and malformed ids, naming the path and the line", () => {
        const text = [
            "name: Bad",
            "members:",
            "  - alice@example.com",
            "  - ALICE@example.com",
            "  - 42",
            "associations:",
            "  - type: server",
            "    id: web-1",
            "",
        ].join("\n");
        const problems = parseGroupFile(text, "groups/bad.yaml").problems.map(formatProblem);
        const find = (p: string) => problems.find((x) => x.startsWith(`groups/bad.yaml: ${p} `)) ?? "";
        assert.match(find("members[1]"), /repeats the member "alice@example.com".*\(line 4\)/);
        assert.match(find("members[2]"), /must be a string.*\(line 5\)/);
        assert.match(find("associations[0].type"), /must be one of .*"system".*\(line 7\)/);
        assert.match(find("associations[0].id"), /ObjectId.*\(line 8\)/);
    });

    it("the loader hands each group its members and associations", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "groups-"));
        try {
            fs.writeFileSync(path.join(dir, "eng.yaml"), "name: Engineering\nmembers: [alice]\n");
            fs.writeFileSync(path.join(dir, "ops.yaml"), "name: Ops\n");
            const groups = loadGroupFolder(dir);
            assert.deepEqual(
                groups.map((g) => [g.resourceName, g.members, g.associations]),
                [
                    ["eng", [{ value: "alice", line: 2 }], []],
                    ["ops", undefined, []],
                ],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
