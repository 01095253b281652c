/**
 * The API's error body `{code, message, status}` and the one exception type handlers throw to produce it.
 */
import { STATUS_CODES } from "node:http";

/** The JSON error body the simulator sends for every failure. */
export interface ErrorBody {
    code: number;
    message: string;
    status: string;
}

/** The reason phrase of a status, as JumpCloud writes it in `status`. */
export function reasonPhrase(code: number): string {
    // 401's reason phrase, in both fields. The specs' shared response table calls 401 "Unauthenticated"; the
    // simulator keeps the HTTP reason phrase, which is what clients match on.
    if (code === 401) return "Unauthorized";
    return STATUS_CODES[code] ?? "Error";
}

/** Builds the error body for a status; the message defaults to the reason phrase. */
export function errorBody(code: number, message?: string): ErrorBody {
    const status = reasonPhrase(code);
    return { code, message: message ?? status, status };
}

/** Thrown by handlers and hooks to answer with an API error; the error handler turns it into an {@link ErrorBody}. */
export class ApiError extends Error {
    /** HTTP status code. */
    readonly statusCode: number;
    /** Extra response headers (e.g. Retry-After). */
    readonly headers: Readonly<Record<string, string>>;

    constructor(statusCode: number, message?: string, headers: Record<string, string> = {}) {
        super(message ?? reasonPhrase(statusCode));
        this.name = "ApiError";
        this.statusCode = statusCode;
        this.headers = headers;
    }
}

/** 400 Bad Request naming what is wrong. */
export function badRequest(message: string): ApiError {
    return new ApiError(400, message);
}

/** 404 Not Found; other tenants' objects get exactly this too, so existence never leaks. */
export function notFound(what?: string): ApiError {
    return new ApiError(404, what ? `${what} not found` : "Not Found");
}

/** 409 with the message clients string-match ("Already Exists"). */
export function alreadyExists(): ApiError {
    return new ApiError(409, "Already Exists");
}

/** One schema-validation error as ajv reports it (the fields the message needs). */
export interface ValidationIssue {
    keyword: string;
    instancePath: string;
    params: Record<string, unknown>;
    message?: string;
}

function fieldPath(instancePath: string, child?: unknown): string {
    const parts = instancePath
        .split("/")
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`));
    if (typeof child === "string") parts.push(`.${child}`);
    const joined = parts.join("").replace(/^\./, "");
    return joined === "" ? "" : joined;
}

/** Turns the first schema-validation error into a message naming the field, e.g. "body.state must be one of: …". */
export function formatValidationIssue(issue: ValidationIssue, part: string): string {
    const where = (child?: unknown): string => {
        const path = fieldPath(issue.instancePath, child);
        return path === "" ? part : `${part}.${path}`;
    };
    switch (issue.keyword) {
        case "required":
            return `${where(issue.params["missingProperty"])} is required`;
        case "additionalProperties":
            return `${where(issue.params["additionalProperty"])} is not an allowed field`;
        case "enum":
            return `${where()} must be one of: ${(issue.params["allowedValues"] as unknown[]).join(", ")}`;
        case "type":
            return `${where()} must be of type ${String(issue.params["type"])}`;
        default:
            return `${where()} ${issue.message ?? "is invalid"}`;
    }
}
