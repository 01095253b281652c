/**
 * A call, built once into what every attempt sends (URL, headers, JSON body) and what its log lines and errors
 * need (the method and the redacted path, a scrubber for the call's secrets).
 */
import type { CallOptions } from "./call-options";
import { objectId } from "./paths";
import { scrubText, secretValues } from "./redact";

/** A query value: arrays are sent as repeated keys. */
export type QueryValue = string | number | readonly string[] | undefined;

/** One call, as an endpoint describes it. */
export interface RequestSpec {
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Encoded path relative to the API base URL (build it with `apiPath`). */
    path: string;
    query?: Record<string, QueryValue>;
    /** JSON body. */
    body?: unknown;
    /**
     * The request has the same effect however often it is sent (e.g. a POST that sets credentials), so it is
     * retried like a PUT. @default true for GET, PUT, PATCH and DELETE, false for POST
     */
    idempotent?: boolean;
}

/** The call as errors and log lines name it: the method and the path with its query, secrets scrubbed. */
export interface CallContext {
    readonly method: string;
    readonly path: string;
}

/** What every attempt of a call sends, and how its diagnostics are redacted. */
export interface PreparedRequest {
    readonly method: RequestSpec["method"];
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    /** The JSON text sent, if any. */
    readonly body?: string;
    readonly context: CallContext;
    /** The body as given, for the (redacted) log. */
    readonly json: unknown;
    /** Replaces the API key and any secret value of the body in a text (an echoed message, a log line). */
    scrub(text: string): string;
}

/** Where and as whom a client sends. */
export interface Connection {
    readonly apiUrl: string;
    readonly apiKey: string;
    readonly orgId?: string;
}

function queryString(query: Record<string, QueryValue> | undefined): string {
    if (!query) return "";
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
        if (value === undefined) continue;
        if (typeof value === "string" || typeof value === "number") params.append(key, String(value));
        else for (const item of value) params.append(key, item);
    }
    const text = params.toString();
    return text === "" ? "" : `?${text}`;
}

/** Builds a call; throws a `TypeError`, before any request, for an organisation id that is not an ObjectId. */
export function prepareRequest(connection: Connection, spec: RequestSpec, options: CallOptions): PreparedRequest {
    const orgId = options.orgId ?? connection.orgId;
    // A header value, so validated like a path segment: only an ObjectId, never a line break or a second header.
    if (orgId !== undefined) objectId("orgId", orgId);
    const relative = spec.path + queryString(spec.query);
    const headers: Record<string, string> = { Accept: "application/json", "x-api-key": connection.apiKey };
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    // Content-Type only with a body: a JSON content type on an empty DELETE is refused by strict JSON parsers
    // (fastify answers 400 "body is empty"), and a body-less request has no content to type.
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (orgId !== undefined) headers["x-org-id"] = orgId;
    const secrets = [connection.apiKey, ...secretValues(spec.body)];
    const scrub = (text: string): string => scrubText(text, secrets);
    return {
        method: spec.method,
        url: connection.apiUrl + relative,
        headers,
        ...(body === undefined ? {} : { body }),
        context: { method: spec.method, path: scrub(relative) },
        json: spec.body,
        scrub,
    };
}
