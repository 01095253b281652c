import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderDriftJson, renderDriftMarkdown, renderValue } from "../../../provider/cli/drift-markdown";
import { driftReport, SECRET_SIG_KEY, SECRET_SIG_VALUE } from "../../../provider/cli/drift-report";

const TYPE = "pulumi-nodejs:dynamic/jumpcloud:UserGroup";
const urn = (name: string, type = TYPE): string => `urn:pulumi:dev::gitops::${type}::${name}`;
const STACK_URN = "urn:pulumi:dev::gitops::pulumi:pulumi:Stack::gitops-dev";
const secret = (value: unknown): Record<string, unknown> => ({ [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value });

/** A preview step as `pulumi preview --json` prints it. */
function step(
    op: string,
    name: string,
    live: Record<string, unknown> | undefined,
    desired: Record<string, unknown> | undefined,
    extra: Record<string, unknown> = {},
): Record<string, unknown> {
    return {
        op,
        urn: urn(name),
        provider: "urn:pulumi:dev::gitops::pulumi:providers:pulumi-nodejs::default::x",
        ...(live
            ? {
                  oldState: {
                      urn: urn(name),
                      type: TYPE,
                      id: `id-${name}`,
                      inputs: { __provider: "exports.handler = ...", ...live },
                      outputs: {},
                  },
              }
            : {}),
        ...(desired
            ? {
                  newState: {
                      urn: urn(name),
                      type: TYPE,
                      id: live ? `id-${name}` : "",
                      inputs: { __provider: "exports.handler = ...", ...desired },
                      outputs: {},
                  },
              }
            : {}),
        detailedDiff: null,
        ...extra,
    };
}

/** The same step as an engine event (Automation API `onEvent`, `--event-log`). */
function event(
    op: string,
    name: string,
    live: Record<string, unknown> | undefined,
    desired: Record<string, unknown> | undefined,
    extra: Record<string, unknown> = {},
): Record<string, unknown> {
    return {
        sequence: 1,
        timestamp: 0,
        resourcePreEvent: {
            metadata: {
                op,
                urn: urn(name),
                type: TYPE,
                ...(live ? { old: { type: TYPE, urn: urn(name), id: `id-${name}`, inputs: live, outputs: {} } } : {}),
                ...(desired ? { new: { type: TYPE, urn: urn(name), id: "", inputs: desired, outputs: {} } } : {}),
                detailedDiff: null,
                provider: "",
                ...extra,
            },
        },
    };
}

describe("drift report: building", () => {
    it("reads a preview document: fields from the inputs when the provider gives no keys", () => {
        const report = driftReport({
            steps: [
                { op: "same", urn: STACK_URN, newState: { type: "pulumi:pulumi:Stack" }, detailedDiff: null },
                step(
                    "update",
                    "platform",
                    {
                        name: "Platform",
                        description: "edited",
                        attributes: { sudo: { enabled: true, withoutPassword: true }, x: 1 },
                    },
                    {
                        name: "Platform",
                        description: "Platform engineers",
                        attributes: { sudo: { enabled: true, withoutPassword: false }, x: 1 },
                    },
                ),
            ],
            changeSummary: { same: 1, update: 1 },
        });
        assert.equal(report.resources.length, 1);
        const r = report.resources[0]!;
        assert.deepEqual([r.name, r.type, r.op, r.id], ["platform", "jumpcloud:UserGroup", "update", "id-platform"]);
        assert.deepEqual(r.fields, [
            { path: "attributes.sudo.withoutPassword", desired: false, live: true, secret: false },
            { path: "description", desired: "Platform engineers", live: "edited", secret: false },
        ]);
    });

    it("uses detailedDiff paths, then diffReasons, when present; never __provider", () => {
        const live = {
            name: "A",
            memberQuery: {
                queryType: "FilterQuery",
                filters: [{ field: "department", operator: "eq", value: "Helpdesk" }],
            },
            description: "x",
        };
        const desired = {
            name: "A",
            memberQuery: {
                queryType: "FilterQuery",
                filters: [{ field: "department", operator: "eq", value: "Support" }],
            },
            description: "y",
        };
        const detailed = driftReport({
            steps: [
                step("update", "a", live, desired, {
                    detailedDiff: {
                        "memberQuery.filters[0].value": { kind: "update", inputDiff: false },
                        __provider: { kind: "update", inputDiff: false },
                    },
                }),
            ],
        });
        assert.deepEqual(detailed.resources[0]?.fields, [
            { path: "memberQuery.filters[0].value", desired: "Support", live: "Helpdesk", secret: false },
        ]);
        const reasons = driftReport({
            steps: [step("update", "a", live, desired, { diffReasons: ["memberQuery", "__provider"] })],
        });
        assert.deepEqual(
            reasons.resources[0]?.fields.map((f) => f.path),
            ["memberQuery"],
        );
    });

    it("reads engine events, skipping refresh and same steps and the stack", () => {
        const events = [
            { sequence: 0, timestamp: 0, preludeEvent: { config: {} } },
            event("refresh", "a", { name: "A" }, { name: "A" }),
            event("same", "b", { name: "B" }, { name: "B" }),
            { resourcePreEvent: { metadata: { op: "update", urn: STACK_URN, type: "pulumi:pulumi:Stack" } } },
            event("update", "a", { name: "A", email: "old@example.com" }, { name: "A", email: "new@example.com" }),
            event("create", "gone", undefined, { name: "Gone" }),
            event("delete", "orphan", { name: "Orphan" }, undefined),
            { diagnosticEvent: { severity: "warning", message: "ignored" } },
        ];
        const report = driftReport(events);
        assert.deepEqual(
            report.resources.map((r) => [r.name, r.op, r.fields.map((f) => f.path)]),
            [
                ["a", "update", ["email"]],
                ["gone", "create", []],
                ["orphan", "delete", []],
            ],
        );
        assert.deepEqual(report.errors, []);
    });

    it("lets the last planned step of a resource win (a refresh step listed before the update)", () => {
        const report = driftReport({
            steps: [
                step("update", "a", { name: "A", description: "recorded" }, { name: "A", description: "live" }),
                step("update", "a", { name: "A", description: "live" }, { name: "A", description: "desired" }),
            ],
        });
        assert.deepEqual(report.resources[0]?.fields, [
            { path: "description", desired: "desired", live: "live", secret: false },
        ]);
    });

    it("masks secrets on both sides: sigil objects and the [secret] placeholder", () => {
        const report = driftReport([
            event(
                "update",
                "w",
                { password: secret("old-pass"), username: "isu" },
                { password: "[secret]", username: "isu2" },
            ),
            event("update", "v", { nested: { key: secret("s") } }, { nested: { key: "plain" } }),
        ]);
        const [v, w] = report.resources;
        assert.deepEqual(w?.fields, [
            { path: "password", desired: "[secret]", live: "[secret]", secret: true },
            { path: "username", desired: "isu2", live: "isu", secret: false },
        ]);
        assert.deepEqual(v?.fields, [{ path: "nested.key", desired: "[secret]", live: "[secret]", secret: true }]);
        const text = renderDriftMarkdown(report) + renderDriftJson(report);
        assert.ok(!text.includes("old-pass") && !text.includes("plain"), text);
    });

    it("shows values not known yet as such", () => {
        const report = driftReport([
            event("update", "a", { orgId: "x" }, { orgId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
        ]);
        assert.equal(report.resources[0]?.fields[0]?.desired, "(known after apply)");
    });

    it("merges the steps of a replacement into one resource", () => {
        const report = driftReport([
            event("create-replacement", "a", { orgId: "1" }, { orgId: "2" }, { diffs: ["orgId"] }),
            event("replace", "a", { orgId: "1" }, { orgId: "2" }, { diffs: ["orgId"] }),
            event("delete-replaced", "a", { orgId: "1" }, undefined),
        ]);
        assert.deepEqual(
            report.resources.map((r) => [r.name, r.op, r.fields.length]),
            [["a", "replace", 1]],
        );
    });

    it("collects error diagnostics of both shapes", () => {
        assert.deepEqual(driftReport({ steps: [], diagnostics: [{ severity: "error", message: "boom\n" }] }).errors, [
            "boom",
        ]);
        assert.deepEqual(
            driftReport([{ diagnosticEvent: { severity: "error", message: "bad", ephemeral: false } }]).errors,
            ["bad"],
        );
    });

    it("rejects input that is neither a document nor events", () => {
        assert.throws(() => driftReport("nope"), /preview JSON document or a list of engine events/);
    });
});

describe("drift report: a real `pulumi preview --refresh --json` document", () => {
    // Recorded by test/e2e/drift-report.test.ts (UPDATE_GOLDEN=1) from the real engine: ids normalised.
    const fixtures = path.resolve(__dirname, "../../fixtures/gitops");
    const document = JSON.parse(fs.readFileSync(path.join(fixtures, "preview-refresh.json"), "utf8")) as unknown;

    it("renders the golden report", () => {
        const golden = fs.readFileSync(path.join(fixtures, "drift-report.md.golden"), "utf8");
        assert.equal(renderDriftMarkdown(driftReport(document)), golden);
    });

    it("ignores the refresh steps and the untouched group, and keeps warnings out of errors", () => {
        const report = driftReport(document);
        assert.deepEqual(
            report.resources.map((r) => r.name),
            ["interns", "platform", "support"],
        );
        assert.deepEqual(report.errors, []);
    });
});

describe("drift report: rendering", () => {
    it("renders a table: resource, field, desired, live", () => {
        const md = renderDriftMarkdown(
            driftReport([
                event("update", "a", { name: "A", description: "x|y" }, { name: "A", description: "z" }),
                event("create", "gone", undefined, { name: "Gone" }),
            ]),
        );
        assert.equal(
            md,
            [
                "### JumpCloud drift report",
                "",
                "**2 resources differ** from the desired state (1 to create, 1 to update). `pulumi up` makes JumpCloud match the program.",
                "",
                "| Resource | Field | Desired | Live |",
                "|---|---|---|---|",
                '| `a` (jumpcloud:UserGroup, update) | `description` | `"z"` | `"x\\|y"` |',
                "| `gone` (jumpcloud:UserGroup, create) | _the resource_ | exists | _missing: deleted outside Pulumi_ |",
                "",
            ].join("\n"),
        );
    });

    it("tells member and association changes as console changes, naming users from the map, else by id", () => {
        const typed = (type: string, e: Record<string, unknown>) => {
            const meta = (e["resourcePreEvent"] as { metadata: Record<string, unknown> }).metadata;
            const full = `pulumi-nodejs:dynamic/jumpcloud:${type}`;
            const fix = (s: unknown) => (s ? { ...(s as object), type: full } : undefined);
            return {
                resourcePreEvent: {
                    metadata: { ...meta, type: full, old: fix(meta["old"]), new: fix(meta["new"]) },
                },
            };
        };
        const a = "5f2d00000000000000000001";
        const b = "5f2d00000000000000000002";
        const c = "5F2D00000000000000000003";
        const sys = "5f3e00000000000000000001";
        const report = driftReport([
            typed("UserGroupMembership", event("update", "eng-members", { userIds: [a, c] }, { userIds: [a, b] })),
            typed("UserGroupMember", event("create", "eng-b", undefined, { groupId: a, userId: b })),
            typed(
                "UserGroupAssociation",
                event("create", "eng-sys", undefined, { groupId: a, targetType: "system", targetId: sys }),
            ),
            typed(
                "UserGroupAssociation",
                event(
                    "update",
                    "eng-sys2",
                    { targetType: "system", targetId: sys, attributes: { sudo: { enabled: false } } },
                    { targetType: "system", targetId: sys, attributes: { sudo: { enabled: true } } },
                ),
            ),
        ]);
        const names = new Map([[c.toLowerCase(), "carol@example.com"]]);
        const md = renderDriftMarkdown(report, names);
        assert.deepEqual(
            md.split("\n").filter((l) => l.startsWith("- ")),
            [
                "- `eng-b`: 5f2d00000000000000000002 removed in the console",
                "- `eng-members`: carol@example.com added in the console",
                "- `eng-members`: 5f2d00000000000000000002 removed in the console",
                `- \`eng-sys\`: system ${sys} association removed in the console`,
                `- \`eng-sys2\`: system ${sys} association attributes changed in the console`,
            ],
        );
        const json = JSON.parse(renderDriftJson(report, names)) as { resources: Array<{ changes?: string[] }> };
        assert.deepEqual(json.resources[1]?.changes, [
            "carol@example.com added in the console",
            "5f2d00000000000000000002 removed in the console",
        ]);
    });

    it("says so when nothing differs", () => {
        assert.equal(
            renderDriftMarkdown({ resources: [], errors: [] }),
            "### JumpCloud drift report\n\nNo drift: JumpCloud matches the desired state.\n",
        );
    });

    it("flags a failed preview above the table", () => {
        assert.match(
            renderDriftMarkdown({ resources: [], errors: ["error: boom\nmore"] }),
            /\*\*The preview failed\*\*.*\n\n> error: boom\n/,
        );
    });

    it("renders values: unset, JSON, long values cut, backticks fenced", () => {
        assert.equal(renderValue(undefined), "_unset_");
        assert.equal(renderValue({ a: [1] }), '`{"a":[1]}`');
        assert.equal(renderValue("x".repeat(500)).length, 2 + 200);
        assert.equal(renderValue("a`b"), '`` "a`b" ``');
    });

    it("renders JSON with the drift flag and masked fields", () => {
        const json = JSON.parse(
            renderDriftJson(driftReport([event("update", "a", { p: secret("s") }, { p: "t" })])),
        ) as Record<string, unknown>;
        assert.equal(json.drift, true);
        assert.deepEqual((json.resources as Array<{ fields: unknown }>)[0]?.fields, [
            { path: "p", desired: "[secret]", live: "[secret]", secret: true },
        ]);
    });
});
