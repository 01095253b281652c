/**
 * Pagination of list endpoints (`limit`/`skip`): keep asking for the next page until one is shorter than the page
 * size, or, where the API states the total in the body (the API v1 envelope `{totalCount, results}`), until the
 * pages hold that many records. The v2 `x-total-count` header is never relied on: neither spec declares it
 * (JumpCloud's own PowerShell module reads it; see docs/jumpcloud-api.md, "Lists").
 */

import type { CallOptions } from "./call-options";
import type { QueryValue } from "./prepared-request";
import type { RequestExecutor } from "./request-executor";
import { expectArray } from "./response-shape";

/** Most records the API returns per page. */
export const PAGE_SIZE = 100;

/** One page: its records, and the total of the whole list when the API states it. */
export interface Page<T> {
    readonly records: readonly T[];
    readonly total?: number;
}

/** Fetches the page starting at `skip`: its records (a v2 list), or a {@link Page} (a v1 envelope). */
export type PageFetcher<T> = (skip: number, limit: number) => Promise<readonly T[] | Page<T>>;

/** Options of {@link paginate}. */
export interface PaginateOptions {
    /** Records per page. @default 100 */
    pageSize?: number;
    /** Upper bound on pages, so a server that ignores `skip` cannot loop us forever. @default 10000 */
    maxPages?: number;
}

/**
 * Every record of every page, in order. Callers sort on a unique field (the id) so that pages neither miss nor
 * repeat records while walking.
 */
export async function* paginate<T>(fetchPage: PageFetcher<T>, options: PaginateOptions = {}): AsyncGenerator<T> {
    const pageSize = options.pageSize ?? PAGE_SIZE;
    const maxPages = options.maxPages ?? 10_000;
    let previousFirst: string | undefined;
    for (let page = 0; page < maxPages; page++) {
        const skip = page * pageSize;
        const answer = await fetchPage(skip, pageSize);
        const { records, total } = isPage(answer) ? answer : { records: answer, total: undefined };
        if (records.length > 0) {
            // A full page identical at its head to the last one means `skip` is being ignored.
            const first = JSON.stringify(records[0]);
            if (first === previousFirst) throw new Error("the API returned the same page twice: is `skip` ignored?");
            previousFirst = first;
        }
        yield* records;
        // The stated total saves the empty last request when it is a multiple of the page size.
        if (records.length < pageSize || (total !== undefined && skip + records.length >= total)) return;
    }
    throw new Error(`more than ${maxPages} pages of ${pageSize}: stopped`);
}

function isPage<T>(answer: readonly T[] | Page<T>): answer is Page<T> {
    return !Array.isArray(answer);
}

/**
 * Every record of a list endpoint: GET `path` page by page, with the query `query` gives for each page; each page
 * must be a JSON array.
 */
export function listAll<T>(
    http: RequestExecutor,
    path: string,
    query: (skip: number, limit: number) => Record<string, QueryValue>,
    options?: CallOptions,
): AsyncIterable<T> {
    return paginate(async (skip, limit) => {
        const body = await http.call({ method: "GET", path, query: query(skip, limit) }, options);
        return expectArray<T>(body, { method: "GET", path });
    });
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of items) out.push(item);
    return out;
}
