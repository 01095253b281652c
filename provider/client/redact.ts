/**
 * Redaction for everything the client logs or puts in an error. It always works on copies: the caller's objects
 * are never touched.
 *
 * - Headers by allow-list: only names known to be harmless are shown; any other value becomes "[redacted]"
 *   (so `x-api-key`, `Authorization`, cookies and headers added later are hidden by default).
 * - Bodies: string values under secret-looking keys (password, apiKey, token, secret, authorization, OAuth
 *   `code`, ...) become "[redacted]", at any depth; a form body (the token request's) is shown as its fields, with
 *   the same rule.
 * - Text: known secret values (the API key, a service account's client secret and tokens, passwords found in the
 *   request body) are scrubbed from any message, in case an API echoes them.
 */

/** The replacement for a hidden value. */
export const REDACTED = "[redacted]";

const SAFE_HEADERS = new Set([
    "accept",
    "content-type",
    "content-length",
    "user-agent",
    "x-org-id",
    "retry-after",
    "x-total-count",
    "x-request-id",
    "date",
    "connection",
    "keep-alive",
]);

const SECRET_KEY = /pass(word|wd|phrase)?$|secret|token|api[-_]?key|authori[sz]ation|cookie|private[-_]?key|^code$/i;

/** A copy of `headers` with every value not on the allow-list replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
        out[name] = SAFE_HEADERS.has(name.toLowerCase()) ? value : REDACTED;
    }
    return out;
}

/** A deep copy of a JSON-like value with string values under secret-looking keys replaced. */
export function redactBody(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redactBody);
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
        // Only strings: a numeric `code` (an error body's status) or a boolean `password_never_expires` is no secret.
        out[key] = typeof inner === "string" && SECRET_KEY.test(key) ? REDACTED : redactBody(inner);
    }
    return out;
}

/**
 * The fields of an `application/x-www-form-urlencoded` body, for the log, with values under secret-looking keys
 * replaced. The token request's form carries no secret (the client secret travels in its Basic header), but a form
 * with a `client_secret` field would be logged without it.
 */
export function redactForm(form: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(form)) out[key] = SECRET_KEY.test(key) ? REDACTED : value;
    return out;
}

/** Every string value under a secret-looking key, so messages can be scrubbed of them. */
export function secretValues(value: unknown, found: string[] = []): string[] {
    if (Array.isArray(value)) {
        for (const inner of value) secretValues(inner, found);
    } else if (typeof value === "object" && value !== null) {
        for (const [key, inner] of Object.entries(value)) {
            if (typeof inner === "string" && SECRET_KEY.test(key)) {
                if (inner !== "") found.push(inner);
            } else secretValues(inner, found);
        }
    }
    return found;
}

/** `text` with every occurrence of each (non-empty) secret replaced. */
export function scrubText(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const secret of secrets) {
        if (secret !== "" && out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
}
