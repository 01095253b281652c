/**
 * The UserGroupAssociation field table. The resource is one edge from a group to a target: the group, the target's
 * type and id and the organisation name another edge (a replacement, the old edge removed first), while
 * `attributes` are changed in place (`op: update`). A target id names an object of one type, so changing the type
 * alone is refused by the API, and so is the organisation alone (the group is not in the other one).
 */

import { simAdmin } from "../../../simulator/admin-client";
import { schema } from "../../../simulator/schemas";
import { interfaceMembers } from "./declared-types";
import type { FieldRow, Json, ResourceTable, TableContext } from "./table";
import { seedGraph } from "./user-group-membership";

const ARGS = "provider/resources/user-group-association.ts";
const ORG_B = "5f00000000000000000000b2";

/** Two static groups, two systems, and a second organisation the key reaches. */
export interface AssociationFixture {
    readonly groups: readonly [string, string];
    readonly systems: readonly [string, string];
    readonly orgA: string;
    readonly orgB: string;
}

const sudo = (enabled: boolean, withoutPassword: boolean) => ({ sudo: { enabled, withoutPassword } });
const NO_DRIFT = "an edge's ends cannot change: the console can only remove it (the resource then drops on refresh)";

/** The graph operation body as the API defines it (simulator schema graph-operation-user-group). */
function operationFields(): string[] {
    const parts = (schema("graph-operation-user-group") as { allOf: Array<{ properties: Json }> }).allOf;
    return parts.flatMap((p) => Object.keys(p.properties));
}

function targetTypesOfSchema(): string[] {
    const parts = (schema("graph-operation-user-group") as { allOf: Array<{ properties: Json }> }).allOf;
    const type = parts.map((p) => p.properties["type"] as { enum?: string[] } | undefined).find((t) => t?.enum);
    return type?.enum ?? [];
}

const rows: ReadonlyArray<FieldRow<AssociationFixture>> = [
    {
        field: "groupId",
        class: "replace",
        why: "documented on UserGroupAssociationArgs.groupId: another group's edge",
        value: (fx) => fx.groups[1],
        replacedLeaves: () => undefined,
        noDrift: NO_DRIFT,
    },
    {
        field: "targetType",
        class: "replace",
        why: "documented on UserGroupAssociationArgs.targetType: the id names a system, so no system group has it",
        value: () => "system_group",
        refused: {
            error: /no system_group/,
            sends: (fx) => ({
                method: "POST",
                path: new RegExp(`^/usergroups/${fx.groups[0]}/associations$`),
                body: { op: "add", type: "system_group", id: fx.systems[0], attributes: sudo(true, false) },
            }),
        },
    },
    {
        field: "targetId",
        class: "replace",
        why: "documented on UserGroupAssociationArgs.targetId: an edge to another system",
        value: (fx) => fx.systems[1],
        replacedLeaves: () => undefined,
        noDrift: NO_DRIFT,
    },
    {
        field: "attributes",
        class: "update",
        why: "sent in place with op: update",
        value: () => sudo(true, true),
        drift: () => sudo(false, false),
        engine: true,
    },
    {
        field: "orgId",
        class: "replace",
        why: "documented on UserGroupAssociationArgs.orgId: the group is not in the other organisation",
        before: (fx) => ({ orgId: fx.orgA }),
        value: (fx) => fx.orgB,
        refused: {
            error: /JumpCloud has no user group/,
            sends: (fx) => ({
                method: "POST",
                path: new RegExp(`^/usergroups/${fx.groups[0]}/associations$`),
                orgId: fx.orgB,
            }),
        },
    },
];

/** The UserGroupAssociation table. */
export const associationTable: ResourceTable<AssociationFixture> = {
    resource: "UserGroupAssociation",
    classInputs: {
        attributesManaged:
            "left undefined by the resource class, so the output exists for programs; check drops it (not an input)",
    },
    rows,

    async agreements() {
        const { USER_GROUP_ASSOCIATION_INPUT_KEYS, USER_GROUP_ASSOCIATION_REPLACING_KEYS } = await import(
            "../../../provider/model/user-group-association"
        );
        const { ASSOCIATION_TARGET_TYPES } = await import("../../../provider/client/types");
        return [
            {
                what: "the inputs check accepts (USER_GROUP_ASSOCIATION_INPUT_KEYS)",
                actual: USER_GROUP_ASSOCIATION_INPUT_KEYS,
                expected: interfaceMembers(ARGS, "UserGroupAssociationArgs").properties,
            },
            {
                what: "the inputs the diff replaces on (USER_GROUP_ASSOCIATION_REPLACING_KEYS)",
                actual: USER_GROUP_ASSOCIATION_REPLACING_KEYS,
                expected: rows.filter((r) => r.class === "replace").map((r) => r.field),
            },
            {
                what: "what an `op: update` can change (simulator schema graph-operation-user-group, besides op/id/type)",
                actual: operationFields().filter((f) => !["op", "id", "type"].includes(f)),
                expected: rows.filter((r) => r.class === "update").map((r) => r.field),
            },
            {
                what: "the target types (ASSOCIATION_TARGET_TYPES) and the API's",
                actual: ASSOCIATION_TARGET_TYPES,
                expected: targetTypesOfSchema(),
            },
        ];
    },

    async runtime() {
        return import("../../../provider/runtime/user-group-association");
    },

    async arrange(ctx: TableContext) {
        const { userGroups } = await seedGraph(ctx, "ugas", 0, 2);
        const { targets } = await simAdmin(ctx.sim.origin).seed({
            targets: [
                { type: "system", name: "ugas-srv-1" },
                { type: "system", name: "ugas-srv-2" },
            ],
        });
        return {
            groups: userGroups.map((g) => g.toLowerCase()) as unknown as AssociationFixture["groups"],
            systems: targets.map((t) => t.toLowerCase()) as unknown as AssociationFixture["systems"],
            orgA: ctx.sim.orgId,
            orgB: ORG_B,
        };
    },

    base(fx) {
        return { groupId: fx.groups[0], targetType: "system", targetId: fx.systems[0], attributes: sudo(true, false) };
    },

    equivalents(fx) {
        return [
            { what: "the same ids in upper case", inputs: { targetId: fx.systems[0].toUpperCase() } },
            {
                what: "sudo.withoutPassword left out (it defaults to false)",
                inputs: { attributes: { sudo: { enabled: true } } },
            },
        ];
    },

    async observe(ctx, id, inputs) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : ctx.sim.orgId;
        const [groupId, targetType, targetId] = id.split("/") as [string, string, string];
        const path = `/usergroups/${groupId}/associations?targets=${targetType}&limit=100`;
        const reply = await ctx.apiReply("GET", path, undefined, org);
        if (reply.status === 404) return undefined;
        if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status}`);
        const edges = reply.json as Array<{ to: { id: string }; attributes?: unknown }>;
        const edge = edges.find((e) => e.to.id.toLowerCase() === targetId);
        if (edge === undefined) return undefined;
        return { groupId, targetType, targetId, attributes: edge.attributes, orgId: org } satisfies Json;
    },

    async consoleSet(ctx, id, inputs, field, value) {
        if (field !== "attributes") throw new Error(`the console cannot change an edge's ${field}`);
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        const [groupId, type, targetId] = id.split("/") as [string, string, string];
        const body = { op: "update", type, id: targetId, attributes: value };
        await ctx.api("POST", `/usergroups/${groupId}/associations`, body, org);
    },
};
