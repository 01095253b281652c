/**
 * User groups: POST/GET list under /usergroups, GET/PUT/DELETE under /usergroups/{id}.
 */
import type { FastifyInstance } from "fastify";
import { orgOf, type SimulatorContext } from "../context";
import { notFound } from "../errors";
import { parseListQuery } from "../list-query";
import { schema } from "../schemas";
import type { UserGroupBody } from "../store/user-groups";
import { objectIdParam, rawQuery, sendJson, sendPage } from "./reply-helpers";

/** Registers the user group routes (relative to /api/v2). */
export function registerUserGroupRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    const groups = ctx.store.userGroups;

    app.get("/usergroups", async (request, reply) => {
        const query = parseListQuery(rawQuery(request.query));
        return sendPage(reply, groups.list(orgOf(request), query), query.fields);
    });

    app.post("/usergroups", { schema: { body: schema("user-group-post") } }, async (request, reply) => {
        const orgId = orgOf(request);
        const doc = await ctx.store.write(() => groups.create(orgId, request.body as UserGroupBody));
        return sendJson(reply, 201, doc);
    });

    app.get("/usergroups/:id", async (request, reply) => {
        const id = objectIdParam(request.params, "id");
        const doc = groups.get(orgOf(request), id);
        if (doc === undefined) throw notFound("user group");
        return sendJson(reply, 200, doc);
    });

    app.put("/usergroups/:id", { schema: { body: schema("user-group-put") } }, async (request, reply) => {
        const id = objectIdParam(request.params, "id");
        const orgId = orgOf(request);
        const doc = await ctx.store.write(() => groups.replace(orgId, id, request.body as UserGroupBody));
        if (doc === undefined) throw notFound("user group");
        return sendJson(reply, 200, doc);
    });

    app.delete("/usergroups/:id", async (request, reply) => {
        const id = objectIdParam(request.params, "id");
        const orgId = orgOf(request);
        if (!(await ctx.store.write(() => groups.delete(orgId, id)))) throw notFound("user group");
        return reply.code(204).send();
    });
}
