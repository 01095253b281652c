/**
 * Every UserGroup rule that can be known before calling the API, and the normalisation `check` applies.
 *
 * Length limits: JumpCloud documents none for groups, so these are judgement calls that match what the console
 * accepts in practice and the underlying protocols: name 255 characters; description 1024 (the API's limit for
 * user free-text fields such as `attributes[].value`); email 254 (RFC 5321 path limit); POSIX group name 32 (the
 * Linux `groupadd` limit, no whitespace, ":" or ","); LDAP group name 255; RADIUS reply value 253 octets
 * (RFC 2865 attribute value limit).
 */

import { OBJECT_ID } from "../client/paths";
import { pick } from "./plain-objects";
import { FILTER_OPERATORS, MEMBERSHIP_METHODS, QUERY_TYPES, type UserGroupInputs } from "./user-group";
import { type CheckFailure, childPath, containsUnknown, isPlainObject, isUnknown, Validator } from "./validation";

/** Longest accepted group name. */
export const NAME_MAX_LENGTH = 255;
/** Longest accepted description. */
export const DESCRIPTION_MAX_LENGTH = 1024;
/** Longest accepted email address (RFC 5321). */
export const EMAIL_MAX_LENGTH = 254;
/** Longest POSIX group name (Linux `groupadd`). */
export const POSIX_NAME_MAX_LENGTH = 32;
/** Largest POSIX gid (a signed 32-bit integer). */
export const POSIX_ID_MAX = 2_147_483_647;
/** Longest RADIUS reply value (RFC 2865). */
export const RADIUS_VALUE_MAX_LENGTH = 253;

/** Every top-level input of a UserGroup (a gitops group file holds exactly these keys). */
export const USER_GROUP_INPUT_KEYS = [
    "name",
    "description",
    "email",
    "attributes",
    "membershipMethod",
    "memberQuery",
    "memberQueryExemptions",
    "memberSuggestionsNotify",
    "orgId",
    "adopt",
    "observeMembers",
    "applySuggestions",
] as const;

const EMAIL = { regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, description: "an email address (name@domain)" };
const NO_EDGE_SPACE = { regex: /^\S(.*\S)?$/s, description: "free of leading and trailing whitespace" };
const POSIX_NAME = { regex: /^[^\s:,]+$/, description: 'a POSIX group name without whitespace, ":" or ","' };
const FIELD_NAME = { regex: /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, description: "a (dotted) user field name" };
const FILTER_STRING = {
    regex: /^[A-Za-z_][A-Za-z0-9_.]*:\$?[A-Za-z]+:/,
    description: 'a filter string "<field>:$<operator>:<value>"',
};

function validateAttributes(v: Validator, path: string, attrs: Record<string, unknown>): void {
    for (const key of Object.keys(attrs)) {
        if (key.trim() === "") v.fail(childPath(path, key), "attribute keys must not be empty: rename the key");
    }
    const sudoPath = childPath(path, "sudo");
    const { sudo, ldapGroups, posixGroups, radius } = attrs;
    if (v.object(sudoPath, sudo, { example: "{ enabled: true, withoutPassword: false }" })) {
        v.noUnknownKeys(sudoPath, sudo, ["enabled", "withoutPassword"]);
        const enabledOk = v.boolean(childPath(sudoPath, "enabled"), sudo.enabled, { required: true, example: "true" });
        v.boolean(childPath(sudoPath, "withoutPassword"), sudo.withoutPassword, { example: "false" });
        if (enabledOk && sudo.enabled === false && sudo.withoutPassword === true) {
            v.fail(
                childPath(sudoPath, "withoutPassword"),
                "requires sudo.enabled: set enabled to true, or set withoutPassword to false",
            );
        }
    }

    const ldapPath = childPath(path, "ldapGroups");
    if (v.array(ldapPath, ldapGroups, { example: '[{ name: "eng" }]' })) {
        v.eachObject(ldapPath, ldapGroups, '{ name: "eng" }', (p, g) => {
            v.noUnknownKeys(p, g, ["name"]);
            v.string(childPath(p, "name"), g.name, { required: true, maxLength: 255, example: '"eng"' });
        });
        v.unique(ldapPath, ldapGroups, (g) => (isPlainObject(g) ? g.name : undefined), "name");
    }

    const posixPath = childPath(path, "posixGroups");
    if (v.array(posixPath, posixGroups, { example: '[{ id: 5001, name: "eng" }]' })) {
        v.eachObject(posixPath, posixGroups, '{ id: 5001, name: "eng" }', (p, g) => {
            v.noUnknownKeys(p, g, ["id", "name"]);
            v.integer(childPath(p, "id"), g.id, { required: true, min: 1, max: POSIX_ID_MAX, example: "5001" });
            const rule = { required: true, maxLength: POSIX_NAME_MAX_LENGTH, pattern: POSIX_NAME, example: '"eng"' };
            v.string(childPath(p, "name"), g.name, rule);
        });
        v.unique(posixPath, posixGroups, (g) => (isPlainObject(g) ? g.id : undefined), "id");
    }

    const radiusPath = childPath(path, "radius");
    if (v.object(radiusPath, radius, { example: '{ reply: [{ name: "Filter-Id", value: "eng" }] }' })) {
        v.noUnknownKeys(radiusPath, radius, ["reply"]);
        const replyPath = childPath(radiusPath, "reply");
        const { reply } = radius;
        if (v.array(replyPath, reply, { example: '[{ name: "Filter-Id", value: "eng" }]' })) {
            v.eachObject(replyPath, reply, '{ name: "Filter-Id", value: "eng" }', (p, r) => {
                v.noUnknownKeys(p, r, ["name", "value"]);
                v.string(childPath(p, "name"), r.name, { required: true, maxLength: 255, example: '"Filter-Id"' });
                const rule = { required: true, maxLength: RADIUS_VALUE_MAX_LENGTH, example: '"eng"' };
                v.string(childPath(p, "value"), r.value, rule);
            });
        }
    }

    v.boolean(childPath(path, "sambaEnabled"), attrs.sambaEnabled, { example: "false" });
}

function validateMemberQuery(v: Validator, path: string, q: Record<string, unknown>): void {
    const typeOk = v.oneOf(childPath(path, "queryType"), q.queryType, QUERY_TYPES, { required: true });
    if (!typeOk) {
        v.noUnknownKeys(path, q, ["queryType", "filters", "searchFilters"]);
        return;
    }
    const filtersPath = childPath(path, "filters");
    const searchPath = childPath(path, "searchFilters");
    switch (q.queryType) {
        case "FilterQuery": {
            v.noUnknownKeys(path, q, ["queryType", "filters"]);
            const example = '[{ field: "department", operator: "eq", value: "Sales" }]';
            const { filters } = q;
            if (!v.array(filtersPath, filters, { required: true, minItems: 1, example })) return;
            v.eachObject(filtersPath, filters, '{ field: "department", operator: "eq", value: "Sales" }', (p, f) => {
                v.noUnknownKeys(p, f, ["field", "operator", "value"]);
                v.string(childPath(p, "field"), f.field, {
                    required: true,
                    pattern: FIELD_NAME,
                    example: '"department"',
                });
                v.oneOf(childPath(p, "operator"), f.operator, FILTER_OPERATORS, { required: true });
                v.string(childPath(p, "value"), f.value, { required: true, minLength: 0, example: '"Sales"' });
            });
            return;
        }
        case "Filter": {
            v.noUnknownKeys(path, q, ["queryType", "filters"]);
            const example = '["department:$eq:Sales"]';
            const { filters } = q;
            if (!v.array(filtersPath, filters, { required: true, minItems: 1, example })) return;
            filters.forEach((f, i) => {
                v.string(childPath(filtersPath, i), f, {
                    required: true,
                    pattern: FILTER_STRING,
                    example: '"department:$eq:Sales"',
                });
            });
            return;
        }
        default: {
            v.noUnknownKeys(path, q, ["queryType", "searchFilters"]);
            const example = `'{"filter":{"and":["department:$eq:Sales"]}}'`;
            const sf = q.searchFilters;
            if (isUnknown(sf)) return;
            if (sf === undefined) {
                v.fail(
                    searchPath,
                    `is required for queryType "Search": set it to a JSON filter object — e.g. ${example}`,
                );
            } else if (typeof sf === "string") {
                if (v.string(searchPath, sf, { example })) v.jsonObject(searchPath, sf, example);
            } else if (!isPlainObject(sf)) {
                v.fail(searchPath, `must be a JSON object or its text — e.g. ${example}`);
            }
        }
    }
}

function validateAdopt(v: Validator, path: string, adopt: Record<string, unknown>): void {
    v.noUnknownKeys(path, adopt, ["by", "id", "mode"]);
    const byOk = v.oneOf(childPath(path, "by"), adopt.by, ["name", "id"] as const, { required: true });
    const idPath = childPath(path, "id");
    v.oneOf(childPath(path, "mode"), adopt.mode, ["verify", "overwrite"] as const);
    if (!byOk) return;
    if (adopt.by === "id") {
        v.string(idPath, adopt.id, { required: true, pattern: OBJECT_ID, example: '"5f0c1b2c3d4e5f6a7b8c9d0e"' });
    } else if (adopt.id !== undefined && !isUnknown(adopt.id)) {
        v.fail(idPath, 'is only used with by: "id": remove adopt.id, or set adopt.by to "id"');
    }
}

/**
 * Validates UserGroup inputs; each failure names the property path and the fix. Makes no API call. Values not known
 * yet (preview) are accepted, as are rules that depend on them.
 */
export function validateUserGroup(inputs: unknown): CheckFailure[] {
    const v = new Validator();
    const notAnObject = 'the inputs must be an object with at least a name — e.g. { name: "Engineering" }';
    if (!v.resourceInputs(inputs, USER_GROUP_INPUT_KEYS, notAnObject)) return v.failures;

    if (
        v.string("name", inputs.name, {
            required: true,
            maxLength: NAME_MAX_LENGTH,
            example: '"Engineering"',
        })
    ) {
        v.string("name", inputs.name, { pattern: NO_EDGE_SPACE, example: '"Engineering"' });
    }
    v.string("description", inputs.description, {
        minLength: 0,
        maxLength: DESCRIPTION_MAX_LENGTH,
        example: '"All engineers"',
    });
    v.string("email", inputs.email, {
        maxLength: EMAIL_MAX_LENGTH,
        pattern: EMAIL,
        example: '"eng@example.com"',
    });
    const { attributes, memberQuery, memberQueryExemptions, adopt } = inputs;
    if (v.object("attributes", attributes, { example: "{ sambaEnabled: false }" })) {
        validateAttributes(v, "attributes", attributes);
    }
    v.oneOf("membershipMethod", inputs.membershipMethod, MEMBERSHIP_METHODS);
    const queryExample =
        '{ queryType: "FilterQuery", filters: [{ field: "department", operator: "eq", value: "Sales" }] }';
    if (v.object("memberQuery", memberQuery, { example: queryExample })) {
        validateMemberQuery(v, "memberQuery", memberQuery);
    }
    const method = inputs.membershipMethod;
    if ((method === "DYNAMIC_REVIEW_REQUIRED" || method === "DYNAMIC_AUTOMATED") && inputs.memberQuery === undefined) {
        v.fail(
            "memberQuery",
            `is required when membershipMethod is "${method}": add a memberQuery — e.g. ${queryExample} — or use membershipMethod "STATIC"`,
        );
    }

    const exPath = "memberQueryExemptions";
    if (v.array(exPath, memberQueryExemptions, { example: '[{ id: "5f0c1b2c3d4e5f6a7b8c9d0e", type: "user" }]' })) {
        v.eachObject(exPath, memberQueryExemptions, '{ id: "5f0c1b2c3d4e5f6a7b8c9d0e", type: "user" }', (p, e) => {
            v.noUnknownKeys(p, e, ["id", "type", "attributes"]);
            const example = '"5f0c1b2c3d4e5f6a7b8c9d0e" (the user\'s id)';
            v.string(childPath(p, "id"), e.id, { required: true, pattern: OBJECT_ID, example });
            v.oneOf(childPath(p, "type"), e.type, ["user"] as const, { required: true });
            v.object(childPath(p, "attributes"), e.attributes);
        });
        v.unique(exPath, memberQueryExemptions, (e) => (isPlainObject(e) ? e.id : undefined), "id");
    }
    v.boolean("memberSuggestionsNotify", inputs.memberSuggestionsNotify, { example: "true" });
    v.string("orgId", inputs.orgId, { pattern: OBJECT_ID, example: '"5f0000000000000000000001"' });
    if (v.object("adopt", adopt, { example: '{ by: "name", mode: "verify" }' })) validateAdopt(v, "adopt", adopt);
    v.boolean("observeMembers", inputs.observeMembers, { example: "true" });
    const applyOk = v.boolean("applySuggestions", inputs.applySuggestions, { example: "true" });
    if (applyOk && inputs.applySuggestions === true && !isUnknown(method) && method !== "DYNAMIC_REVIEW_REQUIRED") {
        const now = method === undefined ? "not set" : `"${String(method)}"`;
        v.fail(
            "applySuggestions",
            'requires membershipMethod "DYNAMIC_REVIEW_REQUIRED" (only review-required groups have suggestions to ' +
                `approve; membershipMethod is ${now}): set membershipMethod to "DYNAMIC_REVIEW_REQUIRED" with a ` +
                "memberQuery, or remove applySuggestions",
        );
    }
    return v.failures;
}

/**
 * The inputs `check` hands back, from inputs {@link validateUserGroup} accepted: only the known keys,
 * `searchFilters` given as an object becomes its JSON text, `sudo.withoutPassword` defaults to false, `adopt.mode`
 * to "verify". Values not known yet are kept as they are.
 */
export function normalizeUserGroupInputs(inputs: UserGroupInputs): UserGroupInputs {
    const out: UserGroupInputs = { ...pick(inputs, USER_GROUP_INPUT_KEYS), name: inputs.name };
    const q = out.memberQuery;
    if (q?.queryType === "Search" && isPlainObject(q.searchFilters) && !containsUnknown(q.searchFilters)) {
        out.memberQuery = { ...q, searchFilters: JSON.stringify(q.searchFilters) };
    }
    const attrs = out.attributes;
    if (isPlainObject(attrs) && isPlainObject(attrs.sudo) && attrs.sudo.withoutPassword === undefined) {
        out.attributes = { ...attrs, sudo: { ...attrs.sudo, withoutPassword: false } };
    }
    if (isPlainObject(out.adopt) && out.adopt.mode === undefined) out.adopt = { ...out.adopt, mode: "verify" };
    return out;
}
