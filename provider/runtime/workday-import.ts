/**
 * The WorkdayImport runtime: one import job. create POSTs the users and, unless told not to, polls the results
 * with backoff until every user has a final status or the timeout passes; jobs cannot be changed or deleted, so a
 * change to the users (or the instance) replaces the resource and destroy only forgets it.
 *
 * API calls per operation: check 0, diff 0; create 1 (POST) plus one GET per results page per poll; read one GET per
 * results page; update 0; delete 0.
 */
import { callOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { collect } from "../client/pagination";
import { checkWith } from "../model/validation";
import {
    type ImportSummary,
    normalizeWorkdayImportInputs,
    replacedFields,
    summarizeResults,
    validateWorkdayImport,
    type WorkdayImportInputs,
    type WorkdayImportOutputs,
} from "../model/workday-import";
import { getClient } from "./context";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./types";
import { unlessGone } from "./unless-gone";

/** How {@link pollResults} waits between polls. */
export interface PollOptions {
    /** First wait, in milliseconds. @default 250 */
    initialDelayMs?: number;
    /** Growth of the wait per poll. @default 1.6 */
    factor?: number;
    /** Longest single wait, in milliseconds. @default 5000 */
    maxDelayMs?: number;
    /** For tests: the clock. @default Date.now */
    now?: () => number;
    /** For tests: the sleep. @default setTimeout */
    sleep?: (ms: number) => Promise<void>;
}

const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads the job's results (all pages) until every one of `expected` users has a final status or `timeoutMs`
 * passes; returns the last summary either way (a timeout is reported as `complete: false`, not an error: the job
 * exists and a refresh picks up its final state).
 */
export async function pollResults(
    client: JumpCloudClient,
    job: { workdayId: string; jobId: string; expected: number; timeoutMs: number; orgId?: string | undefined },
    options: PollOptions = {},
): Promise<ImportSummary> {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? sleepMs;
    const factor = options.factor ?? 1.6;
    const maxDelay = options.maxDelayMs ?? 5000;
    const deadline = now() + job.timeoutMs;
    let delay = options.initialDelayMs ?? 250;
    for (;;) {
        const rows = await collect(client.workdays.importResults(job.workdayId, job.jobId, callOptions(job.orgId)));
        const summary = summarizeResults(rows, job.expected);
        const left = deadline - now();
        if (summary.complete || left <= 0) return summary;
        await sleep(Math.min(delay, maxDelay, left));
        delay *= factor;
    }
}

/** Validates and normalises the inputs; no API call. */
export async function check(_olds: unknown, news: unknown): Promise<CheckResult<WorkdayImportInputs>> {
    return checkWith(news, validateWorkdayImport, normalizeWorkdayImportInputs);
}

/** A new instance, user list or organisation replaces the job; the waiting options change nothing. */
export async function diff(_id: string, olds: WorkdayImportOutputs, news: WorkdayImportInputs): Promise<DiffResult> {
    const replaces = replacedFields(olds, news);
    // The waiting options only matter to `create`: a change to them alone is no change.
    return { changes: replaces.length > 0, changedFields: replaces, replaces, deleteBeforeReplace: false };
}

function outputs(inputs: WorkdayImportInputs, jobId: string, summary: ImportSummary): WorkdayImportOutputs {
    return { ...inputs, jobId, ...summary };
}

/** POSTs the users, then (by default) waits for their results. Failed users are reported, not thrown. */
export async function create(inputs: WorkdayImportInputs): Promise<CreateResult<WorkdayImportOutputs>> {
    const client = getClient();
    const { jobId } = await client.workdays.startImport(inputs.workdayId, inputs.users, callOptions(inputs.orgId));
    const expected = inputs.users.length;
    const summary = inputs.waitForResults
        ? await pollResults(client, {
              workdayId: inputs.workdayId,
              jobId,
              expected,
              timeoutMs: inputs.timeoutSeconds * 1000,
              orgId: inputs.orgId,
          })
        : summarizeResults([], expected);
    return { id: jobId, outs: outputs(inputs, jobId, summary) };
}

/** Reads the results again (all pages), so a refresh shows how a job that was still running ended. */
export async function read(
    id: string,
    props?: WorkdayImportOutputs,
): Promise<ReadResult<WorkdayImportOutputs, WorkdayImportInputs>> {
    if (!props?.workdayId) return { id, ...(props ? { props } : {}) };
    const rows = await unlessGone(
        collect(getClient().workdays.importResults(props.workdayId, id, callOptions(props.orgId))),
    );
    if (rows === undefined) return {};
    const summary = summarizeResults(rows, Array.isArray(props.users) ? props.users.length : rows.length);
    return { id, props: { ...props, jobId: id, ...summary } };
}

/** Only the waiting options can change in place, and they only matter to `create`: no API call. */
export async function update(
    _id: string,
    olds: WorkdayImportOutputs,
    news: WorkdayImportInputs,
): Promise<UpdateResult<WorkdayImportOutputs>> {
    return { outs: { ...olds, waitForResults: news.waitForResults, timeoutSeconds: news.timeoutSeconds } };
}

/** Forgets the job: the API cannot delete one (its users stay imported). */
export async function remove(_id: string, _props: WorkdayImportOutputs): Promise<void> {}

export { remove as delete };
