/**
 * The UserGroupMembership field table. The resource is the authoritative member set of one group: `userIds` is
 * updated in place (one POST per user added or removed), the group and the organisation replace it. A member set
 * is a set: the same users in another order or case is no change.
 */
import { simAdmin } from "../../../simulator/admin-client";
import { interfaceMembers } from "./declared-types";
import type { FieldRow, Json, ResourceTable, TableContext } from "./table";

const ARGS = "provider/resources/user-group-membership.ts";
const ORG_B = "5f00000000000000000000b2";

/** Three users, two static groups, and a second organisation the key reaches. */
export interface MembershipFixture {
    readonly users: readonly [string, string, string];
    readonly groups: readonly [string, string];
    readonly orgA: string;
    readonly orgB: string;
}

const sorted = (ids: string[]) => [...ids].sort();

const rows: ReadonlyArray<FieldRow<MembershipFixture>> = [
    {
        field: "groupId",
        class: "replace",
        why: "documented on UserGroupMembershipArgs.groupId: the members of another group",
        value: (fx) => fx.groups[1],
        // The old group's members, the ones the membership held, are removed: it is left without direct members.
        replacedLeaves: (fx) => ({ groupId: fx.groups[0], userIds: [], orgId: fx.orgA }),
        noDrift: "the console cannot change which group a membership names",
    },
    {
        field: "userIds",
        class: "update",
        why: "one user added and one removed",
        value: (fx) => sorted([fx.users[0], fx.users[2]]),
        drift: (fx) => [fx.users[1]],
        engine: true,
    },
    {
        field: "orgId",
        class: "replace",
        why: "documented on UserGroupMembershipArgs.orgId: the group is not in the other organisation",
        before: (fx) => ({ orgId: fx.orgA }),
        value: (fx) => fx.orgB,
        refused: {
            error: /is not a user group of this organisation/,
            sends: (fx) => ({
                method: "GET",
                path: new RegExp(`^/usergroups/${fx.groups[0]}/members(\\?|$)`),
                orgId: fx.orgB,
            }),
        },
    },
];

/** The group's direct members, sorted (every page). */
export async function liveMembers(ctx: TableContext, groupId: string, org?: string): Promise<string[] | undefined> {
    const ids: string[] = [];
    for (let skip = 0; ; skip += 100) {
        const reply = await ctx.apiReply(
            "GET",
            `/usergroups/${groupId}/members?limit=100&skip=${skip}`,
            undefined,
            org,
        );
        if (reply.status === 404) return undefined;
        if (reply.status !== 200) throw new Error(`GET /usergroups/${groupId}/members: ${reply.status}`);
        const page = reply.json as Array<{ to: { id: string } }>;
        ids.push(...page.map((edge) => edge.to.id.toLowerCase()));
        if (page.length < 100) return ids.sort();
    }
}

/** A console change of a group's direct members (raw graph POSTs) to exactly `want`. */
export async function setMembers(ctx: TableContext, groupId: string, want: readonly string[], org?: string) {
    const live = (await liveMembers(ctx, groupId, org)) ?? [];
    for (const id of want.filter((u) => !live.includes(u))) {
        await ctx.api("POST", `/usergroups/${groupId}/members`, { op: "add", type: "user", id }, org);
    }
    for (const id of live.filter((u) => !want.includes(u))) {
        await ctx.api("POST", `/usergroups/${groupId}/members`, { op: "remove", type: "user", id }, org);
    }
}

/** Seeds users (named with `prefix`) and static groups, and the second organisation. */
export async function seedGraph(ctx: TableContext, prefix: string, users: number, groups: number) {
    return simAdmin(ctx.sim.origin).seed({
        orgs: [{ id: ORG_B, apiKeys: [ctx.sim.apiKey] }],
        users: Array.from({ length: users }, (_, i) => ({
            username: `${prefix}-${i}`,
            email: `${prefix}-${i}@example.com`,
        })),
        userGroups: Array.from({ length: groups }, (_, i) => ({ name: `${prefix} group ${i}` })),
    });
}

/** The UserGroupMembership table. */
export const membershipTable: ResourceTable<MembershipFixture> = {
    resource: "UserGroupMembership",
    rows,

    async agreements() {
        const { USER_GROUP_MEMBERSHIP_INPUT_KEYS, USER_GROUP_MEMBERSHIP_REPLACING_KEYS } = await import(
            "../../../provider/model/user-group-membership"
        );
        return [
            {
                what: "the inputs check accepts (USER_GROUP_MEMBERSHIP_INPUT_KEYS)",
                actual: USER_GROUP_MEMBERSHIP_INPUT_KEYS,
                expected: interfaceMembers(ARGS, "UserGroupMembershipArgs").properties,
            },
            {
                what: "the inputs the diff replaces on (USER_GROUP_MEMBERSHIP_REPLACING_KEYS)",
                actual: USER_GROUP_MEMBERSHIP_REPLACING_KEYS,
                expected: rows.filter((r) => r.class === "replace").map((r) => r.field),
            },
        ];
    },

    async runtime() {
        return import("../../../provider/runtime/user-group-membership");
    },

    async arrange(ctx: TableContext) {
        const { users, userGroups } = await seedGraph(ctx, "ugms", 3, 2);
        return {
            users: users.map((u) => u.toLowerCase()) as unknown as MembershipFixture["users"],
            groups: userGroups.map((g) => g.toLowerCase()) as unknown as MembershipFixture["groups"],
            orgA: ctx.sim.orgId,
            orgB: ORG_B,
        };
    },

    base(fx) {
        return { groupId: fx.groups[0], userIds: sorted([fx.users[0], fx.users[1]]) };
    },

    equivalents(fx) {
        return [
            { what: "the same users in another order", inputs: { userIds: [fx.users[1], fx.users[0]] } },
            { what: "the same users in upper case", inputs: { userIds: [fx.users[0].toUpperCase(), fx.users[1]] } },
        ];
    },

    async observe(ctx, id, inputs) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : ctx.sim.orgId;
        const userIds = await liveMembers(ctx, id, org);
        if (userIds === undefined) return undefined;
        return { groupId: id, userIds, orgId: org } satisfies Json;
    },

    async consoleSet(ctx, id, inputs, field, value) {
        if (field !== "userIds") throw new Error(`the console cannot change a membership's ${field}`);
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        await setMembers(ctx, id, value as string[], org);
    },
};
