/**
 * Member suggestions of a `DYNAMIC_REVIEW_REQUIRED` group (operations groups_user_suggestions_get and
 * groups_user_suggestions_post of JumpCloud's API v2 spec, 2023 upstream edition as kept by
 * ConductorOne/baton-jumpcloud, pkg/jcapi2/api/openapi.yaml):
 * - `GET /usergroups/{group_id}/suggestions`: `MemberSuggestion`s `{op: add|remove, object: {id, type: "user"}}`,
 *   `limit` and `skip`;
 * - `POST /usergroups/{group_id}/suggestions` with `{user_ids}` applies the suggestions for those users and answers
 *   200 with an array of one `MemberSuggestionsPostResult` `{suggestions_found, suggestions_not_found}`.
 * A group of another method has no suggestions: its list is empty and every posted id is "not found".
 */
import type { FastifyInstance } from "fastify";
import type { SimulatorContext } from "../context";
import { badRequest } from "../errors";
import { parseListQuery } from "../list-query";
import { schema } from "../schemas";
import { MEMBER_TYPE } from "../store/graph-edges";
import { groupOf, reloadGroup } from "./group-lookup";
import { objectIdField, rawQuery, sendJson, sendRows } from "./reply-helpers";

/** Registers the suggestion routes (relative to /api/v2). */
export function registerSuggestionRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    const { store } = ctx;

    app.get("/usergroups/:group_id/suggestions", async (request, reply) => {
        const { orgId, group } = groupOf(ctx, request);
        const raw = rawQuery(request.query);
        const query = parseListQuery(rawQuery({ limit: raw["limit"], skip: raw["skip"] }));
        const page = store.sql.sourcePage<{ op: string; id: string }>(
            store.membership.suggestions(orgId, group),
            { id: "id" },
            query,
        );
        return sendRows(
            reply,
            page.rows.map((row) => ({ op: row.op, object: { id: row.id, type: MEMBER_TYPE } })),
            page.total,
        );
    });

    app.post(
        "/usergroups/:group_id/suggestions",
        { schema: { body: schema("user-group-suggestions-post") } },
        async (request, reply) => {
            const { orgId, group } = groupOf(ctx, request);
            const ids = (request.body as { user_ids?: unknown[] }).user_ids;
            if (ids === undefined)
                throw badRequest("user_ids is required: the ids of the users whose suggestions to apply");
            const userIds = [...new Set(ids.map((id, i) => objectIdField(id, `user_ids[${i}]`)))];
            const result = await store.write(() => {
                const current = reloadGroup(ctx, orgId, group.id);
                const applied = store.membership.applySuggestions(orgId, current, userIds);
                store.userGroups.refreshGroup(orgId, group.id);
                return applied;
            });
            return sendJson(
                reply,
                200,
                JSON.stringify([{ suggestions_found: result.found, suggestions_not_found: result.notFound }]),
            );
        },
    );
}
