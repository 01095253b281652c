/**
 * Reading the simulator's request log in assertions: which requests changed data, and counts by route.
 */
import type { LoggedRequest } from "../../simulator/request-log";

/** Requests that change data (anything but GET). */
export function writes(requests: readonly LoggedRequest[]): LoggedRequest[] {
    return requests.filter((r) => r.method !== "GET");
}

/** Requests counted by method and path with ObjectIds folded, e.g. { "PUT /usergroups/:id": 1 }. */
export function countRequests(requests: readonly LoggedRequest[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of requests) {
        const key = `${r.method} ${r.path.replace(/[0-9a-f]{24}/g, ":id")}`;
        out[key] = (out[key] ?? 0) + 1;
    }
    return out;
}
