/**
 * The query of the graph lists that take more than a page (a group's `membership`, a user's `memberof`): `filter`
 * and `sort` on the fields the spec names for them, `object_id` and `type`. No sort is added: the spec documents no
 * sort field for these lists, and JumpCloud's own PowerShell module pages them in the API's order.
 */
import type { QueryValue } from "./prepared-request";

/** Options of a graph list. */
export interface GraphListQuery {
    /** Filters `field:operator:value` on `object_id` or `type` (build them with `filter`); several are ANDed. */
    filter?: string | readonly string[];
    /** Sort fields (`object_id`, `type`), `-` prefix for descending. @default the API's order */
    sort?: string | readonly string[];
}

/** The query parameters of one page. */
export function graphListParams(
    query: GraphListQuery | undefined,
    skip: number,
    limit: number,
): Record<string, QueryValue> {
    const params: Record<string, QueryValue> = { limit, skip };
    if (query?.filter !== undefined) params.filter = typeof query.filter === "string" ? [query.filter] : query.filter;
    if (query?.sort !== undefined) {
        const sort = typeof query.sort === "string" ? query.sort : query.sort.join(",");
        if (sort !== "") params.sort = sort;
    }
    return params;
}
