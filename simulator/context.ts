/**
 * What the server, the routes and the admin surface share: the simulator context (store, fault plan, rate limit,
 * request log, settings), the per-request state the request hook attaches, and the org of an authenticated
 * request. Routes import this module, never server.ts, so the server can import the routes without a cycle.
 */
import type { FastifyRequest } from "fastify";
import type { ApiArea } from "./api-area";
import { ApiError } from "./errors";
import { type FaultKind, FaultPlan } from "./faults";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import type { Store } from "./store";

/** Service-account tokens live an hour unless configured otherwise, as JumpCloud's do. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** Everything the routes share. */
export interface SimulatorContext {
    store: Store;
    faults: FaultPlan;
    rateLimiter: RateLimiter;
    requestLog: RequestLog;
    /** How long import results stay pending. */
    importDelayMs: number;
    /** The org seeds go to when they name none. */
    defaultOrgId: string;
    /** Lifetime of the access tokens issued from now on (changed through /__sim/token-settings). */
    tokenLifetimeSeconds: number;
    /** The lifetime a reset goes back to. */
    readonly defaultTokenLifetimeSeconds: number;
}

/** Options of {@link createContext}. */
export interface ContextOptions {
    /** How long Workday import results stay pending. @default 200 */
    importDelayMs?: number;
    /** Lifetime of service-account access tokens. @default 3600 */
    tokenLifetimeSeconds?: number;
}

/** Per-request state of an API request. */
export interface RequestState {
    started: number;
    area: ApiArea;
    /** Path after the area's base (/api/v2, /api, or the root for the token endpoint) without the query string. */
    path: string;
    /** The raw query string without "?" (never recorded for the token endpoint). */
    query: string;
    orgId: string | null;
    fault: FaultKind | undefined;
    logged: boolean;
}

declare module "fastify" {
    interface FastifyRequest {
        /** Set for API requests (v2, v1 and the token endpoint) only. */
        sim: RequestState | null;
    }
}

/** The org of an authenticated API request (set by the request hook before any handler runs). */
export function orgOf(request: FastifyRequest): string {
    const orgId = request.sim?.orgId;
    if (!orgId) throw new ApiError(401, "Unauthorized");
    return orgId;
}

/** Builds a fresh context over a store. */
export function createContext(store: Store, defaultOrgId: string, options: ContextOptions = {}): SimulatorContext {
    const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
    return {
        store,
        faults: new FaultPlan(),
        rateLimiter: new RateLimiter(),
        requestLog: new RequestLog(),
        importDelayMs: options.importDelayMs ?? 200,
        defaultOrgId,
        tokenLifetimeSeconds,
        defaultTokenLifetimeSeconds: tokenLifetimeSeconds,
    };
}
