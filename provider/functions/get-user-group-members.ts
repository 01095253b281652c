/**
 * `getUserGroupMembers`: the direct members of a user group, every page, at program time.
 */
import * as pulumi from "@pulumi/pulumi";
import { callOptions } from "../client/call-options";
import { hasStatus } from "../client/errors";
import { OBJECT_ID } from "../client/paths";
import { Validator } from "../model/validation";
import { ObjectNotFoundError } from "../runtime/errors";
import { assertValid, programClient } from "./program-client";

/** Arguments of {@link getUserGroupMembers}. */
export interface GetUserGroupMembersArgs {
    /** The group's ObjectId. */
    groupId: string;
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
}

/** The result of {@link getUserGroupMembers}. */
export interface GetUserGroupMembersResult {
    readonly groupId: string;
    /** The group's direct members (for a dynamic group, the users its rule selects), lower-cased and sorted. */
    readonly userIds: string[];
}

async function lookUp(args: unknown): Promise<GetUserGroupMembersResult> {
    const v = new Validator();
    if (v.inputs(args, ["groupId", "orgId"], "must be an object, e.g. { groupId: group.id }")) {
        v.string("groupId", args.groupId, { required: true, pattern: OBJECT_ID, example: "group.id" });
        v.string("orgId", args.orgId, { pattern: OBJECT_ID });
    }
    assertValid("getUserGroupMembers", v.failures);
    const { groupId, orgId } = args as GetUserGroupMembersArgs;
    const userIds: string[] = [];
    try {
        for await (const edge of programClient().userGroups.members.list(groupId, callOptions(orgId))) {
            userIds.push(edge.to.id.toLowerCase());
        }
    } catch (e) {
        if (!hasStatus(e, 404)) throw e;
        throw new ObjectNotFoundError(
            `getUserGroupMembers: no user group has the id ${groupId}.`,
            `user group ${groupId}`,
            e,
        );
    }
    return { groupId, userIds: userIds.sort() };
}

/** The group's members, every page (⌊L/100⌋ + 1 requests). Runs at program time, in preview and in up. */
export function getUserGroupMembers(args: GetUserGroupMembersArgs): Promise<GetUserGroupMembersResult> {
    return lookUp(args);
}

/** {@link getUserGroupMembers} for arguments that are Outputs (e.g. `group.id`). */
export function getUserGroupMembersOutput(args: {
    groupId: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
}): pulumi.Output<GetUserGroupMembersResult> {
    return pulumi.output(args).apply(lookUp);
}
