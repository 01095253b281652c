/**
 * Workday import endpoints: the instance (/workdays, a singleton named "Workday Import"; no DELETE), its
 * authorisation, import jobs and their results, and the worker rows of its report.
 */

import type { CallOptions } from "./call-options";
import { UnexpectedResponseError } from "./errors";
import { type ListQuery, listParams } from "./list-query";
import { listAll } from "./pagination";
import { apiPath, safeId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import { expectObject } from "./response-shape";
import type {
    ApiBulkUser,
    ApiImportJob,
    ApiImportResult,
    ApiWorkday,
    ApiWorkdayAuthInput,
    ApiWorkdayFields,
    ApiWorkdayInput,
    ApiWorkdayWorker,
} from "./types";

function workdayPath(id: string): string {
    return apiPath`/workdays/${safeId("workday id", id)}`;
}

/** `client.workdays`. */
export class WorkdaysApi {
    constructor(private readonly http: RequestExecutor) {}

    /** Every Workday instance (at most one today), over all pages. */
    list(query?: ListQuery, options?: CallOptions): AsyncIterable<ApiWorkday> {
        return listAll(this.http, "/workdays", (skip, limit) => listParams(query, skip, limit), options);
    }

    /** The instance; `NotFoundError` when it does not exist. */
    async get(id: string, options?: CallOptions): Promise<ApiWorkday> {
        const path = workdayPath(id);
        return expectObject(await this.http.call({ method: "GET", path }, options), { method: "GET", path });
    }

    /** Creates the instance (201). A second one gives `ConflictError`. The password is never logged. */
    async create(input: ApiWorkdayInput, options?: CallOptions): Promise<ApiWorkday> {
        const path = "/workdays";
        const body = await this.http.call({ method: "POST", path, body: input }, options);
        return expectObject(body, { method: "POST", path });
    }

    /** Updates `name` (only "Workday Import" is allowed) and `reportUrl`. */
    async update(id: string, fields: ApiWorkdayFields, options?: CallOptions): Promise<ApiWorkday> {
        const path = workdayPath(id);
        const body = await this.http.call({ method: "PUT", path, body: fields }, options);
        return expectObject(body, { method: "PUT", path });
    }

    /**
     * Sets the instance's basic credentials (204). Retried like a PUT although it is a POST: sending the same
     * credentials again leaves the instance in the same state, so a lost answer is safe to repeat.
     */
    async authorize(id: string, auth: ApiWorkdayAuthInput, options?: CallOptions): Promise<void> {
        await this.http.call(
            { method: "POST", path: `${workdayPath(id)}/auth`, body: auth, idempotent: true },
            options,
        );
    }

    /** Removes every authorisation method (204). */
    async deauthorize(id: string, options?: CallOptions): Promise<void> {
        await this.http.call({ method: "DELETE", path: `${workdayPath(id)}/auth` }, options);
    }

    /**
     * Starts an import job for these users; the API answers 201 (or 200) with `{jobId}`. Retried like a PUT after a
     * failure the server may have acted on, although each POST starts a job: JumpCloud imports a user only once
     * ("unique users may only be imported once"), so a repeat whose first answer was lost creates nobody twice, and
     * its results report those users as already imported. The API cannot list jobs, so looking the first job up is
     * not possible.
     */
    async startImport(id: string, users: readonly ApiBulkUser[], options?: CallOptions): Promise<ApiImportJob> {
        const path = `${workdayPath(id)}/import`;
        const spec = { method: "POST", path, body: users, idempotent: true } as const;
        const job = expectObject<ApiImportJob>(await this.http.call(spec, options), {
            method: "POST",
            path,
        });
        if (typeof job.jobId !== "string" || job.jobId === "") {
            throw new UnexpectedResponseError({ method: "POST", path, status: 201 }, "response has no jobId");
        }
        return job;
    }

    /** Every result row of an import job, over all pages (the endpoint takes no sort; its order is the API's). */
    importResults(id: string, jobId: string, options?: CallOptions): AsyncIterable<ApiImportResult> {
        const path = apiPath`/workdays/${safeId("workday id", id)}/import/${safeId("import job id", jobId)}/results`;
        return listAll(this.http, path, (skip, limit) => ({ limit, skip }), options);
    }

    /**
     * Every worker row of the instance's Workday report, over all pages. Rows have no id to sort on, so the
     * API's own order is used.
     */
    workers(id: string, options?: CallOptions): AsyncIterable<ApiWorkdayWorker> {
        return listAll(this.http, `${workdayPath(id)}/workers`, (skip, limit) => ({ limit, skip }), options);
    }
}
