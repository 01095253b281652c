/**
 * Canonical forms of UserGroup fields, so that equivalent values compare equal and only real drift shows:
 * - API defaults equal unset: `membershipMethod` NOTSET, `memberSuggestionsNotify` false, `description`/`email` "",
 *   empty `attributes`, empty lists, `sudo` {enabled: false, withoutPassword: false}, `sambaEnabled` false,
 *   `radius` without replies;
 * - set-like lists are compared as sets: `memberQueryExemptions`, `ldapGroups`, `posixGroups`, `radius.reply`, and
 *   the filters of `Filter` and `FilterQuery` member queries;
 * - `searchFilters` (JSON text or an object) is parsed and key-sorted, so formatting does not matter.
 * The engine's "unknown" sentinel canonicalises to itself, so it never equals a known value.
 */
import { canonicalJson, canonicalSet, deepEqual, stableStringify } from "./canonical";
import {
    attributeField,
    attributeKeyOf,
    BODY_FIELDS,
    type BodyField,
    type GroupFields,
    isBodyField,
    splitManaged,
} from "./user-group";
import { isPlainObject, isUnknown } from "./validation";

function orDefault<T>(v: unknown, fallback: T): unknown {
    return v === undefined || v === null ? fallback : canonicalJson(v);
}

function canonicalSearchFilters(v: unknown): unknown {
    if (typeof v === "string" && !isUnknown(v)) {
        try {
            return canonicalJson(JSON.parse(v));
        } catch {
            // Not JSON: compare the text itself (check rejects it on the way in; the API may hold anything).
            return v;
        }
    }
    return canonicalJson(v);
}

/** The canonical form of a `memberQuery` (API form or input form). Absent gives null. */
export function canonicalMemberQuery(q: unknown): unknown {
    if (q === undefined || q === null) return null;
    if (!isPlainObject(q)) return canonicalJson(q);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(q)) {
        if (value === undefined) continue;
        if (key === "filters" && Array.isArray(value)) out[key] = canonicalSet(value);
        else if (key === "searchFilters") out[key] = canonicalSearchFilters(value);
        else out[key] = canonicalJson(value);
    }
    // A query type that takes filters but has none means the same as an empty list.
    if (out.filters === undefined && (out.queryType === "FilterQuery" || out.queryType === "Filter")) {
        out.filters = [];
    }
    return canonicalJson(out);
}

function canonicalExemption(e: unknown): unknown {
    if (!isPlainObject(e)) return canonicalJson(e);
    const { attributes, ...rest } = e;
    // An empty `attributes` object on a graph object carries nothing.
    if (
        attributes === undefined ||
        attributes === null ||
        (isPlainObject(attributes) && !Object.keys(attributes).length)
    ) {
        return canonicalJson(rest);
    }
    return canonicalJson(e);
}

/** The canonical form of one top-level field other than `attributes`. */
export function canonicalField(field: BodyField, value: unknown): unknown {
    if (isUnknown(value)) return value;
    switch (field) {
        case "description":
        case "email":
            return orDefault(value, "");
        case "membershipMethod":
            return orDefault(value, "NOTSET");
        case "memberSuggestionsNotify":
            return orDefault(value, false);
        case "memberQuery":
            return canonicalMemberQuery(value);
        case "memberQueryExemptions":
            return Array.isArray(value) ? canonicalSet(value, canonicalExemption) : orDefault(value, []);
        default:
            return orDefault(value, null);
    }
}

/** The canonical form of one attribute's value; unset gives the attribute's API default. */
export function canonicalAttribute(key: string, value: unknown): unknown {
    if (isUnknown(value)) return value;
    switch (key) {
        case "sudo": {
            if (value === undefined || value === null) return { enabled: false, withoutPassword: false };
            if (!isPlainObject(value)) return canonicalJson(value);
            return canonicalJson({
                ...value,
                enabled: value.enabled ?? false,
                withoutPassword: value.withoutPassword ?? false,
            });
        }
        case "sambaEnabled":
            return orDefault(value, false);
        case "ldapGroups":
        case "posixGroups":
            return Array.isArray(value) ? canonicalSet(value) : orDefault(value, []);
        case "radius": {
            if (value === undefined || value === null) return { reply: [] };
            if (!isPlainObject(value)) return canonicalJson(value);
            const reply = value.reply;
            return canonicalJson({
                ...value,
                reply: Array.isArray(reply) ? canonicalSet(reply) : orDefault(reply, []),
            });
        }
        default:
            return orDefault(value, null);
    }
}

function attributesOf(v: unknown): Record<string, unknown> | undefined {
    return isPlainObject(v) ? v : undefined;
}

/**
 * The managed fields whose canonical forms differ between a desired object (inputs) and an actual one (outputs or a
 * live group), in body order: top-level names ("description") and attribute entries ("attributes.sudo"). When the
 * desired `attributes` is not known yet, every managed attribute counts as different.
 */
export function differingFields(desired: GroupFields, actual: GroupFields, managedFields: readonly string[]): string[] {
    const { top, attributeKeys } = splitManaged(managedFields);
    const out: string[] = [];
    for (const f of BODY_FIELDS) {
        if (!top.includes(f)) continue;
        if (!deepEqual(canonicalField(f, desired[f]), canonicalField(f, actual[f]))) out.push(f);
    }
    if (isUnknown(desired.attributes)) {
        out.push(...(attributeKeys.length ? attributeKeys.map(attributeField) : ["attributes"]));
        return out;
    }
    const want = attributesOf(desired.attributes) ?? {};
    const have = attributesOf(actual.attributes) ?? {};
    for (const key of [...attributeKeys].sort()) {
        if (!deepEqual(canonicalAttribute(key, want[key]), canonicalAttribute(key, have[key]))) {
            out.push(attributeField(key));
        }
    }
    return out;
}

/**
 * The value a managed-field entry names in `fields`: a top-level field ("description") or one attribute
 * ("attributes.sudo"); undefined when absent.
 */
export function managedValue(fields: GroupFields, field: string): unknown {
    const key = attributeKeyOf(field);
    if (key !== undefined) return attributesOf(fields.attributes)?.[key];
    return isBodyField(field) ? fields[field] : undefined;
}

/** A stable text of the canonical form of the value a managed-field entry names (for messages and tests). */
export function canonicalText(field: string, value: unknown): string {
    const key = attributeKeyOf(field);
    if (key !== undefined) return stableStringify(canonicalAttribute(key, value));
    return stableStringify(isBodyField(field) ? canonicalField(field, value) : canonicalJson(value));
}
