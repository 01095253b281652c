/**
 * A call, built once into what every attempt sends (URL, headers, body) and what its log lines and errors need
 * (the method and the redacted path, a scrubber for the call's secrets, how it authenticates).
 */
import type { CallOptions } from "./call-options";
import type { AuthKind, BearerSource, Credential } from "./credential";
import { objectId } from "./paths";
import { scrubText, secretValues } from "./redact";
import { isIdempotent } from "./retry-policy";

/** A query value: arrays are sent as repeated keys. */
export type QueryValue = string | number | readonly string[] | undefined;

/** Which base URL a path is relative to: the API v2 (groups, the graph, ...) or the API v1 (users). */
export type ApiVersion = "v1" | "v2";

/** One call, as an endpoint describes it. */
export interface RequestSpec {
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Encoded path relative to the API's base URL (build it with `apiPath`). */
    path: string;
    /** The API the path belongs to. @default "v2" */
    api?: ApiVersion;
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
    /** How the call authenticates, for the advice of its errors. */
    readonly auth: AuthKind;
}

/** What every attempt of a call sends, and how its diagnostics are redacted. */
export interface PreparedRequest {
    readonly method: RequestSpec["method"];
    readonly url: string;
    /** Every header but a bearer token's, which each attempt adds (see `bearer`). */
    readonly headers: Readonly<Record<string, string>>;
    /** The text sent, if any. */
    readonly body?: string;
    readonly context: CallContext;
    /** The body as the log shows it (redacted there), if any. */
    readonly json: unknown;
    /** Whether a repeat leaves the same state, for the retry decision. */
    readonly idempotent: boolean;
    /** For a service account: the source of each attempt's `Authorization: Bearer` token. */
    readonly bearer?: BearerSource;
    /** Replaces every secret of the call (credentials, secret body values) in a text (an echoed message, a line). */
    scrub(text: string): string;
}

/** Where and as whom a client sends. */
export interface Connection {
    /** The API v2 base URL. */
    readonly apiUrl: string;
    /** The API v1 base URL; undefined when it cannot be derived from `apiUrl` (see `JumpCloudClientOptions`). */
    readonly apiV1Url?: string;
    readonly credential: Credential;
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

function baseUrl(connection: Connection, api: ApiVersion): string {
    if (api === "v2") return connection.apiUrl;
    if (connection.apiV1Url === undefined) {
        throw new TypeError(
            `the API v1 (users) lives beside the API v2, but apiUrl ${JSON.stringify(connection.apiUrl)} does not ` +
                'end in "/v2": pass apiV1Url to the client (e.g. "https://console.jumpcloud.com/api")',
        );
    }
    return connection.apiV1Url;
}

/**
 * Builds a call; throws a `TypeError`, before any request, for an organisation id that is not an ObjectId or a v1
 * call without a v1 base URL.
 */
export function prepareRequest(connection: Connection, spec: RequestSpec, options: CallOptions): PreparedRequest {
    const orgId = options.orgId ?? connection.orgId;
    // A header value, so validated like a path segment: only an ObjectId, never a line break or a second header.
    if (orgId !== undefined) objectId("orgId", orgId);
    const { credential } = connection;
    const relative = spec.path + queryString(spec.query);
    const headers: Record<string, string> = { Accept: "application/json", ...credential.fixedHeaders };
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    // Content-Type only with a body: a JSON content type on an empty DELETE is refused by strict JSON parsers
    // (fastify answers 400 "body is empty"), and a body-less request has no content to type.
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (orgId !== undefined) headers["x-org-id"] = orgId;
    const bodySecrets = secretValues(spec.body);
    // Read at each use: a service account's tokens change during a call (a renewal after a 401).
    const scrub = (text: string): string => scrubText(scrubText(text, credential.secrets()), bodySecrets);
    return {
        method: spec.method,
        url: baseUrl(connection, spec.api ?? "v2") + relative,
        headers,
        ...(body === undefined ? {} : { body }),
        context: { method: spec.method, path: scrub(relative), auth: credential.kind },
        json: spec.body,
        idempotent: spec.idempotent ?? isIdempotent(spec.method),
        ...(credential.bearer === undefined ? {} : { bearer: credential.bearer }),
        scrub,
    };
}
