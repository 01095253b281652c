/**
 * Users: API v1 `/systemusers` (list, get; the envelope `{totalCount, results}`, objects keyed `_id`) and the v2
 * graph of one user, `/users/{user_id}/memberof` (the groups the user is in).
 */

import type { CallOptions } from "./call-options";
import { UnexpectedResponseError } from "./errors";
import { type GraphListQuery, graphListParams } from "./graph-list-query";
import { listAll, paginate } from "./pagination";
import { apiPath, objectId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import { expectObject } from "./response-shape";
import type { ApiGraphObjectWithPaths, ApiSystemUser } from "./types";
import { userFilter } from "./user-filter";
import { type UserListQuery, userListParams } from "./user-list-query";
import { UserLookupError, type UserLookupField } from "./user-lookup-error";

/** Options of `users.get`. */
export interface UserGetOptions extends CallOptions {
    /** Fields to return (the API always includes `_id`). @default every field */
    fields?: readonly string[];
}

/** `client.users`. */
export class UsersApi {
    constructor(private readonly http: RequestExecutor) {}

    /**
     * Every user matching the query, over all pages (100 per page, ordered by `_id` unless `sort` says otherwise),
     * the API v1 envelope unwrapped.
     */
    list(query?: UserListQuery, options?: CallOptions): AsyncIterable<ApiSystemUser> {
        const path = "/systemusers";
        return paginate(async (skip, limit) => {
            const spec = { method: "GET", api: "v1", path, query: userListParams(query, skip, limit) } as const;
            const body = expectObject<{ totalCount?: unknown; results?: unknown }>(
                await this.http.call(spec, options),
                { method: "GET", path },
            );
            if (!Array.isArray(body.results)) {
                throw new UnexpectedResponseError(
                    { method: "GET", path, status: 200 },
                    "response has no results array",
                );
            }
            const results = body.results as ApiSystemUser[];
            return typeof body.totalCount === "number"
                ? { records: results, total: body.totalCount }
                : { records: results };
        });
    }

    /** One user; `NotFoundError` when it does not exist (or belongs to another organisation). */
    async get(id: string, options?: UserGetOptions): Promise<ApiSystemUser> {
        const path = apiPath`/systemusers/${objectId("user id", id)}`;
        const fields = options?.fields ?? [];
        const query = fields.length > 0 ? { fields: fields.join(" ") } : undefined;
        const body = await this.http.call(
            { method: "GET", api: "v1", path, ...(query === undefined ? {} : { query }) },
            options,
        );
        return expectObject(body, { method: "GET", path });
    }

    /**
     * The one user with this email address (compared case-sensitively, as the API does); a `UserLookupError` listing
     * what was found when none or several have it. One request.
     */
    findByEmail(email: string, options?: CallOptions): Promise<ApiSystemUser> {
        return this.findOne("email", email, options);
    }

    /** The one user with this username; a `UserLookupError` listing what was found otherwise. One request. */
    findByUsername(username: string, options?: CallOptions): Promise<ApiSystemUser> {
        return this.findOne("username", username, options);
    }

    /**
     * The groups the user is a member of (`GraphObjectWithPaths`, type "user_group"), over all pages: direct
     * memberships and those of dynamic groups alike. `filter` and `sort` take `object_id` and `type` (the spec's
     * fields). A cheap existence check of one edge: `filter: filter.eq("object_id", groupId)` answers with at most
     * one object. `NotFoundError` for an unknown user.
     */
    memberOf(userId: string, query?: GraphListQuery, options?: CallOptions): AsyncIterable<ApiGraphObjectWithPaths> {
        const path = apiPath`/users/${objectId("user id", userId)}/memberof`;
        return listAll(this.http, path, (skip, limit) => graphListParams(query, skip, limit), options);
    }

    private async findOne(field: UserLookupField, value: string, options?: CallOptions): Promise<ApiSystemUser> {
        if (typeof value !== "string" || value === "") {
            throw new TypeError(`${field} must be a non-empty string, got ${JSON.stringify(value)}`);
        }
        const matches: ApiSystemUser[] = [];
        for await (const user of this.list({ filter: userFilter.eq(field, value) }, options)) matches.push(user);
        const [only, ...others] = matches;
        if (only === undefined || others.length > 0) throw new UserLookupError(field, value, matches);
        return only;
    }
}
