/**
 * `jumpcloud.WorkdayInstance`: the organisation's Workday import instance (JumpCloud allows one, named
 * "Workday Import").
 */
import * as pulumi from "@pulumi/pulumi";
import * as workdayInstanceProvider from "./workday-instance-provider";

/** The inputs of a {@link WorkdayInstance}. */
export interface WorkdayInstanceArgs {
    /** The Workday custom report URL (https), e.g. `https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json`. */
    reportUrl: pulumi.Input<string>;
    /** The Workday Integration System User's login name. */
    username: pulumi.Input<string>;
    /**
     * Its password. Always stored as a secret, even when given as a plain string; never in outputs, logs or diffs.
     * A new password (or username) re-authorises the instance.
     */
    password: pulumi.Input<string>;
    /** The instance's name; JumpCloud accepts only "Workday Import". @default "Workday Import" */
    name?: pulumi.Input<"Workday Import">;
    /**
     * Take over the organisation's existing instance (its report URL and credentials are replaced by these) instead
     * of failing on JumpCloud's one-instance rule. @default false
     */
    adopt?: pulumi.Input<boolean>;
    /** The organisation (`x-org-id`) for multi-tenant admins; changing it replaces the resource. @default jumpcloud:orgId */
    orgId?: pulumi.Input<string>;
}

/** The status of the instance's basic credentials. */
export interface WorkdayAuthStatusOutput {
    /** False when the credentials are missing or were rejected (e.g. deauthorised in the console). */
    isValid: boolean;
    expiry?: string;
    message?: string;
}

/**
 * The Workday import instance. Its id is the instance's id. Destroying it removes its credentials (DELETE
 * `/workdays/{id}/auth`) and forgets it: the API cannot delete the instance. With `retainOnDelete: true` the
 * credentials stay too.
 */
export class WorkdayInstance extends pulumi.dynamic.Resource {
    /** Always "Workday Import". */
    declare readonly name: pulumi.Output<string>;
    declare readonly reportUrl: pulumi.Output<string>;
    /** When the last import ran, as JumpCloud reports it. */
    declare readonly lastImport: pulumi.Output<string | undefined>;
    /** The credentials' status; the credentials themselves are never output. */
    declare readonly auth: pulumi.Output<WorkdayAuthStatusOutput>;
    /** True while the credentials are valid. */
    declare readonly authorized: pulumi.Output<boolean>;
    /** True when the instance existed and was adopted. */
    declare readonly adopted: pulumi.Output<boolean>;
    declare readonly adopt: pulumi.Output<boolean>;
    declare readonly orgId: pulumi.Output<string | undefined>;

    constructor(name: string, args: WorkdayInstanceArgs, opts?: pulumi.CustomResourceOptions) {
        const inputs = {
            ...args,
            // A secret even when the program passes a plain string: the engine encrypts it in state.
            password: pulumi.secret(args.password),
            // The desired state of the credentials; `read` reports the live one (see the model).
            authorized: true,
            lastImport: undefined,
            auth: undefined,
            adopted: undefined,
            credentialFingerprint: undefined,
        };
        const secretOutputs = ["password", "credentialFingerprint"];
        const merged = {
            ...opts,
            additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...secretOutputs])],
        };
        super(workdayInstanceProvider, name, inputs, merged, "jumpcloud", "WorkdayInstance");
    }
}
