/**
 * How requests authenticate, as the request pipeline sees it: headers fixed for every request (an administrator's
 * API key) or a bearer token asked for at each attempt (a service account, see service-account.ts), plus the
 * secrets every log line and error message must be scrubbed of.
 */
import { createHash } from "node:crypto";
import { inspect } from "node:util";

/**
 * How a request authenticated, for the advice an error gives: the API key, a service account's bearer token, or
 * the service account's own client credentials at the token endpoint.
 */
export type AuthKind = "apiKey" | "serviceAccount" | "tokenRequest";

/** A source of bearer tokens: cached and shared, renewed when it nears expiry or after the API refused one. */
export interface BearerSource {
    /** The token for the next attempt; rejects with the signal's reason if `signal` aborts first. */
    token(signal?: AbortSignal): Promise<string>;
    /** The API answered 401 to `token`: forget it, so the next `token()` fetches a new one. */
    refused(token: string): void;
}

/** A credential, as the request pipeline uses it. */
export interface Credential {
    readonly kind: Exclude<AuthKind, "tokenRequest">;
    /**
     * Who the process-wide rate budget is shared by: a digest of the credential, never the secret itself (see
     * `sharedRateBudget`).
     */
    readonly identity: string;
    /** Headers every request carries (`x-api-key`); none for a bearer credential, whose header changes. */
    readonly fixedHeaders: Readonly<Record<string, string>>;
    /** For a service account: where each attempt's token comes from. */
    readonly bearer?: BearerSource;
    /** Every secret known now (the key; the client secret and the tokens handed out), to scrub from any text. */
    secrets(): readonly string[];
}

/** A short digest of a secret (and what qualifies it), so registries key on it without keeping the secret. */
export function digest(...parts: readonly string[]): string {
    return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 16);
}

/** An administrator's API key, sent as `x-api-key` on every request. */
export class ApiKeyCredential implements Credential {
    readonly kind = "apiKey";
    readonly identity: string;
    readonly fixedHeaders: Readonly<Record<string, string>>;
    private readonly keys: readonly string[];

    constructor(apiKey: string) {
        this.identity = digest("apiKey", apiKey);
        this.keys = [apiKey];
        // A frozen object the executor sends as it is, so the API-key path costs nothing per attempt.
        this.fixedHeaders = Object.freeze({ "x-api-key": apiKey });
    }

    secrets(): readonly string[] {
        return this.keys;
    }

    /** `console.log` and `util.inspect` show the kind only. */
    [inspect.custom](): string {
        return "ApiKeyCredential { [redacted] }";
    }

    /** `JSON.stringify` shows the kind only. */
    toJSON(): { kind: string } {
        return { kind: this.kind };
    }
}
