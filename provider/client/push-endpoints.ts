/**
 * Push endpoint endpoints: /users/{user_id}/pushendpoints[/{id}] (list, get, PATCH, delete). The API has no
 * create: devices enrol through the JumpCloud Protect app.
 */

import type { CallOptions } from "./call-options";
import { apiPath, objectId, safeId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import { expectArray, expectObject } from "./response-shape";
import type { ApiPushEndpoint, ApiPushEndpointPatch } from "./types";

function endpointPath(userId: string, id: string): string {
    return apiPath`/users/${objectId("user id", userId)}/pushendpoints/${safeId("push endpoint id", id)}`;
}

/** `client.pushEndpoints`. */
export class PushEndpointsApi {
    constructor(private readonly http: RequestExecutor) {}

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
        return expectObject(body, { method: "PATCH", path });
    }

    /** Deletes a push endpoint; the API answers 200 with the deleted endpoint (undefined if it sends none). */
    async delete(userId: string, id: string, options?: CallOptions): Promise<ApiPushEndpoint | undefined> {
        const path = endpointPath(userId, id);
        const body = await this.http.call({ method: "DELETE", path }, options);
        return body === undefined ? undefined : expectObject<ApiPushEndpoint>(body, { method: "DELETE", path });
    }
}
