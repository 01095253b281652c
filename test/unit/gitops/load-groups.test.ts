import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    checkGroupFolder,
    GitOpsValidationError,
    isGitOpsValidationError,
    loadGroupFolder,
} from "../../../provider/gitops";
import { writeBadFiles } from "../../fixtures/gitops/bad-files";

const EXAMPLE = path.resolve(__dirname, "../../../examples/gitops/groups");

function folder(files: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "gitops-"));
    const dir = path.join(root, "groups");
    fs.mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

describe("gitops: loadGroupFolder", () => {
    const made: string[] = [];
    const tmp = (files: Record<string, string>): string => {
        const dir = folder(files);
        made.push(path.dirname(dir));
        return dir;
    };
    after(() => {
        for (const d of made) fs.rmSync(d, { recursive: true, force: true });
    });

    it("loads the example's groups with resource names from the file names", () => {
        const groups = loadGroupFolder(EXAMPLE);
        assert.deepEqual(
            groups.map((g) => [g.resourceName, g.file, g.inputs.name]),
            [
                ["contractors", "groups/contractors.yaml", "Contractors"],
                ["engineering", "groups/engineering.yaml", "Engineering"],
                ["linux-admins", "groups/linux-admins.yaml", "Linux Admins"],
                ["sales-emea", "groups/sales-emea.yaml", "Sales EMEA"],
            ],
        );
    });

    it("collects every problem of every file before failing", () => {
        assert.throws(
            () => loadGroupFolder(writeBadFiles(path.dirname(tmp({})))),
            (e: unknown) => {
                assert.ok(e instanceof GitOpsValidationError);
                assert.ok(isGitOpsValidationError(e));
                const files = new Set(e.problems.map((p) => p.file));
                assert.deepEqual([...files].sort(), [
                    "bad-files/broken-syntax.yaml",
                    "bad-files/engineering.yaml",
                    "bad-files/wrong-types.yaml",
                ]);
                assert.equal(e.problems.length, 5);
                assert.match(e.message, /^5 problems in 3 group files; nothing was changed:/);
                assert.match(
                    e.message,
                    /bad-files\/wrong-types\.yaml: attributes\.posixGroups\[0\]\.id must be an integer/,
                );
                return true;
            },
        );
    });

    it("rejects group names that repeat across files, ignoring case", () => {
        const { problems } = checkGroupFolder(tmp({ "a.yaml": "name: Sales\n", "b.yaml": "name: SALES\n" }));
        assert.equal(problems.length, 1);
        assert.equal(problems[0]?.file, "groups/b.yaml");
        assert.equal(problems[0]?.property, "name");
        assert.match(problems[0]?.message ?? "", /already the name of the group in groups\/a\.yaml/);
    });

    it("rejects two files that give the same resource name", () => {
        const { problems } = checkGroupFolder(tmp({ "Eng Team.yaml": "name: A\n", "eng-team.yml": "name: B\n" }));
        assert.deepEqual(
            problems.map((p) => [p.file, p.message]),
            [
                [
                    "groups/eng-team.yml",
                    'gives the resource name "eng-team", as groups/Eng Team.yaml does: rename one of the files',
                ],
            ],
        );
    });

    it("reads .yaml and .yml files only, skipping hidden files", () => {
        const dir = tmp({
            "a.yml": "name: A\n",
            "b.YAML": "name: B\n",
            ".c.yaml": "oops: [",
            "notes.md": "# hi",
            "d.json": "{}",
        });
        assert.deepEqual(
            loadGroupFolder(dir).map((g) => g.resourceName),
            ["a", "b"],
        );
    });

    it("fails on an empty or missing folder", () => {
        assert.match(checkGroupFolder(tmp({})).problems[0]?.message ?? "", /holds no group file/);
        assert.equal(checkGroupFolder(tmp({}), { requireFiles: false }).problems.length, 0);
        assert.match(
            checkGroupFolder(path.join(os.tmpdir(), "no-such-gitops-dir")).problems[0]?.message ?? "",
            /cannot be read as a folder: ENOENT/,
        );
    });

    it("names files relative to displayRoot when given", () => {
        const dir = tmp({ "a.yaml": "name: [\n" });
        const { problems } = checkGroupFolder(dir, { displayRoot: dir });
        assert.equal(problems[0]?.file, "a.yaml");
    });
});
