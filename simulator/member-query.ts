/**
 * A dynamic group's `memberQuery` as an SQL condition over the org's users. Three shapes are evaluated:
 * - `FilterQuery`: `filters: [{field, operator, value}]` with the v2 operators (`eq ne gt ge lt le in search`), ANDed;
 * - `Filter`: `filters: ["field:$op:value", …]` with the v1 operators plus `$in` and `$co`, ANDed;
 * - `Search`: `searchFilters` (a JSON string or object) `{filter: <rule>, searchFilter?: {searchTerm, fields}}`,
 *   where a rule is a `field:$op:value` string, an array of rules (ANDed), `{and: [rules]}`, `{or: [rules]}` or
 *   `{field: value}` (equality).
 * JumpCloud does not validate a query when a group is saved, and documents that an invalid operator or value "may
 * return no result" (JumpCloud community article "Dynamic Groups Automation Using The API"): whatever cannot be
 * evaluated (an unknown operator, `between`, a malformed rule, an empty rule list) matches no user here.
 */
import { type Collection, type FilterOperator, filterSql, isFieldName, type ListFilter } from "./list-query";
import { USERS } from "./store/users";
import { splitV1Filter, V1_RULE_OPERATORS } from "./v1-list-query";

/** An SQL condition (without WHERE) and its parameters, in order. */
export interface QuerySql {
    where: string;
    params: unknown[];
}

/** The condition no row satisfies. */
export const MATCHES_NOBODY: QuerySql = { where: "0", params: [] };

/**
 * The fields a rule may name: every user field, plus `userState` (`active`, `staged`, `suspended`), the name the
 * dynamic-group rules use for `state` (`ACTIVATED`, `STAGED`, `SUSPENDED`).
 */
const QUERY_USERS: Collection = {
    table: USERS.table,
    columns: {
        ...USERS.columns,
        userState:
            "(CASE state WHEN 'ACTIVATED' THEN 'active' WHEN 'STAGED' THEN 'staged' WHEN 'SUSPENDED' THEN 'suspended' END)",
    },
};

const V2_OPERATORS: readonly string[] = ["eq", "ne", "gt", "ge", "lt", "le", "in", "search"];

/** Nesting deeper than this in a `Search` rule is refused (matches nobody) rather than risking the stack. */
const MAX_DEPTH = 32;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Builds conditions in traversal order, so the parameters line up with the placeholders. */
class Builder {
    readonly params: unknown[] = [];

    filter(field: unknown, operator: unknown, value: unknown): string | undefined {
        if (typeof field !== "string" || !isFieldName(field)) return undefined;
        if (typeof operator !== "string" || !V2_OPERATORS.includes(operator)) return undefined;
        if (typeof value !== "string") return undefined;
        const filter: ListFilter = { field, operator: operator as FilterOperator, value };
        return filterSql(QUERY_USERS, filter, this.params);
    }

    v1Rule(text: unknown): string | undefined {
        if (typeof text !== "string") return undefined;
        const parts = splitV1Filter(text);
        if (!parts || !Object.hasOwn(V1_RULE_OPERATORS, parts.operator)) return undefined;
        return this.filter(parts.field, V1_RULE_OPERATORS[parts.operator], parts.value);
    }

    /** Joins conditions; undefined when any is undefined or there are none. */
    join(parts: (string | undefined)[], operator: "AND" | "OR"): string | undefined {
        if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
        return parts.map((p) => `(${p})`).join(` ${operator} `);
    }

    rule(node: unknown, depth: number): string | undefined {
        if (depth > MAX_DEPTH) return undefined;
        if (typeof node === "string") return this.v1Rule(node);
        if (Array.isArray(node))
            return this.join(
                node.map((n) => this.rule(n, depth + 1)),
                "AND",
            );
        if (!isRecord(node)) return undefined;
        const keys = Object.keys(node);
        if (keys.length === 1 && (keys[0] === "and" || keys[0] === "or")) {
            const children = node[keys[0]];
            if (!Array.isArray(children)) return undefined;
            return this.join(
                children.map((n) => this.rule(n, depth + 1)),
                keys[0] === "and" ? "AND" : "OR",
            );
        }
        // {field: value, …}: equality on each field, the form of JumpCloud's v1 search bodies.
        return this.join(
            keys.map((field) => {
                const value = node[field];
                const text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
                return this.filter(field, "eq", text);
            }),
            "AND",
        );
    }

    searchTerm(spec: unknown): string | undefined {
        if (!isRecord(spec)) return undefined;
        const terms = Array.isArray(spec["searchTerm"]) ? spec["searchTerm"] : [spec["searchTerm"]];
        const fields = spec["fields"];
        if (!Array.isArray(fields) || fields.length === 0 || terms.length === 0) return undefined;
        return this.join(
            terms.flatMap((term) => fields.map((field: unknown) => this.filter(field, "search", term))),
            "OR",
        );
    }
}

function parseSearch(searchFilters: unknown): Json | undefined {
    if (isRecord(searchFilters)) return searchFilters;
    if (typeof searchFilters !== "string") return undefined;
    try {
        const parsed: unknown = JSON.parse(searchFilters);
        return isRecord(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** `Filter` rules are an array of strings; JumpCloud's SDK also describes them as one stringified JSON array. */
function filterRules(filters: unknown): unknown[] | undefined {
    if (Array.isArray(filters)) return filters;
    if (typeof filters !== "string") return undefined;
    try {
        const parsed: unknown = JSON.parse(filters);
        return Array.isArray(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

function translate(query: Json, b: Builder): string | undefined {
    switch (query["queryType"]) {
        case "FilterQuery": {
            const filters = query["filters"];
            if (!Array.isArray(filters)) return undefined;
            return b.join(
                filters.map((f) => (isRecord(f) ? b.filter(f["field"], f["operator"], f["value"]) : undefined)),
                "AND",
            );
        }
        case "Filter": {
            const rules = filterRules(query["filters"]);
            return rules === undefined
                ? undefined
                : b.join(
                      rules.map((r) => b.v1Rule(r)),
                      "AND",
                  );
        }
        case "Search": {
            const search = parseSearch(query["searchFilters"]);
            if (!search) return undefined;
            const parts: (string | undefined)[] = [];
            if (search["filter"] !== undefined) parts.push(b.rule(search["filter"], 0));
            if (search["searchFilter"] !== undefined) parts.push(b.searchTerm(search["searchFilter"]));
            return b.join(parts, "AND");
        }
        default:
            return undefined;
    }
}

/** The condition a user must meet to match `memberQuery`; {@link MATCHES_NOBODY} when it cannot be evaluated. */
export function memberQuerySql(memberQuery: unknown): QuerySql {
    if (!isRecord(memberQuery)) return MATCHES_NOBODY;
    const builder = new Builder();
    const where = translate(memberQuery, builder);
    return where === undefined ? MATCHES_NOBODY : { where, params: builder.params };
}
