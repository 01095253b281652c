/**
 * `jumpcloud.UserGroupMember`: one user in one user group, additively.
 */
import * as pulumi from "@pulumi/pulumi";
import * as memberProvider from "./user-group-member-provider";

/** The inputs of a {@link UserGroupMember}. Every change replaces the resource. */
export interface UserGroupMemberArgs {
    /** The group's ObjectId (e.g. `group.id`). A change replaces the resource. */
    groupId: pulumi.Input<string>;
    /** The user's ObjectId (e.g. from `getUser({ email })`). A change replaces the resource. */
    userId: pulumi.Input<string>;
    /** The organisation (`x-org-id`) for multi-tenant admins; a change replaces the resource. @default jumpcloud:orgId */
    orgId?: pulumi.Input<string>;
}

/**
 * One user's direct membership of one static group, leaving the group's other members alone. Create adds the user
 * (a user already in the group is adopted); destroy removes exactly this user. A user removed in the console drops
 * the resource on refresh, and the next `up` adds the user again. Do not combine with a {@link UserGroupMembership}
 * of the same group. The id is `<groupId>/<userId>`.
 */
export class UserGroupMember extends pulumi.dynamic.Resource {
    declare readonly groupId: pulumi.Output<string>;
    declare readonly userId: pulumi.Output<string>;
    declare readonly orgId: pulumi.Output<string | undefined>;

    constructor(name: string, args: UserGroupMemberArgs, opts?: pulumi.CustomResourceOptions) {
        super(memberProvider, name, { ...args }, opts, "jumpcloud", "UserGroupMember");
    }
}
