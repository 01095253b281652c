/**
 * Minimal checks that a successful response has the shape a call promises, so a wrong `apiUrl` or an API change
 * fails with a clear error instead of `undefined` flowing into the provider.
 */

import type { AuthKind } from "./credential";
import { UnexpectedResponseError } from "./errors";
import type { PreparedRequest } from "./prepared-request";

/** The call a response belongs to. */
export interface ResponseContext {
    method: string;
    path: string;
    /** How the call authenticated, for the error's advice. @default "apiKey" */
    auth?: AuthKind;
}

function fail(context: ResponseContext, detail: string): never {
    throw new UnexpectedResponseError({ ...context, status: 200 }, detail);
}

/** The body as an array (list endpoints answer bare arrays). */
export function expectArray<T>(body: unknown, context: ResponseContext): T[] {
    if (!Array.isArray(body)) fail(context, "response is not a JSON array");
    return body as T[];
}

/** The body as an object. */
export function expectObject<T>(body: unknown, context: ResponseContext): T {
    if (typeof body !== "object" || body === null || Array.isArray(body))
        fail(context, "response is not a JSON object");
    return body as T;
}

/**
 * The parsed JSON of a 2xx body, or undefined for an empty one (204). A body that is not JSON is an
 * `UnexpectedResponseError` quoting its start, scrubbed.
 */
export function parseJsonBody<T>(
    text: string,
    status: number,
    request: PreparedRequest,
    attempts: number,
): T | undefined {
    if (text.trim() === "") return undefined;
    try {
        return JSON.parse(text) as T;
    } catch {
        // No `cause`: the parser's message quotes the body, and the sample below is all a reader needs.
        const sample = request.scrub(text.trim().slice(0, 60).replace(/\s+/g, " "));
        throw new UnexpectedResponseError(
            { ...request.context, status, attempts },
            `response is not JSON (starts with ${JSON.stringify(sample)})`,
        );
    }
}
