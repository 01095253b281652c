/**
 * The UserGroup field table: every top-level input, every known attribute key plus a custom one, and the member
 * query in each of its three shapes. The base group sets every field, so each update must carry all the others
 * along unchanged in its full PUT.
 */
import { simAdmin } from "../../../simulator/admin-client";
import { schema } from "../../../simulator/schemas";
import { interfaceMembers, memberLiterals } from "./declared-types";
import { type FieldRow, type Json, type ResourceTable, type TableContext, withField } from "./table";

const ARGS = "provider/resources/user-group.ts";
const MODEL = "provider/model/user-group.ts";
/** A second organisation the API key also reaches (for the `orgId` row). */
const ORG_B = "5f00000000000000000000b2";

/** Ids `arrange` seeded: three users (for exemptions) and the organisations. */
export interface UserGroupFixture {
    readonly users: readonly string[];
    readonly orgA: string;
    readonly orgB: string;
}

/** The writable fields of a group: the properties of the API's PUT body (the simulator's `user-group-put`). */
function writableFields(): string[] {
    return Object.keys((schema("user-group-put") as { properties: Json }).properties);
}

/** The attribute keys the API's group schema types (its `allOf` parts besides the open object). */
function schemaAttributeKeys(): string[] {
    const attributes = (schema("user-group-put") as { properties: { attributes: { allOf: Json[] } } }).properties
        .attributes;
    return attributes.allOf.flatMap((part) => Object.keys((part["properties"] as Json | undefined) ?? {}));
}

const exemption = (id: string) => ({ id, type: "user" });
const search = (department: string) => ({ filter: { and: [`department:$eq:${department}`] } });
const filterQuery = (department: string) => ({
    queryType: "FilterQuery",
    filters: [{ field: "department", operator: "eq", value: department }],
});

const rows: ReadonlyArray<FieldRow<UserGroupFixture>> = [
    { field: "name", class: "update", value: () => "Field table renamed", drift: () => "Field table console" },
    { field: "description", class: "update", value: () => "After", drift: () => "Changed in the console" },
    {
        field: "email",
        class: "update",
        value: () => "after@example.com",
        drift: () => "console@example.com",
        engine: true,
    },
    {
        field: "attributes.sudo",
        class: "update",
        value: () => ({ enabled: true, withoutPassword: true }),
        drift: () => ({ enabled: false, withoutPassword: false }),
        engine: true,
    },
    {
        field: "attributes.ldapGroups",
        class: "update",
        value: () => [{ name: "eng" }, { name: "ops" }],
        drift: () => [{ name: "sec" }],
    },
    {
        field: "attributes.posixGroups",
        class: "update",
        value: () => [{ id: 5002, name: "eng" }],
        drift: () => [{ id: 5003, name: "eng" }],
    },
    {
        field: "attributes.radius",
        class: "update",
        value: () => ({ reply: [{ name: "Filter-Id", value: "ops" }] }),
        drift: () => ({ reply: [{ name: "Filter-Id", value: "sec" }] }),
    },
    { field: "attributes.sambaEnabled", class: "update", value: () => true, drift: () => false },
    {
        field: "attributes.costCenter",
        class: "update",
        why: "a custom attribute: any key besides the typed ones is sent and compared as given",
        value: () => "43",
        drift: () => "44",
    },
    {
        field: "membershipMethod",
        class: "update",
        value: () => "DYNAMIC_AUTOMATED",
        drift: () => "DYNAMIC_REVIEW_REQUIRED",
    },
    {
        field: "memberQuery",
        variant: "FilterQuery",
        class: "update",
        value: () => filterQuery("Sales"),
        drift: () => filterQuery("Marketing"),
    },
    {
        field: "memberQuery",
        variant: "Filter",
        class: "update",
        before: () => ({ memberQuery: { queryType: "Filter", filters: ["department:$eq:Engineering"] } }),
        value: () => ({ queryType: "Filter", filters: ["department:$eq:Sales"] }),
        drift: () => ({ queryType: "Filter", filters: ["department:$eq:Marketing"] }),
    },
    {
        field: "memberQuery",
        variant: "Search",
        class: "update",
        why: "given as an object here: the API holds its JSON text",
        before: () => ({ memberQuery: { queryType: "Search", searchFilters: JSON.stringify(search("Engineering")) } }),
        value: () => ({ queryType: "Search", searchFilters: search("Sales") }),
        holds: () => ({ queryType: "Search", searchFilters: JSON.stringify(search("Sales")) }),
        drift: () => ({ queryType: "Search", searchFilters: JSON.stringify(search("Marketing")) }),
        engine: true,
    },
    {
        field: "memberQueryExemptions",
        class: "update",
        value: (fx) => [exemption(fx.users[0]!), exemption(fx.users[1]!)],
        drift: (fx) => [exemption(fx.users[2]!)],
        engine: true,
    },
    { field: "memberSuggestionsNotify", class: "update", value: () => true, drift: () => false, engine: true },
    {
        field: "orgId",
        class: "replace",
        why: "documented on UserGroupArgs.orgId: the group moves to another organisation",
        before: (fx) => ({ orgId: fx.orgA }),
        value: (fx) => fx.orgB,
        noDrift: "the console cannot move a group to another organisation",
    },
    {
        field: "adopt",
        class: "program-only",
        why: "how create finds an existing group; once the group is managed it changes nothing",
        value: () => ({ by: "name", mode: "verify" }),
        engine: true,
    },
    {
        field: "observeMembers",
        class: "state-only",
        why: "a refresh reads it from the state: turning it on is an update that only records it (and counts the members)",
        value: () => true,
        engine: true,
    },
    {
        field: "applySuggestions",
        class: "state-only",
        why: "a refresh reads it from the state; it needs a review-required group, which here has nothing to approve",
        before: () => ({ membershipMethod: "DYNAMIC_REVIEW_REQUIRED" }),
        value: () => true,
    },
];

/** The UserGroup table. */
export const userGroupTable: ResourceTable<UserGroupFixture> = {
    resource: "UserGroup",
    expansions: [
        { field: "attributes", file: ARGS, interface: "UserGroupAttributesArgs", by: { keys: true } },
        { field: "memberQuery", file: ARGS, interface: "MemberQueryArgs", by: { variantsOf: "queryType" } },
    ],
    rows,

    async agreements() {
        const { BODY_FIELDS, QUERY_TYPES } = await import("../../../provider/model/user-group");
        const { USER_GROUP_INPUT_KEYS } = await import("../../../provider/model/user-group-validation");
        const updated = [...new Set(rows.filter((r) => r.class === "update").map((r) => r.field.split(".")[0]!))];
        const args = interfaceMembers(ARGS, "UserGroupArgs").properties;
        const attributeKeys = interfaceMembers(ARGS, "UserGroupAttributesArgs").properties;
        return [
            { what: "the inputs check accepts (USER_GROUP_INPUT_KEYS)", actual: USER_GROUP_INPUT_KEYS, expected: args },
            {
                what: "the fields the diff compares and the PUT sends (BODY_FIELDS)",
                actual: BODY_FIELDS,
                expected: updated,
            },
            {
                what: "the API's PUT body (simulator schema user-group-put)",
                actual: writableFields(),
                expected: updated,
            },
            {
                what: "the attribute keys the model types (UserGroupAttributesInput)",
                actual: interfaceMembers(MODEL, "UserGroupAttributesInput").properties,
                expected: attributeKeys,
            },
            { what: "the attribute keys of the API's schema", actual: schemaAttributeKeys(), expected: attributeKeys },
            {
                what: "the member query shapes the model knows (QUERY_TYPES)",
                actual: QUERY_TYPES,
                expected: memberLiterals(ARGS, "MemberQueryArgs", "queryType"),
            },
        ];
    },

    async runtime() {
        return import("../../../provider/runtime/user-group");
    },

    async arrange(ctx: TableContext) {
        const { users } = await simAdmin(ctx.sim.origin).seed({
            // The same key reaches a second organisation, so a group can move there.
            orgs: [{ id: ORG_B, apiKeys: [ctx.sim.apiKey] }],
            users: ["ug-ada", "ug-ben", "ug-cy"].map((u) => ({ username: u, email: `${u}@example.com` })),
        });
        return { users, orgA: ctx.sim.orgId, orgB: ORG_B };
    },

    base(fx) {
        return {
            name: "Field table",
            description: "Before",
            email: "before@example.com",
            attributes: {
                sudo: { enabled: true, withoutPassword: false },
                ldapGroups: [{ name: "eng" }],
                posixGroups: [{ id: 5001, name: "eng" }],
                radius: { reply: [{ name: "Filter-Id", value: "eng" }] },
                sambaEnabled: false,
                costCenter: "42",
            },
            membershipMethod: "STATIC",
            memberQuery: filterQuery("Engineering"),
            memberQueryExemptions: [exemption(fx.users[0]!)],
            memberSuggestionsNotify: false,
        };
    },

    async observe(ctx, id, inputs) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        const reply = await ctx.apiReply("GET", `/usergroups/${id}`, undefined, org);
        if (reply.status === 404) return undefined;
        if (reply.status !== 200) throw new Error(`GET /usergroups/${id}: ${reply.status}`);
        const live = reply.json as Json;
        const out: Json = { orgId: live["organizationObjectId"] };
        for (const f of writableFields()) {
            if (f !== "attributes") out[f] = live[f];
        }
        for (const [k, v] of Object.entries((live["attributes"] as Json | undefined) ?? {})) out[`attributes.${k}`] = v;
        return out;
    },

    async consoleSet(ctx, id, inputs, field, value) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        const live = await ctx.api("GET", `/usergroups/${id}`, undefined, org);
        const body: Json = {};
        for (const f of writableFields()) if (live[f] !== undefined) body[f] = live[f];
        await ctx.api("PUT", `/usergroups/${id}`, withField(body, field, value), org);
    },

    async unmanaged(ctx, id, inputs) {
        // An attribute added in the console: the full PUT of every update must keep it.
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        const live = await ctx.api("GET", `/usergroups/${id}`, undefined, org);
        const body: Json = {};
        for (const f of writableFields()) if (live[f] !== undefined) body[f] = live[f];
        await ctx.api("PUT", `/usergroups/${id}`, withField(body, "attributes.consoleOnly", "kept"), org);
    },
};
