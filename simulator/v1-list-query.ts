/**
 * List parameters of API v1 (`GET /api/systemusers`), which differ from v2: `sort` and `fields` are space separated,
 * filters use `$`-prefixed operators (`filter=email:$eq:ada@example.com`), several filters are ANDed as repeated
 * `filter` or `filter[0]`, `filter[1]`… and ORed as `filter[or][0]`, `filter[or][1]`…. Sources: the `User_List`
 * operation of JumpCloud's v1 spec (TheJumpCloud/jcapi-powershell, SwaggerSpecs/JumpCloud.SDK.V1.json) and the v1
 * filter trait of JumpCloud's API reference (operators `$eq $ne $gt $gte $lt $lte`, values case sensitive).
 */
import { badRequest } from "./errors";
import {
    checkField,
    DEFAULT_LIMIT,
    type FilterOperator,
    integerParam,
    type ListFilter,
    type ListQuery,
    MAX_LIMIT,
    many,
    type RawQuery,
    single,
} from "./list-query";

/** The v1 operators of the list endpoints and the v2 operator each one means. */
export const V1_LIST_OPERATORS: Readonly<Record<string, FilterOperator>> = {
    $eq: "eq",
    $ne: "ne",
    $gt: "gt",
    $gte: "ge",
    $lt: "lt",
    $lte: "le",
};

/**
 * The operators a dynamic group's `Filter`/`Search` rules may use: the list operators plus `$in` (values separated
 * by `|`) and `$co` (contains, case-insensitive), which JumpCloud's own SDK tests use in `memberQuery`.
 */
export const V1_RULE_OPERATORS: Readonly<Record<string, FilterOperator>> = {
    ...V1_LIST_OPERATORS,
    $in: "in",
    $co: "search",
};

/** Splits `field:$op:value` (the value may contain colons); undefined when the text has no two colons. */
export function splitV1Filter(text: string): { field: string; operator: string; value: string } | undefined {
    const first = text.indexOf(":");
    const second = first < 0 ? -1 : text.indexOf(":", first + 1);
    if (first < 0 || second < 0) return undefined;
    return { field: text.slice(0, first), operator: text.slice(first + 1, second), value: text.slice(second + 1) };
}

function parseListFilter(text: string, param: string): ListFilter {
    const parts = splitV1Filter(text);
    if (!parts) throw badRequest(`query parameter ${param} must look like field:$operator:value, got "${text}"`);
    const operator = Object.hasOwn(V1_LIST_OPERATORS, parts.operator) ? V1_LIST_OPERATORS[parts.operator] : undefined;
    if (operator === undefined) {
        throw badRequest(
            `query parameter ${param} has an unsupported operator "${parts.operator}" ` +
                `(API v1 uses ${Object.keys(V1_LIST_OPERATORS).join(", ")}; the $ is required)`,
        );
    }
    return { field: checkField(parts.field, param), operator, value: parts.value };
}

function spaceList(text: string | undefined): string[] {
    return (text ?? "").split(" ").filter((part) => part.length > 0);
}

/** `filter[3]` → 3, `filter[or][2]` → 2 (with `or`); undefined for any other key. */
function indexedFilterKey(key: string): { or: boolean; index: number } | undefined {
    const match = /^filter\[(or\]\[)?(\d+)\]$/.exec(key);
    if (!match) return undefined;
    return { or: match[1] !== undefined, index: Number(match[2]) };
}

/** Parses and validates v1 list parameters; throws 400 naming the bad parameter. */
export function parseV1ListQuery(query: RawQuery): ListQuery {
    const limit = integerParam(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    const skip = integerParam(query, "skip", 0, 0, Number.MAX_SAFE_INTEGER);
    const sort = spaceList(single(query, "sort")).map((key) => {
        const descending = key.startsWith("-");
        return { field: checkField(descending ? key.slice(1) : key, "sort"), descending };
    });
    const fields = spaceList(single(query, "fields")).map((f) => checkField(f, "fields"));
    // An empty filter= is what generated clients send for "no filter" (JumpCloud's own code samples do).
    const filters = many(query, "filter")
        .filter((text) => text !== "")
        .map((text) => parseListFilter(text, "filter"));
    const indexed: { or: boolean; index: number; filter: ListFilter }[] = [];
    for (const key of Object.keys(query)) {
        const slot = indexedFilterKey(key);
        if (!slot) continue;
        const text = single(query, key);
        if (text === undefined || text === "") continue;
        indexed.push({ ...slot, filter: parseListFilter(text, key) });
    }
    indexed.sort((a, b) => a.index - b.index);
    if (single(query, "search")) {
        throw badRequest("query parameter search is not supported by the simulator: use filter=field:$eq:value");
    }
    return {
        limit,
        skip,
        sort,
        filters: [...filters, ...indexed.filter((f) => !f.or).map((f) => f.filter)],
        anyFilters: indexed.filter((f) => f.or).map((f) => f.filter),
        fields: fields.length > 0 ? fields : undefined,
    };
}
