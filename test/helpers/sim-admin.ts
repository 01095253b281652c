/**
 * Small typed wrappers over the simulator's admin surface (/__sim), shared by contract and end-to-end tests.
 */
export interface LoggedRequest {
    seq: number;
    method: string;
    path: string;
    query?: string;
    status: number;
    durationMs: number;
    orgId?: string;
    /** The fault the simulator injected into this request, if any. */
    fault?: string;
}

async function admin<T>(origin: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${origin}/__sim${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator admin ${method} ${path} failed: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
}

/** API requests the simulator served (admin calls excluded), optionally only those after `since`. */
export async function simRequests(origin: string, since?: number): Promise<LoggedRequest[]> {
    const q = since === undefined ? "" : `?since=${since}`;
    return (await admin<{ requests: LoggedRequest[] }>(origin, "GET", `/requests${q}`)).requests;
}

/** The sequence number of the newest logged request (0 when none): pass it to {@link simRequests} as `since`. */
export async function simLastSeq(origin: string): Promise<number> {
    const all = await simRequests(origin);
    return all.length ? Math.max(...all.map((r) => r.seq)) : 0;
}

/** Requests that change data (anything but GET). */
export function writes(requests: LoggedRequest[]): LoggedRequest[] {
    return requests.filter((r) => r.method !== "GET");
}

export const simReset = (origin: string) => admin<void>(origin, "POST", "/reset", {});
export const simSeed = <T = Record<string, unknown>>(origin: string, doc: unknown) =>
    admin<T>(origin, "POST", "/seed", doc);
export const simFaults = (origin: string, faults: unknown[]) => admin<unknown>(origin, "POST", "/faults", { faults });
export const simClearFaults = (origin: string) => admin<unknown>(origin, "DELETE", "/faults");
export const simStore = <T = Record<string, unknown>>(origin: string) => admin<T>(origin, "GET", "/store");

/** Requests counted by method and path with ObjectIds folded, e.g. { "PUT /usergroups/:id": 1 }. */
export function countRequests(reqs: LoggedRequest[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of reqs) {
        const key = `${r.method} ${r.path.replace(/[0-9a-f]{24}/g, ":id")}`;
        out[key] = (out[key] ?? 0) + 1;
    }
    return out;
}
