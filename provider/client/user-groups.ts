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
import { ListingReads } from "./listing-reads";
import { listAll, PAGE_SIZE } from "./pagination";
import { apiPath, objectId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import { expectArray, expectObject } from "./response-shape";
import type { ApiUserGroup, ApiUserGroupBody } from "./types";

/**
 * Every field of a group, named in the list calls that serve reads: a list's default field set is not documented,
 * and a field it left out would read as a change made in the console.
 */
export const GROUP_FIELDS: ReadonlyArray<keyof ApiUserGroup> = [
    "id",
    "name",
    "type",
    "description",
    "email",
    "attributes",
    "memberQuery",
    "memberQueryErrorFlags",
    "memberQueryExemptions",
    "memberSuggestionsNotify",
    "membershipMethod",
    "organizationObjectId",
    "suggestionCounts",
];

/** `client.userGroups`. */
export class UserGroupsApi {
    /** The group's members: the member edges, the users in the group, adding and removing them. */
    readonly members: GroupMembersApi;
    /** The group's associations with systems, applications, directories and servers. */
    readonly associations: GroupAssociationsApi;
    /** The member suggestions of a `DYNAMIC_REVIEW_REQUIRED` group. */
    readonly suggestions: GroupSuggestionsApi;
    /** The batched reads of each organisation's groups (keyed by x-org-id; "" for the client's own). */
    private readonly reads = new Map<string, ListingReads<ApiUserGroup>>();

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
     * One group, as `get` returns it, for reads that come many at a time (a refresh): reads of one organisation's
     * groups that arrive together are served from whole listings once a listing costs no more calls than the GETs
     * it replaces (see listing-reads.ts). `NotFoundError` when the group does not exist. A listing serves this
     * client's reads for up to 60 s, so a change made elsewhere after it was fetched may not show until then: the
     * provider gets a new client with every run; scripts that must see such a change call `get`.
     */
    read(id: string, options?: CallOptions): Promise<ApiUserGroup> {
        objectId("user group id", id);
        return this.readsOf(options).read(id);
    }

    /**
     * One page of every group, sorted by id, with every field (`GROUP_FIELDS`), and the number of groups when the
     * API reported it (`x-total-count`, which JumpCloud's own clients read; it is not relied on).
     */
    async page(
        skip: number,
        limit: number,
        options?: CallOptions,
    ): Promise<{ items: ApiUserGroup[]; total: number | undefined }> {
        const path = "/usergroups";
        const query = { limit, skip, sort: "id", fields: GROUP_FIELDS.join(",") };
        const { body, headers } = await this.http.exchange<unknown>({ method: "GET", path, query }, options);
        const total = Number(headers.get("x-total-count") ?? Number.NaN);
        return {
            items: expectArray<ApiUserGroup>(body, { method: "GET", path }),
            total: Number.isSafeInteger(total) && total >= 0 ? total : undefined,
        };
    }

    private readsOf(options: CallOptions | undefined): ListingReads<ApiUserGroup> {
        const org = options?.orgId ?? "";
        let reads = this.reads.get(org);
        if (reads === undefined) {
            // The organisation only: a caller's abort signal must not end the reads of every later caller.
            const orgOnly = options?.orgId === undefined ? undefined : { orgId: options.orgId };
            reads = new ListingReads<ApiUserGroup>(
                {
                    page: (skip, limit) => this.page(skip, limit, orgOnly),
                    get: (id) => this.get(id, orgOnly),
                    keyOf: (g) => g.id,
                },
                { pageSize: PAGE_SIZE },
            );
            this.reads.set(org, reads);
        }
        return reads;
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
        const created = expectObject<ApiUserGroup>(await this.http.call({ method: "POST", path, body }, options), {
            method: "POST",
            path,
        });
        this.readsOf(options).remember(created);
        return created;
    }

    /** Replaces a group entirely (PUT is a full replace: an omitted field is cleared). */
    async replace(id: string, body: ApiUserGroupBody, options?: CallOptions): Promise<ApiUserGroup> {
        const path = apiPath`/usergroups/${objectId("user group id", id)}`;
        const replaced = expectObject<ApiUserGroup>(await this.http.call({ method: "PUT", path, body }, options), {
            method: "PUT",
            path,
        });
        this.readsOf(options).remember(replaced);
        return replaced;
    }

    /**
     * Deletes a group. The API answers 200 with the deleted group or 204 without a body: resolves with the group
     * or undefined. `NotFoundError` when it is already gone.
     */
    async delete(id: string, options?: CallOptions): Promise<ApiUserGroup | undefined> {
        const path = apiPath`/usergroups/${objectId("user group id", id)}`;
        // Forgotten before the call: if it fails, the group may be gone all the same.
        this.readsOf(options).forget(id);
        const body = await this.http.call({ method: "DELETE", path }, options);
        return body === undefined ? undefined : expectObject<ApiUserGroup>(body, { method: "DELETE", path });
    }
}
