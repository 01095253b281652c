/**
 * Path parameters: validated, then URL-encoded, so a crafted id ("../../users", "x?filter=", "a/b") can never
 * reach another path. Invalid ids throw a `TypeError` before any request is made.
 */

const OBJECT_ID = /^[0-9a-f]{24}$/i;
/** Ids that are not documented as ObjectIds (push endpoints, import jobs): letters, digits, `_`, `-`, `.`. */
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

function shown(value: unknown): string {
    const text = typeof value === "string" ? value : String(value);
    return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Returns `value` if it is a JumpCloud ObjectId (24 hexadecimal characters); throws a `TypeError` otherwise. */
export function objectId(name: string, value: unknown): string {
    if (typeof value !== "string" || !OBJECT_ID.test(value)) {
        throw new TypeError(`${name} must be a JumpCloud ObjectId (24 hexadecimal characters), got ${shown(value)}`);
    }
    return value;
}

/**
 * Returns `value` if it is a safe opaque id (1-128 of letters, digits, `_`, `-`, `.`, not starting with `.`, so
 * never `.` or `..`); throws a `TypeError` otherwise.
 */
export function safeId(name: string, value: unknown): string {
    if (typeof value !== "string" || !SAFE_ID.test(value)) {
        throw new TypeError(
            `${name} must be 1-128 letters, digits, "_", "-" or "." (not starting with "."), got ${shown(value)}`,
        );
    }
    return value;
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
