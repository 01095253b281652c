/**
 * The UserPushEndpoint field table. Each update row manages its own field only, so the other one (changed in the
 * console before the update) must survive the PATCH. The replace rows manage both, so the adopted device ends up
 * with the same name and state as the one it replaces.
 */
import { simAdmin } from "../../../simulator/admin-client";
import { schema } from "../../../simulator/schemas";
import { interfaceMembers } from "./declared-types";
import type { FieldRow, Json, ResourceTable, TableContext } from "./table";

const ARGS = "provider/resources/user-push-endpoint.ts";
const ORG_B = "5f00000000000000000000b2";

/** Alice with two enrolled devices, Bob with none, and a second organisation the key reaches. */
export interface PushEndpointFixture {
    readonly alice: string;
    readonly bob: string;
    readonly phone: string;
    readonly tablet: string;
    readonly orgA: string;
    readonly orgB: string;
}

const managedBoth = () => ({ name: "Alice's phone", state: "active" });
const devicePath = /^\/users\/[0-9a-f]{24}\/pushendpoints\/[0-9a-f]{24}$/;

const rows: ReadonlyArray<FieldRow<PushEndpointFixture>> = [
    {
        field: "userId",
        class: "replace",
        why: "documented on UserPushEndpointArgs.userId: a device belongs to its user, so Bob has no such device",
        before: managedBoth,
        value: (fx) => fx.bob,
        refused: {
            error: /has no push endpoint/,
            sends: (fx) => ({ method: "GET", path: new RegExp(`^/users/${fx.bob}/pushendpoints/${fx.phone}$`) }),
        },
    },
    {
        field: "pushEndpointId",
        class: "replace",
        why: "documented on UserPushEndpointArgs.pushEndpointId: another device is adopted",
        before: managedBoth,
        value: (fx) => fx.tablet,
        noDrift: "the console cannot change a device's id",
    },
    {
        field: "name",
        class: "update",
        before: () => ({ name: "Alice's phone" }),
        value: () => "Work phone",
        drift: () => "Renamed in the console",
    },
    {
        field: "state",
        class: "update",
        before: () => ({ state: "active" }),
        value: () => "inactive",
        drift: () => "active",
        engine: true,
    },
    {
        field: "orgId",
        class: "replace",
        why: "documented on UserPushEndpointArgs.orgId: the user is not in the other organisation",
        before: (fx) => ({ ...managedBoth(), orgId: fx.orgA }),
        value: (fx) => fx.orgB,
        refused: {
            error: /has no push endpoint/,
            sends: (fx) => ({ method: "GET", path: devicePath, orgId: fx.orgB }),
        },
    },
];

/** "<userId>/<pushEndpointId>", the resource id, as the API's path. */
function pathOf(id: string): string {
    const [user, device] = id.split("/");
    return `/users/${user}/pushendpoints/${device}`;
}

/** The UserPushEndpoint table. */
export const pushEndpointTable: ResourceTable<PushEndpointFixture> = {
    resource: "UserPushEndpoint",
    rows,

    async agreements() {
        const { PUSH_ENDPOINT_INPUT_KEYS } = await import("../../../provider/model/push-endpoint");
        return [
            {
                what: "the inputs check accepts (PUSH_ENDPOINT_INPUT_KEYS)",
                actual: PUSH_ENDPOINT_INPUT_KEYS,
                expected: interfaceMembers(ARGS, "UserPushEndpointArgs").properties,
            },
            {
                what: "the API's PATCH body (simulator schema push-endpoint-patch)",
                actual: Object.keys((schema("push-endpoint-patch") as { properties: Json }).properties),
                expected: rows.filter((r) => r.class === "update").map((r) => r.field),
            },
        ];
    },

    async runtime() {
        return import("../../../provider/runtime/push-endpoint");
    },

    async arrange(ctx: TableContext) {
        const admin = simAdmin(ctx.sim.origin);
        const { users } = await admin.seed({
            orgs: [{ id: ORG_B, apiKeys: [ctx.sim.apiKey] }],
            users: [
                { username: "pe-alice", email: "pe-alice@example.com" },
                { username: "pe-bob", email: "pe-bob@example.com" },
            ],
        });
        const [alice, bob] = users as [string, string];
        const { pushEndpoints } = await admin.seed({
            pushEndpoints: [
                { userId: alice, name: "Alice's phone", state: "active" },
                { userId: alice, name: "Old tablet", state: "inactive" },
            ],
        });
        const [phone, tablet] = pushEndpoints as [string, string];
        return { alice, bob, phone, tablet, orgA: ctx.sim.orgId, orgB: ORG_B };
    },

    base(fx) {
        return { userId: fx.alice, pushEndpointId: fx.phone };
    },

    async observe(ctx, id, inputs) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : ctx.sim.orgId;
        const reply = await ctx.apiReply("GET", pathOf(id), undefined, org);
        if (reply.status === 404) return undefined;
        const live = reply.json as Json;
        return {
            userId: id.split("/")[0],
            pushEndpointId: live["id"],
            name: live["name"],
            state: live["state"],
            orgId: org,
        };
    },

    async consoleSet(ctx, id, inputs, field, value) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        await ctx.api("PATCH", pathOf(id), { [field]: value }, org);
    },

    async unmanaged(ctx, id, inputs) {
        // The field this program leaves alone, changed in the console: the PATCH of the managed one must keep it.
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        const patch = inputs["name"] === undefined ? { name: "Named in the console" } : { state: "inactive" };
        await ctx.api("PATCH", pathOf(id), patch, org);
    },
};
