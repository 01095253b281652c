import * as assert from "node:assert/strict";
import type { JumpCloudClient } from "../../../provider/client";
import type { ApiImportResult } from "../../../provider/client/types";
import { UNKNOWN_VALUE } from "../../../provider/model/validation";
import {
    isFailedStatus,
    isPendingStatus,
    normalizeWorkdayImportInputs,
    replacedFields,
    sameUsers,
    summarizeResults,
    validateWorkdayImport,
    type WorkdayImportInputs,
} from "../../../provider/model/workday-import";
import { pollResults } from "../../../provider/runtime/workday-import";

const WORKDAY = "6a0000000000000000000001";
const alice = { email: "alice@example.com", username: "alice", firstname: "Alice", lastname: "Smith" };
const bob = { email: "bob@example.com", username: "bob" };
const base = { workdayId: WORKDAY, users: [alice] };

type Case = [label: string, inputs: Record<string, unknown>, failing: string[]];
const cases: Case[] = [
    ["minimal", base, []],
    [
        "every option",
        { ...base, users: [alice, bob], waitForResults: false, timeoutSeconds: 60, orgId: "5f0000000000000000000001" },
        [],
    ],
    [
        "rich user",
        {
            ...base,
            users: [
                {
                    ...alice,
                    department: "Eng",
                    state: "STAGED",
                    unix_uid: 5001,
                    attributes: [{ name: "team", value: "x".repeat(1024) }],
                    mfa: { exclusionDays: 3 },
                    addresses: [{ type: "work", locality: "Oslo" }],
                },
            ],
        },
        [],
    ],
    ["unknown workdayId at preview", { ...base, workdayId: UNKNOWN_VALUE }, []],
    ["unknown user field at preview", { ...base, users: [{ ...alice, email: UNKNOWN_VALUE }] }, []],
    ["missing workdayId", { users: [alice] }, ["workdayId"]],
    ["path-like workdayId", { ...base, workdayId: "../../users" }, ["workdayId"]],
    ["missing users", { workdayId: WORKDAY }, ["users"]],
    ["empty users", { ...base, users: [] }, ["users"]],
    ["users not a list", { ...base, users: alice }, ["users"]],
    ["user not an object", { ...base, users: ["alice"] }, ["users[0]"]],
    ["user without email", { ...base, users: [{ username: "alice" }] }, ["users[0].email"]],
    ["user without username", { ...base, users: [{ email: "a@example.com" }] }, ["users[0].username"]],
    ["bad email", { ...base, users: [{ ...alice, email: "alice" }] }, ["users[0].email"]],
    [
        "email over 1024",
        { ...base, users: [{ ...alice, email: `${"a".repeat(1020)}@example.com` }] },
        ["users[0].email"],
    ],
    ["username with space", { ...base, users: [{ ...alice, username: "al ice" }] }, ["users[0].username"]],
    ["firstName casing trap", { ...base, users: [{ ...alice, firstName: "A" }] }, ["users[0].firstName"]],
    [
        "attribute value over 1024",
        { ...base, users: [{ ...alice, attributes: [{ name: "n", value: "x".repeat(1025) }] }] },
        ["users[0].attributes[0].value"],
    ],
    [
        "attribute without name",
        { ...base, users: [{ ...alice, attributes: [{ value: "v" }] }] },
        ["users[0].attributes[0].name"],
    ],
    [
        "description over 1024",
        { ...base, users: [{ ...alice, description: "d".repeat(1025) }] },
        ["users[0].description"],
    ],
    [
        "employeeIdentifier over 256",
        { ...base, users: [{ ...alice, employeeIdentifier: "e".repeat(257) }] },
        ["users[0].employeeIdentifier"],
    ],
    ["bad state", { ...base, users: [{ ...alice, state: "active" }] }, ["users[0].state"]],
    ["unix_uid 0", { ...base, users: [{ ...alice, unix_uid: 0 }] }, ["users[0].unix_uid"]],
    [
        "mfa.exclusionDays 0",
        { ...base, users: [{ ...alice, mfa: { exclusionDays: 0 } }] },
        ["users[0].mfa.exclusionDays"],
    ],
    ["boolean as string", { ...base, users: [{ ...alice, suspended: "yes" }] }, ["users[0].suspended"]],
    ["duplicate username (case-insensitive)", { ...base, users: [alice, { ...bob, username: "ALICE" }] }, ["users[1]"]],
    ["duplicate email", { ...base, users: [alice, { ...bob, email: "alice@example.com" }] }, ["users[1]"]],
    [
        "too many users",
        { ...base, users: Array.from({ length: 1001 }, (_, i) => ({ email: `u${i}@example.com`, username: `u${i}` })) },
        ["users"],
    ],
    ["timeout 0", { ...base, timeoutSeconds: 0 }, ["timeoutSeconds"]],
    ["timeout fractional", { ...base, timeoutSeconds: 1.5 }, ["timeoutSeconds"]],
    ["timeout over an hour", { ...base, timeoutSeconds: 3601 }, ["timeoutSeconds"]],
    ["waitForResults not boolean", { ...base, waitForResults: "no" }, ["waitForResults"]],
    ["unknown input", { ...base, wait: true }, ["wait"]],
];

describe("WorkdayImport check", () => {
    for (const [label, inputs, failing] of cases) {
        it(`${failing.length ? "rejects" : "accepts"}: ${label}`, () => {
            const failures = validateWorkdayImport(inputs);
            assert.deepEqual(
                [...new Set(failures.map((f) => f.property))].sort(),
                [...failing].sort(),
                JSON.stringify(failures),
            );
        });
    }

    it("names the casing fix for firstName", () => {
        const [f] = validateWorkdayImport({ ...base, users: [{ ...alice, firstName: "A" }] });
        assert.match(f!.reason, /did you mean "firstname"/);
    });

    it("fills in the defaults", () => {
        assert.deepEqual(normalizeWorkdayImportInputs(base), { ...base, waitForResults: true, timeoutSeconds: 300 });
    });
});

describe("WorkdayImport diff", () => {
    const inputs: WorkdayImportInputs = {
        workdayId: WORKDAY,
        users: [alice, bob],
        waitForResults: true,
        timeoutSeconds: 300,
    };
    const pairs: Array<[string, unknown, unknown, boolean]> = [
        ["same list", [alice, bob], [alice, bob], true],
        ["reordered users", [alice, bob], [bob, alice], true],
        ["reordered keys", [{ username: "bob", email: "bob@example.com" }], [bob], true],
        ["a user added", [alice], [alice, bob], false],
        ["a field changed", [alice], [{ ...alice, lastname: "Jones" }], false],
        ["unknown list", [alice], UNKNOWN_VALUE, false],
        // At preview an unknown list is a change even against another unknown one: the engine shows the replace.
        ["both unknown", UNKNOWN_VALUE, UNKNOWN_VALUE, false],
        [
            "a user with an unknown field",
            [{ ...alice, lastname: UNKNOWN_VALUE }],
            [{ ...alice, lastname: UNKNOWN_VALUE }],
            false,
        ],
    ];
    for (const [label, a, b, same] of pairs)
        it(`${label}: ${same ? "same" : "different"}`, () => assert.equal(sameUsers(a, b), same));

    it("replaces on workdayId, users or orgId, and not on the waiting options", () => {
        const olds = { ...inputs, jobId: "j" };
        assert.deepEqual(replacedFields(olds, { ...inputs, waitForResults: false, timeoutSeconds: 10 }), []);
        assert.deepEqual(replacedFields(olds, { ...inputs, users: [alice] }), ["users"]);
        assert.deepEqual(replacedFields(olds, { ...inputs, workdayId: "6a0000000000000000000002" }), ["workdayId"]);
        assert.deepEqual(replacedFields(olds, { ...inputs, orgId: "5f0000000000000000000001" }), ["orgId"]);
        // The same organisation on both sides is no replacement (a multi-tenant program would re-import every run).
        const inOrg = { ...inputs, orgId: "5f0000000000000000000001" };
        assert.deepEqual(replacedFields({ ...inOrg, jobId: "j" }, inOrg), []);
    });
});

describe("WorkdayImport results summary", () => {
    const row = (status: string, username: string, msg = ""): ApiImportResult => ({
        id: `r-${username}`,
        status,
        statusMsg: msg,
        meta: { username, email: `${username}@example.com` },
    });

    it("classifies statuses", () => {
        for (const s of ["pending", "PENDING", "queued", "running", "in_progress", "", " Running ", undefined])
            assert.ok(isPendingStatus(s), s);
        for (const s of ["failed", "error", "Rejected", "duplicate"]) assert.ok(isFailedStatus(s), s);
        assert.ok(!isFailedStatus(undefined));
        for (const s of ["finished", "success", "created"]) assert.ok(!isPendingStatus(s) && !isFailedStatus(s), s);
    });

    it("counts by status and lists failed users with their messages", () => {
        const s = summarizeResults(
            [row("finished", "a"), row("failed", "b", "email is not valid"), row("finished", "c")],
            3,
        );
        assert.deepEqual(s.counts, { failed: 1, finished: 2 });
        assert.equal(s.complete, true);
        assert.equal(s.succeeded, 2);
        assert.equal(s.failed, 1);
        assert.equal(s.alreadyImported, 0);
        assert.deepEqual(s.failedUsers, [
            { id: "r-b", status: "failed", message: "email is not valid", username: "b", email: "b@example.com" },
        ]);
    });

    it("reports users JumpCloud already has apart from failures", () => {
        const s = summarizeResults(
            [
                row("failed", "a", "user a already exists: unique users may only be imported once"),
                row("error", "b", "Unique users may only be imported once"),
                row("failed", "c", "email is not valid"),
            ],
            3,
        );
        assert.equal(s.failed, 1);
        assert.deepEqual(
            s.failedUsers.map((u) => u.username),
            ["c"],
        );
        assert.equal(s.alreadyImported, 2);
        assert.deepEqual(
            s.alreadyImportedUsers.map((u) => u.username),
            ["a", "b"],
        );
        assert.deepEqual(s.counts, { error: 1, failed: 2 });
    });

    it("is not complete while rows are pending or missing", () => {
        assert.equal(summarizeResults([row("pending", "a")], 1).complete, false);
        const partial = summarizeResults([row("finished", "a")], 3);
        assert.equal(partial.complete, false);
        assert.equal(partial.pending, 2);
    });
});

describe("WorkdayImport polling", () => {
    function fakeClient(pages: ApiImportResult[][]): { client: JumpCloudClient; calls: () => number } {
        let n = 0;
        const client = {
            workdays: {
                importResults: () =>
                    (async function* () {
                        const page = pages[Math.min(n, pages.length - 1)]!;
                        n++;
                        yield* page;
                    })(),
            },
        } as unknown as JumpCloudClient;
        return { client, calls: () => n };
    }

    it("polls with growing waits until every user is final", async () => {
        const pending: ApiImportResult = { status: "pending" };
        const done: ApiImportResult = { status: "finished" };
        const { client, calls } = fakeClient([
            [pending, pending],
            [pending, done],
            [done, done],
        ]);
        const waits: number[] = [];
        let t = 0;
        const summary = await pollResults(
            client,
            { workdayId: WORKDAY, jobId: "j", expected: 2, timeoutMs: 60_000 },
            {
                now: () => t,
                sleep: async (ms) => {
                    waits.push(ms);
                    t += ms;
                },
            },
        );
        assert.equal(summary.complete, true);
        assert.equal(calls(), 3);
        assert.deepEqual(waits, [250, 400]);
    });

    it("stops at the timeout and reports the job incomplete", async () => {
        const { client, calls } = fakeClient([[{ status: "pending" }]]);
        let t = 0;
        const summary = await pollResults(
            client,
            { workdayId: WORKDAY, jobId: "j", expected: 1, timeoutMs: 3000 },
            {
                now: () => t,
                sleep: async (ms) => {
                    t += ms;
                },
            },
        );
        assert.equal(summary.complete, false);
        assert.equal(summary.pending, 1);
        assert.ok(calls() >= 3 && calls() <= 10, String(calls()));
        assert.equal(t, 3000, "never sleeps past the deadline");
    });
});
