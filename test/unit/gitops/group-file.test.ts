import * as assert from "node:assert/strict";
import { formatProblem, type GitOpsProblem, parseGroupFile } from "../../../provider/gitops";

const FILE = "groups/eng.yaml";

interface Case {
    name: string;
    yaml: string;
    /** Expected problems as "property|message fragment|line" (property "" for file-level, line omitted if unknown). */
    problems: string[];
}

const cases: Case[] = [
    { name: "a minimal group", yaml: "name: Engineering\n", problems: [] },
    { name: "an empty file", yaml: "", problems: ["|is empty"] },
    { name: "a comment-only file", yaml: "# nothing yet\n", problems: ["|is empty"] },
    {
        name: "a list instead of a mapping",
        yaml: "- name: a\n",
        problems: ["|must hold one YAML mapping of group fields, got a list|"],
    },
    { name: "two documents", yaml: "name: a\n---\nname: b\n", problems: ["|holds 2 YAML documents|2"] },
    { name: "a syntax error", yaml: "name: Eng\ndescription: [oops\n", problems: ["|is not valid YAML|3"] },
    {
        name: "a duplicate key",
        yaml: "name: a\nname: b\n",
        problems: ["|is not valid YAML: Map keys must be unique|2"],
    },
    {
        name: "an unknown key with a near miss",
        yaml: "name: a\nDescription: x\n",
        problems: ['Description|is not a known property: did you mean "description"?|2'],
    },
    {
        name: "an engine bookkeeping key",
        yaml: "name: a\n__provider: x\n",
        problems: ["__provider|is not a group field|2"],
    },
    { name: "a missing name", yaml: "description: x\n", problems: ["name|is required|"] },
    {
        name: "a POSIX gid given as a string",
        yaml: 'name: a\nattributes:\n  posixGroups:\n    - id: "5001"\n      name: eng\n',
        problems: ["attributes.posixGroups[0].id|must be an integer between 1 and 2147483647, got a string|4"],
    },
    {
        name: "a YAML 1.1 boolean",
        yaml: "name: a\nmemberSuggestionsNotify: yes\n",
        problems: ["memberSuggestionsNotify|must be true or false, got a string|2"],
    },
    {
        name: "a dynamic group without a query",
        yaml: "name: a\nmembershipMethod: DYNAMIC_AUTOMATED\n",
        problems: ['memberQuery|is required when membershipMethod is "DYNAMIC_AUTOMATED"|'],
    },
    {
        name: "several problems at once, in line order",
        yaml: "name: a\nemail: not-an-email\nattributes:\n  sudo:\n    enabled: false\n    withoutPassword: true\nadopt:\n  by: id\n",
        problems: [
            "email|must be|2",
            "attributes.sudo.withoutPassword|requires sudo.enabled|6",
            "adopt.id|is required|",
        ],
    },
];

function describeProblem(p: GitOpsProblem): string {
    return `${p.property ?? ""}|${p.message}|${p.line ?? ""}`;
}

describe("gitops: parseGroupFile", () => {
    for (const c of cases) {
        it(`${c.problems.length ? "rejects" : "accepts"} ${c.name}`, () => {
            const parsed = parseGroupFile(c.yaml, FILE);
            assert.equal(parsed.problems.length, c.problems.length, parsed.problems.map(describeProblem).join("\n"));
            c.problems.forEach((want, i) => {
                const [property, fragment, line] = want.split("|");
                const got = parsed.problems[i] as GitOpsProblem;
                assert.equal(got.file, FILE);
                assert.equal(got.property ?? "", property);
                assert.ok(got.message.includes(fragment as string), `"${got.message}" should include "${fragment}"`);
                if (line) assert.equal(got.line, Number(line));
            });
            assert.equal(parsed.inputs === undefined, c.problems.length > 0, "inputs only when valid");
        });
    }

    it("names the file and the field in one line, with the line number", () => {
        const parsed = parseGroupFile("name: a\nattributes:\n  posixGroups:\n    - id: x\n      name: eng\n", FILE);
        assert.match(
            formatProblem(parsed.problems[0] as GitOpsProblem),
            /^groups\/eng\.yaml: attributes\.posixGroups\[0\]\.id must be an integer .* \(line 4\)$/,
        );
    });

    it("normalises valid inputs the way check does", () => {
        const parsed = parseGroupFile(
            [
                "name: Linux",
                "attributes:",
                "  sudo: { enabled: true }",
                "  customKey: kept",
                "membershipMethod: DYNAMIC_AUTOMATED",
                "memberQuery:",
                "  queryType: Search",
                "  searchFilters: { filter: { and: ['department:$eq:Ops'] } }",
                "adopt: { by: name }",
            ].join("\n"),
            FILE,
        );
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(parsed.inputs, {
            name: "Linux",
            attributes: { sudo: { enabled: true, withoutPassword: false }, customKey: "kept" },
            membershipMethod: "DYNAMIC_AUTOMATED",
            memberQuery: { queryType: "Search", searchFilters: '{"filter":{"and":["department:$eq:Ops"]}}' },
            adopt: { by: "name", mode: "verify" },
        });
    });

    it("reports the name even when other fields are wrong (for the duplicate check)", () => {
        const parsed = parseGroupFile("name: Eng\nemail: 5\n", FILE);
        assert.equal(parsed.name, "Eng");
        assert.equal(parsed.inputs, undefined);
    });
});
