/**
 * The member suggestions of a `DYNAMIC_REVIEW_REQUIRED` user group (operations `groups_user_suggestions_get` and
 * `groups_user_suggestions_post` of the 2023 upstream spec): the users its rule would add or remove, and applying
 * them.
 */
import type { CallOptions } from "./call-options";
import { listAll } from "./pagination";
import { apiPath, objectId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import { expectArray } from "./response-shape";
import type { ApiMemberSuggestion, ApiMemberSuggestionsPostResult } from "./types";

/** What applying suggestions did: the user ids whose suggestion was applied, and those that had none. */
export interface AppliedSuggestions {
    readonly found: string[];
    readonly notFound: string[];
}

function suggestionsPath(groupId: string): string {
    return apiPath`/usergroups/${objectId("user group id", groupId)}/suggestions`;
}

/** `client.userGroups.suggestions`. */
export class GroupSuggestionsApi {
    constructor(private readonly http: RequestExecutor) {}

    /**
     * The group's pending suggestions (`{op: "add" | "remove", object: {id, type: "user"}}`), over all pages. Groups of
     * other membership methods have none.
     */
    list(groupId: string, options?: CallOptions): AsyncIterable<ApiMemberSuggestion> {
        return listAll(this.http, suggestionsPath(groupId), (skip, limit) => ({ limit, skip }), options);
    }

    /**
     * Applies the suggestions for these users (adds or removes each as suggested). The API answers an array of
     * `{suggestions_found, suggestions_not_found}`; they are merged. Retried like a PUT after a failure the API may
     * have carried out: applying again changes nothing, but then a user whose suggestion the lost attempt applied is
     * reported under `notFound`. An empty list sends nothing.
     */
    async apply(groupId: string, userIds: readonly string[], options?: CallOptions): Promise<AppliedSuggestions> {
        const path = suggestionsPath(groupId);
        if (!Array.isArray(userIds)) throw new TypeError("userIds must be an array of user ids");
        const user_ids = [...new Set(userIds.map((id, i) => objectId(`userIds[${i}]`, id)))];
        if (user_ids.length === 0) return { found: [], notFound: [] };
        const body = await this.http.call({ method: "POST", path, body: { user_ids }, idempotent: true }, options);
        const results = expectArray<ApiMemberSuggestionsPostResult>(body, { method: "POST", path });
        return {
            found: results.flatMap((r) => r.suggestions_found ?? []),
            notFound: results.flatMap((r) => r.suggestions_not_found ?? []),
        };
    }
}
