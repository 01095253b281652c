/**
 * The error a failed answer becomes: its class chosen by the status, the API's own message read from the body.
 */
import {
    BadRequestError,
    ConflictError,
    ForbiddenError,
    JumpCloudError,
    type JumpCloudErrorInit,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
} from "./errors";

/** The error class of each status that has one; any other 5xx is a ServerError, anything else a JumpCloudError. */
const BY_STATUS: Readonly<Record<number, new (init: JumpCloudErrorInit) => JumpCloudError>> = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitedError,
};

/** Builds the error that matches a response status. */
export function errorForStatus(init: JumpCloudErrorInit & { status: number }): JumpCloudError {
    const ErrorClass = BY_STATUS[init.status] ?? (init.status >= 500 ? ServerError : JumpCloudError);
    return new ErrorClass(init);
}

/**
 * The API's message from an error body: `message` (the spec's `Error` object), else `error` (what older services
 * send), else the raw text, shortened. See docs/jumpcloud-api.md, "Errors and retries".
 */
export function apiMessageOf(text: string): string | undefined {
    const trimmed = text.trim();
    if (trimmed === "") return undefined;
    try {
        const body = JSON.parse(trimmed) as unknown;
        if (typeof body === "object" && body !== null) {
            const { message, error } = body as { message?: unknown; error?: unknown };
            if (typeof message === "string" && message !== "") return message;
            if (typeof error === "string" && error !== "") return error;
        }
    } catch {
        // Not JSON (a proxy's HTML page, plain text): fall through to the text itself.
    }
    const oneLine = trimmed.replace(/\s+/g, " ");
    return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}
