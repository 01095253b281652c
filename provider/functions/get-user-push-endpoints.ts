/**
 * `getUserPushEndpoints`: a user's enrolled push (MFA) devices.
 */
import * as pulumi from "@pulumi/pulumi";
import { callOptions } from "../client/call-options";
import { OBJECT_ID } from "../client/paths";
import type { ApiPushEndpoint } from "../client/types";
import { Validator } from "../model/validation";
import { assertValid, programClient } from "./program-client";

/** Arguments of {@link getUserPushEndpoints}. */
export interface GetUserPushEndpointsArgs {
    /** The user's ObjectId. */
    userId: string;
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
}

/** The result of {@link getUserPushEndpoints}. */
export interface GetUserPushEndpointsResult {
    readonly userId: string;
    /** Every enrolled device of the user. */
    readonly pushEndpoints: ApiPushEndpoint[];
}

/** A user's enrolled push devices. Runs at program time, in preview and in up. */
export async function getUserPushEndpoints(args: GetUserPushEndpointsArgs): Promise<GetUserPushEndpointsResult> {
    const v = new Validator();
    if (v.inputs(args, ["userId", "orgId"], "must be an object, e.g. { userId: user.id }")) {
        v.string("userId", args.userId, { required: true, pattern: OBJECT_ID, example: '"5f0c1b2c3d4e5f6a7b8c9d0e"' });
        v.string("orgId", args.orgId, { pattern: OBJECT_ID });
    }
    assertValid("getUserPushEndpoints", v.failures);
    const options = callOptions(args.orgId);
    const pushEndpoints = await programClient().pushEndpoints.list(args.userId, options);
    return { userId: args.userId, pushEndpoints };
}

/** {@link getUserPushEndpoints} for arguments that are Outputs. */
export function getUserPushEndpointsOutput(args: {
    userId: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
}): pulumi.Output<GetUserPushEndpointsResult> {
    return pulumi.output(args).apply((a) => getUserPushEndpoints(a));
}
