/**
 * List semantics shared by every v2 list endpoint: `limit` (default 10, at most 100), `skip`, `sort` (comma
 * separated, `-` for descending), repeated `filter=field:op:value` (ANDed), `fields` projection (always keeps `id`).
 * Filtering and sorting are translated to SQL over the JSON documents so large collections never load into memory.
 */
import { badRequest } from "./errors";

/** The v2 filter operators the simulator implements (`between` has no documented value syntax). */
export const FILTER_OPERATORS = ["eq", "ne", "gt", "ge", "lt", "le", "in", "search"] as const;

/** One of {@link FILTER_OPERATORS}. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One parsed `filter` parameter. */
export interface ListFilter {
    field: string;
    operator: FilterOperator;
    value: string;
}

/** One parsed `sort` key. */
export interface ListSort {
    field: string;
    descending: boolean;
}

/** A parsed list query. */
export interface ListQuery {
    /** @default 10 */
    limit: number;
    /** @default 0 */
    skip: number;
    sort: ListSort[];
    filters: ListFilter[];
    /** Filters of which at least one must match (API v1 `filter[or][N]`). @default [] */
    anyFilters?: ListFilter[];
    /** Undefined when no projection was asked for. */
    fields: string[] | undefined;
}

/** Raw query object as fastify parses it (a repeated key becomes an array). */
export type RawQuery = Record<string, string | string[] | undefined>;

/** Default page size: the `limit` trait of JumpCloud's specs ("default 10 … Limited to 100"). */
export const DEFAULT_LIMIT = 10;
/** The largest `limit` accepted; above it the simulator answers 400. */
export const MAX_LIMIT = 100;

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const INTEGER = /^\d+$/;

/** The parameter given at most once (400 when repeated), or undefined. */
export function single(query: RawQuery, key: string): string | undefined {
    const value = query[key];
    if (Array.isArray(value)) throw badRequest(`query parameter ${key} must be given at most once`);
    return value;
}

/** Every value of a parameter that may be repeated. */
export function many(query: RawQuery, key: string): string[] {
    const value = query[key];
    if (value === undefined) return [];
    return Array.isArray(value) ? value : [value];
}

/** An integer parameter within [min, max]; 400 naming the parameter and the range otherwise. */
export function integerParam(query: RawQuery, key: string, fallback: number, min: number, max: number): number {
    const text = single(query, key);
    if (text === undefined) return fallback;
    const value = INTEGER.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
        const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
        throw badRequest(`query parameter ${key} must be ${range}, got "${text}"`);
    }
    return value;
}

/** True when the text is a field name (dotted paths allowed) that may be inlined into SQL as a JSON path. */
export function isFieldName(field: string): boolean {
    return FIELD.test(field);
}

/** The field name, or 400 naming the parameter. */
export function checkField(field: string, param: string): string {
    if (!isFieldName(field)) throw badRequest(`query parameter ${param} has an invalid field name "${field}"`);
    return field;
}

/**
 * 400 unless every filter and sort key names one of `allowed`: endpoints over computed rows (members, membership)
 * document only a few fields.
 */
export function restrictFields(query: ListQuery, allowed: readonly string[]): void {
    const filters = [...query.filters, ...(query.anyFilters ?? [])];
    for (const [param, field] of [
        ...filters.map((f) => ["filter", f.field] as const),
        ...query.sort.map((s) => ["sort", s.field] as const),
    ]) {
        if (!allowed.includes(field)) {
            throw badRequest(
                `query parameter ${param} cannot use field "${field}" here (use one of: ${allowed.join(", ")})`,
            );
        }
    }
}

function commaList(values: string[]): string[] {
    return values.flatMap((v) => v.split(",")).filter((v) => v.length > 0);
}

/** Parses a filter of the form `field:operator:value` (the value may itself contain colons). */
export function parseFilter(text: string): ListFilter {
    const first = text.indexOf(":");
    const second = first < 0 ? -1 : text.indexOf(":", first + 1);
    if (first < 0 || second < 0) {
        throw badRequest(`query parameter filter must look like field:operator:value, got "${text}"`);
    }
    const field = checkField(text.slice(0, first), "filter");
    const operator = text.slice(first + 1, second);
    if (!(FILTER_OPERATORS as readonly string[]).includes(operator)) {
        throw badRequest(
            `query parameter filter has an unsupported operator "${operator}" (use one of ${FILTER_OPERATORS.join(", ")})`,
        );
    }
    return { field, operator: operator as FilterOperator, value: text.slice(second + 1) };
}

/** Parses and validates the list parameters of a request; throws 400 naming the bad parameter. */
export function parseListQuery(query: RawQuery): ListQuery {
    const limit = integerParam(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    const skip = integerParam(query, "skip", 0, 0, Number.MAX_SAFE_INTEGER);
    const sort = commaList(many(query, "sort")).map((key) => {
        const descending = key.startsWith("-");
        return { field: checkField(descending ? key.slice(1) : key, "sort"), descending };
    });
    const filters = many(query, "filter").map(parseFilter);
    const fieldList = commaList(many(query, "fields")).map((f) => checkField(f, "fields"));
    return { limit, skip, sort, filters, fields: fieldList.length > 0 ? fieldList : undefined };
}

/** How a collection's documents map to SQL for {@link buildListSql}. */
export interface Collection {
    /** Table name. */
    table: string;
    /** Fields kept in their own (indexed) text columns, by field name. */
    columns: Readonly<Record<string, string>>;
}

/** SQL fragments for a list: a WHERE clause (without the keyword), its parameters and an ORDER BY clause. */
export interface ListSql {
    where: string;
    params: unknown[];
    orderBy: string;
}

function expression(collection: Collection, field: string): string {
    // Field names are validated against FIELD, so inlining them as a JSON path literal is safe; a literal path also
    // lets SQLite use expression indexes defined on the same json_extract().
    // Own properties only: a field named "constructor" or "__proto__" must not find Object.prototype members.
    return (
        (Object.hasOwn(collection.columns, field) ? collection.columns[field] : undefined) ??
        `json_extract(doc, '$.${field}')`
    );
}

/** The numeric reading of a filter value: numbers, and true/false as SQLite stores JSON booleans (1/0). */
function numeric(value: string): number | undefined {
    if (value === "true") return 1;
    if (value === "false") return 0;
    if (value.trim() === "" || Number.isNaN(Number(value))) return undefined;
    return Number(value);
}

const COMPARATORS: Record<string, string> = { gt: ">", ge: ">=", lt: "<", le: "<=" };

function equality(x: string, value: string, params: unknown[]): string {
    const n = numeric(value);
    params.push(value);
    if (n === undefined) return `${x} = ?`;
    params.push(n);
    return `(${x} = ? OR ${x} = ?)`;
}

/** The SQL condition of one filter over `collection`; pushes its parameters onto `params` in order. */
export function filterSql(collection: Collection, filter: ListFilter, params: unknown[]): string {
    const x = expression(collection, filter.field);
    switch (filter.operator) {
        case "eq":
            return equality(x, filter.value, params);
        case "ne":
            return `(${x} IS NULL OR NOT ${equality(x, filter.value, params)})`;
        case "in": {
            const options = filter.value.split("|");
            return `(${options.map((option) => equality(x, option, params)).join(" OR ")})`;
        }
        case "search":
            // The specs name `search` without defining how it matches; the simulator reads it as a case-insensitive
            // substring (documented in its README). SQLite's LIKE folds ASCII case only, and is much faster than
            // lower() + instr() over a large collection.
            params.push(`%${filter.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
            return `${x} LIKE ? ESCAPE '\\'`;
        default: {
            const op = COMPARATORS[filter.operator];
            const n = numeric(filter.value);
            if (n === undefined) {
                params.push(filter.value);
                return `${x} ${op} ?`;
            }
            // Numbers compare numerically, text compares as text: SQLite orders every number before any text.
            params.push(n, filter.value);
            return `(CASE WHEN typeof(${x}) IN ('integer', 'real') THEN ${x} ${op} ? ELSE ${x} ${op} ? END)`;
        }
    }
}

/** Translates the filters and sort of a list query to SQL over `collection`. */
export function buildListSql(collection: Collection, query: ListQuery): ListSql {
    const params: unknown[] = [];
    const clauses = query.filters.map((f) => filterSql(collection, f, params));
    const any = query.anyFilters ?? [];
    if (any.length > 0) clauses.push(`(${any.map((f) => filterSql(collection, f, params)).join(" OR ")})`);
    const order = query.sort.map((s) => `${expression(collection, s.field)} ${s.descending ? "DESC" : "ASC"}`);
    // Insertion order breaks ties so pages are stable.
    order.push("seq ASC");
    return { where: clauses.length > 0 ? clauses.join(" AND ") : "1", params, orderBy: order.join(", ") };
}

function pick(source: Record<string, unknown>, target: Record<string, unknown>, pathParts: string[]): void {
    const [head, ...rest] = pathParts;
    if (head === undefined || !(head in source)) return;
    const value = source[head];
    if (rest.length === 0 || value === null || typeof value !== "object" || Array.isArray(value)) {
        target[head] = value;
        return;
    }
    const child = (target[head] ?? {}) as Record<string, unknown>;
    target[head] = child;
    pick(value as Record<string, unknown>, child, rest);
}

/** Keeps only the listed fields (dotted paths allowed) of a document, and always its id (`id`, or v1's `_id`). */
export function project(
    doc: Record<string, unknown>,
    fields: readonly string[],
    idField = "id",
): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (idField in doc) out[idField] = doc[idField];
    for (const field of fields) pick(doc, out, field.split("."));
    return out;
}

/** Renders JSON documents (as stored text) as a JSON array, applying `fields` when present. */
export function renderPage(docs: readonly string[], fields: readonly string[] | undefined, idField = "id"): string {
    if (fields === undefined) return `[${docs.join(",")}]`;
    return JSON.stringify(docs.map((d) => project(JSON.parse(d) as Record<string, unknown>, fields, idField)));
}
