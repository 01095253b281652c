/**
 * Path parameters: validated, then URL-encoded, so a crafted id ("../../users", "x?filter=", "a/b") can never
 * reach another path. Invalid ids throw a `TypeError` before any request is made.
 */

/** A pattern an id must match, and how messages describe it. */
export interface IdPattern {
    readonly regex: RegExp;
    readonly description: string;
}

/**
 * A JumpCloud ObjectId: 24 hexadecimal characters. Every object id of the API v2 and every organisation id
 * (`x-org-id`) has this shape; the provider's `check`, its settings and the client all apply this one rule.
 */
export const OBJECT_ID: IdPattern = Object.freeze({
    regex: /^[0-9a-f]{24}$/i,
    description: "a 24-character hexadecimal ObjectId",
});

/**
 * An id the API does not document as an ObjectId (push endpoints, import jobs): 1-128 letters, digits, `_`, `-` or
 * `.`, not starting with `.` (so never `.` or `..`), so it is always one harmless path segment.
 */
export const SAFE_ID: IdPattern = Object.freeze({
    regex: /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/,
    description: 'an id of 1-128 letters, digits, "_", "-" or "." (not starting with ".")',
});

function shown(value: unknown): string {
    const text = typeof value === "string" ? value : String(value);
    return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** True when `value` is a string matching `pattern`. */
export function matches(pattern: IdPattern, value: unknown): value is string {
    return typeof value === "string" && pattern.regex.test(value);
}

function checked(pattern: IdPattern, name: string, value: unknown): string {
    if (!matches(pattern, value)) throw new TypeError(`${name} must be ${pattern.description}, got ${shown(value)}`);
    return value;
}

/** Returns `value` if it is a JumpCloud ObjectId ({@link OBJECT_ID}); throws a `TypeError` otherwise. */
export function objectId(name: string, value: unknown): string {
    return checked(OBJECT_ID, name, value);
}

/** Returns `value` if it is a safe opaque id ({@link SAFE_ID}); throws a `TypeError` otherwise. */
export function safeId(name: string, value: unknown): string {
    return checked(SAFE_ID, name, value);
}

/**
 * Tagged template for API paths: every interpolated value is URL-encoded as one path segment.
 * Validate first with {@link objectId} or {@link safeId}; the encoding is the second line of defence.
 */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
    let out = strings[0] ?? "";
    values.forEach((value, i) => {
        out += encodeURIComponent(value) + (strings[i + 1] ?? "");
    });
    return out;
}
