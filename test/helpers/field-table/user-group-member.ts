/**
 * The UserGroupMember field table. The resource is one edge between a group and a user: every input names another
 * edge, so every change replaces it (the old edge removed first, then the new one added). The console can only
 * remove the edge, which drops the resource on refresh (test/contract/runtime-user-group-membership.test.ts).
 */
import { interfaceMembers } from "./declared-types";
import type { FieldRow, Json, ResourceTable, TableContext } from "./table";
import { liveMembers, seedGraph } from "./user-group-membership";

const ARGS = "provider/resources/user-group-member.ts";
const ORG_B = "5f00000000000000000000b2";

/** Two users, two static groups, and a second organisation the key reaches. */
export interface MemberFixture {
    readonly users: readonly [string, string];
    readonly groups: readonly [string, string];
    readonly orgA: string;
    readonly orgB: string;
}

const NO_DRIFT = "an edge's ends cannot change: the console can only remove it (the resource then drops on refresh)";

const rows: ReadonlyArray<FieldRow<MemberFixture>> = [
    {
        field: "groupId",
        class: "replace",
        why: "documented on UserGroupMemberArgs.groupId: the user in another group",
        value: (fx) => fx.groups[1],
        replacedLeaves: () => undefined,
        noDrift: NO_DRIFT,
        engine: true,
    },
    {
        field: "userId",
        class: "replace",
        why: "documented on UserGroupMemberArgs.userId: another user in the group",
        value: (fx) => fx.users[1],
        replacedLeaves: () => undefined,
        noDrift: NO_DRIFT,
    },
    {
        field: "orgId",
        class: "replace",
        why: "documented on UserGroupMemberArgs.orgId: the group is not in the other organisation",
        before: (fx) => ({ orgId: fx.orgA }),
        value: (fx) => fx.orgB,
        refused: {
            error: /JumpCloud has no user \S+ or no user group/,
            sends: (fx) => ({
                method: "POST",
                path: new RegExp(`^/usergroups/${fx.groups[0]}/members$`),
                orgId: fx.orgB,
                body: { op: "add", type: "user", id: fx.users[0] },
            }),
        },
    },
];

/** The UserGroupMember table. */
export const memberTable: ResourceTable<MemberFixture> = {
    resource: "UserGroupMember",
    rows,

    async agreements() {
        const { USER_GROUP_MEMBER_INPUT_KEYS, USER_GROUP_MEMBER_REPLACING_KEYS } = await import(
            "../../../provider/model/user-group-member"
        );
        return [
            {
                what: "the inputs check accepts (USER_GROUP_MEMBER_INPUT_KEYS)",
                actual: USER_GROUP_MEMBER_INPUT_KEYS,
                expected: interfaceMembers(ARGS, "UserGroupMemberArgs").properties,
            },
            {
                what: "the inputs the diff replaces on (USER_GROUP_MEMBER_REPLACING_KEYS)",
                actual: USER_GROUP_MEMBER_REPLACING_KEYS,
                expected: rows.filter((r) => r.class === "replace").map((r) => r.field),
            },
        ];
    },

    async runtime() {
        return import("../../../provider/runtime/user-group-member");
    },

    async arrange(ctx: TableContext) {
        const { users, userGroups } = await seedGraph(ctx, "ugmb", 2, 2);
        return {
            users: users.map((u) => u.toLowerCase()) as unknown as MemberFixture["users"],
            groups: userGroups.map((g) => g.toLowerCase()) as unknown as MemberFixture["groups"],
            orgA: ctx.sim.orgId,
            orgB: ORG_B,
        };
    },

    base(fx) {
        return { groupId: fx.groups[0], userId: fx.users[0] };
    },

    equivalents(fx) {
        return [{ what: "the same ids in upper case", inputs: { groupId: fx.groups[0].toUpperCase() } }];
    },

    async observe(ctx, id, inputs) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : ctx.sim.orgId;
        const [groupId, userId] = id.split("/") as [string, string];
        const members = await liveMembers(ctx, groupId, org);
        if (!members?.includes(userId)) return undefined;
        return { groupId, userId, orgId: org } satisfies Json;
    },

    async consoleSet() {
        throw new Error("the console cannot change an edge's ends");
    },
};
