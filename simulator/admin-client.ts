/**
 * The typed client of the admin surface (/__sim) that tests, benchmarks and scripts use: reset, seed, the request
 * log, fault plans, the rate limit, the store dump, user patches and service-account token controls. It imports
 * nothing but types, so loading it does not load the server.
 */
import type { FaultSpec } from "./faults";
import type { RateLimitSettings } from "./rate-limit";
import type { LoggedRequest } from "./request-log";
import type { SeedDocument, SeedResult, SeedUser } from "./seed";

/** An admin call's status and parsed body (undefined when empty). */
export interface AdminReply<T> {
    status: number;
    body: T;
}

/** The store dump: every table's rows by area (`userGroups`, `users`, `groupEdges`, …). */
export type StoreDump = Record<string, Record<string, unknown>[]>;

/** The user fields PATCH /__sim/users/{id} may change. */
export type UserPatch = Omit<SeedUser, "id" | "username" | "email" | "orgId" | "created">;

/** The admin surface of one simulator, by its origin (`http://127.0.0.1:<port>`). */
export class SimulatorAdmin {
    constructor(readonly origin: string) {}

    /** One admin call, whatever its status: for tests of the admin surface itself. */
    async call<T = unknown>(method: string, path: string, body?: unknown): Promise<AdminReply<T>> {
        const res = await fetch(`${this.origin}/__sim${path}`, {
            method,
            headers: body === undefined ? {} : { "content-type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, body: (text === "" ? undefined : JSON.parse(text)) as T };
    }

    /** One admin call that must succeed; throws with the status and the simulator's message otherwise. */
    private async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
        const reply = await this.call<T>(method, path, body);
        if (reply.status >= 300) {
            const detail = JSON.stringify(reply.body) ?? "";
            throw new Error(`simulator admin ${method} ${path} failed: ${reply.status} ${detail.slice(0, 500)}`);
        }
        return reply.body;
    }

    /** Empties all data, faults, rate limit and request log (the default org and key remain). */
    async reset(): Promise<void> {
        await this.ok("POST", "/reset");
    }

    /** Seeds data in one transaction; returns the created ids by kind. */
    seed(doc: SeedDocument): Promise<SeedResult> {
        return this.ok("POST", "/seed", doc);
    }

    /** API requests the simulator served (admin calls excluded), only those after `since` when given. */
    async requests(since?: number): Promise<LoggedRequest[]> {
        const query = since === undefined ? "" : `?since=${since}`;
        return (await this.ok<{ requests: LoggedRequest[] }>("GET", `/requests${query}`)).requests;
    }

    /** The sequence number of the newest logged request (0 when none): pass it to {@link requests} as `since`. */
    async lastSeq(): Promise<number> {
        const all = await this.requests();
        return all.length > 0 ? Math.max(...all.map((r) => r.seq)) : 0;
    }

    /** Forgets the request log (sequence numbers keep increasing). */
    async clearRequests(): Promise<void> {
        await this.ok("DELETE", "/requests");
    }

    /** Adds faults to the plan; answers how many are active. */
    faults(faults: readonly FaultSpec[]): Promise<{ active: number }> {
        return this.ok("POST", "/faults", { faults });
    }

    /** Removes every fault. */
    async clearFaults(): Promise<void> {
        await this.ok("DELETE", "/faults");
    }

    /** Limits the API to `requestsPerSecond` (null lifts the limit); beyond it the simulator answers 429. */
    rateLimit(requestsPerSecond: number | null, retryAfterSeconds = 1): Promise<RateLimitSettings> {
        return this.ok("POST", "/rate-limit", { requestsPerSecond, retryAfterSeconds });
    }

    /** A dump of all data (no key, client secret or token). */
    store<T = StoreDump>(): Promise<T> {
        return this.ok("GET", "/store");
    }

    /** Changes a user's fields (as the console would); answers the user. */
    patchUser(id: string, fields: UserPatch): Promise<Record<string, unknown>> {
        return this.ok("PATCH", `/users/${id}`, fields);
    }

    /** Sets the lifetime of the service-account tokens issued from now on. */
    tokenSettings(lifetimeSeconds: number): Promise<{ lifetimeSeconds: number }> {
        return this.ok("POST", "/token-settings", { lifetimeSeconds });
    }

    /** Revokes the client's tokens, or every token without `clientId`. */
    revokeTokens(clientId?: string): Promise<{ revoked: number }> {
        return this.ok("POST", "/revoke-tokens", clientId === undefined ? {} : { clientId });
    }
}

/** The admin client of the simulator at `origin`. */
export function simAdmin(origin: string): SimulatorAdmin {
    return new SimulatorAdmin(origin);
}
