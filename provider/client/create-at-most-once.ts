/**
 * A create (POST) that takes effect at most once, and still succeeds through failures that left the API unchanged.
 *
 * The executor never repeats a POST after a failure the server may have acted on (a reset, a timeout, 500/502/504),
 * since a blind repeat could create the object twice. Only the caller can find out whether the earlier attempt
 * landed (by looking the object up by a unique key); this loop asks it, and sends again only when the answer is "it
 * did not", with the client's backoff, through the client's rate budget like every call, and at most as many times
 * as the retry policy allows.
 */

import { hasStatus, isJumpCloudError, type JumpCloudError } from "./errors";
import type { RequestExecutor } from "./request-executor";

/** The two steps of a create that must not be duplicated. */
export interface AtMostOnceSteps<T> {
    /** Sends the create once (one POST). */
    send(): Promise<T>;
    /**
     * Called after a failure that may have been applied, and after a conflict (409) that follows such a failure (the
     * earlier attempt landing late): the object the earlier attempt created, or undefined when there is none, which
     * proves that nothing was created. Throws when something else holds the object's unique key.
     */
    findApplied(failure: JumpCloudError): Promise<T | undefined>;
}

/**
 * Runs `steps` until the object exists. Rejects with the last failure when it is not of the recoverable kind, when
 * a 409 comes with no earlier ambiguous attempt, or once the policy's retries are spent (each proven not applied).
 */
export async function createAtMostOnce<T>(
    http: RequestExecutor,
    steps: AtMostOnceSteps<T>,
    signal?: AbortSignal,
): Promise<T> {
    let ambiguousBefore = false;
    for (let retry = 0; ; retry++) {
        try {
            return await steps.send();
        } catch (e) {
            if (!isJumpCloudError(e)) throw e;
            const lateConflict = ambiguousBefore && hasStatus(e, 409);
            if (!e.mayHaveBeenApplied && !lateConflict) throw e;
            const found = await steps.findApplied(e);
            if (found !== undefined) return found;
            // Nothing was created. A 409 with nothing of ours found is someone else's object: not ours to retry.
            if (lateConflict || retry >= http.maxRetries) throw e;
            ambiguousBefore = true;
            await http.backoff(retry, signal);
        }
    }
}
