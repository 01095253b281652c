/**
 * The exact reasons `check` gives, as `pulumi preview` prints them: the property path, what is wrong and the fix or
 * an example. The tables of the resources' check tests assert which property fails and a few words of the reason;
 * these hold the whole text of a reason for every kind of nested value, so that an example lost or a message
 * emptied shows here (mutation testing found them unasserted).
 */
import * as assert from "node:assert/strict";
import { validatePushEndpoint } from "../../../provider/model/push-endpoint";
import { validateUserGroup } from "../../../provider/model/user-group-validation";
import type { CheckFailure } from "../../../provider/model/validation";
import { validateWorkdayImport } from "../../../provider/model/workday-import";
import { validateWorkdayInstance } from "../../../provider/model/workday-instance";

type Reasons = Array<[property: string, reason: string]>;

function reasons(failures: CheckFailure[]): Reasons {
    return failures.map((f) => [f.property, f.reason]);
}

const attributes = (a: Record<string, unknown>) => validateUserGroup({ name: "a", attributes: a });

describe("check reasons, word for word", () => {
    describe("UserGroup attributes", () => {
        const cases: Array<[string, Record<string, unknown>, Reasons]> = [
            [
                "an empty attribute key",
                { " ": true },
                [['attributes[" "]', "attribute keys must not be empty: rename the key"]],
            ],
            [
                "sudo not an object",
                { sudo: "yes" },
                [
                    [
                        "attributes.sudo",
                        "must be an object, got a string — e.g. { enabled: true, withoutPassword: false }",
                    ],
                ],
            ],
            [
                "sudo with wrong types and an unknown key",
                { sudo: { enabled: "yes", withoutPassword: "no", other: 1 } },
                [
                    [
                        "attributes.sudo.other",
                        'is not a known property: remove it (allowed: "enabled", "withoutPassword")',
                    ],
                    ["attributes.sudo.enabled", "must be true or false, got a string — e.g. true"],
                    ["attributes.sudo.withoutPassword", "must be true or false, got a string — e.g. false"],
                ],
            ],
            [
                "ldapGroups not a list",
                { ldapGroups: "eng" },
                [["attributes.ldapGroups", 'must be a list, got a string — e.g. [{ name: "eng" }]']],
            ],
            [
                "bad ldap groups",
                { ldapGroups: ["eng", {}, { name: "x", gid: 1 }, { name: "x" }] },
                [
                    ["attributes.ldapGroups[0]", 'must be an object, got a string — e.g. { name: "eng" }'],
                    ["attributes.ldapGroups[1].name", 'is required: set it to a string — e.g. "eng"'],
                    ["attributes.ldapGroups[2].gid", 'is not a known property: remove it (allowed: "name")'],
                    [
                        "attributes.ldapGroups[3]",
                        'repeats the name "x" of item [2]: each name may appear once, remove or change one',
                    ],
                ],
            ],
            [
                "posixGroups not a list",
                { posixGroups: "eng" },
                [["attributes.posixGroups", 'must be a list, got a string — e.g. [{ id: 5001, name: "eng" }]']],
            ],
            [
                "bad posix groups",
                { posixGroups: [5001, {}, { id: 5001, name: "a:b", x: 1 }, { id: 5001, name: "b" }] },
                [
                    ["attributes.posixGroups[0]", 'must be an object, got an integer — e.g. { id: 5001, name: "eng" }'],
                    ["attributes.posixGroups[1].id", "is required: set it to an integer — e.g. 5001"],
                    ["attributes.posixGroups[1].name", 'is required: set it to a string — e.g. "eng"'],
                    ["attributes.posixGroups[2].x", 'is not a known property: remove it (allowed: "id", "name")'],
                    [
                        "attributes.posixGroups[2].name",
                        'must be a POSIX group name without whitespace, ":" or ",", got "a:b" — e.g. "eng"',
                    ],
                    [
                        "attributes.posixGroups[3]",
                        "repeats the id 5001 of item [2]: each id may appear once, remove or change one",
                    ],
                ],
            ],
            [
                "radius not an object",
                { radius: [] },
                [
                    [
                        "attributes.radius",
                        'must be an object, got an array — e.g. { reply: [{ name: "Filter-Id", value: "eng" }] }',
                    ],
                ],
            ],
            [
                "radius.reply not a list",
                { radius: { reply: "x", other: 1 } },
                [
                    ["attributes.radius.other", 'is not a known property: remove it (allowed: "reply")'],
                    [
                        "attributes.radius.reply",
                        'must be a list, got a string — e.g. [{ name: "Filter-Id", value: "eng" }]',
                    ],
                ],
            ],
            [
                "bad radius replies",
                { radius: { reply: ["x", {}, { name: 1, value: "v".repeat(254), z: 1 }] } },
                [
                    [
                        "attributes.radius.reply[0]",
                        'must be an object, got a string — e.g. { name: "Filter-Id", value: "eng" }',
                    ],
                    ["attributes.radius.reply[1].name", 'is required: set it to a string — e.g. "Filter-Id"'],
                    ["attributes.radius.reply[1].value", 'is required: set it to a string — e.g. "eng"'],
                    ["attributes.radius.reply[2].z", 'is not a known property: remove it (allowed: "name", "value")'],
                    ["attributes.radius.reply[2].name", 'must be a string, got an integer — e.g. "Filter-Id"'],
                    [
                        "attributes.radius.reply[2].value",
                        'must be at most 253 characters long (it has 254): shorten it — e.g. "eng"',
                    ],
                ],
            ],
            [
                "sambaEnabled not a boolean",
                { sambaEnabled: "no" },
                [["attributes.sambaEnabled", "must be true or false, got a string — e.g. false"]],
            ],
        ];
        for (const [label, attrs, want] of cases) {
            it(label, () => assert.deepEqual(reasons(attributes(attrs)), want));
        }
    });

    describe("UserGroup memberQuery", () => {
        const cases: Array<[string, unknown, Reasons]> = [
            [
                "no queryType, an unknown key",
                { filters: [], other: 1 },
                [
                    ["memberQuery.queryType", 'is required: set it to one of "FilterQuery", "Filter", "Search"'],
                    [
                        "memberQuery.other",
                        'is not a known property: remove it (allowed: "queryType", "filters", "searchFilters")',
                    ],
                ],
            ],
            [
                "FilterQuery without filters",
                { queryType: "FilterQuery" },
                [
                    [
                        "memberQuery.filters",
                        'is required: set it to a list — e.g. [{ field: "department", operator: "eq", value: "Sales" }]',
                    ],
                ],
            ],
            [
                "FilterQuery with bad filters",
                { queryType: "FilterQuery", filters: ["x", { field: "a b", operator: "like", z: 1 }] },
                [
                    [
                        "memberQuery.filters[0]",
                        'must be an object, got a string — e.g. { field: "department", operator: "eq", value: "Sales" }',
                    ],
                    [
                        "memberQuery.filters[1].z",
                        'is not a known property: remove it (allowed: "field", "operator", "value")',
                    ],
                    [
                        "memberQuery.filters[1].field",
                        'must be a (dotted) user field name, got "a b" — e.g. "department"',
                    ],
                    [
                        "memberQuery.filters[1].operator",
                        'must be one of "eq", "ne", "gt", "ge", "lt", "le", "between", "search", "in", got "like"',
                    ],
                    ["memberQuery.filters[1].value", 'is required: set it to a string — e.g. "Sales"'],
                ],
            ],
            [
                "Filter with bad filters",
                { queryType: "Filter", filters: [] },
                [["memberQuery.filters", 'must hold at least 1 item — e.g. ["department:$eq:Sales"]']],
            ],
            [
                "Filter with a bad filter string",
                { queryType: "Filter", filters: ["department=Sales", 5] },
                [
                    [
                        "memberQuery.filters[0]",
                        'must be a filter string "<field>:$<operator>:<value>", got "department=Sales" — e.g. "department:$eq:Sales"',
                    ],
                    ["memberQuery.filters[1]", 'must be a string, got an integer — e.g. "department:$eq:Sales"'],
                ],
            ],
            [
                "Search without searchFilters",
                { queryType: "Search" },
                [
                    [
                        "memberQuery.searchFilters",
                        'is required for queryType "Search": set it to a JSON filter object — e.g. \'{"filter":{"and":["department:$eq:Sales"]}}\'',
                    ],
                ],
            ],
            [
                "Search with searchFilters a list",
                { queryType: "Search", searchFilters: [1] },
                [
                    [
                        "memberQuery.searchFilters",
                        'must be a JSON object or its text — e.g. \'{"filter":{"and":["department:$eq:Sales"]}}\'',
                    ],
                ],
            ],
        ];
        for (const [label, memberQuery, want] of cases) {
            it(label, () => assert.deepEqual(reasons(validateUserGroup({ name: "a", memberQuery })), want));
        }
    });

    describe("WorkdayImport", () => {
        const cases: Array<[string, unknown, Reasons]> = [
            [
                "nothing",
                {},
                [
                    ["workdayId", "is required: set it to a string — e.g. workday.id"],
                    ["users", "is required: set it to a list — e.g. [{ email, username, firstname, lastname }]"],
                ],
            ],
            [
                "bad ids and an empty user list",
                { workdayId: "w", users: [], timeoutSeconds: 0, orgId: "o", waitForResults: "yes" },
                [
                    ["workdayId", 'must be a 24-character hexadecimal ObjectId, got "w" — e.g. workday.id'],
                    ["users", "must hold at least 1 item — e.g. [{ email, username, firstname, lastname }]"],
                    ["waitForResults", "must be true or false, got a string"],
                    ["timeoutSeconds", "must be an integer between 1 and 3600, got 0 — e.g. 600"],
                    ["orgId", 'must be a 24-character hexadecimal ObjectId, got "o" — e.g. "5f0000000000000000000001"'],
                ],
            ],
            [
                "bad users",
                {
                    workdayId: "5f0c1b2c3d4e5f6a7b8c9d0e",
                    users: [
                        "x",
                        {},
                        { email: "not-an-email", username: "a b", attributes: [{}] },
                        { email: "A@x.io", username: "Alice" },
                        { email: "a@x.io", username: "alice" },
                    ],
                },
                [
                    ["users[0]", "must be an object, got a string"],
                    ["users[1].email", 'is required: set it to a string — e.g. "alice@example.com"'],
                    ["users[1].username", 'is required: set it to a string — e.g. "alice"'],
                    ["users[2].email", "must be an email address (name@domain)"],
                    ["users[2].username", 'must be a username without whitespace, got "a b" — e.g. "alice"'],
                    ["users[2].attributes[0].name", "is required: set it to a string"],
                    [
                        "users[4]",
                        'repeats the username "alice" of item [3]: each username may appear once, remove or change one',
                    ],
                    [
                        "users[4]",
                        'repeats the email "a@x.io" of item [3]: each email may appear once, remove or change one',
                    ],
                ],
            ],
        ];
        for (const [label, inputs, want] of cases) {
            it(label, () => assert.deepEqual(reasons(validateWorkdayImport(inputs)), want));
        }
    });

    describe("WorkdayInstance", () => {
        const URL_OK = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
        const base = { reportUrl: URL_OK, username: "ISU_JumpCloud", password: "pw-secret" };
        const credentials =
            "must not contain credentials (user:password@): set them in `username` and `password` instead";
        const cases: Array<[string, Record<string, unknown>, Reasons]> = [
            // Either half of `user:password@` alone is refused too: a password alone would land in state and logs.
            [
                "a reportUrl with a user only",
                { ...base, reportUrl: "https://isu@wd5.example.com/r" },
                [["reportUrl", credentials]],
            ],
            [
                "a reportUrl with a password only",
                { ...base, reportUrl: "https://:pw-secret@wd5.example.com/r" },
                [["reportUrl", credentials]],
            ],
            [
                "an http reportUrl",
                { ...base, reportUrl: "http://wd5.example.com/r" },
                [["reportUrl", "must use https (got http): Workday serves reports over https only"]],
            ],
            [
                "a reportUrl without a scheme",
                { ...base, reportUrl: "wd5.example.com/r" },
                [["reportUrl", `must be an absolute https URL — e.g. ${URL_OK}`]],
            ],
            [
                "a username with a space",
                { ...base, username: "ISU Jump" },
                [["username", "must not contain whitespace: use the Integration System User's login name"]],
            ],
            [
                "no password",
                { reportUrl: URL_OK, username: "u" },
                [["password", 'is required: set it from a secret, e.g. cfg.requireSecret("workdayPassword")']],
            ],
            ["a numeric password", { ...base, password: 1234 }, [["password", "must be a string"]]],
            ["an empty password", { ...base, password: "" }, [["password", "must not be empty"]]],
            [
                "a password too long",
                { ...base, password: "p".repeat(1025) },
                [["password", "must be at most 1024 characters long"]],
            ],
            [
                "another name",
                { ...base, name: "Other" },
                [["name", 'must be "Workday Import" (the only name JumpCloud accepts): remove it or set it to that']],
            ],
        ];
        for (const [label, inputs, want] of cases) {
            it(label, () => assert.deepEqual(reasons(validateWorkdayInstance(inputs)), want));
        }
    });

    describe("UserPushEndpoint", () => {
        it("names both ids when they are missing", () => {
            assert.deepEqual(reasons(validatePushEndpoint({})), [
                ["userId", 'is required: set it to a string — e.g. "5f0c1b2c3d4e5f6a7b8c9d0e"'],
                [
                    "pushEndpointId",
                    "is required: set it to a string — e.g. an id from getUserPushEndpoints({ userId })",
                ],
            ]);
        });

        it("gives the rule and an example for every malformed input", () => {
            const inputs = { userId: "x", pushEndpointId: "../x", name: "n".repeat(256), state: "on", orgId: "o" };
            assert.deepEqual(reasons(validatePushEndpoint(inputs)), [
                ["userId", 'must be a 24-character hexadecimal ObjectId, got "x" — e.g. "5f0c1b2c3d4e5f6a7b8c9d0e"'],
                [
                    "pushEndpointId",
                    'must be an id of 1-128 letters, digits, "_", "-" or "." (not starting with "."), got "../x" — e.g. an id from getUserPushEndpoints({ userId })',
                ],
                ["name", `must be at most 255 characters long (it has 256): shorten it — e.g. "Alice's iPhone"`],
                ["state", 'must be one of "active", "inactive", got "on"'],
                ["orgId", 'must be a 24-character hexadecimal ObjectId, got "o" — e.g. "5f0000000000000000000001"'],
            ]);
        });
    });
});
