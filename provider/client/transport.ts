/**
 * One HTTP attempt over node-fetch v2 with a keep-alive agent and a per-attempt timeout. Retries, budgets and
 * errors live above it (request-executor.ts); this file only turns an attempt into a response or a failure.
 */

import http from "node:http";
import https from "node:https";
import type NodeFetch from "node-fetch";
import { type AttemptOutcome, neverConnected } from "./retry-policy";

/** The slice of a fetch response the client reads. */
export interface FetchResponseLike {
    readonly status: number;
    readonly headers: { get(name: string): string | null };
    text(): Promise<string>;
}

/** The request options the client passes to fetch. */
export interface FetchInitLike {
    method: string;
    headers: Readonly<Record<string, string>>;
    body?: string;
    signal: AbortSignal;
    agent: (url: URL) => http.Agent;
    redirect: "manual";
}

/** A fetch implementation (node-fetch v2 by default; injectable for tests). */
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;

/** One attempt to send. */
export interface TransportRequest {
    method: string;
    url: string;
    /** Sent as they are; never modified, so every attempt of a call can pass the same object. */
    headers: Readonly<Record<string, string>>;
    body?: string;
    /** Abort the attempt after this long. */
    timeoutMs: number;
    /** The caller's (and the overall deadline's) signal: aborting it rejects with its reason. */
    signal?: AbortSignal;
}

/** A response, body read. */
export interface TransportResponse {
    status: number;
    headers: { get(name: string): string | null };
    text: string;
}

/** The result of an attempt: a response, or why there is none. */
export type AttemptResult =
    | { ok: true; response: TransportResponse }
    | { ok: false; outcome: Exclude<AttemptOutcome, { kind: "status" }>; cause: unknown };

/** Options of {@link Transport}. */
export interface TransportOptions {
    /** Reuse connections. @default true */
    keepAlive?: boolean;
    /** @default node-fetch v2 */
    fetch?: FetchLike;
}

// One pair of agents per process: every client shares the pooled connections.
const keepAliveAgents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const closingAgents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

const TIMEOUT = Symbol("attempt timeout");

let nodeFetch: typeof NodeFetch | undefined;

/**
 * node-fetch v2, loaded on the first request rather than at start. Why: with whatwg-url and tr46 (whose mapping
 * table is a large JSON file) it was the biggest part of loading a provider module (see README, "Start-up"), paid
 * by every program and dynamic-provider process, also by the many runs that make no request (a preview that
 * changes nothing).
 */
const lazyNodeFetch = ((url: string, init: FetchInitLike) => {
    nodeFetch ??= require("node-fetch") as typeof NodeFetch;
    // node-fetch v2's typings declare an AbortSignal of their own that Node.js's global one matches at run time
    // but not under exactOptionalPropertyTypes (addEventListener's options), hence the double cast.
    return (nodeFetch as unknown as FetchLike)(url, init);
}) satisfies FetchLike;

/** Sends single attempts. */
export class Transport {
    private readonly fetch: FetchLike;
    private readonly agent: (url: URL) => http.Agent;

    constructor(options: TransportOptions = {}) {
        this.fetch = options.fetch ?? lazyNodeFetch;
        const agents = options.keepAlive === false ? closingAgents : keepAliveAgents;
        this.agent = (url) => (url.protocol === "https:" ? agents.https : agents.http);
    }

    /**
     * Sends one attempt. Resolves with the response (any status) or a failure outcome (network error, timeout);
     * rejects with the signal's reason when the caller's signal aborts.
     */
    async send(request: TransportRequest): Promise<AttemptResult> {
        const { signal } = request;
        if (signal?.aborted) throw signal.reason;
        // A new controller per attempt. Reusing controllers whose signal never fired saved about 0.02 ms per call
        // (7% of an in-process loopback GET, nothing against a real network round trip) and relied on node-fetch
        // removing its listener once the body was read: not worth it.
        const controller = new AbortController();
        const onAbort = (): void => controller.abort(signal?.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
        const timer = setTimeout(() => controller.abort(TIMEOUT), request.timeoutMs);
        try {
            const response = await this.fetch(request.url, {
                method: request.method,
                headers: request.headers,
                ...(request.body === undefined ? {} : { body: request.body }),
                signal: controller.signal,
                agent: this.agent,
                // Never follow a redirect: it could carry the API key to another host.
                redirect: "manual",
            });
            // The body read is part of the attempt: the timeout and the abort still apply.
            const text = await response.text();
            return { ok: true, response: { status: response.status, headers: response.headers, text } };
        } catch (cause) {
            if (signal?.aborted) throw signal.reason;
            if (controller.signal.aborted && controller.signal.reason === TIMEOUT) {
                return { ok: false, outcome: { kind: "timeout" }, cause };
            }
            const code = (cause as { code?: unknown } | null)?.code;
            return { ok: false, outcome: { kind: "network", refused: neverConnected(code) }, cause };
        } finally {
            clearTimeout(timer);
            signal?.removeEventListener("abort", onAbort);
        }
    }
}
