/**
 * The API's request and response shapes for user groups, push endpoints and Workday import (JumpCloud API v2).
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
export interface GraphObject {
    id: string;
    /** For exemptions: "user". */
    type: string;
    attributes?: { [key: string]: unknown };
}

/** `attributes.sudo` of a user group. */
export interface SudoAttributes {
    enabled: boolean;
    /** Requires `enabled`. */
    withoutPassword: boolean;
}

/** One `radius.reply` entry. */
export interface RadiusReply {
    name: string;
    value: string;
}

/**
 * `GroupAttributes-UserGroup`: an open object. The known keys are typed; any other key (custom attributes) is
 * allowed and must be sent back unchanged.
 */
export interface GroupAttributes {
    sudo?: SudoAttributes;
    ldapGroups?: Array<{ name?: string }>;
    posixGroups?: Array<{ id: number; name: string }>;
    radius?: { reply?: RadiusReply[] };
    sambaEnabled?: boolean;
    [key: string]: unknown;
}

/** One structured filter of a `FilterQuery` member query. */
export interface MemberFilter {
    field: string;
    operator: FilterOperator;
    value: string;
}

/** The legacy, most widely documented form: `{queryType: "FilterQuery", filters: [{field, operator, value}]}`. */
export interface FilterQueryMemberQuery {
    queryType: "FilterQuery";
    filters?: MemberFilter[];
}

/** The 2025+ form: `{queryType: "Filter", filters: ["department:$eq:Sales"]}` (v1-style `$` operators). */
export interface FilterMemberQuery {
    queryType: "Filter";
    filters?: string[];
}

/** The search form: `searchFilters` is a stringified JSON and/or tree. */
export interface SearchMemberQuery {
    queryType: "Search";
    searchFilters?: string;
}

/** `memberQuery` of a dynamic user group: one of three shapes, passed through to the API as given. */
export type MemberQuery = FilterQueryMemberQuery | FilterMemberQuery | SearchMemberQuery;

/** `suggestionCounts` (read-only). */
export interface SuggestionCounts {
    add?: number;
    remove?: number;
    total?: number;
}

/** The body of POST /usergroups and PUT /usergroups/{id} (identical; PUT is a full replace). */
export interface UserGroupBody {
    /** Unique case-insensitively. */
    name: string;
    description?: string;
    email?: string;
    attributes?: GroupAttributes;
    memberQuery?: MemberQuery;
    memberQueryExemptions?: GraphObject[];
    memberSuggestionsNotify?: boolean;
    membershipMethod?: MembershipMethod;
}

/** A user group as the API reports it. */
export interface UserGroup {
    /** ObjectId (24 hex characters). */
    id: string;
    name?: string;
    /** Always "user_group". */
    type?: string;
    description?: string;
    email?: string;
    attributes?: GroupAttributes;
    memberQuery?: MemberQuery;
    memberQueryErrorFlags?: string[];
    memberQueryExemptions?: GraphObject[];
    memberSuggestionsNotify?: boolean;
    membershipMethod?: MembershipMethod;
    organizationObjectId?: string;
    suggestionCounts?: SuggestionCounts;
}

/** The device of a push endpoint. */
export interface PushEndpointDevice {
    appVersion?: string;
    make?: string;
    model?: string;
    os?: string;
    osVersion?: string;
    uvEnabled?: boolean;
}

/** A user's push endpoint (an enrolled JumpCloud Protect device). The API cannot create one. */
export interface PushEndpoint {
    id: string;
    name?: string;
    /** "active" or "inactive". */
    state?: string;
    enrollmentDate?: string;
    lastUsedDate?: string;
    device?: PushEndpointDevice;
}

/** The body of PATCH /users/{user_id}/pushendpoints/{id}; the API rejects any other key. */
export interface PushEndpointPatch {
    name?: string;
    state?: "active" | "inactive";
}

/** Status of one authorisation method (credentials are never echoed back). */
export interface WorkdayAuthInfo {
    isValid?: boolean;
    expiry?: string;
    message?: string;
}

/** The Workday instance (`workday-output`). The API allows one, named "Workday Import". */
export interface Workday {
    id: string;
    name?: string;
    reportUrl?: string;
    lastImport?: string;
    auth?: { basic?: WorkdayAuthInfo; oauth?: WorkdayAuthInfo };
}

/** `auth-input`: basic credentials of the Workday Integration System User (OAuth is not supported). */
export interface WorkdayAuth {
    basic?: { username: string; password: string };
    oauth?: { code: string };
}

/** The body of POST /workdays (`workday-input`). */
export interface WorkdayInput {
    /** Must be "Workday Import". */
    name: string;
    reportUrl: string;
    auth: WorkdayAuth;
}

/** The body of PUT /workdays/{id} (`workday-fields`). */
export interface WorkdayFields {
    name?: string;
    reportUrl?: string;
}

/** The body of POST /workdays/{id}/auth (`auth-input-object`). */
export interface WorkdayAuthInput {
    auth: WorkdayAuth;
}

/**
 * One user of a Workday import (`bulk-user-create`). Note the lower-case `firstname`/`lastname` (the worker rows
 * use `firstName`/`lastName`). The API accepts the full v1 user field set; the common ones are typed.
 */
export interface BulkUser {
    username?: string;
    email?: string;
    firstname?: string;
    lastname?: string;
    attributes?: Array<{ name: string; value: string }>;
    [key: string]: unknown;
}

/** The response of POST /workdays/{id}/import (`job-id`). */
export interface ImportJob {
    jobId: string;
}

/** One result row of an import job (`job-workresult`). No enum for `status` is documented. */
export interface ImportResult {
    id?: string;
    createdAt?: string;
    updatedAt?: string;
    status?: string;
    statusMsg?: string;
    meta?: { [key: string]: unknown };
    persistedFields?: { [key: string]: unknown };
}

/** One row of the Workday custom report (`workday-worker`). */
export interface WorkdayWorker {
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
