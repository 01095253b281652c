/**
 * An HTTP proxy in front of the simulator that records every request with its JSON body, for the values the API
 * accepts but never returns (the Workday credentials): a test can then see that an update sent the new value. The
 * simulator's own request log keeps no bodies on purpose (no secret may reach it), so this lives in the tests.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** One request that passed through, as the client sent it. */
export interface RecordedRequest {
    method: string;
    /** The path after the API's base (e.g. "/workdays/<id>/auth"), without the query string. */
    path: string;
    /** The `x-org-id` header, when sent. */
    orgId?: string;
    /** The parsed JSON body (undefined when empty). */
    body?: unknown;
}

/** A running proxy: its API base URL (use it as the apiUrl) and what it has seen. */
export interface RecordingProxy {
    readonly url: string;
    /** The requests after the `since` mark (see {@link mark}), oldest first. */
    requests(since?: number): RecordedRequest[];
    /** How many requests were recorded so far: a mark to pass to {@link requests}. */
    mark(): number;
    close(): Promise<void>;
}

/**
 * Starts a proxy on a free loopback port that forwards everything to `target` (an API base URL such as the
 * simulator's `http://127.0.0.1:<port>/api/v2`) and answers what it answered.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
    const base = new URL(target);
    const recorded: RecordedRequest[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const url = new URL(req.url ?? "/", "http://proxy");
            const orgId = req.headers["x-org-id"];
            recorded.push({
                method: req.method ?? "GET",
                path: url.pathname.slice(base.pathname.length) || "/",
                ...(typeof orgId === "string" ? { orgId } : {}),
                ...(text === "" ? {} : { body: JSON.parse(text) as unknown }),
            });
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(req.headers)) {
                if (typeof v === "string" && k !== "host" && k !== "content-length" && k !== "connection")
                    headers[k] = v;
            }
            fetch(`${base.origin}${url.pathname}${url.search}`, {
                method: req.method ?? "GET",
                headers,
                ...(text === "" ? {} : { body: text }),
            }).then(
                async (answer) => {
                    const body = Buffer.from(await answer.arrayBuffer());
                    const out: Record<string, string> = {};
                    answer.headers.forEach((v, k) => {
                        if (k !== "content-length" && k !== "transfer-encoding" && k !== "connection") out[k] = v;
                    });
                    res.writeHead(answer.status, out);
                    res.end(body);
                },
                (err: unknown) => {
                    res.writeHead(502, { "content-type": "text/plain" });
                    res.end(String(err));
                },
            );
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}${base.pathname}`,
        requests: (since = 0) => recorded.slice(since),
        mark: () => recorded.length,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                // The client keeps connections alive; close() alone would wait for them to idle out.
                server.closeAllConnections();
            }),
    };
}
