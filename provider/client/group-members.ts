/**
 * A user group's members (API v2 graph): `GET|POST /usergroups/{group_id}/members` (the direct member edges, 100 per
 * page) and `GET /usergroups/{group_id}/membership` (the users in the group, with paths; for a dynamic group the
 * users its rule selects).
 */
import type { CallOptions } from "./call-options";
import { filter } from "./filter";
import {
    addEdge,
    callOptionsOf,
    type EdgeAddOutcome,
    type EdgeChange,
    type EdgeOptions,
    type EdgeRemoveOutcome,
    type GraphOperationBody,
    removeEdge,
    updateEdge,
} from "./graph-edges";
import { type GraphListQuery, graphListParams } from "./graph-list-query";
import { collect, listAll } from "./pagination";
import { apiPath, objectId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import type { ApiGraphAttributes, ApiGraphConnection, ApiGraphObjectWithPaths } from "./types";

/** The graph type of a group member. */
const MEMBER = "user";

function membersPath(groupId: string): string {
    return apiPath`/usergroups/${objectId("user group id", groupId)}/members`;
}

function memberOperation(op: GraphOperationBody["op"], userId: string, attributes?: ApiGraphAttributes) {
    return { op, type: MEMBER, id: objectId("user id", userId), ...(attributes === undefined ? {} : { attributes }) };
}

/** `client.userGroups.members`. */
export class GroupMembersApi {
    constructor(private readonly http: RequestExecutor) {}

    /**
     * Every member edge of the group (`GraphConnection`, `to: {id, type: "user"}`), over all pages of 100: a group of
     * 250 members takes 3 requests. The endpoint takes only `limit` and `skip`, so the order is the API's.
     * `NotFoundError` for an unknown group.
     */
    list(groupId: string, options?: CallOptions): AsyncIterable<ApiGraphConnection> {
        return listAll(this.http, membersPath(groupId), (skip, limit) => ({ limit, skip }), options);
    }

    /**
     * Adds a user to a static group. Resolves `added`, or `already-present` when the user already was a member (the
     * API's 409); see `EdgeChange`. A dynamic group refuses member changes (400); an unknown user or group is a
     * `NotFoundError`.
     */
    add(groupId: string, userId: string, options?: EdgeOptions): Promise<EdgeChange<EdgeAddOutcome>> {
        const body = memberOperation("add", userId, options?.attributes);
        return addEdge(this.http, membersPath(groupId), body, callOptionsOf(options));
    }

    /** Removes a user from a static group. Resolves `removed`, or `already-absent` (the API's 404); see `EdgeChange`. */
    remove(groupId: string, userId: string, options?: CallOptions): Promise<EdgeChange<EdgeRemoveOutcome>> {
        return removeEdge(this.http, membersPath(groupId), memberOperation("remove", userId), options);
    }

    /** Replaces the attributes of a member edge; `NotFoundError` when the user is not a member. */
    update(groupId: string, userId: string, attributes: ApiGraphAttributes, options?: CallOptions): Promise<void> {
        return updateEdge(this.http, membersPath(groupId), memberOperation("update", userId, attributes), options);
    }

    /**
     * The users in the group (`GraphObjectWithPaths`, type "user"), over all pages: the member edges of a static
     * group, the users a dynamic group's rule selects. `filter`/`sort` take `object_id` and `type`.
     */
    membership(groupId: string, query?: GraphListQuery, options?: CallOptions): AsyncIterable<ApiGraphObjectWithPaths> {
        const path = apiPath`/usergroups/${objectId("user group id", groupId)}/membership`;
        return listAll(this.http, path, (skip, limit) => graphListParams(query, skip, limit), options);
    }

    /**
     * Whether the user is in the group, in one request whatever the group's size: the group's `membership` filtered
     * on the user's id (the spec's `object_id` filter). For a dynamic group this is whether its rule selects the user.
     */
    async has(groupId: string, userId: string, options?: CallOptions): Promise<boolean> {
        const id = objectId("user id", userId).toLowerCase();
        const found = await collect(this.membership(groupId, { filter: filter.eq("object_id", id) }, options));
        // Compared again: a server that ignored the filter must not make every group look like a match.
        return found.some((o) => o.id.toLowerCase() === id);
    }
}
