/**
 * The simulator's HTTP server: fastify with API v2 under /api/v2, API v1 (users) under /api, the service-account
 * token endpoint at /oauth2/token, and the admin surface under /__sim. Per API request, in order: fault plan and
 * rate limit (before anything else), authentication (not for the token endpoint, which authenticates its client
 * itself), body parsing and schema validation, the handler (one transaction), then `reset-after` faults and the
 * request log.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { registerAdminRoutes } from "./admin";
import { AREA_BASE, areaOf, TOKEN_PATH } from "./api-area";
import { resolveOrg } from "./auth";
import type { SimulatorContext } from "./context";
import { ApiError, errorBody, formatValidationIssue, type ValidationIssue } from "./errors";
import { registerAssociationRoutes } from "./routes/associations";
import { registerGroupMemberRoutes } from "./routes/group-members";
import { registerOAuthTokenRoute } from "./routes/oauth-token";
import { registerPushEndpointRoutes } from "./routes/push-endpoints";
import { registerSuggestionRoutes } from "./routes/suggestions";
import { registerUserGroupRoutes } from "./routes/user-groups";
import { registerUserRoutes } from "./routes/users";
import { registerWorkdayRoutes } from "./routes/workdays";

/** The admin surface's reserved prefix. */
export const ADMIN_PREFIX = "/__sim";
/** Largest accepted API request body (1 MiB); larger bodies get 413. */
export const BODY_LIMIT = 1024 * 1024;

/** Options of {@link createServer}. */
export interface ServerOptions {
    /** fastify request logging to stderr. @default false */
    log?: boolean;
}

/** What fastify's request log records of a request: never a header, and no query string of the token endpoint. */
function logLine(request: { method: string; url: string }): { method: string; url: string } {
    const url = request.url.split("?")[0] === TOKEN_PATH ? TOKEN_PATH : request.url;
    return { method: request.method, url };
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function logRequest(ctx: SimulatorContext, request: FastifyRequest, status: number): void {
    const state = request.sim;
    if (!state || state.logged) return;
    state.logged = true;
    ctx.requestLog.add({
        method: request.method,
        api: state.area,
        path: state.path,
        query: state.query,
        status,
        durationMs: Math.round((performance.now() - state.started) * 100) / 100,
        orgId: state.orgId,
        ...(state.fault ? { fault: state.fault } : {}),
    });
}

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
    reply.headers(error.headers);
    return reply.code(error.statusCode).type("application/json").send(errorBody(error.statusCode, error.message));
}

function translateError(error: FastifyError): ApiError {
    if (error instanceof ApiError) return error;
    if (error.validation) return new ApiError(400, error.message);
    switch (error.code) {
        case "FST_ERR_CTP_BODY_TOO_LARGE":
            return new ApiError(413, `request body is larger than ${BODY_LIMIT} bytes`);
        case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
            return new ApiError(415, "Content-Type must be application/json");
        case "FST_ERR_CTP_EMPTY_JSON_BODY":
            return new ApiError(400, "request body is empty but Content-Type is application/json");
    }
    if (error instanceof SyntaxError || error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
        return new ApiError(400, `malformed JSON body: ${error.message}`);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return new ApiError(status, error.message);
    return new ApiError(500, "Internal Server Error");
}

/** Runs the fault plan and rate limit for an API request; true when the request was answered or dropped. */
async function applyFaults(ctx: SimulatorContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const state = request.sim!;
    for (const fault of ctx.faults.match(request.method, state.path, state.area)) {
        state.fault = fault.kind;
        switch (fault.kind) {
            case "latency":
                await sleep(fault.latencyMs);
                break;
            case "reset-before":
                // Drop the connection without doing anything: the client sees a reset, nothing was written.
                logRequest(ctx, request, 0);
                reply.hijack();
                request.raw.socket?.destroy();
                return true;
            case "reset-after":
                // Decided now, acted on in onSend: the handler runs and commits, then the reply is never sent.
                break;
            case "429":
                sendError(
                    reply,
                    new ApiError(429, "Too Many Requests", { "retry-after": String(fault.retryAfterSeconds) }),
                );
                return true;
            default:
                sendError(reply, new ApiError(Number(fault.kind)));
                return true;
        }
    }
    const retryAfter = ctx.rateLimiter.take();
    if (retryAfter !== undefined) {
        sendError(reply, new ApiError(429, "Too Many Requests", { "retry-after": String(retryAfter) }));
        return true;
    }
    return false;
}

/** Builds the fastify app (not listening); tests may use `inject()` on it. */
export function createServer(ctx: SimulatorContext, options: ServerOptions = {}): FastifyInstance {
    const app = Fastify({
        logger: options.log
            ? { level: "info", stream: process.stderr, serializers: { req: (request) => logLine(request) } }
            : false,
        bodyLimit: BODY_LIMIT,
        ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, strict: false } },
        schemaErrorFormatter: (errors, dataVar) => {
            const first = errors[0];
            return new Error(first ? formatValidationIssue(first as ValidationIssue, dataVar) : `invalid ${dataVar}`);
        },
        return503OnClosing: false,
        forceCloseConnections: true,
    });

    app.decorateRequest("sim", null);
    // The API consumes JSON only (both JumpCloud specs declare `consumes: application/json`): any other content
    // type is 415.
    app.removeContentTypeParser("text/plain");
    const parseJson = app.getDefaultJsonParser("error", "error");
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
        // A JSON content type with no body is accepted on admin calls (e.g. POST /__sim/reset) and on the API's
        // bodiless methods: JumpCloud's own clients send the header on every DELETE and GET. A POST/PUT/PATCH with
        // no body is still refused by the routes' body schemas.
        const bodiless = request.method === "DELETE" || request.method === "GET";
        if (body === "" && (bodiless || request.url.startsWith(ADMIN_PREFIX))) {
            done(null, undefined);
            return;
        }
        parseJson(request, body.toString(), done);
    });

    app.addHook("onRequest", async (request, reply) => {
        const at = areaOf(request.url);
        if (!at) return;
        request.sim = {
            started: performance.now(),
            area: at.area,
            path: at.path,
            // A client may (wrongly) put credentials in the token endpoint's query string: never record it.
            query: at.area === "oauth" ? "" : at.query,
            orgId: null,
            fault: undefined,
            logged: false,
        };
        if (await applyFaults(ctx, request, reply)) return reply;
        // The token endpoint authenticates its client from the request body and Authorization header itself.
        if (at.area !== "oauth") {
            request.sim.orgId = resolveOrg(ctx.store.tenancy, ctx.store.serviceAccounts, request.headers);
        }
        return undefined;
    });

    app.addHook("onSend", async (request, reply, payload) => {
        if (!request.sim) return payload;
        logRequest(ctx, request, reply.statusCode);
        if (request.sim.fault === "reset-after") {
            // The handler has committed; dropping the socket now loses only the response.
            request.raw.socket?.destroy();
        }
        return payload;
    });

    app.setErrorHandler((error: FastifyError, request, reply) => {
        const apiError = translateError(error);
        if (apiError.statusCode >= 500) request.log.error({ err: error }, "simulator error");
        return sendError(reply, apiError);
    });

    app.setNotFoundHandler((request, reply) =>
        sendError(reply, new ApiError(404, `route ${request.method} ${request.url.split("?")[0]} not found`)),
    );

    app.register(
        async (api) => {
            registerUserGroupRoutes(api, ctx);
            registerGroupMemberRoutes(api, ctx);
            registerSuggestionRoutes(api, ctx);
            registerAssociationRoutes(api, ctx);
            registerPushEndpointRoutes(api, ctx);
            registerWorkdayRoutes(api, ctx);
        },
        { prefix: AREA_BASE.v2 },
    );
    app.register(async (v1) => registerUserRoutes(v1, ctx), { prefix: AREA_BASE.v1 });
    app.register(async (oauth) => registerOAuthTokenRoute(oauth, ctx));
    app.register(async (admin) => registerAdminRoutes(admin, ctx), { prefix: ADMIN_PREFIX });
    return app;
}
