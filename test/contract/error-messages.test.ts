/**
 * Contract: the message a user reads when a call fails, over real HTTP.
 * - The API's own words come from the error body in each shape JumpCloud services send (docs/jumpcloud-api.md,
 *   "Errors and retries"): `{message}` (the spec's Error object), `{error}` (older services), plain text (a proxy's
 *   page), or nothing at all. A stub server answers each shape, since the simulator always sends the spec's.
 * - A malformed id is refused before any request, and the error quotes it, cut at 40 characters.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { JumpCloudClient, type JumpCloudError } from "../../provider/client";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";

const GROUP_ID = "5f0c1a2b3c4d5e6f70819203";

describe("contract: the error message a failed call shows", () => {
    describe("the API's message, from every error body shape", () => {
        let server: http.Server;
        let answer: { status: number; body: string; type: string } = { status: 400, body: "", type: "text/plain" };
        let url = "";

        before(async () => {
            server = http.createServer((_req, res) => {
                res.writeHead(answer.status, { "content-type": answer.type });
                res.end(answer.body);
            });
            await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
            url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
        });
        after(() => new Promise<void>((resolve) => server.close(() => resolve())));

        /** The error `GET /usergroups/{id}` fails with when the API answers `status` with `body`. */
        async function failure(status: number, body: string, type = "application/json"): Promise<JumpCloudError> {
            answer = { status, body, type };
            const client = new JumpCloudClient({
                apiKey: "stub-api-key-0123456789abcdef",
                apiUrl: url,
                retry: { maxRetries: 0 },
            });
            const e = await client.userGroups.get(GROUP_ID).then(
                () => assert.fail("the call succeeded"),
                (error: unknown) => error as JumpCloudError,
            );
            assert.equal(e.status, status);
            return e;
        }

        const long = (n: number) => Array.from({ length: n }, (_, i) => "abcdefghij"[i % 10]).join("");
        const cases: Array<{ what: string; body: string; type?: string; shown: string | undefined }> = [
            { what: "{message}", body: '{"message":"name must be unique"}', shown: "name must be unique" },
            {
                what: "{code, message, status}, the spec's Error",
                body: '{"code":400,"message":"Bad filter","status":"Bad Request"}',
                shown: "Bad filter",
            },
            { what: "{error}", body: '{"error":"old style"}', shown: "old style" },
            { what: "message preferred to error", body: '{"message":"new","error":"old"}', shown: "new" },
            { what: "an empty message: the error", body: '{"message":"","error":"fallback"}', shown: "fallback" },
            { what: "a message not a string: the error", body: '{"message":42,"error":"fallback"}', shown: "fallback" },
            { what: "an error not a string: the text", body: '{"error":{"code":7}}', shown: '{"error":{"code":7}}' },
            { what: "an empty error: the text", body: '{"error":""}', shown: '{"error":""}' },
            { what: "JSON without either: the text", body: '{"code":400}', shown: '{"code":400}' },
            { what: "a JSON string: the text", body: '"plain words"', shown: '"plain words"' },
            { what: "JSON null: the text", body: "null", shown: "null" },
            {
                what: "plain text, on one line",
                body: "Bad request\n   from the proxy\t(id 7)",
                type: "text/plain",
                shown: "Bad request from the proxy (id 7)",
            },
            { what: "HTML, trimmed", body: "  <h1>Denied</h1>\n", type: "text/html", shown: "<h1>Denied</h1>" },
            { what: "200 characters, whole", body: long(200), type: "text/plain", shown: long(200) },
            { what: "201 characters, cut at 200", body: long(201), type: "text/plain", shown: `${long(200)}…` },
            { what: "an empty body: the status's reason", body: "", type: "text/plain", shown: undefined },
            { what: "blanks only: the status's reason", body: " \n\t ", type: "text/plain", shown: undefined },
        ];
        for (const c of cases) {
            it(`${c.what}`, async () => {
                const e = await failure(400, c.body, c.type);
                assert.equal(e.apiMessage, c.shown);
                assert.ok(
                    e.message.startsWith(
                        `JumpCloud GET /usergroups/${GROUP_ID} failed: 400 ${c.shown ?? "Bad Request"}`,
                    ),
                    e.message,
                );
            });
        }

        it("the API's words replace the status's reason for any status (409, 404, 403)", async () => {
            for (const [status, reason] of [
                [409, "Conflict"],
                [404, "Not Found"],
                [403, "Forbidden"],
            ] as const) {
                const worded = await failure(status, '{"error":"said the API"}');
                assert.match(worded.message, new RegExp(`failed: ${status} said the API — `));
                assert.ok(!worded.message.includes(reason), worded.message);
                const silent = await failure(status, "");
                assert.match(silent.message, new RegExp(`failed: ${status} ${reason} — `));
            }
        });
    });

    describe("a malformed id, quoted and cut at 40 characters, before any request", () => {
        let sim: RunningSimulator;
        before(async () => {
            sim = await startSimulator();
        });
        after(() => sim?.close());

        async function refused(id: unknown): Promise<string> {
            const client = new JumpCloudClient({ apiKey: sim.apiKey, apiUrl: sim.url });
            const since = await simAdmin(sim.origin).lastSeq();
            const e = await client.userGroups.get(id as string).then(
                () => assert.fail("the call succeeded"),
                (error: unknown) => error as Error,
            );
            assert.deepEqual(await simAdmin(sim.origin).requests(since), [], "no request was sent");
            assert.ok(e instanceof TypeError, String(e));
            return e.message;
        }

        const lead = "user group id must be a 24-character hexadecimal ObjectId, got ";
        it("an id of 60 characters shows its first 40 and an ellipsis", async () => {
            const id = `${"0123456789".repeat(4)}NOT-SHOWN-${"x".repeat(10)}`;
            assert.equal(await refused(id), `${lead}"${"0123456789".repeat(4)}…"`);
        });
        it("an id of exactly 40 characters (and one of 41) at the edge of the cut", async () => {
            assert.equal(await refused("g".repeat(40)), `${lead}"${"g".repeat(40)}"`);
            assert.equal(await refused("g".repeat(41)), `${lead}"${"g".repeat(40)}…"`);
        });
        it("a short id and a value that is not a string are shown whole, as text", async () => {
            assert.equal(await refused("abc"), `${lead}"abc"`);
            assert.equal(await refused(12345), `${lead}"12345"`);
            assert.equal(await refused(undefined), `${lead}"undefined"`);
        });
    });
});
