/**
 * `jumpcloud.UserGroupMembership`: the authoritative set of a user group's direct members.
 */
import * as pulumi from "@pulumi/pulumi";
import * as membershipProvider from "./user-group-membership-provider";

/** The inputs of a {@link UserGroupMembership}. */
export interface UserGroupMembershipArgs {
    /** The group's ObjectId (e.g. `group.id`). A change replaces the resource. */
    groupId: pulumi.Input<string>;
    /** The group's direct members, as user ObjectIds: a set (order and case do not matter); `[]` means none. */
    userIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The organisation (`x-org-id`) for multi-tenant admins; a change replaces the resource. @default jumpcloud:orgId */
    orgId?: pulumi.Input<string>;
}

/**
 * The direct members of one static user group, authoritatively: after `up` they are exactly `userIds` (users added
 * in the console are removed, users removed in the console are added back, and `preview --refresh` shows either
 * as a change of `userIds`). Destroy removes the members it holds and leaves any other member alone. A group is
 * managed by one UserGroupMembership or by any number of {@link UserGroupMember}s, never both. A dynamic group
 * refuses it (its members come from its `memberQuery`). The id is the group's id.
 */
export class UserGroupMembership extends pulumi.dynamic.Resource {
    declare readonly groupId: pulumi.Output<string>;
    /** The group's direct members, lower-cased and sorted. */
    declare readonly userIds: pulumi.Output<string[]>;
    declare readonly orgId: pulumi.Output<string | undefined>;

    constructor(name: string, args: UserGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
        super(membershipProvider, name, { ...args }, opts, "jumpcloud", "UserGroupMembership");
    }
}
