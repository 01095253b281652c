/**
 * The UserGroup model: the plain input and output shapes, which fields the program manages, and how desired inputs
 * become the full body of a POST or PUT (a PUT is a full replace, so the body is the live object overlaid with the
 * managed fields).
 *
 * Validation lives in `user-group-validation.ts`, canonical forms and comparison in `user-group-canonical.ts`.
 */
import type {
    ApiGraphObject,
    ApiGroupAttributes,
    ApiMemberFilter,
    ApiMemberQuery,
    ApiSuggestionCounts,
    ApiUserGroup,
    ApiUserGroupBody,
    FilterOperator,
    MembershipMethod,
} from "../client/types";
import { pick } from "./plain-objects";
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

/**
 * How to take over an existing group instead of creating one: by its name (compared ignoring case) or by its id.
 * `mode` "verify" adopts only a group that already matches the inputs (no write) and otherwise fails listing the
 * differences; "overwrite" adopts and PUTs the inputs. `mode` @default "verify"
 */
export type AdoptOptions =
    | { by: "name"; id?: undefined; mode?: "verify" | "overwrite" }
    | { by: "id"; id: string; mode?: "verify" | "overwrite" };

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
    /**
     * Program-only: every read also reports `memberCount` and, for a `DYNAMIC_REVIEW_REQUIRED` group,
     * `pendingSuggestions` (never sent to the API; the update that records a change of it writes nothing).
     */
    observeMembers?: boolean;
    /**
     * Program-only: approve the pending suggestions of a `DYNAMIC_REVIEW_REQUIRED` group during `up`. Implies
     * `observeMembers`.
     */
    applySuggestions?: boolean;
}

/** The program-only inputs that steer what the provider observes and does, kept in the outputs for the next read. */
export const OBSERVATION_FLAGS = ["observeMembers", "applySuggestions"] as const;

/** The pending suggestions of a review-required group: the user ids its rule would add and remove, sorted. */
export interface PendingSuggestions {
    add: string[];
    remove: string[];
}

/** What an observing read adds to the group: its direct member count and, for a review group, the suggestions. */
export interface ObservedMembers {
    memberCount: number;
    pendingSuggestions?: PendingSuggestions;
}

/** Whether the inputs (or the outputs that recorded them) ask for members to be observed. */
export function observesMembers(flags: { observeMembers?: unknown; applySuggestions?: unknown }): boolean {
    return flags.observeMembers === true || flags.applySuggestions === true;
}

/** The program-only fields the outputs carry over from the inputs (absent rather than undefined). */
export interface ProgramOnly {
    orgId?: string;
    adopt?: AdoptOptions;
    observeMembers?: boolean;
    applySuggestions?: boolean;
}

/** The program-only fields of inputs (or of outputs that recorded them), without undefined ones. */
export function programOnly(from: { [K in keyof ProgramOnly]?: ProgramOnly[K] | undefined }): ProgramOnly {
    return pick(from, ["orgId", "adopt", ...OBSERVATION_FLAGS]);
}

/** The outputs: the group as JumpCloud reports it, plus bookkeeping the runtime needs on the next operation. */
export interface UserGroupOutputs {
    name: string;
    description?: string;
    email?: string;
    attributes?: ApiGroupAttributes;
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
    observeMembers?: boolean;
    applySuggestions?: boolean;
    /** With `observeMembers` (or `applySuggestions`): the group's direct members, counted over every page. */
    memberCount?: number;
    /** With `observeMembers` (or `applySuggestions`), for a `DYNAMIC_REVIEW_REQUIRED` group: what approval would do. */
    pendingSuggestions?: PendingSuggestions;
    /**
     * With `applySuggestions`, set by a read (a refresh) that found suggestions pending: what the next update approves
     * ("add 3, remove 1"), the suggestions being `pendingSuggestions`. Updates and creates never set it, so only
     * suggestions a refresh has shown are approved.
     */
    suggestionsToApprove?: string;
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

/** True for the name of a top-level body field. */
export function isBodyField(field: string): field is BodyField {
    return (BODY_FIELDS as readonly string[]).includes(field);
}

/**
 * Any object holding a user group's body fields: the inputs, the outputs, a body or a live group. The comparisons
 * and the managed-field bookkeeping read all four alike.
 */
export type GroupFields = { readonly [F in BodyField]?: unknown };

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
        else if (isBodyField(f)) top.add(f);
    }
    return { top: BODY_FIELDS.filter((f) => f !== "attributes" && top.has(f)), attributeKeys: [...attributeKeys] };
}

/**
 * The fields an object sets, as managed-field entries ("name", "attributes.sudo", ...): of inputs, the fields the
 * program manages; of a live group read without prior state, every body field it holds (read-only ones are not body
 * fields, so they never count).
 */
export function managedFieldsOf(fields: GroupFields): string[] {
    const out: string[] = [];
    for (const f of BODY_FIELDS) {
        const v = fields[f];
        if (v === undefined) continue;
        if (f !== "attributes") out.push(f);
        else if (isPlainObject(v)) {
            for (const [k, value] of Object.entries(v)) if (value !== undefined) out.push(attributeField(k));
        }
    }
    return out;
}

/** The API form of `memberQuery`: `searchFilters` given as an object is sent as its JSON text. */
export function memberQueryToApi(q: MemberQueryInput): ApiMemberQuery {
    if (q.queryType !== "Search") return q;
    const { searchFilters } = q;
    return { ...q, searchFilters: typeof searchFilters === "string" ? searchFilters : JSON.stringify(searchFilters) };
}

/**
 * The body fields of a live object: an allow-list, not a deny-list, because the PUT schema accepts exactly these
 * fields and echoing an unexpected key (a read-only one) back could make the API reject the whole update.
 */
function bodyOf(live: ApiUserGroup): Partial<ApiUserGroupBody> {
    return pick(live, BODY_FIELDS);
}

/** The top-level fields of the inputs in API form (attributes are merged key by key instead). */
function inputsAsBody(inputs: UserGroupInputs): Partial<ApiUserGroupBody> {
    const fields = pick(inputs, [
        "name",
        "description",
        "email",
        "memberQueryExemptions",
        "memberSuggestionsNotify",
        "membershipMethod",
    ]);
    return inputs.memberQuery === undefined ? fields : { ...fields, memberQuery: memberQueryToApi(inputs.memberQuery) };
}

/** Sets `o[key]` to `value`, or removes the property when `value` is undefined. */
function setOrRemove<T, K extends keyof T>(o: Partial<T>, key: K, value: T[K] | undefined): void {
    if (value === undefined) delete o[key];
    else o[key] = value;
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
    const body = live ? bodyOf(live) : {};
    const desired = inputsAsBody(inputs);
    const managed = splitManaged([...previouslyManaged, ...managedFieldsOf(inputs)]);
    for (const f of managed.top) setOrRemove(body, f, desired[f]);
    const attributes: ApiGroupAttributes = { ...(isPlainObject(body.attributes) ? body.attributes : {}) };
    const wanted = isPlainObject(inputs.attributes) ? inputs.attributes : {};
    for (const key of managed.attributeKeys) {
        if (wanted[key] === undefined) delete attributes[key];
        else attributes[key] = wanted[key];
    }
    if (Object.keys(attributes).length > 0) body.attributes = attributes;
    // Keep an explicit empty object the live group already had, but do not invent one.
    else if (body.attributes !== undefined) body.attributes = {};
    // The name is required and always managed: the inputs' name is the body's.
    return { ...body, name: inputs.name };
}

/**
 * The outputs of a live group; `managedFields` and the program-only fields come from the caller, and so does what
 * an observing read saw of the members.
 */
export function toOutputs(
    live: ApiUserGroup,
    managedFields: readonly string[],
    extra: ProgramOnly = {},
    observed?: ObservedMembers,
): UserGroupOutputs {
    return {
        ...pick(live, [...BODY_FIELDS, ...READ_ONLY_FIELDS]),
        name: live.name ?? "",
        ...programOnly(extra),
        ...(observed === undefined ? {} : pick(observed, ["memberCount", "pendingSuggestions"])),
        managedFields: [...managedFields],
    };
}

/** "add 3, remove 1": what approving these suggestions does, as the preview shows it. */
export function approvalSummary(pending: PendingSuggestions): string {
    return `add ${pending.add.length}, remove ${pending.remove.length}`;
}

/** True when approving would change the members. */
export function hasPending(pending: PendingSuggestions | undefined): pending is PendingSuggestions {
    return pending !== undefined && pending.add.length + pending.remove.length > 0;
}
