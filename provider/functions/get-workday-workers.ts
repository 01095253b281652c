/**
 * `getWorkdayWorkers`: the worker rows of the Workday instance's report, every page.
 */
import * as pulumi from "@pulumi/pulumi";
import { callOptions } from "../client/call-options";
import { collect } from "../client/pagination";
import { OBJECT_ID } from "../client/paths";
import type { ApiWorkdayWorker } from "../client/types";
import { Validator } from "../model/validation";
import { assertValid, programClient } from "./program-client";

/** Arguments of {@link getWorkdayWorkers}. */
export interface GetWorkdayWorkersArgs {
    /** The Workday instance's id. */
    workdayId: string;
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
}

/** The result of {@link getWorkdayWorkers}. */
export interface GetWorkdayWorkersResult {
    readonly workdayId: string;
    /** Every row, in the API's order (note `firstName`/`lastName` here, unlike the import's `firstname`). */
    readonly workers: ApiWorkdayWorker[];
}

/** Validates `{ workdayId, orgId? }`-style arguments, naming the property in every failure. */
export function validateWorkdayArgs(
    fn: string,
    args: unknown,
    extra: Record<string, (v: Validator, value: unknown) => void> = {},
): void {
    const v = new Validator();
    if (
        v.inputs(
            args,
            ["workdayId", "orgId", ...Object.keys(extra)],
            "must be an object, e.g. { workdayId: workday.id }",
        )
    ) {
        v.string("workdayId", args.workdayId, { required: true, pattern: OBJECT_ID, example: "workday.id" });
        v.string("orgId", args.orgId, { pattern: OBJECT_ID });
        for (const [key, rule] of Object.entries(extra)) rule(v, args[key]);
    }
    assertValid(fn, v.failures);
}

/** Every worker row of the instance's Workday report (all pages). Runs at program time, in preview and in up. */
export async function getWorkdayWorkers(args: GetWorkdayWorkersArgs): Promise<GetWorkdayWorkersResult> {
    validateWorkdayArgs("getWorkdayWorkers", args);
    const options = callOptions(args.orgId);
    const workers = await collect(programClient().workdays.workers(args.workdayId, options));
    return { workdayId: args.workdayId, workers };
}

/** {@link getWorkdayWorkers} for arguments that are Outputs (e.g. `workday.id`). */
export function getWorkdayWorkersOutput(args: {
    workdayId: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
}): pulumi.Output<GetWorkdayWorkersResult> {
    return pulumi.output(args).apply((a) => getWorkdayWorkers(a));
}
