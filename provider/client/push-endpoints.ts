/**
 * Push endpoint endpoints: /users/{user_id}/pushendpoints[/{id}] (list, get, PATCH, delete). The API has no
 * create: devices enrol through the JumpCloud Protect app.
 */

import type { CallOptions } from "./call-options";
import { ListingReads } from "./listing-reads";
import { apiPath, objectId, safeId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import { expectArray, expectObject } from "./response-shape";
import type { ApiPushEndpoint, ApiPushEndpointPatch } from "./types";

function endpointPath(userId: string, id: string): string {
    return apiPath`/users/${objectId("user id", userId)}/pushendpoints/${safeId("push endpoint id", id)}`;
}

/** `client.pushEndpoints`. */
export class PushEndpointsApi {
    /** The batched reads of each user's devices (keyed by org and user). */
    private readonly reads = new Map<string, ListingReads<ApiPushEndpoint>>();

    constructor(private readonly http: RequestExecutor) {}

    /**
     * One push endpoint, as `get` returns it, for reads that come many at a time (a refresh): reads of one user's
     * devices that arrive together are served by one list of that user's devices (see listing-reads.ts).
     * `NotFoundError` when it does not exist. Like `userGroups.read`, a listing serves reads for up to 60 s: call
     * `get` to see a change made elsewhere since.
     */
    read(userId: string, id: string, options?: CallOptions): Promise<ApiPushEndpoint> {
        endpointPath(userId, id);
        const key = `${options?.orgId ?? ""}/${userId}`;
        let reads = this.reads.get(key);
        if (reads === undefined) {
            const orgOnly = options?.orgId === undefined ? undefined : { orgId: options.orgId };
            reads = new ListingReads<ApiPushEndpoint>(
                {
                    // The list is one unpaginated call: a single "page" holding every device.
                    page: async () => {
                        const items = await this.list(userId, orgOnly);
                        return { items, total: items.length };
                    },
                    get: (endpointId) => this.get(userId, endpointId, orgOnly),
                    keyOf: (e) => e.id,
                },
                { pageSize: Number.MAX_SAFE_INTEGER },
            );
            this.reads.set(key, reads);
        }
        return reads.read(id);
    }

    /** A user's push endpoints (one unpaginated list). */
    async list(userId: string, options?: CallOptions): Promise<ApiPushEndpoint[]> {
        const path = apiPath`/users/${objectId("user id", userId)}/pushendpoints`;
        return expectArray(await this.http.call({ method: "GET", path }, options), { method: "GET", path });
    }

    /** One push endpoint; `NotFoundError` when it does not exist. */
    async get(userId: string, id: string, options?: CallOptions): Promise<ApiPushEndpoint> {
        const path = endpointPath(userId, id);
        return expectObject(await this.http.call({ method: "GET", path }, options), { method: "GET", path });
    }

    /** Sets `name` and/or `state`; resolves with the updated endpoint. */
    async update(
        userId: string,
        id: string,
        patch: ApiPushEndpointPatch,
        options?: CallOptions,
    ): Promise<ApiPushEndpoint> {
        const path = endpointPath(userId, id);
        const body = await this.http.call({ method: "PATCH", path, body: patch }, options);
        const updated = expectObject<ApiPushEndpoint>(body, { method: "PATCH", path });
        this.reads.get(`${options?.orgId ?? ""}/${userId}`)?.remember(updated);
        return updated;
    }

    /** Deletes a push endpoint; the API answers 200 with the deleted endpoint (undefined if it sends none). */
    async delete(userId: string, id: string, options?: CallOptions): Promise<ApiPushEndpoint | undefined> {
        const path = endpointPath(userId, id);
        this.reads.get(`${options?.orgId ?? ""}/${userId}`)?.forget(id);
        const body = await this.http.call({ method: "DELETE", path }, options);
        return body === undefined ? undefined : expectObject<ApiPushEndpoint>(body, { method: "DELETE", path });
    }
}
