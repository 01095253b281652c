/**
 * `jumpcloud.WorkdayImport`: one Workday import job.
 */
import * as pulumi from "@pulumi/pulumi";
import * as workdayImportProvider from "./workday-import-provider";

/** One custom attribute of an imported user. */
export interface BulkUserAttributeArgs {
    name: pulumi.Input<string>;
    /** At most 1024 characters. */
    value: pulumi.Input<string>;
}

/**
 * One user to import (the API's `bulk-user-create`). Note the lower-case `firstname` and `lastname`. Any other
 * field of that shape (department, jobTitle, state, ...) is accepted and checked.
 */
export interface BulkUserArgs {
    /** Required; at most 1024 characters. */
    email: pulumi.Input<string>;
    /** Required; no whitespace. */
    username: pulumi.Input<string>;
    firstname?: pulumi.Input<string>;
    lastname?: pulumi.Input<string>;
    /** Custom attributes; each value at most 1024 characters. */
    attributes?: pulumi.Input<pulumi.Input<BulkUserAttributeArgs>[]>;
    /** Other `bulk-user-create` fields. A `password` makes the whole user list a secret. */
    [field: string]: unknown;
}

/** The inputs of a {@link WorkdayImport}. */
export interface WorkdayImportArgs {
    /** The Workday instance's id (e.g. `workday.id`). A change starts a new job (replace). */
    workdayId: pulumi.Input<string>;
    /** The users to import: at least one, each with an email and a username. A change starts a new job (replace). */
    users: pulumi.Input<pulumi.Input<BulkUserArgs>[]>;
    /** Wait in `pulumi up` until every user has a final status. @default true */
    waitForResults?: pulumi.Input<boolean>;
    /** How long to wait, in seconds (1-3600); after it the job is recorded with `complete: false`. @default 300 */
    timeoutSeconds?: pulumi.Input<number>;
    /** The organisation (`x-org-id`) for multi-tenant admins; a change starts a new job there (replace). @default jumpcloud:orgId */
    orgId?: pulumi.Input<string>;
}

/** One user the import did not create. */
export interface FailedImportUserOutput {
    id?: string;
    username?: string;
    email?: string;
    status: string;
    message: string;
}

function hasPassword(users: unknown): boolean {
    return Array.isArray(users) && users.some((u) => typeof u === "object" && u !== null && "password" in u);
}

/**
 * An import job. Its id is the job id. Jobs cannot be changed or deleted: a change to the users replaces the
 * resource (a new job), and destroy forgets it (the users stay imported).
 */
export class WorkdayImport extends pulumi.dynamic.Resource {
    declare readonly workdayId: pulumi.Output<string>;
    declare readonly jobId: pulumi.Output<string>;
    /** True when every user had a final status by the end of `create` (or the last refresh). */
    declare readonly complete: pulumi.Output<boolean>;
    /** Result rows seen. */
    declare readonly total: pulumi.Output<number>;
    /** Result rows by status. */
    declare readonly counts: pulumi.Output<Record<string, number>>;
    declare readonly succeeded: pulumi.Output<number>;
    /** Users that failed for another reason than already existing in JumpCloud. */
    declare readonly failed: pulumi.Output<number>;
    /** Users JumpCloud already had (same username or email), so the job did not create them; not a failure. */
    declare readonly alreadyImported: pulumi.Output<number>;
    declare readonly pending: pulumi.Output<number>;
    /** The users that were not imported, with JumpCloud's message. */
    declare readonly failedUsers: pulumi.Output<FailedImportUserOutput[]>;
    /** The users JumpCloud already had, with its message. */
    declare readonly alreadyImportedUsers: pulumi.Output<FailedImportUserOutput[]>;

    constructor(name: string, args: WorkdayImportArgs, opts?: pulumi.CustomResourceOptions) {
        // Imported users may carry initial passwords: then the whole list is kept as a secret.
        const users = pulumi.output(args.users).apply((list) => (hasPassword(list) ? pulumi.secret(list) : list));
        const outputsOnly = {
            jobId: undefined,
            complete: undefined,
            total: undefined,
            counts: undefined,
            succeeded: undefined,
            failed: undefined,
            alreadyImported: undefined,
            pending: undefined,
            failedUsers: undefined,
            alreadyImportedUsers: undefined,
        };
        super(workdayImportProvider, name, { ...outputsOnly, ...args, users }, opts, "jumpcloud", "WorkdayImport");
    }
}
