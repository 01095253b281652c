/**
 * `jumpcloud.UserGroupAssociation`: a user group bound to a system, application, directory, server, policy or
 * password item.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ApiAssociationTargetType, ApiGraphAttributes } from "../client/types";
import * as associationProvider from "./user-group-association-provider";

/** The inputs of a {@link UserGroupAssociation}. */
export interface UserGroupAssociationArgs {
    /** The group's ObjectId (e.g. `group.id`). A change replaces the resource. */
    groupId: pulumi.Input<string>;
    /**
     * The target's type: active_directory, application, g_suite, idp_routing_policy, ldap_server, office_365,
     * password_manager_item, radius_server, system or system_group. A change replaces the resource.
     */
    targetType: pulumi.Input<ApiAssociationTargetType>;
    /** The target's ObjectId. A change replaces the resource. */
    targetId: pulumi.Input<string>;
    /**
     * The edge's attributes, e.g. `{ sudo: { enabled: true, withoutPassword: false } }` on a system or system group
     * (`withoutPassword` defaults to false). Changed in place. @default unset: the edge's attributes are left alone
     */
    attributes?: pulumi.Input<{
        sudo?: pulumi.Input<{ enabled: pulumi.Input<boolean>; withoutPassword?: pulumi.Input<boolean> }>;
        [key: string]: unknown;
    }>;
    /** The organisation (`x-org-id`) for multi-tenant admins; a change replaces the resource. @default jumpcloud:orgId */
    orgId?: pulumi.Input<string>;
}

/**
 * One association of a user group with a target. Create adds it (an existing one is adopted); new `attributes` are
 * sent in place (`op: update`); attributes changed in the console, or the association removed, show on refresh;
 * destroy removes exactly this association. The id is `<groupId>/<targetType>/<targetId>`.
 */
export class UserGroupAssociation extends pulumi.dynamic.Resource {
    declare readonly groupId: pulumi.Output<string>;
    declare readonly targetType: pulumi.Output<ApiAssociationTargetType>;
    declare readonly targetId: pulumi.Output<string>;
    /** The association's attributes as JumpCloud reports them. */
    declare readonly attributes: pulumi.Output<ApiGraphAttributes | undefined>;
    declare readonly orgId: pulumi.Output<string | undefined>;

    constructor(name: string, args: UserGroupAssociationArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            associationProvider,
            name,
            { attributesManaged: undefined, ...args },
            opts,
            "jumpcloud",
            "UserGroupAssociation",
        );
    }
}
