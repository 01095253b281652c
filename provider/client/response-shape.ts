/**
 * Minimal checks that a successful response has the shape a call promises, so a wrong `apiUrl` or an API change
 * fails with a clear error instead of `undefined` flowing into the provider.
 */

import { UnexpectedResponseError } from "./errors";

/** The call a response belongs to. */
export interface ResponseContext {
    method: string;
    path: string;
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
