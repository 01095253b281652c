/**
 * Raw calls to a (simulated) JumpCloud API, as a console admin makes them outside Pulumi: the demo's and the
 * tests' out-of-band changes.
 */
/** A JSON API call as a console admin would make it, outside Pulumi. */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** Raw calls to the simulator's API with its key: the out-of-band changes the tests make. */
export function apiCaller(sim: { url: string; apiKey: string }): ApiCall {
    return async (method, path, body) => {
        const res = await fetch(`${sim.url}${path}`, {
            method,
            headers: {
                "x-api-key": sim.apiKey,
                ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
        return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };
}
