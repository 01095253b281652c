/**
 * Organisations and the API keys that reach them.
 */
import { createHash } from "node:crypto";
import type { StatementCache } from "./statement-cache";

/**
 * Keys (and service-account secrets and access tokens) are stored as SHA-256 digests, so the database and its dumps
 * never hold a usable secret.
 */
export function hashKey(key: string): string {
    return createHash("sha256").update(key).digest("hex");
}

/** Orgs and keys. */
export class TenancyStore {
    /** Orgs per raw key, filled on first use; cleared whenever keys change. */
    private readonly keyCache = new Map<string, readonly string[]>();

    constructor(private readonly sql: StatementCache) {}

    /** Creates the org when missing. */
    ensureOrg(orgId: string): void {
        this.sql.get("INSERT OR IGNORE INTO orgs (id) VALUES (?)").run(orgId);
    }

    /** True when the org exists. */
    orgExists(orgId: string): boolean {
        return this.sql.get("SELECT 1 FROM orgs WHERE id = ?").get(orgId) !== undefined;
    }

    /** Lets `key` reach `orgId` (a key reaching several orgs is a multi-tenant key). */
    addKey(key: string, orgId: string): void {
        this.ensureOrg(orgId);
        this.sql.get("INSERT OR IGNORE INTO api_keys (key_hash, org_id) VALUES (?, ?)").run(hashKey(key), orgId);
        this.keyCache.clear();
    }

    /** The orgs a key reaches, sorted; empty for an unknown key. */
    orgsForKey(key: string): readonly string[] {
        let orgs = this.keyCache.get(key);
        if (!orgs) {
            const rows = this.sql
                .get("SELECT org_id FROM api_keys WHERE key_hash = ? ORDER BY org_id")
                .all(hashKey(key)) as { org_id: string }[];
            orgs = rows.map((r) => r.org_id);
            // Unknown keys are not cached: a probe with random keys must not grow memory.
            if (orgs.length > 0) this.keyCache.set(key, orgs);
        }
        return orgs;
    }

    /** Forgets cached key lookups (after a reset). */
    clearCache(): void {
        this.keyCache.clear();
    }
}
