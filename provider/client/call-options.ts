/**
 * The options every client method takes as its last argument, and the one way the rest of the provider makes them
 * from a resource's (or a lookup's) own `orgId`.
 */

/** Options every client method takes as its last argument. */
export interface CallOptions {
    /** Organisation for this call (`x-org-id`), overriding the client's. */
    orgId?: string;
    /** Aborts the call, its waits and its retries; the call rejects with the signal's reason. */
    signal?: AbortSignal;
}

/**
 * The options of a call made for an object that may name its own organisation: its `orgId` when set, else none, so
 * the client's organisation (`jumpcloud:orgId`) applies.
 */
export function callOptions(orgId: string | undefined): CallOptions | undefined {
    return orgId === undefined ? undefined : { orgId };
}
