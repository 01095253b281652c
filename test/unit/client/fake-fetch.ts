/**
 * A scripted fetch for client unit tests: each call is recorded (with the virtual time it was made at) and
 * answered by the next step of the script, or by a function of the request.
 */

import type { FetchInitLike, FetchLike, FetchResponseLike } from "../../../provider/client/transport";

export interface RecordedCall {
    url: string;
    method: string;
    headers: Record<string, string>;
    body: string | undefined;
    at: number;
}

/** One scripted answer: a response, an error to reject with, or "hang" (wait for the abort). */
export type Step =
    | { status: number; body?: unknown; headers?: Record<string, string> }
    | { error: Error & { code?: string } }
    | "hang";

export function response(status: number, body?: unknown, headers: Record<string, string> = {}): Step {
    return { status, body, headers };
}

export function networkError(code: string): Step {
    return { error: Object.assign(new Error(`request failed, reason: ${code}`), { code, type: "system" }) };
}

function toResponse(step: Exclude<Step, "hang" | { error: Error }>): FetchResponseLike {
    const headers = new Map(Object.entries(step.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const text = step.body === undefined ? "" : typeof step.body === "string" ? step.body : JSON.stringify(step.body);
    return {
        status: step.status,
        headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
        text: async () => text,
    };
}

export interface FakeFetch {
    fetch: FetchLike;
    calls: RecordedCall[];
}

/** A fetch answering from `script` in order (the last step repeats), or from `handler` when it is a function. */
export function fakeFetch(script: Step[] | ((call: RecordedCall) => Step)): FakeFetch {
    const calls: RecordedCall[] = [];
    const fetch: FetchLike = (url: string, init: FetchInitLike) => {
        const call: RecordedCall = { url, method: init.method, headers: init.headers, body: init.body, at: Date.now() };
        calls.push(call);
        const step =
            typeof script === "function" ? script(call) : (script[calls.length - 1] ?? script[script.length - 1]);
        if (step === undefined) throw new Error("empty script");
        if (step === "hang") {
            return new Promise((_, reject) => {
                init.signal.addEventListener("abort", () =>
                    reject(Object.assign(new Error("The user aborted a request."), { name: "AbortError" })),
                );
            });
        }
        if ("error" in step) return Promise.reject(step.error);
        return Promise.resolve(toResponse(step));
    };
    return { fetch, calls };
}

export const GROUP_ID = "5f0c1a2b3c4d5e6f70819203";
export const API_KEY = "test-key-0123456789abcdef";
