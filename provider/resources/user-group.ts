/**
 * `jumpcloud.UserGroup`: a JumpCloud user group, every field of the API's group object.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
    ApiGraphObject,
    ApiGroupAttributes,
    ApiMemberQuery,
    ApiSuggestionCounts,
    MembershipMethod,
} from "../client/types";
import * as userGroupProvider from "./user-group-provider";

/** `sudo` rights granted to the group's members on their devices. */
export interface SudoArgs {
    /** Members may use sudo. */
    enabled: pulumi.Input<boolean>;
    /** Members may use sudo without a password; requires `enabled`. @default false */
    withoutPassword?: pulumi.Input<boolean>;
}

/** The group's attributes: known keys typed, any other key (a custom attribute) kept as it is. */
export interface UserGroupAttributesArgs {
    /** Sudo rights on devices. */
    sudo?: pulumi.Input<SudoArgs>;
    /** LDAP groups the members belong to (compared as a set). */
    ldapGroups?: pulumi.Input<pulumi.Input<{ name: pulumi.Input<string> }>[]>;
    /** POSIX groups: `id` an integer from 1 to 2147483647, `name` the group name (compared as a set). */
    posixGroups?: pulumi.Input<pulumi.Input<{ id: pulumi.Input<number>; name: pulumi.Input<string> }>[]>;
    /** RADIUS reply attributes sent for the members (compared as a set). */
    radius?: pulumi.Input<{
        reply?: pulumi.Input<pulumi.Input<{ name: pulumi.Input<string>; value: pulumi.Input<string> }>[]>;
    }>;
    /** Enable Samba authentication for the members. @default false */
    sambaEnabled?: pulumi.Input<boolean>;
    /** Custom attributes: kept and compared as given. */
    [custom: string]: unknown;
}

/** One rule of a `FilterQuery` member query. */
export interface MemberQueryFilterArgs {
    /** A user attribute, e.g. `department`, `jobTitle`, `userState`. */
    field: pulumi.Input<string>;
    /** One of eq, ne, gt, ge, lt, le, between, search, in. */
    operator: pulumi.Input<string>;
    /** The value; for `in`, values separated by `|`. */
    value: pulumi.Input<string>;
}

/**
 * The rules of a dynamic group, in one of the three shapes the API accepts:
 * `{ queryType: "FilterQuery", filters: [{ field, operator, value }] }`,
 * `{ queryType: "Filter", filters: ["department:$eq:Sales"] }`, or
 * `{ queryType: "Search", searchFilters: '{"filter":{"and":[...]}}' }` (a JSON string, or an object that is stringified).
 */
export interface MemberQueryArgs {
    /** FilterQuery, Filter or Search. */
    queryType: pulumi.Input<"FilterQuery" | "Filter" | "Search">;
    /** FilterQuery: rule objects; Filter: rule strings. */
    filters?: pulumi.Input<pulumi.Input<MemberQueryFilterArgs>[] | pulumi.Input<string>[]>;
    /** Search: the stringified JSON search filter (an object is accepted and stringified). */
    searchFilters?: pulumi.Input<string | Record<string, unknown>>;
}

/** How to take over a group that already exists instead of creating it. */
export interface AdoptArgs {
    /** Find the group by its name (case-insensitive) or by `id`. */
    by: pulumi.Input<"name" | "id">;
    /** The group's ObjectId; required when `by` is "id". */
    id?: pulumi.Input<string>;
    /** `verify`: fail listing the differing fields unless the group already matches; `overwrite`: PUT the desired state. @default "verify" */
    mode?: pulumi.Input<"verify" | "overwrite">;
}

/** The inputs of a {@link UserGroup}. */
export interface UserGroupArgs {
    /** The group's name; unique case-insensitively within the organisation. A rename is an in-place update. */
    name: pulumi.Input<string>;
    /** A description shown in the console. */
    description?: pulumi.Input<string>;
    /** The group's email address. */
    email?: pulumi.Input<string>;
    /** Sudo, LDAP, POSIX, RADIUS and Samba attributes, plus any custom key. */
    attributes?: pulumi.Input<UserGroupAttributesArgs>;
    /** NOTSET, STATIC, DYNAMIC_REVIEW_REQUIRED or DYNAMIC_AUTOMATED; the dynamic methods need a `memberQuery`. @default "NOTSET" (as the API) */
    membershipMethod?: pulumi.Input<"NOTSET" | "STATIC" | "DYNAMIC_REVIEW_REQUIRED" | "DYNAMIC_AUTOMATED">;
    /** The rules of a dynamic group. */
    memberQuery?: pulumi.Input<MemberQueryArgs>;
    /** Users exempted from the member query: `[{ id, type: "user" }]` (compared as a set). */
    memberQueryExemptions?: pulumi.Input<pulumi.Input<{ id: pulumi.Input<string>; type: pulumi.Input<string> }>[]>;
    /** Send notification emails for membership suggestions. @default false */
    memberSuggestionsNotify?: pulumi.Input<boolean>;
    /** The organisation (`x-org-id`) for multi-tenant admins; changing it replaces the group. @default jumpcloud:orgId */
    orgId?: pulumi.Input<string>;
    /** Take over an existing group instead of creating one (the engine's `import` does not work for dynamic resources). */
    adopt?: pulumi.Input<AdoptArgs>;
    /**
     * Program-only, never sent to the API: every read (refresh) also reports `memberCount` (all pages of the direct
     * members) and, for a `DYNAMIC_REVIEW_REQUIRED` group, `pendingSuggestions`. Turning it on or off is an update
     * that writes nothing to JumpCloud. @default false
     */
    observeMembers?: pulumi.Input<boolean>;
    /**
     * Program-only: approve the suggestions of a `DYNAMIC_REVIEW_REQUIRED` group during `up`, those a refresh found
     * pending (shown in the preview as `suggestionsToApprove: "add 3, remove 1"`), so the pull-request review is the
     * admin review. Requires membershipMethod "DYNAMIC_REVIEW_REQUIRED"; implies `observeMembers`. @default false
     */
    applySuggestions?: pulumi.Input<boolean>;
}

/** A JumpCloud user group. Its id is the group's ObjectId. */
export class UserGroup extends pulumi.dynamic.Resource {
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string | undefined>;
    declare readonly email: pulumi.Output<string | undefined>;
    /** As JumpCloud reports them: the known keys typed, custom keys kept. */
    declare readonly attributes: pulumi.Output<ApiGroupAttributes | undefined>;
    declare readonly membershipMethod: pulumi.Output<MembershipMethod | undefined>;
    /** As JumpCloud reports it (`searchFilters` as JSON text). */
    declare readonly memberQuery: pulumi.Output<ApiMemberQuery | undefined>;
    declare readonly memberQueryExemptions: pulumi.Output<ApiGraphObject[] | undefined>;
    declare readonly memberSuggestionsNotify: pulumi.Output<boolean | undefined>;
    declare readonly orgId: pulumi.Output<string | undefined>;
    /** Always "user_group". */
    declare readonly type: pulumi.Output<string>;
    /** Pending membership suggestions of a review-required dynamic group. */
    declare readonly suggestionCounts: pulumi.Output<ApiSuggestionCounts>;
    /** Problems JumpCloud found in the member query (CYCLE, INVALID_GROUP_REFERENCE). */
    declare readonly memberQueryErrorFlags: pulumi.Output<string[]>;
    /** The organisation that owns the group. */
    declare readonly organizationObjectId: pulumi.Output<string | undefined>;
    /** With `observeMembers` (or `applySuggestions`): the number of direct members, as of the last read or update. */
    declare readonly memberCount: pulumi.Output<number | undefined>;
    /** With `observeMembers` (or `applySuggestions`), review-required groups: the user ids approval would add and remove. */
    declare readonly pendingSuggestions: pulumi.Output<{ add: string[]; remove: string[] } | undefined>;
    declare readonly observeMembers: pulumi.Output<boolean | undefined>;
    declare readonly applySuggestions: pulumi.Output<boolean | undefined>;

    constructor(name: string, args: UserGroupArgs, opts?: pulumi.CustomResourceOptions) {
        const outputsOnly = {
            type: undefined,
            suggestionCounts: undefined,
            memberQueryErrorFlags: undefined,
            organizationObjectId: undefined,
            memberCount: undefined,
            pendingSuggestions: undefined,
        };
        super(userGroupProvider, name, { ...outputsOnly, ...args }, opts, "jumpcloud", "UserGroup");
    }
}
