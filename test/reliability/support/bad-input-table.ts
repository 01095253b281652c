/**
 * The table of invalid inputs: every resource, every lookup function and the GitOps YAML loader. Each row names
 * the property its failure message must name.
 */
import type { Json } from "./harness";

export type Target =
    | "UserGroup"
    | "WorkdayInstance"
    | "WorkdayImport"
    | "UserPushEndpoint"
    | "UserGroupMembership"
    | "UserGroupMember"
    | "UserGroupAssociation"
    | "function"
    | "yaml";

export interface BadInput {
    /** Unique, short; also the resource name or the YAML file name. */
    id: string;
    target: Target;
    /** What is wrong (shown in the table of bench/RELIABILITY.md). */
    what: string;
    /** Resource args, `{ fn, args }` for a function, or `{ yaml }` for a group file. */
    input: Json;
    /** The property path the message must name. */
    property: string;
}

const ID = "5f0c1b2c3d4e5f6a7b8c9d0e";
const URL = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
const long = (n: number) => "x".repeat(n);

const group = (id: string, what: string, extra: Json, property: string): BadInput => ({
    id,
    target: "UserGroup",
    what,
    input: { name: `Valid ${id}`, ...extra },
    property,
});
const workday = (id: string, what: string, extra: Json, property: string): BadInput => ({
    id,
    target: "WorkdayInstance",
    what,
    input: { reportUrl: URL, username: "ISU_JumpCloud", password: "bad-input-Pa55", ...extra },
    property,
});
const importJob = (id: string, what: string, extra: Json, property: string): BadInput => ({
    id,
    target: "WorkdayImport",
    what,
    input: { workdayId: ID, users: [{ email: "a@example.com", username: "alice" }], ...extra },
    property,
});
const device = (id: string, what: string, extra: Json, property: string): BadInput => ({
    id,
    target: "UserPushEndpoint",
    what,
    input: { userId: ID, pushEndpointId: "abc123", ...extra },
    property,
});
const ID2 = "5f0c1b2c3d4e5f6a7b8c9d0f";
const membership = (id: string, what: string, extra: Json, property: string): BadInput => ({
    id,
    target: "UserGroupMembership",
    what,
    input: { groupId: ID, userIds: [ID2], ...extra },
    property,
});
const member = (id: string, what: string, extra: Json, property: string): BadInput => ({
    id,
    target: "UserGroupMember",
    what,
    input: { groupId: ID, userId: ID2, ...extra },
    property,
});
const association = (id: string, what: string, extra: Json, property: string): BadInput => ({
    id,
    target: "UserGroupAssociation",
    what,
    input: { groupId: ID, targetType: "system", targetId: ID2, ...extra },
    property,
});
const fn = (id: string, what: string, name: string, args: Json, property: string): BadInput => ({
    id,
    target: "function",
    what,
    input: { fn: name, args },
    property,
});
const yaml = (id: string, what: string, text: string, property: string): BadInput => ({
    id,
    target: "yaml",
    what,
    input: { yaml: text },
    property,
});

/** Every row; at least 40. */
export const BAD_INPUTS: readonly BadInput[] = [
    group("ug-name-missing", "name missing", { name: undefined }, "name"),
    group("ug-name-type", "name is a number", { name: 42 }, "name"),
    group("ug-name-empty", "empty name", { name: "" }, "name"),
    group("ug-name-long", "256-character name", { name: long(256) }, "name"),
    group("ug-name-space", "name with edge whitespace", { name: " Padded " }, "name"),
    group("ug-desc-type", "description is a number", { description: 5 }, "description"),
    group("ug-desc-long", "1025-character description", { description: long(1025) }, "description"),
    group("ug-email", "malformed email", { email: "not-an-email" }, "email"),
    group("ug-method", "unknown membershipMethod", { membershipMethod: "SOMETIMES" }, "membershipMethod"),
    group(
        "ug-dynamic-no-query",
        "dynamic membership without memberQuery",
        { membershipMethod: "DYNAMIC_AUTOMATED" },
        "memberQuery",
    ),
    group("ug-query-type", "unknown queryType", { memberQuery: { queryType: "Sql" } }, "memberQuery.queryType"),
    group(
        "ug-query-op",
        "unknown filter operator",
        { memberQuery: { queryType: "FilterQuery", filters: [{ field: "department", operator: "like", value: "x" }] } },
        "memberQuery.filters[0].operator",
    ),
    group(
        "ug-query-search",
        "searchFilters is not JSON",
        { memberQuery: { queryType: "Search", searchFilters: "{not json" } },
        "memberQuery.searchFilters",
    ),
    group(
        "ug-posix-type",
        "POSIX gid is a string",
        { attributes: { posixGroups: [{ id: "5001", name: "eng" }] } },
        "attributes.posixGroups[0].id",
    ),
    group(
        "ug-posix-range",
        "negative POSIX gid",
        { attributes: { posixGroups: [{ id: -1, name: "eng" }] } },
        "attributes.posixGroups[0].id",
    ),
    group(
        "ug-posix-name",
        "POSIX name with a space",
        { attributes: { posixGroups: [{ id: 5001, name: "bad name" }] } },
        "attributes.posixGroups[0].name",
    ),
    group(
        "ug-sudo",
        "withoutPassword without sudo (contradictory)",
        { attributes: { sudo: { enabled: false, withoutPassword: true } } },
        "attributes.sudo.withoutPassword",
    ),
    group("ug-samba", "sambaEnabled is a string", { attributes: { sambaEnabled: "yes" } }, "attributes.sambaEnabled"),
    group(
        "ug-exempt-path",
        "path-like exemption id",
        { memberQueryExemptions: [{ id: "../../users", type: "user" }] },
        "memberQueryExemptions[0].id",
    ),
    group("ug-org-path", "path-like orgId", { orgId: "../../users" }, "orgId"),
    group("ug-org-short", "malformed orgId", { orgId: "5f00" }, "orgId"),
    group("ug-adopt-noid", 'adopt by "id" without an id (contradictory)', { adopt: { by: "id" } }, "adopt.id"),
    group("ug-adopt-path", "path-like adopt.id", { adopt: { by: "id", id: "../../users" } }, "adopt.id"),
    group("ug-adopt-by", "unknown adopt.by", { adopt: { by: "email" } }, "adopt.by"),
    group("ug-adopt-mode", "unknown adopt.mode", { adopt: { by: "name", mode: "force" } }, "adopt.mode"),
    group("ug-observe-type", "observeMembers as a string", { observeMembers: "yes" }, "observeMembers"),
    group(
        "ug-apply-static",
        "applySuggestions on a static group (contradictory)",
        { membershipMethod: "STATIC", applySuggestions: true },
        "applySuggestions",
    ),
    group(
        "ug-notify",
        "memberSuggestionsNotify is a string",
        { memberSuggestionsNotify: "true" },
        "memberSuggestionsNotify",
    ),
    group("ug-unknown", "misspelt key", { nmae: "typo" }, "nmae"),

    workday("wd-http", "report URL over http", { reportUrl: URL.replace("https", "http") }, "reportUrl"),
    workday("wd-url", "report URL not a URL", { reportUrl: "not a url" }, "reportUrl"),
    workday("wd-url-creds", "report URL with user:pass@", { reportUrl: "https://u:p@example.com/r" }, "reportUrl"),
    workday(
        "wd-url-long",
        "2049-character report URL",
        { reportUrl: `https://example.com/${long(2030)}` },
        "reportUrl",
    ),
    workday("wd-user-space", "username with whitespace", { username: "ISU JumpCloud" }, "username"),
    workday("wd-pass-empty", "empty password", { password: "" }, "password"),
    workday("wd-pass-type", "password is a number", { password: 123 }, "password"),
    workday("wd-name", 'name other than "Workday Import"', { name: "Other" }, "name"),
    workday("wd-adopt", "adopt is a string", { adopt: "yes" }, "adopt"),
    workday("wd-org-path", "path-like orgId", { orgId: "../../users" }, "orgId"),

    importJob("wi-id-path", "path-like workdayId", { workdayId: "../../users" }, "workdayId"),
    importJob("wi-users-empty", "no users", { users: [] }, "users"),
    importJob("wi-email", "malformed user email", { users: [{ email: "nope", username: "a" }] }, "users[0].email"),
    importJob(
        "wi-username",
        "username with whitespace",
        { users: [{ email: "a@example.com", username: "has space" }] },
        "users[0].username",
    ),
    importJob("wi-timeout-0", "timeoutSeconds 0", { timeoutSeconds: 0 }, "timeoutSeconds"),
    importJob("wi-timeout-big", "timeoutSeconds beyond 3600", { timeoutSeconds: 99_999 }, "timeoutSeconds"),
    importJob(
        "wi-dup",
        "the same user twice",
        {
            users: [
                { email: "a@example.com", username: "alice" },
                { email: "b@example.com", username: "ALICE" },
            ],
        },
        "users",
    ),
    importJob("wi-wait", "waitForResults is a string", { waitForResults: "no" }, "waitForResults"),

    device("pe-user-path", "path-like userId", { userId: "../../users" }, "userId"),
    device("pe-id-path", "path-like pushEndpointId", { pushEndpointId: "../x" }, "pushEndpointId"),
    device("pe-state", "unknown state", { state: "disabled" }, "state"),
    device("pe-name-long", "256-character name", { name: long(256) }, "name"),
    device("pe-user-missing", "userId missing", { userId: undefined }, "userId"),

    membership("ugm-dup", "the same user id twice", { userIds: [ID2, ID2.toUpperCase()] }, "userIds[1]"),
    membership("ugm-id", "a user given by email, not id", { userIds: ["alice@example.com"] }, "userIds[0]"),
    membership("ugm-missing", "userIds missing", { userIds: undefined }, "userIds"),
    membership("ugm-group-path", "path-like groupId", { groupId: "../../users" }, "groupId"),
    member("mem-user-path", "path-like userId", { userId: "../../users" }, "userId"),
    member("mem-group-missing", "groupId missing", { groupId: undefined }, "groupId"),
    association("assoc-type", "unknown target type", { targetType: "server" }, "targetType"),
    association("assoc-target-path", "path-like targetId", { targetId: "../x" }, "targetId"),
    association(
        "assoc-sudo",
        "sudo.enabled is text",
        { attributes: { sudo: { enabled: "yes" } } },
        "attributes.sudo.enabled",
    ),

    fn("fn-group-none", "getUserGroup with neither name nor id", "getUserGroup", {}, "name"),
    fn("fn-group-both", "getUserGroup with name and id", "getUserGroup", { name: "a", id: ID }, "id"),
    fn("fn-group-path", "getUserGroup with a path-like id", "getUserGroup", { id: "../../users" }, "id"),
    fn("fn-group-long", "getUserGroup with a 300-character name", "getUserGroup", { name: long(300) }, "name"),
    fn(
        "fn-workers-path",
        "getWorkdayWorkers with a path-like id",
        "getWorkdayWorkers",
        { workdayId: "../x" },
        "workdayId",
    ),
    fn(
        "fn-results-job",
        "getWorkdayImportResults with a path-like jobId",
        "getWorkdayImportResults",
        { workdayId: ID, jobId: "../../x" },
        "jobId",
    ),
    fn(
        "fn-devices-user",
        "getUserPushEndpoints with a malformed userId",
        "getUserPushEndpoints",
        { userId: "nope" },
        "userId",
    ),

    fn("fn-user-path", "getUser with a path-like id", "getUser", { id: "../../users" }, "id"),
    fn("fn-users-filter", "getUsers with a filter without an operator", "getUsers", { filter: "a=b" }, "filter"),
    fn(
        "fn-members-group",
        "getUserGroupMembers with a malformed groupId",
        "getUserGroupMembers",
        { groupId: "nope" },
        "groupId",
    ),

    yaml("yaml-name-type", "name is a number", "name: 42\n", "name"),
    yaml(
        "yaml-method",
        "unknown membershipMethod",
        "name: Yaml Method\nmembershipMethod: SOMETIMES\n",
        "membershipMethod",
    ),
    yaml("yaml-unknown", "misspelt key", "name: Yaml Unknown\nnmae: typo\n", "nmae"),
    yaml(
        "yaml-posix",
        "POSIX gid is text",
        "name: Yaml Posix\nattributes:\n  posixGroups:\n    - id: abc\n      name: eng\n",
        "attributes.posixGroups[0].id",
    ),
    yaml("yaml-org-path", "path-like orgId", "name: Yaml Org\norgId: ../../users\n", "orgId"),
    yaml("yaml-syntax", "invalid YAML", "name: [unclosed\n", "YAML"),
];
