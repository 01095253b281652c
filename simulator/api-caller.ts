/**
 * Raw calls to a (simulated) JumpCloud API v2 with an API key, as a console admin makes them outside Pulumi: the
 * out-of-band changes and checks of tests, the demo and the reliability scenarios.
 */

/** Where and as whom to call: the API v2 base URL and a key (a RunningSimulator has both). */
export interface ApiTarget {
    url: string;
    apiKey: string;
}

/** A call's status and parsed body (undefined when empty). */
export interface ApiReply {
    status: number;
    json: unknown;
}

/** One JSON call (path relative to the v2 base), whatever the answer. */
export async function apiRequest(target: ApiTarget, method: string, path: string, body?: unknown): Promise<ApiReply> {
    const res = await fetch(`${target.url}${path}`, {
        method,
        headers: {
            "x-api-key": target.apiKey,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A JSON call that throws unless it succeeded; answers the parsed body (`{}` when empty). */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** An {@link ApiCall} bound to a target. */
export function apiCaller(target: ApiTarget): ApiCall {
    return async (method, path, body) => {
        const { status, json } = await apiRequest(target, method, path, body);
        if (status < 200 || status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
        return (json ?? {}) as Record<string, unknown>;
    };
}
