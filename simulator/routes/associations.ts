/**
 * A user group's direct associations (operations graph_userGroupAssociationsList and graph_userGroupAssociationsPost
 * of JumpCloud's API v2 spec, TheJumpCloud/jcapi-powershell, SwaggerSpecs/JumpCloud.SDK.V2.json):
 * - `GET /usergroups/{group_id}/associations?targets=<type>`: `GraphConnection`s to objects of that type, `limit`
 *   and `skip`; `targets` is required. The 2026 spec makes it one value; the 2023 edition an array sent
 *   comma-separated, so `targets=system,system_group` (or the parameter repeated) lists both;
 * - `POST /usergroups/{group_id}/associations` `{op: add|remove|update, id, type, attributes?}` → 204. The target
 *   must be a seeded object of that type in the caller's org (404 otherwise). `update` replaces the edge's
 *   attributes (e.g. `{sudo: {enabled, withoutPassword}}` on a system association).
 * Observed, not specified: 409 on adding an existing association, 404 on removing or updating a missing one.
 */
import type { FastifyInstance } from "fastify";
import type { SimulatorContext } from "../context";
import { badRequest, notFound } from "../errors";
import { checkEdgeAttributes } from "../graph-attributes";
import { many, parseListQuery } from "../list-query";
import { schema } from "../schemas";
import type { EdgeRow } from "../store/graph-edges";
import { ASSOCIATION_TARGETS, type AssociationTarget, isAssociationTarget } from "../store/graph-targets";
import { groupOf, reloadGroup } from "./group-lookup";
import { objectIdField, rawQuery, sendRows } from "./reply-helpers";

/** The `targets` parameter as a list of types; 400 naming the parameter when missing or unknown. */
function parseTargets(raw: unknown): AssociationTarget[] {
    const values = many(rawQuery(raw), "targets").flatMap((v) => v.split(","));
    const allowed = ASSOCIATION_TARGETS.join(", ");
    if (values.length === 0 || values.every((v) => v === "")) {
        throw badRequest(`query parameter targets is required (one of: ${allowed})`);
    }
    return [
        ...new Set(
            values.map((value) => {
                if (!isAssociationTarget(value)) {
                    throw badRequest(`query parameter targets must be one of: ${allowed}; got "${value}"`);
                }
                return value;
            }),
        ),
    ];
}

interface AssociationOperation {
    op: "add" | "remove" | "update";
    id: unknown;
    type: AssociationTarget;
    attributes?: unknown;
}

/** Registers the association routes (relative to /api/v2). */
export function registerAssociationRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    const { store } = ctx;

    app.get("/usergroups/:group_id/associations", async (request, reply) => {
        const targets = parseTargets(request.query);
        const { group } = groupOf(ctx, request);
        const raw = rawQuery(request.query);
        const query = parseListQuery(rawQuery({ limit: raw["limit"], skip: raw["skip"] }));
        const page = store.sql.sourcePage<EdgeRow>(store.edges.source(group.id, targets), { id: "id" }, query);
        const rows = page.rows.map((row) => {
            const to = { id: row.id, type: row.type };
            return row.attributes === null ? { to } : { attributes: JSON.parse(row.attributes) as unknown, to };
        });
        return sendRows(reply, rows, page.total);
    });

    app.post(
        "/usergroups/:group_id/associations",
        { schema: { body: schema("graph-operation-user-group") } },
        async (request, reply) => {
            const { orgId, group } = groupOf(ctx, request);
            const body = request.body as AssociationOperation;
            const targetId = objectIdField(body.id, "id");
            const attributes = checkEdgeAttributes(body.attributes, "attributes");
            if (!store.targets.has(orgId, body.type, targetId)) throw notFound(body.type);
            await store.write(() => {
                reloadGroup(ctx, orgId, group.id);
                if (body.op === "add") store.edges.add(orgId, group.id, body.type, targetId, attributes);
                else if (body.op === "remove") store.edges.remove(group.id, body.type, targetId);
                else store.edges.update(group.id, body.type, targetId, attributes);
            });
            return reply.code(204).send();
        },
    );
}
