/**
 * Push endpoints (enrolled JumpCloud Protect devices) per user. The API cannot create them; seeding does.
 */
import type { Collection, ListQuery } from "../list-query";
import { newObjectId } from "../object-id";
import type { Page, StatementCache } from "./statement-cache";

/** A push endpoint to seed. */
export interface PushEndpointSeed {
    id?: string;
    name: string;
    state: string;
    device?: Record<string, unknown>;
    enrollmentDate?: string;
    lastUsedDate?: string;
}

/** How push endpoints map to SQL. */
export const PUSH_ENDPOINTS: Collection = { table: "push_endpoints", columns: { id: "id" } };

/** Push endpoints scoped to an org and a user. */
export class PushEndpointStore {
    constructor(private readonly sql: StatementCache) {}

    /** Adds an endpoint; returns its id. */
    add(orgId: string, userId: string, seed: PushEndpointSeed): string {
        const id = seed.id ?? newObjectId();
        const now = new Date().toISOString();
        const doc: Record<string, unknown> = {
            id,
            name: seed.name,
            state: seed.state,
            enrollmentDate: seed.enrollmentDate ?? now,
            lastUsedDate: seed.lastUsedDate ?? now,
        };
        if (seed.device !== undefined) doc["device"] = seed.device;
        this.sql
            .get("INSERT INTO push_endpoints (id, org_id, user_id, doc) VALUES (?, ?, ?, ?)")
            .run(id, orgId, userId, JSON.stringify(doc));
        return id;
    }

    /** The endpoint's JSON text when it belongs to this user in this org. */
    get(orgId: string, userId: string, id: string): string | undefined {
        const row = this.sql
            .get("SELECT doc FROM push_endpoints WHERE id = ? AND org_id = ? AND user_id = ?")
            .get(id, orgId, userId) as { doc: string } | undefined;
        return row?.doc;
    }

    /** Applies a PATCH (name and/or state); returns the new JSON text, undefined when absent. */
    update(orgId: string, userId: string, id: string, patch: { name?: string; state?: string }): string | undefined {
        const current = this.get(orgId, userId, id);
        if (current === undefined) return undefined;
        const doc = { ...(JSON.parse(current) as Record<string, unknown>), ...patch };
        const text = JSON.stringify(doc);
        this.sql.get("UPDATE push_endpoints SET doc = ? WHERE id = ?").run(text, id);
        return text;
    }

    /** Deletes the endpoint; returns its last JSON text, undefined when absent. */
    delete(orgId: string, userId: string, id: string): string | undefined {
        const current = this.get(orgId, userId, id);
        if (current !== undefined) this.sql.get("DELETE FROM push_endpoints WHERE id = ?").run(id);
        return current;
    }

    /** The user's endpoints. */
    list(orgId: string, userId: string, query: ListQuery): Page {
        return this.sql.page(PUSH_ENDPOINTS, orgId, query, { user_id: userId });
    }
}
