/**
 * Adding and removing an edge of the graph (a group's member, a group's association) as changes that are
 * idempotent by meaning.
 *
 * The API answers such a POST with 204 only (the spec declares nothing else), but observably with 409 "Already
 * Exists" for an edge that exists and 404 for one that does not (see docs/jumpcloud-api.md, "Observed, not
 * specified"). Both leave the graph as the caller wants it. So the client sends the POST as idempotent (retried
 * like a PUT after a reset, a timeout or a 500/502/504, where the first attempt may have landed) and reports those
 * answers as outcomes, not errors: `already-present` for a 409 to an add, `already-absent` for a 404 to a remove.
 * `afterAmbiguousFailure` says whether an earlier attempt of the same call may have made the change, so a caller
 * that cares whose change it was never has to guess.
 */
import type { CallOptions } from "./call-options";
import { hasStatus } from "./errors";
import type { RequestExecutor } from "./request-executor";
import type { ApiGraphAttributes } from "./types";

/** What an add found and did. */
export type EdgeAddOutcome = "added" | "already-present";
/** What a remove found and did. */
export type EdgeRemoveOutcome = "removed" | "already-absent";

/** The result of adding or removing an edge. */
export interface EdgeChange<O extends EdgeAddOutcome | EdgeRemoveOutcome> {
    /**
     * `added` / `removed`: the API carried out this request (204). `already-present` (409 to an add) /
     * `already-absent` (404 to a remove): the graph already was as asked. Either way the edge now exists (add) or
     * does not (remove).
     */
    readonly outcome: O;
    /**
     * True when an earlier attempt of this call got no clear answer and may have been carried out (a reset, a
     * timeout, 500/502/504, then a retry). With `already-present` / `already-absent` the change is then most likely
     * this call's own; without it, the edge was (or was not) there before the call.
     */
    readonly afterAmbiguousFailure: boolean;
    /** Requests sent, retries included. */
    readonly attempts: number;
}

/** Options of an add: the call's options and the edge's attributes. */
export interface EdgeOptions extends CallOptions {
    /** The edge's attributes (`GraphAttributes`; e.g. `{sudo: {enabled, withoutPassword}}` on a system). */
    attributes?: ApiGraphAttributes;
}

/** The body of a graph operation (`GraphOperation`): `{op, type, id, attributes?}`. */
export interface GraphOperationBody {
    op: "add" | "remove" | "update";
    type: string;
    id: string;
    attributes?: ApiGraphAttributes;
}

/** Sends one graph operation (a 204 answer), retried like a PUT: every operation is idempotent by meaning. */
function send(http: RequestExecutor, path: string, body: GraphOperationBody, options?: CallOptions) {
    return http.exchange({ method: "POST", path, body, idempotent: true }, options);
}

/** Adds an edge: `added`, or `already-present` for a 409; other failures throw (404: the group or target is unknown). */
export async function addEdge(
    http: RequestExecutor,
    path: string,
    body: GraphOperationBody,
    options?: CallOptions,
): Promise<EdgeChange<EdgeAddOutcome>> {
    try {
        const { attempts, afterAmbiguousFailure } = await send(http, path, body, options);
        return { outcome: "added", afterAmbiguousFailure, attempts };
    } catch (e) {
        if (!hasStatus(e, 409)) throw e;
        return { outcome: "already-present", afterAmbiguousFailure: e.mayHaveBeenApplied, attempts: e.attempts };
    }
}

/**
 * Removes an edge: `removed`, or `already-absent` for a 404 (the edge, the group or the target does not exist:
 * in every case no such edge exists); other failures throw.
 */
export async function removeEdge(
    http: RequestExecutor,
    path: string,
    body: GraphOperationBody,
    options?: CallOptions,
): Promise<EdgeChange<EdgeRemoveOutcome>> {
    try {
        const { attempts, afterAmbiguousFailure } = await send(http, path, body, options);
        return { outcome: "removed", afterAmbiguousFailure, attempts };
    } catch (e) {
        if (!hasStatus(e, 404)) throw e;
        return { outcome: "already-absent", afterAmbiguousFailure: e.mayHaveBeenApplied, attempts: e.attempts };
    }
}

/** Replaces an edge's attributes; `NotFoundError` when the edge does not exist. */
export async function updateEdge(
    http: RequestExecutor,
    path: string,
    body: GraphOperationBody,
    options?: CallOptions,
): Promise<void> {
    await send(http, path, body, options);
}

/** The call's own options, without the edge's attributes. */
export function callOptionsOf(options: EdgeOptions | undefined): CallOptions | undefined {
    if (options === undefined) return undefined;
    const { attributes: _, ...call } = options;
    return call;
}
