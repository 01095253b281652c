/**
 * Test harness for the simulator suites: an in-process simulator on port 0, small HTTP helpers (API v2, API v1 and
 * the token endpoint) that validate every response body against the derived schemas, and admin shortcuts.
 */
import assert from "node:assert/strict";
import Ajv, { type ValidateFunction } from "ajv";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../../../simulator";
import { type AdminReply, simAdmin } from "../../../simulator/admin-client";
import { schemas } from "../../../simulator/schemas";
import type { SeedDocument, SeedResult } from "../../../simulator/seed";

/** A parsed HTTP response. */
export interface ApiResponse<T = unknown> {
    status: number;
    headers: Headers;
    /** Parsed JSON, or undefined for an empty body. */
    body: T;
    text: string;
}

/** Options of one request. */
export interface RequestOptions {
    body?: unknown;
    /** Sent as is instead of JSON-encoding `body`. */
    rawBody?: string;
    headers?: Record<string, string>;
    /** Omit the x-api-key header. */
    noKey?: boolean;
}

/** The simulated APIs: v2 under /api/v2, v1 under /api, and the token endpoint at the root. */
export type Area = "v2" | "v1" | "oauth";

const AREA_BASE: Record<Area, string> = { v2: "/api/v2", v1: "/api", oauth: "" };

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();
const READ_ONLY_GROUP_FIELDS = [
    "id",
    "name",
    "type",
    "suggestionCounts",
    "memberQueryErrorFlags",
    "organizationObjectId",
];
/** The `systemuserreturn` fields the simulator always renders for a user (the spec requires none). */
const USER_FIELDS = [
    "_id",
    "username",
    "email",
    "firstname",
    "lastname",
    "displayname",
    "state",
    "activated",
    "suspended",
    "department",
    "company",
    "jobTitle",
    "location",
    "costCenter",
    "employeeType",
    "employeeIdentifier",
    "attributes",
    "created",
    "organization",
];

function validator(name: string): ValidateFunction {
    let fn = validators.get(name);
    if (!fn) {
        const base = schemas[name.replace(/-spec$/, "")];
        assert.ok(base, `no schema ${name}`);
        // The simulator promises more than the spec requires of a group and a user: these fields are always present.
        let schema = base;
        if (name === "user-group") schema = { allOf: [base, { required: READ_ONLY_GROUP_FIELDS }] };
        if (name === "systemuser-return") schema = { allOf: [base, { required: USER_FIELDS }] };
        if (name === "systemusers-list") {
            schema = {
                allOf: [base, { required: ["totalCount", "results"] }],
                properties: { results: { items: { required: USER_FIELDS } } },
            };
        }
        fn = ajv.compile(schema);
        validators.set(name, fn);
    }
    return fn;
}

/** Asserts `value` matches the named derived schema. */
export function assertSchema(name: string, value: unknown): void {
    const fn = validator(name);
    assert.ok(fn(value), `${name} schema: ${ajv.errorsText(fn.errors)} in ${JSON.stringify(value)}`);
}

/** Which schema a successful response of an API route must match ("[]" suffix: a bare array of it). */
function responseSchema(area: Area, method: string, path: string): string | undefined {
    const rules: [Area, string, RegExp, string][] = [
        ["v2", "GET", /^\/usergroups$/, "user-group[]"],
        ["v2", "POST", /^\/usergroups$/, "user-group"],
        ["v2", "GET|PUT", /^\/usergroups\/[^/]+$/, "user-group"],
        ["v2", "GET", /^\/usergroups\/[^/]+\/members$/, "graph-connection[]"],
        ["v2", "GET", /^\/usergroups\/[^/]+\/membership$/, "graph-object-with-paths[]"],
        ["v2", "GET", /^\/usergroups\/[^/]+\/associations$/, "graph-connection[]"],
        ["v2", "GET", /^\/usergroups\/[^/]+\/suggestions$/, "member-suggestion[]"],
        ["v2", "POST", /^\/usergroups\/[^/]+\/suggestions$/, "member-suggestions-post-result[]"],
        ["v2", "GET", /^\/users\/[^/]+\/memberof$/, "graph-object-with-paths[]"],
        ["v2", "GET", /^\/users\/[^/]+\/pushendpoints$/, "push-endpoint[]"],
        ["v2", "GET|PATCH|DELETE", /^\/users\/[^/]+\/pushendpoints\/[^/]+$/, "push-endpoint"],
        ["v2", "GET", /^\/workdays$/, "workday-output[]"],
        ["v2", "POST", /^\/workdays$/, "workday-output"],
        ["v2", "GET|PUT", /^\/workdays\/[^/]+$/, "workday-output"],
        ["v2", "POST", /^\/workdays\/[^/]+\/import$/, "job-id"],
        ["v2", "GET", /^\/workdays\/[^/]+\/import\/[^/]+\/results$/, "job-workresult[]"],
        ["v2", "GET", /^\/workdays\/[^/]+\/workers$/, "workday-worker[]"],
        ["v1", "GET", /^\/systemusers$/, "systemusers-list"],
        ["v1", "GET", /^\/systemusers\/[^/]+$/, "systemuser-return"],
        ["oauth", "POST", /^\/oauth2\/token$/, "oauth-token"],
    ];
    const found = rules.find(
        ([a, methods, pattern]) => a === area && methods.split("|").includes(method) && pattern.test(path),
    );
    return found?.[3];
}

function validateResponse(area: Area, method: string, url: string, res: ApiResponse): void {
    if (res.status === 204) {
        assert.equal(res.text, "", "204 must have no body");
        return;
    }
    assert.match(res.headers.get("content-type") ?? "", /application\/json/, `content type of ${method} ${url}`);
    // The token endpoint answers its own failures as OAuth errors; 429 and 5xx come from the fault plan and rate
    // limit in front of every area and are API errors.
    if (area === "oauth" && (res.status === 400 || res.status === 401)) {
        assertSchema("oauth-error", res.body);
        return;
    }
    if (res.status >= 400) {
        assertSchema("error", res.body);
        const body = res.body as { code: number; status: string; message: string };
        assert.equal(body.code, res.status, "error code equals HTTP status");
        assert.ok(body.message.length > 0);
        return;
    }
    const [path = "", query = ""] = url.split("?");
    const name = responseSchema(area, method, path);
    assert.ok(name, `no schema known for ${area} ${method} ${path}`);
    let item = name.replace("[]", "");
    // A `fields` projection drops fields the strict checks require; the spec schema itself still applies.
    if (/(^|&)fields=./.test(query)) item = `${item}-spec`;
    if (name.endsWith("[]")) {
        assert.ok(Array.isArray(res.body), `${method} ${path} must answer a bare array`);
        for (const entry of res.body as unknown[]) assertSchema(item, entry);
    } else {
        assertSchema(item, res.body);
    }
}

/** A simulator for one suite plus helpers bound to it. */
export class SimHarness {
    sim!: RunningSimulator;

    constructor(private readonly options: SimulatorOptions = {}) {}

    /** Starts the simulator (mocha `before`). */
    async start(): Promise<void> {
        this.sim = await startSimulator({ importDelayMs: 100, ...this.options });
    }

    /** Stops it (mocha `after`). */
    async stop(): Promise<void> {
        await this.sim?.close();
    }

    /** Sends one API v2 request (path relative to /api/v2) and validates the response body against the schemas. */
    api<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
        return this.send<T>("v2", method, path, opts);
    }

    /** Sends one API v1 request (path relative to /api, e.g. "/systemusers") and validates the response body. */
    v1<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
        return this.send<T>("v1", method, path, opts);
    }

    /**
     * Requests a token from POST /oauth2/token with HTTP Basic client authentication and a form body (default
     * `grant_type=client_credentials&scope=api`); validates the answer (a token, or an OAuth error).
     */
    token<T = TokenResponse>(
        clientId: string,
        clientSecret: string,
        form = "grant_type=client_credentials&scope=api",
        headers: Record<string, string> = {},
    ): Promise<ApiResponse<T>> {
        const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString(
            "base64",
        );
        return this.send<T>("oauth", "POST", "/oauth2/token", {
            noKey: true,
            rawBody: form,
            headers: {
                authorization: `Basic ${basic}`,
                "content-type": "application/x-www-form-urlencoded",
                ...headers,
            },
        });
    }

    /** Sends one request to an area and validates the response against the schemas. */
    async send<T = unknown>(
        area: Area,
        method: string,
        path: string,
        opts: RequestOptions = {},
    ): Promise<ApiResponse<T>> {
        const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
        const usesBearer = Object.keys(headers).some((h) => h.toLowerCase() === "authorization");
        if (!opts.noKey && !usesBearer && headers["x-api-key"] === undefined) headers["x-api-key"] = this.sim.apiKey;
        let payload: string | undefined;
        if (opts.rawBody !== undefined) payload = opts.rawBody;
        else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
        if (payload !== undefined && headers["content-type"] === undefined)
            headers["content-type"] = "application/json";
        const res = await fetch(`${this.sim.origin}${AREA_BASE[area]}${path}`, { method, headers, body: payload });
        const text = await res.text();
        const parsed: ApiResponse<T> = {
            status: res.status,
            headers: res.headers,
            body: (text === "" ? undefined : JSON.parse(text)) as T,
            text,
        };
        validateResponse(area, method, path, parsed as ApiResponse);
        return parsed;
    }

    /** Calls the admin surface, whatever the status (the tests of the admin surface check it). */
    admin<T = unknown>(method: string, path: string, body?: unknown): Promise<AdminReply<T>> {
        return simAdmin(this.sim.origin).call<T>(method, path, body);
    }

    /** Empties all data, faults, rate limit and request log. */
    reset(): Promise<void> {
        return simAdmin(this.sim.origin).reset();
    }

    /** Seeds data; returns the created ids. */
    seed(doc: SeedDocument): Promise<SeedResult> {
        return simAdmin(this.sim.origin).seed(doc);
    }

    /** Creates a group and returns it (asserting 201). */
    async createGroup(body: Record<string, unknown>, headers?: Record<string, string>): Promise<Group> {
        const res = await this.api<Group>("POST", "/usergroups", { body, headers });
        assert.equal(res.status, 201, res.text);
        return res.body;
    }
}

/** A successful token response. */
export interface TokenResponse {
    access_token: string;
    token_type: string;
    expires_in: number;
    scope?: string;
}

/** A user group as the tests read it. */
export type Group = { id: string; name: string; [key: string]: unknown };

/** Asserts an error response: status, and (optionally) a message fragment. */
export function assertError(res: ApiResponse, status: number, messagePart?: string | RegExp): void {
    assert.equal(res.status, status, res.text);
    const body = res.body as { message: string };
    if (typeof messagePart === "string") assert.ok(body.message.includes(messagePart), body.message);
    else if (messagePart) assert.match(body.message, messagePart);
}
