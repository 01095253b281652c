/**
 * The UserGroup model: the plain input and output shapes, which fields the program manages, and how desired inputs
 * become the full body of a POST or PUT (a PUT is a full replace, so the body is the live object overlaid with the
 * managed fields).
 *
 * Validation lives in `user-group-validation.ts`, canonical forms and comparison in `user-group-canonical.ts`.
 */
import type {
    ApiGraphObject,
    ApiMemberFilter,
    ApiMemberQuery,
    ApiSuggestionCounts,
    ApiUserGroup,
    ApiUserGroupBody,
    FilterOperator,
    MembershipMethod,
} from "../client/types";
import { isPlainObject } from "./validation";

/** The `membershipMethod` values. */
export const MEMBERSHIP_METHODS: readonly MembershipMethod[] = [
    "NOTSET",
    "STATIC",
    "DYNAMIC_REVIEW_REQUIRED",
    "DYNAMIC_AUTOMATED",
];

/** The v2 operators of a `FilterQuery` filter. */
export const FILTER_OPERATORS: readonly FilterOperator[] = [
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "between",
    "search",
    "in",
];

/** The `memberQuery.queryType` values. */
export const QUERY_TYPES = ["FilterQuery", "Filter", "Search"] as const;

/** `attributes.sudo`. `withoutPassword` requires `enabled`. */
export interface SudoInput {
    enabled: boolean;
    /** @default false */
    withoutPassword?: boolean;
}

/** `attributes`: the known keys are typed; any other key is a custom attribute, sent as given. */
export interface UserGroupAttributesInput {
    sudo?: SudoInput;
    ldapGroups?: Array<{ name: string }>;
    posixGroups?: Array<{ id: number; name: string }>;
    radius?: { reply?: Array<{ name: string; value: string }> };
    sambaEnabled?: boolean;
    [key: string]: unknown;
}

/** `memberQuery` as a program may write it: `searchFilters` may be an object, stringified for the API. */
export type MemberQueryInput =
    | { queryType: "FilterQuery"; filters: ApiMemberFilter[] }
    | { queryType: "Filter"; filters: string[] }
    | { queryType: "Search"; searchFilters: string | Record<string, unknown> };

/** A member exempted from the dynamic query. */
export interface MemberQueryExemptionInput {
    /** The user's ObjectId. */
    id: string;
    type: "user";
}

/** How to take over an existing group instead of creating one. */
export interface AdoptOptions {
    /** Find the group by its name (case-insensitively) or by its id. */
    by: "name" | "id";
    /** The group's id; required when `by` is "id". */
    id?: string;
    /**
     * "verify": adopt only if the group already matches the inputs (no write), else fail listing the differences;
     * "overwrite": adopt and PUT the inputs. @default "verify"
     */
    mode?: "verify" | "overwrite";
}

/** The plain inputs of a UserGroup (what `check` validates and normalises). */
export interface UserGroupInputs {
    name: string;
    description?: string;
    email?: string;
    attributes?: UserGroupAttributesInput;
    membershipMethod?: MembershipMethod;
    memberQuery?: MemberQueryInput;
    memberQueryExemptions?: MemberQueryExemptionInput[];
    memberSuggestionsNotify?: boolean;
    /** Per-resource `x-org-id` (multi-tenant admins). Changing it replaces the group. */
    orgId?: string;
    adopt?: AdoptOptions;
}

/** The outputs: the group as JumpCloud reports it, plus bookkeeping the runtime needs on the next operation. */
export interface UserGroupOutputs {
    name: string;
    description?: string;
    email?: string;
    attributes?: Record<string, unknown>;
    membershipMethod?: MembershipMethod;
    memberQuery?: ApiMemberQuery;
    memberQueryExemptions?: ApiGraphObject[];
    memberSuggestionsNotify?: boolean;
    /** Always "user_group". */
    type?: string;
    suggestionCounts?: ApiSuggestionCounts;
    memberQueryErrorFlags?: string[];
    organizationObjectId?: string;
    orgId?: string;
    adopt?: AdoptOptions;
    /**
     * The fields the program set: top-level body fields, and "attributes.<key>" per attribute key. A field outside
     * the list (e.g. an attribute added in the console) is left alone; a field in the list that the program no longer
     * sets is cleared by the next update.
     */
    managedFields: string[];
}

/** The fields of a POST/PUT body (`UserGroupPost` = `UserGroupPut`), in the API's order. */
export const BODY_FIELDS = [
    "name",
    "description",
    "email",
    "attributes",
    "memberQuery",
    "memberQueryExemptions",
    "memberSuggestionsNotify",
    "membershipMethod",
] as const;

/** A top-level body field. */
export type BodyField = (typeof BODY_FIELDS)[number];

/** The read-only fields JumpCloud reports but does not accept in a body. */
export const READ_ONLY_FIELDS = ["type", "suggestionCounts", "memberQueryErrorFlags", "organizationObjectId"] as const;

/** How a managed-field entry names one attribute key: "attributes.sudo". */
export const ATTRIBUTE_PREFIX = "attributes.";

/** The managed-field entry of one attribute key. */
export function attributeField(key: string): string {
    return `${ATTRIBUTE_PREFIX}${key}`;
}

/** The attribute key a managed-field entry names ("sudo" for "attributes.sudo"), or undefined for a top-level field. */
export function attributeKeyOf(field: string): string | undefined {
    return field.startsWith(ATTRIBUTE_PREFIX) ? field.slice(ATTRIBUTE_PREFIX.length) : undefined;
}

/** Splits managed-field entries into top-level body fields and attribute keys. */
export function splitManaged(fields: readonly string[]): { top: BodyField[]; attributeKeys: string[] } {
    const top = new Set<BodyField>();
    const attributeKeys = new Set<string>();
    for (const f of fields) {
        const key = attributeKeyOf(f);
        if (key !== undefined) attributeKeys.add(key);
        else if ((BODY_FIELDS as readonly string[]).includes(f)) top.add(f as BodyField);
    }
    return { top: BODY_FIELDS.filter((f) => f !== "attributes" && top.has(f)), attributeKeys: [...attributeKeys] };
}

/** The fields these inputs set, as managed-field entries ("name", "attributes.sudo", ...). */
export function managedFieldsOf(inputs: UserGroupInputs): string[] {
    const out: string[] = [];
    const record = inputs as unknown as Record<string, unknown>;
    for (const f of BODY_FIELDS) {
        const v = record[f];
        if (v === undefined) continue;
        if (f !== "attributes") out.push(f);
        else if (isPlainObject(v)) {
            for (const [k, value] of Object.entries(v)) if (value !== undefined) out.push(attributeField(k));
        }
    }
    return out;
}

/** The managed fields of a live object that has no recorded list (a group read without prior state). */
export function managedFieldsOfLive(live: ApiUserGroup): string[] {
    return managedFieldsOf(bodyOf(live) as unknown as UserGroupInputs);
}

/** The API form of `memberQuery`: `searchFilters` given as an object is sent as its JSON text. */
export function memberQueryToApi(q: MemberQueryInput): ApiMemberQuery {
    if (q.queryType === "Search" && typeof q.searchFilters !== "string") {
        return { ...q, searchFilters: JSON.stringify(q.searchFilters) };
    }
    return q as ApiMemberQuery;
}

/** The API form of one top-level input field. */
function fieldToApi(field: BodyField, value: unknown): unknown {
    if (field === "memberQuery" && isPlainObject(value)) return memberQueryToApi(value as MemberQueryInput);
    return value;
}

/** The body fields of a live object (read-only fields and anything the body does not accept dropped). */
function bodyOf(live: ApiUserGroup): Partial<ApiUserGroupBody> {
    const out: Record<string, unknown> = {};
    const record = live as unknown as Record<string, unknown>;
    // An allow-list, not a deny-list: the PUT schema accepts exactly these fields, and echoing an unexpected key
    // back could make the API reject the whole update.
    for (const f of BODY_FIELDS) if (record[f] !== undefined) out[f] = record[f];
    return out as Partial<ApiUserGroupBody>;
}

/**
 * The full POST/PUT body: the live object's body fields (if any) overlaid with the managed fields. A field managed
 * before (`previouslyManaged`) but no longer set by the inputs is left out, so the full-replace PUT clears it;
 * attribute keys nobody manages (custom attributes added in the console) are kept as they are.
 */
export function toApiBody(
    inputs: UserGroupInputs,
    live?: ApiUserGroup,
    previouslyManaged: readonly string[] = [],
): ApiUserGroupBody {
    const body: Record<string, unknown> = live ? { ...bodyOf(live) } : {};
    const record = inputs as unknown as Record<string, unknown>;
    const managed = splitManaged([...previouslyManaged, ...managedFieldsOf(inputs)]);
    for (const f of managed.top) {
        if (record[f] === undefined) delete body[f];
        else body[f] = fieldToApi(f, record[f]);
    }
    const liveAttributes = isPlainObject(body.attributes) ? body.attributes : {};
    const attributes: Record<string, unknown> = { ...liveAttributes };
    const desired = isPlainObject(inputs.attributes) ? inputs.attributes : {};
    for (const key of managed.attributeKeys) {
        if (desired[key] === undefined) delete attributes[key];
        else attributes[key] = desired[key];
    }
    if (Object.keys(attributes).length > 0) body.attributes = attributes;
    // Keep an explicit empty object the live group already had, but do not invent one.
    else if (body.attributes !== undefined) body.attributes = {};
    return body as unknown as ApiUserGroupBody;
}

/** The outputs of a live group; `managedFields` and the program-only fields come from the caller. */
export function toOutputs(
    live: ApiUserGroup,
    managedFields: readonly string[],
    extra: { orgId?: string | undefined; adopt?: AdoptOptions | undefined } = {},
): UserGroupOutputs {
    const record = live as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of [...BODY_FIELDS, ...READ_ONLY_FIELDS]) if (record[f] !== undefined) out[f] = record[f];
    if (out.name === undefined) out.name = "";
    if (extra.orgId !== undefined) out.orgId = extra.orgId;
    if (extra.adopt !== undefined) out.adopt = extra.adopt;
    out.managedFields = [...managedFields];
    return out as unknown as UserGroupOutputs;
}
