/**
 * A small builder for v2 list filters, `<field>:<operator>:<value>`: `filter.eq("name", "A:B")` gives
 * `"name:eq:A:B"`.
 *
 * Escaping rules (the API has no escape syntax, so the builder refuses what it cannot express):
 * - The field may not contain `:` (the API splits on the first two colons); it must be a dotted identifier.
 * - The value is sent verbatim: it may contain `:`, spaces, `+`, `&` or `%`, because the query string is
 *   URL-encoded when the request is built (`+` becomes `%2B`, not a space).
 * - `in` joins its values with `|`, so a value containing `|` cannot be expressed with `in` (throws); use several
 *   requests with `eq` instead. An empty `in` list is refused too (it would match nothing or everything).
 * - Values are case-sensitive in the API, although group-name uniqueness is not.
 * `between` is not offered: its value syntax is undocumented.
 */

import type { FilterOperator } from "./types";

const FIELD = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z0-9_$]+)*$/;

/** A value a filter can compare with. */
export type FilterValue = string | number | boolean;

/** The field of a filter: a dotted identifier (the API splits on the first two colons); throws otherwise. */
export function field(name: string): string {
    if (!FIELD.test(name)) {
        throw new TypeError(`filter field must be a dotted identifier without ":", got ${JSON.stringify(name)}`);
    }
    return name;
}

/** The text of a filter value; throws for a number that is not finite. */
export function value(v: FilterValue): string {
    if (typeof v === "number" && !Number.isFinite(v)) throw new TypeError(`filter value must be finite, got ${v}`);
    return String(v);
}

/** Builds one filter string for any operator but `in` (no checks beyond the field). */
export function filterOf(name: string, operator: Exclude<FilterOperator, "in" | "between">, v: FilterValue): string {
    return `${field(name)}:${operator}:${value(v)}`;
}

/** The builder. Each method returns one filter string; pass several in `filter: [...]` to AND them. */
export const filter = {
    /** Equal (case-sensitive). */
    eq: (name: string, v: FilterValue): string => filterOf(name, "eq", v),
    /** Not equal. */
    ne: (name: string, v: FilterValue): string => filterOf(name, "ne", v),
    /** Greater than. */
    gt: (name: string, v: FilterValue): string => filterOf(name, "gt", v),
    /** Greater than or equal. */
    ge: (name: string, v: FilterValue): string => filterOf(name, "ge", v),
    /** Less than. */
    lt: (name: string, v: FilterValue): string => filterOf(name, "lt", v),
    /** Less than or equal. */
    le: (name: string, v: FilterValue): string => filterOf(name, "le", v),
    /** Text search on the field. */
    search: (name: string, v: FilterValue): string => filterOf(name, "search", v),
    /** One of several values, joined with `|`; a value containing `|` throws (it cannot be expressed). */
    in: (name: string, values: readonly FilterValue[]): string => {
        if (values.length === 0) throw new TypeError(`filter.in("${name}") needs at least one value`);
        const texts = values.map(value);
        const bad = texts.find((t) => t.includes("|"));
        if (bad !== undefined) {
            throw new TypeError(
                `filter.in("${name}") cannot express the value ${JSON.stringify(bad)}: "|" separates values; use eq`,
            );
        }
        return `${field(name)}:in:${texts.join("|")}`;
    },
} as const;
