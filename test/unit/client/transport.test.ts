import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import {
    JumpCloudClient,
    type JumpCloudClientOptions,
    NetworkError,
    RateBudget,
    TimeoutError,
} from "../../../provider/client";
import { API_KEY, GROUP_ID } from "./fake-fetch";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A loopback server on port 0 whose behaviour each test sets; counts requests and TCP connections. */
class TestServer {
    handler: Handler = (_req, res) => res.end("{}");
    requests = 0;
    connections = 0;
    private readonly server = http.createServer((req, res) => {
        this.requests++;
        this.handler(req, res);
    });

    async start(): Promise<string> {
        this.server.on("connection", () => this.connections++);
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v2`;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }
}

describe("transport over real HTTP (loopback)", () => {
    const server = new TestServer();
    let url: string;
    before(async () => {
        url = await server.start();
    });
    after(() => server.stop());
    beforeEach(() => {
        server.requests = 0;
        server.connections = 0;
    });

    function client(extra: Partial<JumpCloudClientOptions> = {}): JumpCloudClient {
        return new JumpCloudClient({
            apiKey: API_KEY,
            apiUrl: url,
            rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
            retry: { baseDelayMs: 5, maxRetries: 2 },
            ...extra,
        });
    }

    it("sends the headers and parses the JSON answer", async () => {
        let seen: http.IncomingHttpHeaders = {};
        server.handler = (req, res) => {
            seen = req.headers;
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify({ id: GROUP_ID, name: "G" }));
        };
        assert.deepEqual(await client({ orgId: "5f0000000000000000000001" }).userGroups.get(GROUP_ID), {
            id: GROUP_ID,
            name: "G",
        });
        assert.equal(seen["x-api-key"], API_KEY);
        assert.equal(seen["x-org-id"], "5f0000000000000000000001");
        assert.equal(seen.accept, "application/json");
        assert.equal(seen["content-type"], undefined, "no body, no content type");
    });

    it("reuses one keep-alive connection for sequential calls", async () => {
        server.handler = (_req, res) => res.end(JSON.stringify({ id: GROUP_ID }));
        const c = client();
        for (let i = 0; i < 20; i++) await c.userGroups.get(GROUP_ID);
        assert.equal(server.requests, 20);
        assert.ok(server.connections <= 1, `${server.connections} connections`);
    });

    it("opens a connection per call with keepAlive false", async () => {
        server.handler = (_req, res) => res.end(JSON.stringify({ id: GROUP_ID }));
        const c = client({ keepAlive: false });
        for (let i = 0; i < 5; i++) await c.userGroups.get(GROUP_ID);
        assert.equal(server.connections, 5);
    });

    it("times out a slow attempt, retries a GET, and reports a TimeoutError", async () => {
        server.handler = () => undefined; // never answers
        const started = Date.now();
        await assert.rejects(client({ timeoutMs: 100 }).userGroups.get(GROUP_ID), (e: unknown) => {
            assert.ok(e instanceof TimeoutError);
            assert.equal(e.attempts, 3);
            assert.match(e.message, /no response within 100 ms/);
            return true;
        });
        assert.equal(server.requests, 3);
        assert.ok(Date.now() - started < 2000);
    });

    it("a timeout on a body that trickles is still a timeout", async () => {
        server.handler = (_req, res) => {
            res.writeHead(200, { "content-type": "application/json" });
            res.write("[");
        };
        await assert.rejects(
            client({ timeoutMs: 100, retry: { maxRetries: 0 } }).userGroups.get(GROUP_ID),
            TimeoutError,
        );
    });

    it("does not retry a POST that timed out", async () => {
        server.handler = () => undefined;
        await assert.rejects(client({ timeoutMs: 100 }).userGroups.create({ name: "x" }), TimeoutError);
        assert.equal(server.requests, 1);
    });

    it("aborts promptly with the caller's reason", async () => {
        server.handler = () => undefined;
        const controller = new AbortController();
        const started = Date.now();
        setTimeout(() => controller.abort(new Error("user cancelled")), 50);
        await assert.rejects(client().userGroups.get(GROUP_ID, { signal: controller.signal }), /user cancelled/);
        assert.ok(Date.now() - started < 1000);
        assert.equal(server.requests, 1);
    });

    it("after a timeout and an abort, later calls on the same process still succeed", async () => {
        let n = 0;
        server.handler = (_req, res) => {
            n++;
            if (n === 1 || n === 3) return; // hang: the first times out, the third is aborted by the caller
            res.end(JSON.stringify({ id: GROUP_ID }));
        };
        const c = client({ timeoutMs: 100 });
        assert.deepEqual(await c.userGroups.get(GROUP_ID), { id: GROUP_ID });
        const controller = new AbortController();
        setTimeout(() => controller.abort(new Error("stop")), 30);
        await assert.rejects(c.userGroups.get(GROUP_ID, { signal: controller.signal }), /stop/);
        for (let i = 0; i < 5; i++) assert.deepEqual(await c.userGroups.get(GROUP_ID), { id: GROUP_ID });
        assert.equal(server.requests, 8);
    });

    it("a reset connection is a NetworkError with its cause; GET retries, POST does not", async () => {
        server.handler = (req) => req.socket.destroy();
        await assert.rejects(client().userGroups.get(GROUP_ID), (e: unknown) => {
            assert.ok(e instanceof NetworkError);
            assert.ok(e.cause instanceof Error);
            return true;
        });
        assert.equal(server.requests, 3);
        server.requests = 0;
        await assert.rejects(client().userGroups.create({ name: "x" }), NetworkError);
        assert.equal(server.requests, 1);
    });

    it("a refused connection is retried, even for POST, then reported", async () => {
        const closed = new TestServer();
        const deadUrl = await closed.start();
        await closed.stop();
        await assert.rejects(client({ apiUrl: deadUrl }).userGroups.create({ name: "x" }), (e: unknown) => {
            assert.ok(e instanceof NetworkError);
            assert.equal(e.attempts, 3);
            assert.match(e.message, /network error ECONNREFUSED after 3 attempts/);
            return true;
        });
    });
});
