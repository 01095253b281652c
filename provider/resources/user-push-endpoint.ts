/**
 * `jumpcloud.UserPushEndpoint`: a user's enrolled push (MFA) device, adopted and managed.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ApiPushEndpointDevice } from "../client/types";
import * as pushEndpointProvider from "./user-push-endpoint-provider";

/** The inputs of a {@link UserPushEndpoint}. */
export interface UserPushEndpointArgs {
    /** The user's ObjectId. A change replaces the resource. */
    userId: pulumi.Input<string>;
    /** The device's push endpoint id (see `getUserPushEndpoints`). A change replaces the resource. */
    pushEndpointId: pulumi.Input<string>;
    /** The device name. @default unchanged (the name it enrolled with) */
    name?: pulumi.Input<string>;
    /** "active" or "inactive" (an inactive device cannot approve logins). @default unchanged */
    state?: pulumi.Input<"active" | "inactive">;
    /** The organisation (`x-org-id`) for multi-tenant admins; a change replaces the resource. @default jumpcloud:orgId */
    orgId?: pulumi.Input<string>;
}

/**
 * An enrolled push device of a user. The API cannot create one: `create` adopts the device the user enrolled with
 * JumpCloud Protect and sets its name and state. Destroy deletes (unenrols) the device; use `retainOnDelete: true`
 * to keep it. The id is `<userId>/<pushEndpointId>`.
 */
export class UserPushEndpoint extends pulumi.dynamic.Resource {
    declare readonly userId: pulumi.Output<string>;
    declare readonly pushEndpointId: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string | undefined>;
    declare readonly state: pulumi.Output<string | undefined>;
    /** When the device enrolled. */
    declare readonly enrollmentDate: pulumi.Output<string | undefined>;
    /** When the device last approved a login. */
    declare readonly lastUsedDate: pulumi.Output<string | undefined>;
    /** The device: app version, make, model, OS, OS version, user verification. */
    declare readonly device: pulumi.Output<ApiPushEndpointDevice | undefined>;
    declare readonly orgId: pulumi.Output<string | undefined>;

    constructor(name: string, args: UserPushEndpointArgs, opts?: pulumi.CustomResourceOptions) {
        const outputsOnly = {
            enrollmentDate: undefined,
            lastUsedDate: undefined,
            device: undefined,
            managedFields: undefined,
        };
        super(pushEndpointProvider, name, { ...outputsOnly, ...args }, opts, "jumpcloud", "UserPushEndpoint");
    }
}
