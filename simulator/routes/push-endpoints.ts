/**
 * Push endpoints of a user: list, get, PATCH (name and state only) and DELETE (200 with the deleted endpoint).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { orgOf, type SimulatorContext } from "../context";
import { notFound } from "../errors";
import { parseListQuery } from "../list-query";
import { schema } from "../schemas";
import { objectIdParam, rawQuery, sendJson, sendPage } from "./reply-helpers";

/** Registers the push endpoint routes (relative to /api/v2). */
export function registerPushEndpointRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    const endpoints = ctx.store.pushEndpoints;

    /** The org and user of the request; 404 when the user is not in the caller's org. */
    const userOf = (request: FastifyRequest): { orgId: string; userId: string } => {
        const userId = objectIdParam(request.params, "user_id");
        const orgId = orgOf(request);
        if (!ctx.store.users.has(orgId, userId)) throw notFound("user");
        return { orgId, userId };
    };

    app.get("/users/:user_id/pushendpoints", async (request, reply) => {
        const { orgId, userId } = userOf(request);
        // The endpoint takes no list parameters; every endpoint of the user is returned.
        const query = { ...parseListQuery(rawQuery({})), limit: Number.MAX_SAFE_INTEGER };
        return sendPage(reply, endpoints.list(orgId, userId, query));
    });

    app.get("/users/:user_id/pushendpoints/:push_endpoint_id", async (request, reply) => {
        const id = objectIdParam(request.params, "push_endpoint_id");
        const { orgId, userId } = userOf(request);
        const doc = endpoints.get(orgId, userId, id);
        if (doc === undefined) throw notFound("push endpoint");
        return sendJson(reply, 200, doc);
    });

    app.patch(
        "/users/:user_id/pushendpoints/:push_endpoint_id",
        { schema: { body: schema("push-endpoint-patch") } },
        async (request, reply) => {
            const id = objectIdParam(request.params, "push_endpoint_id");
            const { orgId, userId } = userOf(request);
            const patch = request.body as { name?: string; state?: string };
            const doc = await ctx.store.write(() => endpoints.update(orgId, userId, id, patch));
            if (doc === undefined) throw notFound("push endpoint");
            return sendJson(reply, 200, doc);
        },
    );

    app.delete("/users/:user_id/pushendpoints/:push_endpoint_id", async (request, reply) => {
        const id = objectIdParam(request.params, "push_endpoint_id");
        const { orgId, userId } = userOf(request);
        const doc = await ctx.store.write(() => endpoints.delete(orgId, userId, id));
        if (doc === undefined) throw notFound("push endpoint");
        return sendJson(reply, 200, doc);
    });
}
