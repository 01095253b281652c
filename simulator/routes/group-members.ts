/**
 * Group membership in the graph (JumpCloud API v2 spec, TheJumpCloud/jcapi-powershell,
 * SwaggerSpecs/JumpCloud.SDK.V2.json; upstream operationIds in parentheses):
 * - `GET /usergroups/{group_id}/members` (graph_userGroupMembersList): the members as `GraphConnection`s, `limit` and
 *   `skip` only;
 * - `POST /usergroups/{group_id}/members` (graph_userGroupMembersPost): `{op: add|remove|update, id, type: "user",
 *   attributes?}` → 204;
 * - `GET /usergroups/{group_id}/membership` (graph_userGroupMembership): the users in the group as
 *   `GraphObjectWithPaths`, filterable on `object_id` and `type`;
 * - `GET /users/{user_id}/memberof` (graph_userMemberOf): the user's groups, the same shape.
 * Membership follows the group's method (see store/group-membership.ts). Observed, not specified: 409 on adding an
 * existing member, 404 on removing (or updating) a non-member or naming an unknown user.
 */
import type { FastifyInstance } from "fastify";
import { orgOf, type SimulatorContext } from "../context";
import { badRequest, notFound } from "../errors";
import { checkEdgeAttributes } from "../graph-attributes";
import { type ListQuery, parseListQuery, restrictFields } from "../list-query";
import { schema } from "../schemas";
import { type EdgeRow, MEMBER_TYPE } from "../store/graph-edges";
import { DYNAMIC_AUTOMATED, isDynamic, type MembershipGroup } from "../store/group-membership";
import { groupOf, reloadGroup } from "./group-lookup";
import { objectIdField, objectIdParam, rawQuery, sendRows } from "./reply-helpers";

/** The fields the membership lists document for `filter` (and accept for `sort`). */
const GRAPH_LIST_FIELDS = ["id", "object_id", "type"];

/** A member edge as the API renders it (`GraphConnection`). */
export function memberConnection(row: Pick<EdgeRow, "id" | "attributes">): Record<string, unknown> {
    const to = { id: row.id, type: MEMBER_TYPE };
    return row.attributes === null ? { to } : { attributes: JSON.parse(row.attributes) as unknown, to };
}

/** A graph object reached in one step (`GraphObjectWithPaths`). */
function withPath(id: string, type: string): Record<string, unknown> {
    return { id, type, paths: [[{ to: { id, type } }]] };
}

/** Only `limit` and `skip` apply where the spec lists nothing else. */
function pageOnly(raw: unknown): ListQuery {
    const query = rawQuery(raw);
    return parseListQuery(rawQuery({ limit: query["limit"], skip: query["skip"] }));
}

/** `filter` and `sort` restricted to the graph lists' fields; `fields` is not a parameter of these lists. */
function graphListQuery(raw: unknown): ListQuery {
    const query = { ...parseListQuery(rawQuery(raw)), fields: undefined };
    restrictFields(query, GRAPH_LIST_FIELDS);
    return query;
}

function refuseDynamic(group: MembershipGroup): void {
    if (!isDynamic(group)) return;
    if (group.membershipMethod === DYNAMIC_AUTOMATED) {
        throw badRequest(
            `user group ${group.id} is DYNAMIC_AUTOMATED: its members are the users its memberQuery matches, so ` +
                "they cannot be changed here; change memberQuery or memberQueryExemptions, or set membershipMethod " +
                "to STATIC",
        );
    }
    throw badRequest(
        `user group ${group.id} is DYNAMIC_REVIEW_REQUIRED: its members change only by applying suggestions ` +
            "(POST /usergroups/{group_id}/suggestions with user_ids), or set membershipMethod to STATIC",
    );
}

interface MemberOperation {
    op: "add" | "remove" | "update";
    id: unknown;
    attributes?: unknown;
}

/** Registers the membership routes (relative to /api/v2). */
export function registerGroupMemberRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
    const { store } = ctx;

    app.get("/usergroups/:group_id/members", async (request, reply) => {
        const { orgId, group } = groupOf(ctx, request);
        const query = pageOnly(request.query);
        const page = store.sql.sourcePage<EdgeRow>(store.membership.members(orgId, group), { id: "id" }, query);
        return sendRows(reply, page.rows.map(memberConnection), page.total);
    });

    app.post(
        "/usergroups/:group_id/members",
        { schema: { body: schema("graph-operation-user-group-member") } },
        async (request, reply) => {
            const { orgId, group } = groupOf(ctx, request);
            const body = request.body as MemberOperation;
            const userId = objectIdField(body.id, "id");
            const attributes = checkEdgeAttributes(body.attributes, "attributes");
            refuseDynamic(group);
            if (!store.users.has(orgId, userId)) throw notFound("user");
            await store.write(() => {
                const current = reloadGroup(ctx, orgId, group.id);
                refuseDynamic(current);
                if (body.op === "add") store.edges.add(orgId, group.id, MEMBER_TYPE, userId, attributes);
                else if (body.op === "remove") store.edges.remove(group.id, MEMBER_TYPE, userId);
                else store.edges.update(group.id, MEMBER_TYPE, userId, attributes);
            });
            return reply.code(204).send();
        },
    );

    app.get("/usergroups/:group_id/membership", async (request, reply) => {
        const { orgId, group } = groupOf(ctx, request);
        const query = graphListQuery(request.query);
        const columns = { id: "id", object_id: "id", type: `'${MEMBER_TYPE}'` };
        const page = store.sql.sourcePage<{ id: string }>(store.membership.members(orgId, group), columns, query);
        return sendRows(
            reply,
            page.rows.map((row) => withPath(row.id, MEMBER_TYPE)),
            page.total,
        );
    });

    app.get("/users/:user_id/memberof", async (request, reply) => {
        const userId = objectIdParam(request.params, "user_id");
        const orgId = orgOf(request);
        if (!store.users.has(orgId, userId)) throw notFound("user");
        const query = graphListQuery(request.query);
        const groupIds = store.membership.groupsOf(orgId, userId);
        const source = { sql: "SELECT value AS id, key AS seq FROM json_each(?)", params: [JSON.stringify(groupIds)] };
        const columns = { id: "id", object_id: "id", type: "'user_group'" };
        const page = store.sql.sourcePage<{ id: string }>(source, columns, query);
        return sendRows(
            reply,
            page.rows.map((row) => withPath(row.id, "user_group")),
            page.total,
        );
    });
}
