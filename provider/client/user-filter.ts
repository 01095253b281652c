/**
 * A small builder for API v1 user filters, `<field>:$<operator>:<value>`: `userFilter.eq("email", "ada@example.com")`
 * gives `"email:$eq:ada@example.com"`. API v1 operators carry a `$` (JumpCloud's reference: "excluding the $ will
 * result in undefined behavior") and differ from the v2 ones (`$gte`, not `ge`). Values are compared
 * case-sensitively and sent verbatim (the query string is URL-encoded when the request is built); the field may not
 * contain `:` (see `filter` for the v2 builder and its rules).
 */
import { type FilterValue, field, value } from "./filter";

/** The API v1 list operators. */
export type UserFilterOperator = "$eq" | "$ne" | "$gt" | "$gte" | "$lt" | "$lte";

/** One v1 filter string. */
export function userFilterOf(name: string, operator: UserFilterOperator, v: FilterValue): string {
    return `${field(name)}:${operator}:${value(v)}`;
}

/** The builder. Pass several in `filter: [...]` to AND them, or in `anyOf: [...]` to OR them. */
export const userFilter = {
    /** Equal (case-sensitive). */
    eq: (name: string, v: FilterValue): string => userFilterOf(name, "$eq", v),
    /** Not equal. */
    ne: (name: string, v: FilterValue): string => userFilterOf(name, "$ne", v),
    /** Greater than. */
    gt: (name: string, v: FilterValue): string => userFilterOf(name, "$gt", v),
    /** Greater than or equal. */
    ge: (name: string, v: FilterValue): string => userFilterOf(name, "$gte", v),
    /** Less than. */
    lt: (name: string, v: FilterValue): string => userFilterOf(name, "$lt", v),
    /** Less than or equal. */
    le: (name: string, v: FilterValue): string => userFilterOf(name, "$lte", v),
} as const;
