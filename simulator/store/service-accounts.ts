/**
 * Service accounts (OAuth 2.0 clients of one org) and the access tokens issued to them. Client secrets and tokens
 * are stored only as SHA-256 digests, like API keys: neither the database nor its dump holds a usable credential.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { ApiError } from "../errors";
import type { StatementCache } from "./statement-cache";
import { hashKey } from "./tenancy";

/** A service account as seeded. */
export interface ServiceAccountSeed {
    clientId: string;
    clientSecret: string;
    orgId: string;
}

/** A freshly issued access token (the only moment its text exists outside the client). */
export interface IssuedToken {
    accessToken: string;
    expiresIn: number;
}

/** What a presented bearer token stands for. */
export type TokenCheck = { status: "valid"; orgId: string; clientId: string } | { status: "expired" | "unknown" };

/** Expired tokens are forgotten this long after they expire (until then they still answer "expired"). */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

function digestsEqual(a: string, b: string): boolean {
    const left = Buffer.from(a, "hex");
    const right = Buffer.from(b, "hex");
    return left.length === right.length && timingSafeEqual(left, right);
}

/** Service accounts and their tokens. */
export class ServiceAccountStore {
    constructor(private readonly sql: StatementCache) {}

    /** Adds a service account; 409 when the client id is taken. */
    add(seed: ServiceAccountSeed): void {
        if (this.sql.get("SELECT 1 FROM service_accounts WHERE client_id = ?").get(seed.clientId) !== undefined) {
            throw new ApiError(409, `a service account with client id "${seed.clientId}" already exists`);
        }
        this.sql
            .get("INSERT INTO service_accounts (client_id, secret_hash, org_id) VALUES (?, ?, ?)")
            .run(seed.clientId, hashKey(seed.clientSecret), seed.orgId);
    }

    /** The org of the client when the secret is right; undefined for an unknown client or a wrong secret. */
    authenticate(clientId: string, clientSecret: string): string | undefined {
        const row = this.sql
            .get("SELECT secret_hash AS secretHash, org_id AS orgId FROM service_accounts WHERE client_id = ?")
            .get(clientId) as { secretHash: string; orgId: string } | undefined;
        if (!row || !digestsEqual(row.secretHash, hashKey(clientSecret))) return undefined;
        return row.orgId;
    }

    /** Issues a token for an authenticated client, valid for `lifetimeSeconds` from `now` (ms). */
    issue(clientId: string, orgId: string, lifetimeSeconds: number, now: number): IssuedToken {
        this.sql.get("DELETE FROM access_tokens WHERE expires_at < ?").run(now - KEEP_EXPIRED_MS);
        const accessToken = randomBytes(32).toString("base64url");
        this.sql
            .get("INSERT INTO access_tokens (token_hash, client_id, org_id, expires_at) VALUES (?, ?, ?, ?)")
            .run(hashKey(accessToken), clientId, orgId, now + lifetimeSeconds * 1000);
        return { accessToken, expiresIn: lifetimeSeconds };
    }

    /** What a presented token stands for at `now` (ms). */
    check(accessToken: string, now: number): TokenCheck {
        const row = this.sql
            .get(
                "SELECT client_id AS clientId, org_id AS orgId, expires_at AS expiresAt FROM access_tokens WHERE token_hash = ?",
            )
            .get(hashKey(accessToken)) as { clientId: string; orgId: string; expiresAt: number } | undefined;
        if (!row) return { status: "unknown" };
        if (row.expiresAt <= now) return { status: "expired" };
        return { status: "valid", orgId: row.orgId, clientId: row.clientId };
    }

    /** Revokes every token of one client, or of every client; returns how many were revoked. */
    revoke(clientId?: string): number {
        const result =
            clientId === undefined
                ? this.sql.get("DELETE FROM access_tokens").run()
                : this.sql.get("DELETE FROM access_tokens WHERE client_id = ?").run(clientId);
        return result.changes;
    }

    /** The accounts without any secret, for the store dump. */
    list(): { clientId: string; orgId: string }[] {
        return this.sql
            .get("SELECT client_id AS clientId, org_id AS orgId FROM service_accounts ORDER BY client_id")
            .all() as { clientId: string; orgId: string }[];
    }
}
