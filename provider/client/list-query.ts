/**
 * The `filter`, `fields` and `sort` options of list calls, and their query parameters.
 */

import type { QueryValue } from "./prepared-request";

/** Options of a list call. */
export interface ListQuery {
    /** Filters (`field:op:value`, see `filter`); several are ANDed, sent as repeated `filter` keys. */
    filter?: string | readonly string[];
    /** Fields to return (the API always includes `id`). @default every field */
    fields?: readonly string[];
    /**
     * Sort fields, `-` prefix for descending. `id` is appended as a tiebreaker when missing, because pages of an
     * unstable order can miss or repeat records. @default ["id"]
     */
    sort?: string | readonly string[];
}

/** The query parameters of one page. */
export function listParams(
    query: ListQuery | undefined,
    skip: number,
    limit: number,
    sortable = true,
): Record<string, QueryValue> {
    const params: Record<string, QueryValue> = { limit, skip };
    if (query?.filter !== undefined) params.filter = typeof query.filter === "string" ? [query.filter] : query.filter;
    if (query?.fields !== undefined && query.fields.length > 0) params.fields = query.fields.join(",");
    if (sortable) {
        const sort = typeof query?.sort === "string" ? query.sort.split(",") : [...(query?.sort ?? [])];
        if (!sort.some((s) => s.replace(/^-/, "") === "id")) sort.push("id");
        params.sort = sort.join(",");
    }
    return params;
}
