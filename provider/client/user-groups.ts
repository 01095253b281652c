/**
 * User group endpoints: /usergroups (list, create) and /usergroups/{id} (get, full-replace PUT, delete), and the
 * group's graph: members, associations and suggestions (each in its own module).
 */

import type { CallOptions } from "./call-options";
import { filter } from "./filter";
import { GroupAssociationsApi } from "./group-associations";
import { GroupMembersApi } from "./group-members";
import { GroupSuggestionsApi } from "./group-suggestions";
import { type ListQuery, listParams } from "./list-query";
import { listAll } from "./pagination";
import { apiPath, objectId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import { expectObject } from "./response-shape";
import type { ApiUserGroup, ApiUserGroupBody } from "./types";

/** `client.userGroups`. */
export class UserGroupsApi {
    /** The group's members: the member edges, the users in the group, adding and removing them. */
    readonly members: GroupMembersApi;
    /** The group's associations with systems, applications, directories and servers. */
    readonly associations: GroupAssociationsApi;
    /** The member suggestions of a `DYNAMIC_REVIEW_REQUIRED` group. */
    readonly suggestions: GroupSuggestionsApi;

    constructor(private readonly http: RequestExecutor) {
        this.members = new GroupMembersApi(http);
        this.associations = new GroupAssociationsApi(http);
        this.suggestions = new GroupSuggestionsApi(http);
    }

    /** Every group matching the query, over all pages (100 per page, ordered by id unless `sort` says otherwise). */
    list(query?: ListQuery, options?: CallOptions): AsyncIterable<ApiUserGroup> {
        return listAll(this.http, "/usergroups", (skip, limit) => listParams(query, skip, limit), options);
    }

    /** One group; `NotFoundError` when it does not exist. */
    async get(id: string, options?: CallOptions): Promise<ApiUserGroup> {
        const path = apiPath`/usergroups/${objectId("user group id", id)}`;
        return expectObject(await this.http.call({ method: "GET", path }, options), { method: "GET", path });
    }

    /**
     * The group whose name equals `name` ignoring case (JumpCloud's uniqueness rule), or undefined when there is
     * none. The API's `eq` filter compares case-sensitively, so it answers the common case in one call; a miss is
     * followed by a `search` (a substring match ignoring case) whose results are compared ignoring case. Names are
     * unique ignoring case, so at most one group matches.
     */
    async findByName(name: string, options?: CallOptions): Promise<ApiUserGroup | undefined> {
        const wanted = name.toLowerCase();
        for (const query of [filter.eq("name", name), filter.search("name", name)]) {
            for await (const g of this.list({ filter: query }, options)) {
                if (typeof g.name === "string" && g.name.toLowerCase() === wanted) return g;
            }
        }
        return undefined;
    }

    /** Creates a group (201). A taken name (case-insensitive) gives `ConflictError`. Never retried blindly. */
    async create(body: ApiUserGroupBody, options?: CallOptions): Promise<ApiUserGroup> {
        const path = "/usergroups";
        return expectObject(await this.http.call({ method: "POST", path, body }, options), { method: "POST", path });
    }

    /** Replaces a group entirely (PUT is a full replace: an omitted field is cleared). */
    async replace(id: string, body: ApiUserGroupBody, options?: CallOptions): Promise<ApiUserGroup> {
        const path = apiPath`/usergroups/${objectId("user group id", id)}`;
        return expectObject(await this.http.call({ method: "PUT", path, body }, options), { method: "PUT", path });
    }

    /**
     * Deletes a group. The API answers 200 with the deleted group or 204 without a body: resolves with the group
     * or undefined. `NotFoundError` when it is already gone.
     */
    async delete(id: string, options?: CallOptions): Promise<ApiUserGroup | undefined> {
        const path = apiPath`/usergroups/${objectId("user group id", id)}`;
        const body = await this.http.call({ method: "DELETE", path }, options);
        return body === undefined ? undefined : expectObject<ApiUserGroup>(body, { method: "DELETE", path });
    }
}
