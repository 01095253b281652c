/**
 * `getWorkdayImportResults`: every result row of an import job, with the summary the WorkdayImport resource uses.
 */
import * as pulumi from "@pulumi/pulumi";
import { callOptions } from "../client/call-options";
import { collect } from "../client/pagination";
import { SAFE_ID } from "../client/paths";
import type { ApiImportResult } from "../client/types";
import { type ImportSummary, summarizeResults } from "../model/workday-import";
import { validateWorkdayArgs } from "./get-workday-workers";
import { programClient } from "./program-client";

/** Arguments of {@link getWorkdayImportResults}. */
export interface GetWorkdayImportResultsArgs {
    /** The Workday instance's id. */
    workdayId: string;
    /** The import job's id (a WorkdayImport's `jobId`). */
    jobId: string;
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
}

/** The result of {@link getWorkdayImportResults}: the rows and what they add up to. */
export interface GetWorkdayImportResultsResult extends ImportSummary {
    readonly workdayId: string;
    readonly jobId: string;
    /** Every result row (all pages), in the API's order. */
    readonly results: ApiImportResult[];
}

/** Every result row of an import job (all pages) and their summary. Runs at program time, in preview and in up. */
export async function getWorkdayImportResults(
    args: GetWorkdayImportResultsArgs,
): Promise<GetWorkdayImportResultsResult> {
    validateWorkdayArgs("getWorkdayImportResults", args, {
        jobId: (v, value) => v.string("jobId", value, { required: true, pattern: SAFE_ID, example: "anImport.jobId" }),
    });
    const options = callOptions(args.orgId);
    const results = await collect(programClient().workdays.importResults(args.workdayId, args.jobId, options));
    // Without the job's user count, the rows seen are all there is to wait for.
    return { workdayId: args.workdayId, jobId: args.jobId, results, ...summarizeResults(results, results.length) };
}

/** {@link getWorkdayImportResults} for arguments that are Outputs (e.g. `anImport.jobId`). */
export function getWorkdayImportResultsOutput(args: {
    workdayId: pulumi.Input<string>;
    jobId: pulumi.Input<string>;
    orgId?: pulumi.Input<string>;
}): pulumi.Output<GetWorkdayImportResultsResult> {
    return pulumi.output(args).apply((a) => getWorkdayImportResults(a));
}
