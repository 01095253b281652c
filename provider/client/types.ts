/**
 * The API's request and response shapes: user groups, the group graph (members, associations, suggestions), push
 * endpoints and Workday import (JumpCloud API v2), and users (API v1).
 *
 * Response objects mark every property optional because the API declares none as required; request bodies mark
 * only what the API requires. Open objects (attributes, meta) keep an index signature so unknown keys survive.
 */

/** A JSON value as the API sends it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The v2 filter operators (`field:operator:value`). */
export type FilterOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "between" | "search" | "in";

/** `membershipMethod` of a user group. */
export type MembershipMethod = "NOTSET" | "STATIC" | "DYNAMIC_REVIEW_REQUIRED" | "DYNAMIC_AUTOMATED";

/** A node of the JumpCloud graph (`GraphObject`), used for `memberQueryExemptions`. */
export interface ApiGraphObject {
    id: string;
    /** For exemptions: "user". */
    type: string;
    attributes?: { [key: string]: unknown };
}

/** `attributes.sudo` of a user group. */
export interface ApiSudoAttributes {
    enabled: boolean;
    /** Requires `enabled`. */
    withoutPassword: boolean;
}

/** One `radius.reply` entry. */
export interface ApiRadiusReply {
    name: string;
    value: string;
}

/**
 * `GroupAttributes-UserGroup`: an open object. The known keys are typed; any other key (custom attributes) is
 * allowed and must be sent back unchanged.
 */
export interface ApiGroupAttributes {
    sudo?: ApiSudoAttributes;
    ldapGroups?: Array<{ name?: string }>;
    posixGroups?: Array<{ id: number; name: string }>;
    radius?: { reply?: ApiRadiusReply[] };
    sambaEnabled?: boolean;
    [key: string]: unknown;
}

/** One structured filter of a `FilterQuery` member query. */
export interface ApiMemberFilter {
    field: string;
    operator: FilterOperator;
    value: string;
}

/** The legacy, most widely documented form: `{queryType: "FilterQuery", filters: [{field, operator, value}]}`. */
export interface ApiFilterQueryMemberQuery {
    queryType: "FilterQuery";
    filters?: ApiMemberFilter[];
}

/** The 2025+ form: `{queryType: "Filter", filters: ["department:$eq:Sales"]}` (v1-style `$` operators). */
export interface ApiFilterMemberQuery {
    queryType: "Filter";
    filters?: string[];
}

/** The search form: `searchFilters` is a stringified JSON and/or tree. */
export interface ApiSearchMemberQuery {
    queryType: "Search";
    searchFilters?: string;
}

/** `memberQuery` of a dynamic user group: one of three shapes, passed through to the API as given. */
export type ApiMemberQuery = ApiFilterQueryMemberQuery | ApiFilterMemberQuery | ApiSearchMemberQuery;

/** `suggestionCounts` (read-only). */
export interface ApiSuggestionCounts {
    add?: number;
    remove?: number;
    total?: number;
}

/** The body of POST /usergroups and PUT /usergroups/{id} (identical; PUT is a full replace). */
export interface ApiUserGroupBody {
    /** Unique case-insensitively. */
    name: string;
    description?: string;
    email?: string;
    attributes?: ApiGroupAttributes;
    memberQuery?: ApiMemberQuery;
    memberQueryExemptions?: ApiGraphObject[];
    memberSuggestionsNotify?: boolean;
    membershipMethod?: MembershipMethod;
}

/** A user group as the API reports it. */
export interface ApiUserGroup {
    /** ObjectId (24 hex characters). */
    id: string;
    name?: string;
    /** Always "user_group". */
    type?: string;
    description?: string;
    email?: string;
    attributes?: ApiGroupAttributes;
    memberQuery?: ApiMemberQuery;
    memberQueryErrorFlags?: string[];
    memberQueryExemptions?: ApiGraphObject[];
    memberSuggestionsNotify?: boolean;
    membershipMethod?: MembershipMethod;
    organizationObjectId?: string;
    suggestionCounts?: ApiSuggestionCounts;
}

/** The state of a user (API v1 `systemuserreturn.state`). */
export type ApiUserState = "STAGED" | "ACTIVATED" | "SUSPENDED";

/** One custom attribute of a user (API v1 `attribute`). */
export interface ApiUserAttribute {
    name?: string;
    value?: string;
}

/**
 * A user as the API v1 reports it (`systemuserreturn`). API v1 objects are keyed `_id`, not `id`. The fields a
 * directory needs are typed; every other field of the object is kept as the API sent it.
 */
export interface ApiSystemUser {
    /** ObjectId (24 hex characters). */
    _id: string;
    username?: string;
    email?: string;
    firstname?: string;
    lastname?: string;
    displayname?: string;
    middlename?: string;
    state?: ApiUserState;
    activated?: boolean;
    suspended?: boolean;
    department?: string;
    company?: string;
    jobTitle?: string;
    location?: string;
    costCenter?: string;
    employeeType?: string;
    /** Unique per user. */
    employeeIdentifier?: string;
    description?: string;
    attributes?: ApiUserAttribute[];
    created?: string;
    organization?: string;
    [key: string]: unknown;
}

/**
 * The object types a user group can be associated with (the enum of the spec's `GraphOperation-UserGroup` and of
 * the `targets` parameter of the group's associations).
 */
export const ASSOCIATION_TARGET_TYPES = Object.freeze([
    "active_directory",
    "application",
    "g_suite",
    "idp_routing_policy",
    "ldap_server",
    "office_365",
    "password_manager_item",
    "radius_server",
    "system",
    "system_group",
] as const);

/** One of {@link ASSOCIATION_TARGET_TYPES}. */
export type ApiAssociationTargetType = (typeof ASSOCIATION_TARGET_TYPES)[number];

/**
 * The attributes of a graph edge (`GraphAttributes`): an open object. A system or system-group association may carry
 * `sudo` (`GraphAttribute-Sudo`).
 */
export interface ApiGraphAttributes {
    sudo?: ApiSudoAttributes;
    [key: string]: unknown;
}

/** An edge of the graph (`GraphConnection`): where it leads, and its attributes. */
export interface ApiGraphConnection {
    to: ApiGraphObject;
    /** Omitted where it is clear from the request (the group itself). */
    from?: ApiGraphObject;
    attributes?: ApiGraphAttributes;
}

/**
 * A graph object reached from another (`GraphObjectWithPaths`): a member of a group (`membership`), a group of a
 * user (`memberof`), with the paths that lead to it.
 */
export interface ApiGraphObjectWithPaths {
    id: string;
    /** "user" in a group's membership, "user_group" in a user's memberof. */
    type: string;
    paths: ApiGraphConnection[][];
    compiledAttributes?: ApiGraphAttributes;
}

/** A pending change of a `DYNAMIC_REVIEW_REQUIRED` group (`MemberSuggestion`). */
export interface ApiMemberSuggestion {
    op: "add" | "remove";
    /** The user, `{id, type: "user"}`. */
    object: ApiGraphObject;
}

/** The answer to applying suggestions (`MemberSuggestionsPostResult`): the user ids found, and not found. */
export interface ApiMemberSuggestionsPostResult {
    suggestions_found?: string[];
    suggestions_not_found?: string[];
}

/** The device of a push endpoint. */
export interface ApiPushEndpointDevice {
    appVersion?: string;
    make?: string;
    model?: string;
    os?: string;
    osVersion?: string;
    uvEnabled?: boolean;
}

/** A user's push endpoint (an enrolled JumpCloud Protect device). The API cannot create one. */
export interface ApiPushEndpoint {
    id: string;
    name?: string;
    /** "active" or "inactive". */
    state?: string;
    enrollmentDate?: string;
    lastUsedDate?: string;
    device?: ApiPushEndpointDevice;
}

/** The body of PATCH /users/{user_id}/pushendpoints/{id}; the API rejects any other key. */
export interface ApiPushEndpointPatch {
    name?: string;
    state?: "active" | "inactive";
}

/** Status of one authorisation method (credentials are never echoed back). */
export interface ApiWorkdayAuthInfo {
    isValid?: boolean;
    expiry?: string;
    message?: string;
}

/** The Workday instance (`workday-output`). The API allows one, named "Workday Import". */
export interface ApiWorkday {
    id: string;
    name?: string;
    reportUrl?: string;
    lastImport?: string;
    auth?: { basic?: ApiWorkdayAuthInfo; oauth?: ApiWorkdayAuthInfo };
}

/** `auth-input`: basic credentials of the Workday Integration System User (OAuth is not supported). */
export interface ApiWorkdayAuth {
    basic?: { username: string; password: string };
    oauth?: { code: string };
}

/** The body of POST /workdays (`workday-input`). */
export interface ApiWorkdayInput {
    /** Must be "Workday Import". */
    name: string;
    reportUrl: string;
    auth: ApiWorkdayAuth;
}

/** The body of PUT /workdays/{id} (`workday-fields`). */
export interface ApiWorkdayFields {
    name?: string;
    reportUrl?: string;
}

/** The body of POST /workdays/{id}/auth (`auth-input-object`). */
export interface ApiWorkdayAuthInput {
    auth: ApiWorkdayAuth;
}

/**
 * One user of a Workday import (`bulk-user-create`). Note the lower-case `firstname`/`lastname` (the worker rows
 * use `firstName`/`lastName`). The API accepts the full v1 user field set; the common ones are typed.
 */
export interface ApiBulkUser {
    username?: string;
    email?: string;
    firstname?: string;
    lastname?: string;
    attributes?: Array<{ name: string; value: string }>;
    [key: string]: unknown;
}

/** The response of POST /workdays/{id}/import (`job-id`). */
export interface ApiImportJob {
    jobId: string;
}

/** One result row of an import job (`job-workresult`). No enum for `status` is documented. */
export interface ApiImportResult {
    id?: string;
    createdAt?: string;
    updatedAt?: string;
    status?: string;
    statusMsg?: string;
    meta?: { [key: string]: unknown };
    persistedFields?: { [key: string]: unknown };
}

/** One row of the Workday custom report (`workday-worker`). */
export interface ApiWorkdayWorker {
    username?: string;
    email?: string;
    firstName?: string;
    lastName?: string;
    attributes?: { [key: string]: unknown };
}

/** The error body the API sends (`Error`); older services send `{error}` instead. */
export interface ApiErrorBody {
    code?: number;
    message?: string;
    status?: string;
    error?: string;
    details?: unknown[];
}
