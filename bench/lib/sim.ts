/**
 * The in-process simulator the benchmarks run against, and the admin calls they need (reset, request log,
 * rate limit). Loaded lazily so the floor scenarios run even while the simulator is unavailable.
 */
import type { LoggedCall } from "./request-log";

/** The part of the simulator's RunningSimulator the benchmarks use. */
export interface BenchSimulator {
    url: string;
    origin: string;
    apiKey: string;
    close(): Promise<void>;
}

/** Starts the embedded simulator on an ephemeral loopback port, in memory. */
export async function startBenchSimulator(): Promise<BenchSimulator> {
    const sim = (await import("../../simulator")) as {
        startSimulator(opts?: { port?: number; host?: string; log?: boolean }): Promise<BenchSimulator>;
    };
    return sim.startSimulator({ port: 0, host: "127.0.0.1", log: false });
}

async function admin<T>(origin: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${origin}/__sim${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator admin ${method} ${path} failed: ${res.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : undefined) as T;
}

/** Forgets all data (groups from earlier runs). */
export const resetSim = (origin: string) => admin<unknown>(origin, "POST", "/reset", {});

/** Empties the request log (sequence numbers keep increasing). */
export const clearRequests = (origin: string) => admin<unknown>(origin, "DELETE", "/requests");

/** Logged API requests, optionally only those after `since`. */
export async function requestsSince(origin: string, since = 0): Promise<LoggedCall[]> {
    return (await admin<{ requests: LoggedCall[] }>(origin, "GET", `/requests?since=${since}`)).requests;
}

/** Limits the API to `requestsPerSecond` (null lifts the limit); beyond it the simulator answers 429. */
export const setRateLimit = (origin: string, requestsPerSecond: number | null, retryAfterSeconds = 1) =>
    admin<unknown>(origin, "POST", "/rate-limit", { requestsPerSecond, retryAfterSeconds });

/** Seeds users, push endpoints and other objects (POST /__sim/seed); returns the new ids by kind. */
export const seedSim = <T>(origin: string, doc: unknown) => admin<T>(origin, "POST", "/seed", doc);
