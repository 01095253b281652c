/**
 * The access token of one service account, shared by every caller of the process: fetched once, reused until
 * shortly before it expires, fetched again once (not once per caller) when it nears expiry or the API refuses it.
 *
 * The cache holds state only (the token, when to renew it, the fetch in flight). How to fetch is the caller's
 * (`token(fetch)`), so the cache keeps no credential and clients with different loggers or timeouts share it.
 */
import { type Clock, systemClock } from "./clock";
import { digest } from "./credential";

/** A token as the token endpoint issued it. */
export interface IssuedToken {
    readonly accessToken: string;
    /** How long it is valid from when it was requested; undefined when the endpoint did not say. */
    readonly expiresInMs: number | undefined;
}

/**
 * How long before its expiry a token is renewed, at most: a request sent just before expiry can arrive after it.
 * JumpCloud's own PowerShell module renews 30 seconds early (TheJumpCloud/support, `Get-JCAccessToken.ps1`). A
 * short-lived token is renewed a tenth of its lifetime early instead. @default 30000
 */
export const RENEW_BEFORE_EXPIRY_MS = 30_000;

/** When a token requested at `requestedAt` should be renewed; never for one without a stated lifetime. */
export function renewalTime(requestedAt: number, expiresInMs: number | undefined): number {
    // Without a lifetime the token is kept until the API refuses it (a 401 renews it).
    if (expiresInMs === undefined) return Number.POSITIVE_INFINITY;
    return requestedAt + expiresInMs - Math.min(RENEW_BEFORE_EXPIRY_MS, expiresInMs / 10);
}

/** How many recent tokens are kept for scrubbing (a refused token may still appear in a late log line). */
const REMEMBERED = 4;

/** Resolves with `promise`, or rejects with the signal's reason as soon as it aborts (the promise runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (signal === undefined) return promise;
    return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(
            (value) => {
                signal.removeEventListener("abort", onAbort);
                resolve(value);
            },
            (error: unknown) => {
                signal.removeEventListener("abort", onAbort);
                reject(error);
            },
        );
    });
}

/** One service account's token. */
export class TokenCache {
    private current: { token: string; renewAt: number } | undefined;
    private pending: Promise<string> | undefined;
    private readonly recent: string[] = [];

    /** @param clock injectable for tests. @default systemClock */
    constructor(private readonly clock: Clock = systemClock) {}

    /**
     * A token: the cached one until its renewal time, else the one being fetched, else a new one from `fetch`
     * (whose failure every waiting caller receives; the next call fetches again). An abort of `signal` rejects this
     * caller only: the fetch goes on for the others.
     */
    token(fetch: () => Promise<IssuedToken>, signal?: AbortSignal): Promise<string> {
        if (signal?.aborted) return Promise.reject(signal.reason);
        const { current } = this;
        if (current !== undefined && this.clock.now() < current.renewAt) return Promise.resolve(current.token);
        this.pending ??= this.fetchOnce(fetch);
        return untilAborted(this.pending, signal);
    }

    /**
     * The API refused `token`: forget it if it is still the current one. Callers that were refused the same token
     * together then share one new fetch, and a refusal of an older token leaves a newer one alone.
     */
    refused(token: string): void {
        if (this.current?.token === token) this.current = undefined;
    }

    /** The tokens handed out recently, to scrub from log lines and messages. */
    known(): readonly string[] {
        return this.recent;
    }

    private async fetchOnce(fetch: () => Promise<IssuedToken>): Promise<string> {
        const requestedAt = this.clock.now();
        try {
            const issued = await fetch();
            this.current = { token: issued.accessToken, renewAt: renewalTime(requestedAt, issued.expiresInMs) };
            this.recent.push(issued.accessToken);
            if (this.recent.length > REMEMBERED) this.recent.shift();
            return issued.accessToken;
        } finally {
            this.pending = undefined;
        }
    }
}

const registry = new Map<string, TokenCache>();

/**
 * The process-wide cache of one service account at one token endpoint (keyed by a digest, so neither the secret
 * nor the client id is kept as a key): every client of the process with these credentials shares its token.
 */
export function sharedTokenCache(tokenUrl: string, clientId: string, clientSecret: string): TokenCache {
    const key = digest(tokenUrl, clientId, clientSecret);
    let cache = registry.get(key);
    if (cache === undefined) {
        cache = new TokenCache();
        registry.set(key, cache);
    }
    return cache;
}
