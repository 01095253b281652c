/**
 * The options of an API v1 user list and their query parameters, which differ from v2 (list-query.ts): `sort` and
 * `fields` are space separated, objects are keyed `_id`, and several filters are sent in the indexed form JumpCloud's
 * v1 reference gives, `filter[0]=…&filter[1]=…` (ANDed) and `filter[or][0]=…` (ORed); a lone filter is `filter=…`.
 */
import type { QueryValue } from "./prepared-request";

/** Options of `client.users.list`. */
export interface UserListQuery {
    /** Filters `field:$operator:value` (build them with `userFilter`); several are ANDed. */
    filter?: string | readonly string[];
    /** Filters of which at least one must hold (`filter[or][N]`), ANDed with `filter`. */
    anyOf?: readonly string[];
    /**
     * Sort fields, `-` prefix for descending. `_id` is appended as a tiebreaker when missing, because pages of an
     * unstable order can miss or repeat users. @default ["_id"]
     */
    sort?: string | readonly string[];
    /** Fields to return (space separated on the wire; the API always includes `_id`). @default every field */
    fields?: readonly string[];
}

function list(value: string | readonly string[] | undefined, separator: RegExp): string[] {
    if (value === undefined) return [];
    return (typeof value === "string" ? value.split(separator) : [...value]).filter((s) => s !== "");
}

/** The query parameters of one page. */
export function userListParams(
    query: UserListQuery | undefined,
    skip: number,
    limit: number,
): Record<string, QueryValue> {
    const params: Record<string, QueryValue> = { limit, skip };
    const all = typeof query?.filter === "string" ? [query.filter] : [...(query?.filter ?? [])];
    const any = [...(query?.anyOf ?? [])];
    if (all.length === 1 && any.length === 0) params.filter = all[0];
    else {
        all.forEach((f, i) => {
            params[`filter[${i}]`] = f;
        });
        any.forEach((f, i) => {
            params[`filter[or][${i}]`] = f;
        });
    }
    const sort = list(query?.sort, /[\s,]+/);
    if (!sort.some((s) => s.replace(/^-/, "") === "_id")) sort.push("_id");
    params.sort = sort.join(" ");
    const fields = list(query?.fields, /[\s,]+/);
    if (fields.length > 0) params.fields = fields.join(" ");
    return params;
}
