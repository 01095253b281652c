/**
 * A fetch for the client that records the bearer tokens it sends, so secret scans can look for the exact tokens a
 * run used (the simulator keeps only their digests). It sends through node-fetch, as the client does by default.
 */
import nodeFetch from "node-fetch";
import type { FetchLike } from "../../../provider/client";

/** A recording fetch and what it saw. */
export interface RecordingFetch {
    fetch: FetchLike;
    /** Every bearer token sent, in order of first use. */
    tokens: Set<string>;
}

export function recordingFetch(): RecordingFetch {
    const tokens = new Set<string>();
    const fetch: FetchLike = (url, init) => {
        const bearer = /^Bearer (.+)$/.exec(init.headers.Authorization ?? "");
        if (bearer?.[1]) tokens.add(bearer[1]);
        return nodeFetch(url, {
            method: init.method,
            headers: init.headers,
            ...(init.body === undefined ? {} : { body: init.body }),
            signal: init.signal,
            agent: init.agent,
            redirect: init.redirect,
        });
    };
    return { fetch, tokens };
}
