import assert from "node:assert/strict";
import {
    BadRequestError,
    ConflictError,
    ForbiddenError,
    hasStatus,
    isJumpCloudError,
    JumpCloudError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TimeoutError,
    UnauthorizedError,
} from "../../../provider/client";
import { apiMessageOf, errorForStatus } from "../../../provider/client/error-for-status";

const PATH = "/usergroups/5f0c1a2b3c4d5e6f70819203";

describe("errors", () => {
    it("picks the subclass by status", () => {
        const cases: Array<[number, new (...args: never[]) => JumpCloudError]> = [
            [400, BadRequestError],
            [401, UnauthorizedError],
            [403, ForbiddenError],
            [404, NotFoundError],
            [409, ConflictError],
            [429, RateLimitedError],
            [500, ServerError],
            [503, ServerError],
            [418, JumpCloudError],
        ];
        for (const [status, type] of cases) {
            const e = errorForStatus({ status, method: "GET", path: PATH });
            assert.equal(e.constructor, type, String(status));
            assert.equal(e.name, type.name);
            assert.equal(e.status, status);
        }
    });

    it("follows the message pattern with the API's message and what to do", () => {
        const e = errorForStatus({ status: 409, method: "PUT", path: PATH, apiMessage: "Already Exists" });
        assert.equal(
            e.message,
            `JumpCloud PUT ${PATH} failed: 409 Already Exists — an object with the same unique value (a group name is unique case-insensitively) already exists: rename it or adopt the existing one`,
        );
        assert.equal(e.apiMessage, "Already Exists");
        assert.equal(e.method, "PUT");
        assert.equal(e.path, PATH);
    });

    it("gives advice for 401, 403, 404, 429 and 5xx", () => {
        const msg = (status: number, attempts = 1): string =>
            errorForStatus({ status, method: "GET", path: "/usergroups", attempts }).message;
        assert.match(
            msg(401),
            /^JumpCloud GET \/usergroups failed: 401 Unauthorized — .*`jumpcloud:apiKey`.*JUMPCLOUD_API_KEY/,
        );
        assert.match(msg(403), /403 Forbidden — .*admin's role/);
        assert.match(msg(404), /404 Not Found — .*pulumi refresh/);
        assert.match(
            msg(429, 6),
            /429 Too Many Requests — rate limited \(gave up after 6 attempts\): lower `jumpcloud:maxRequestsPerSecond`/,
        );
        assert.match(msg(502, 6), /502 Bad Gateway — JumpCloud failed \(gave up after 6 attempts\)/);
        assert.doesNotMatch(msg(418), /—/, "no advice where there is none to give");
    });

    it("network and timeout errors keep their cause", () => {
        const cause = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        const net = new NetworkError({ method: "GET", path: "/usergroups", cause, attempts: 6 });
        assert.equal(net.cause, cause);
        assert.equal(net.status, undefined);
        assert.equal(
            net.message,
            "JumpCloud GET /usergroups failed: network error ECONNRESET after 6 attempts — check `jumpcloud:apiUrl` and the network",
        );
        const abort = new Error("aborted");
        const t = new TimeoutError({
            method: "POST",
            path: "/usergroups",
            cause: abort,
            timeoutMs: 30_000,
            deadline: false,
        });
        assert.equal(t.cause, abort);
        assert.equal(t.timeoutMs, 30_000);
        assert.match(t.message, /^JumpCloud POST \/usergroups failed: no response within 30000 ms — /);
    });

    it("is recognised by its brand, also across copies of the package", () => {
        const e = new NotFoundError({ status: 404, method: "GET", path: PATH });
        assert.ok(isJumpCloudError(e));
        assert.ok(hasStatus(e, 404));
        assert.ok(!hasStatus(e, 409));
        // What a second loaded copy's error looks like to this copy: another class, the same global symbol.
        const foreign = Object.assign(new Error("x"), {
            [Symbol.for("pulumi-jumpcloud.JumpCloudError")]: true,
            status: 404,
        });
        assert.ok(isJumpCloudError(foreign));
        assert.ok(!(foreign instanceof JumpCloudError));
        assert.ok(!isJumpCloudError(new Error("plain")));
        assert.ok(!isJumpCloudError(null));
        assert.ok(!isJumpCloudError("JumpCloudError"));
    });

    it("reads the API's message: message, else error, else text", () => {
        assert.equal(apiMessageOf('{"code":409,"message":"Already Exists","status":"Conflict"}'), "Already Exists");
        assert.equal(apiMessageOf('{"error":"old style"}'), "old style");
        assert.equal(apiMessageOf('{"message":"","error":"fallback"}'), "fallback");
        assert.equal(apiMessageOf("upstream\n  timeout"), "upstream timeout");
        assert.equal(apiMessageOf("   "), undefined);
        assert.equal(apiMessageOf("x".repeat(500))?.length, 201);
        assert.equal(apiMessageOf('{"code":500}'), '{"code":500}');
    });
});
