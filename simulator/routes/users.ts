/**
 * API v1 users: `GET /api/systemusers` (the envelope `{totalCount, results}`) and `GET /api/systemusers/{id}`
 * (operations `User_List` and `User_Get` of JumpCloud's v1 spec, TheJumpCloud/jcapi-powershell,
 * SwaggerSpecs/JumpCloud.SDK.V1.json). Users are read-only here; seeds, Workday imports and the admin surface
 * create and change them.
 */
import type { FastifyInstance } from "fastify";
import { orgOf, type SimulatorContext } from "../context";
import { notFound } from "../errors";
import { project, renderPage } from "../list-query";
import { parseV1ListQuery } from "../v1-list-query";
import { objectIdParam, rawQuery, sendJson } from "./reply-helpers";

/** v1 objects are keyed on `_id`; a `fields` projection always keeps it. */
const V1_ID = "_id";

/** Registers the v1 user routes (relative to /api). */
export function registerUserRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    const users = ctx.store.users;

    app.get("/systemusers", async (request, reply) => {
        const query = parseV1ListQuery(rawQuery(request.query));
        const page = users.list(orgOf(request), query);
        return sendJson(
            reply,
            200,
            `{"totalCount":${page.total},"results":${renderPage(page.docs, query.fields, V1_ID)}}`,
        );
    });

    app.get("/systemusers/:id", async (request, reply) => {
        const id = objectIdParam(request.params, "id");
        const { fields } = parseV1ListQuery(rawQuery({ fields: rawQuery(request.query)["fields"] }));
        const doc = users.get(orgOf(request), id);
        if (doc === undefined) throw notFound("user");
        if (fields === undefined) return sendJson(reply, 200, doc);
        return sendJson(reply, 200, JSON.stringify(project(JSON.parse(doc) as Record<string, unknown>, fields, V1_ID)));
    });
}
