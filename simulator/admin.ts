/**
 * The admin surface under /__sim (no API key): reset, seed, request log, fault plans, rate limit and a store dump.
 * It exists for tests and demos; its requests are never logged as API requests.
 */
import type { FastifyInstance } from "fastify";
import { badRequest } from "./errors";
import { isObjectId } from "./object-id";
import type { SimulatorContext } from "./server";
import type { UserGroupBody } from "./store/user-groups";

/** Seed documents may be large (benchmarks seed 100,000 groups in a few posts). */
const SEED_BODY_LIMIT = 64 * 1024 * 1024;

type Json = Record<string, unknown>;

/** What POST /__sim/seed created. */
export interface SeedResult {
    orgs: string[];
    users: string[];
    pushEndpoints: string[];
    userGroups: string[];
    /** Worker rows have no id; this is how many were added. */
    workdayWorkers: number;
}

function list(body: Json, key: string): Json[] {
    const value = body[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw badRequest(`${key} must be an array`);
    return value.map((item, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) {
            throw badRequest(`${key}[${i}] must be an object`);
        }
        return item as Json;
    });
}

function text(item: Json, field: string, where: string): string {
    const value = item[field];
    if (typeof value !== "string" || value === "") throw badRequest(`${where}.${field} must be a non-empty string`);
    return value;
}

function optionalId(item: Json, field: string, where: string): string | undefined {
    const value = item[field];
    if (value === undefined) return undefined;
    if (!isObjectId(value)) throw badRequest(`${where}.${field} must be a 24-character hex ObjectId`);
    return value.toLowerCase();
}

/** Applies a seed document in one transaction: all of it or, on any error, none of it. */
export function seed(ctx: SimulatorContext, body: Json): SeedResult {
    const { store } = ctx;
    const defaultOrg = ctx.defaultOrgId;
    const result: SeedResult = { orgs: [], users: [], pushEndpoints: [], userGroups: [], workdayWorkers: 0 };
    store.transaction(() => {
        list(body, "orgs").forEach((org, i) => {
            const id = optionalId(org, "id", `orgs[${i}]`);
            if (id === undefined) throw badRequest(`orgs[${i}].id is required`);
            store.tenancy.ensureOrg(id);
            const keys = org["apiKeys"] ?? [];
            if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string" || k === "")) {
                throw badRequest(`orgs[${i}].apiKeys must be an array of non-empty strings`);
            }
            for (const key of keys as string[]) store.tenancy.addKey(key, id);
            result.orgs.push(id);
        });
        const orgFor = (item: Json, where: string, fallback: string = defaultOrg): string => {
            const orgId = optionalId(item, "orgId", where) ?? fallback;
            store.tenancy.ensureOrg(orgId);
            return orgId;
        };
        list(body, "users").forEach((user, i) => {
            const where = `users[${i}]`;
            const id = store.tenancy.addUser(orgFor(user, where), {
                id: optionalId(user, "id", where),
                username: text(user, "username", where),
                email: text(user, "email", where),
            });
            result.users.push(id);
        });
        list(body, "pushEndpoints").forEach((endpoint, i) => {
            const where = `pushEndpoints[${i}]`;
            const userId = optionalId(endpoint, "userId", where);
            if (userId === undefined) throw badRequest(`${where}.userId is required`);
            const existing = store.tenancy.findUserAnywhere(userId);
            const orgId = orgFor(endpoint, where, existing?.orgId);
            // Endpoints may be seeded without their user: a placeholder user makes the path resolvable.
            if (!existing) {
                store.tenancy.addUser(orgId, {
                    id: userId,
                    username: `user-${userId}`,
                    email: `${userId}@example.com`,
                });
            } else if (existing.orgId !== orgId) {
                throw badRequest(`${where}.orgId does not match the org of user ${userId}`);
            }
            const state = text(endpoint, "state", where);
            const device = endpoint["device"];
            if (device !== undefined && (device === null || typeof device !== "object" || Array.isArray(device))) {
                throw badRequest(`${where}.device must be an object`);
            }
            const id = store.pushEndpoints.add(orgId, userId, {
                id: optionalId(endpoint, "id", where),
                name: text(endpoint, "name", where),
                state,
                device: device as Json | undefined,
                enrollmentDate: typeof endpoint["enrollmentDate"] === "string" ? endpoint["enrollmentDate"] : undefined,
                lastUsedDate: typeof endpoint["lastUsedDate"] === "string" ? endpoint["lastUsedDate"] : undefined,
            });
            result.pushEndpoints.push(id);
        });
        list(body, "workdayWorkers").forEach((worker, i) => {
            const where = `workdayWorkers[${i}]`;
            const attributes = worker["attributes"];
            if (attributes !== undefined && (attributes === null || typeof attributes !== "object")) {
                throw badRequest(`${where}.attributes must be an object`);
            }
            store.workdays.addWorker(orgFor(worker, where), {
                username: text(worker, "username", where),
                email: text(worker, "email", where),
                firstName: text(worker, "firstName", where),
                lastName: text(worker, "lastName", where),
                attributes: attributes as Json | undefined,
            });
            result.workdayWorkers += 1;
        });
        list(body, "userGroups").forEach((group, i) => {
            const where = `userGroups[${i}]`;
            const { orgId: _org, id: _id, ...rest } = group;
            text(group, "name", where);
            const orgId = orgFor(group, where);
            const id = optionalId(group, "id", where);
            const json = store.userGroups.create(orgId, rest as unknown as UserGroupBody, id);
            result.userGroups.push((JSON.parse(json) as { id: string }).id);
        });
    });
    return result;
}

/** Registers the admin routes (relative to /__sim). */
export function registerAdminRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    app.post("/reset", async (_request, reply) => {
        ctx.store.reset();
        ctx.faults.clear();
        ctx.rateLimiter.configure({ requestsPerSecond: null, retryAfterSeconds: 1 });
        ctx.requestLog.clear();
        return reply.code(204).send();
    });

    app.post("/seed", { bodyLimit: SEED_BODY_LIMIT }, async (request) => {
        const body = request.body;
        if (body === null || typeof body !== "object" || Array.isArray(body))
            throw badRequest("body must be an object");
        return seed(ctx, body as Json);
    });

    app.get("/requests", async (request) => {
        const since = (request.query as Record<string, unknown>)["since"];
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
}
