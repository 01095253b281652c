/**
 * The admin surface under /__sim (no API key): reset, seed, request log, fault plans, rate limit, a store dump, user
 * changes the API cannot make, and service-account token controls. It exists for tests and demos; its requests are
 * never logged as API requests.
 */
import type { FastifyInstance } from "fastify";
import type { SimulatorContext } from "./context";
import { badRequest, notFound } from "./errors";
import { isObjectId } from "./object-id";
import { SEED_BODY_LIMIT, seed, userFields } from "./seed";
import { USER_TEXT_FIELDS } from "./store/users";

type Json = Record<string, unknown>;

function objectBody(body: unknown): Json {
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw badRequest("body must be an object");
    return body as Json;
}

/** The user fields an admin patch may change (identity fields stay as seeded). */
const PATCHABLE_USER_FIELDS = ["state", "attributes", ...USER_TEXT_FIELDS];

/** Registers the admin routes (relative to /__sim). */
export function registerAdminRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    app.post("/reset", async (_request, reply) => {
        ctx.store.reset();
        ctx.faults.clear();
        ctx.rateLimiter.configure({ requestsPerSecond: null, retryAfterSeconds: 1 });
        ctx.requestLog.clear();
        ctx.tokenLifetimeSeconds = ctx.defaultTokenLifetimeSeconds;
        return reply.code(204).send();
    });

    app.post("/seed", { bodyLimit: SEED_BODY_LIMIT }, async (request) => seed(ctx, objectBody(request.body)));

    app.get("/requests", async (request) => {
        const since = (request.query as Json)["since"];
        const from = since === undefined ? 0 : Number(since);
        if (!Number.isInteger(from) || from < 0) throw badRequest("since must be a non-negative integer");
        return { requests: ctx.requestLog.since(from) };
    });

    app.delete("/requests", async (_request, reply) => {
        ctx.requestLog.clear();
        return reply.code(204).send();
    });

    app.post("/faults", async (request) => {
        const body = request.body as Json | null;
        const faults = body?.["faults"];
        if (!Array.isArray(faults)) throw badRequest("faults must be an array");
        ctx.faults.add(faults);
        return { active: ctx.faults.size };
    });

    app.delete("/faults", async (_request, reply) => {
        ctx.faults.clear();
        return reply.code(204).send();
    });

    app.post("/rate-limit", async (request) => {
        const body = (request.body ?? {}) as Json;
        const rps = body["requestsPerSecond"];
        const retryAfter = body["retryAfterSeconds"] ?? 1;
        if (rps !== null && (typeof rps !== "number" || !(rps > 0))) {
            throw badRequest("requestsPerSecond must be a positive number or null");
        }
        if (typeof retryAfter !== "number" || retryAfter < 0) {
            throw badRequest("retryAfterSeconds must be a non-negative number");
        }
        ctx.rateLimiter.configure({ requestsPerSecond: rps, retryAfterSeconds: retryAfter });
        return ctx.rateLimiter.settings;
    });

    app.get("/store", async () => ctx.store.dump());

    // Users have no write endpoint in the simulated API: a test changes one here (suspends it, moves it to another
    // department) and watches dynamic groups follow.
    app.patch("/users/:id", async (request) => {
        const id = (request.params as { id?: string }).id;
        if (!isObjectId(id)) throw badRequest("id must be a 24-character hex ObjectId");
        const body = objectBody(request.body);
        const orgId = ctx.store.users.orgOf(id.toLowerCase());
        if (orgId === undefined) throw notFound("user");
        const fields = userFields(body, "body", PATCHABLE_USER_FIELDS);
        return ctx.store.transaction(() => {
            const json = ctx.store.users.update(orgId, id.toLowerCase(), fields);
            ctx.store.userGroups.refreshSuggestionCounts(orgId);
            return JSON.parse(json ?? "null") as unknown;
        });
    });

    app.post("/token-settings", async (request) => {
        const lifetime = objectBody(request.body)["lifetimeSeconds"];
        if (typeof lifetime !== "number" || !Number.isInteger(lifetime) || lifetime < 1) {
            throw badRequest("lifetimeSeconds must be a positive integer (seconds)");
        }
        ctx.tokenLifetimeSeconds = lifetime;
        return { lifetimeSeconds: lifetime };
    });

    app.post("/revoke-tokens", async (request) => {
        const clientId = objectBody(request.body ?? {})["clientId"];
        if (clientId !== undefined && (typeof clientId !== "string" || clientId === "")) {
            throw badRequest("clientId must be a non-empty string (omit it to revoke every token)");
        }
        const revoked = await ctx.store.write(() => ctx.store.serviceAccounts.revoke(clientId));
        return { revoked };
    });
}
