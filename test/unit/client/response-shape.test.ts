/**
 * A 200 whose body has the wrong shape (a proxy's HTML page, an API that moved) is an error that says so and
 * points at `jumpcloud:apiUrl`, never a crash further on.
 */
import * as assert from "node:assert/strict";
import { UnexpectedResponseError } from "../../../provider/client/errors";
import type { PreparedRequest } from "../../../provider/client/prepared-request";
import { expectArray, expectObject, parseJsonBody } from "../../../provider/client/response-shape";

const context = { method: "GET", path: "/usergroups" };

function rejects(fn: () => unknown, detail: string): void {
    assert.throws(fn, (e: Error) => {
        assert.ok(e instanceof UnexpectedResponseError, String(e));
        assert.match(e.message, new RegExp(`200 ${detail}`));
        assert.match(e.message, /jumpcloud:apiUrl/);
        return true;
    });
}

describe("response shapes", () => {
    it("a list endpoint must answer an array", () => {
        assert.deepEqual(expectArray([1], context), [1]);
        for (const body of [{}, null, "<html>", 1])
            rejects(() => expectArray(body, context), "response is not a JSON array");
    });

    it("an object endpoint must answer an object, not null, a list or text", () => {
        assert.deepEqual(expectObject({ id: "x" }, context), { id: "x" });
        for (const body of [[], null, "<html>", 1])
            rejects(() => expectObject(body, context), "response is not a JSON object");
    });

    it("a body that is not JSON is quoted, trimmed and on one line, at most 60 characters of it", () => {
        const request = {
            context,
            scrub: (t: string) => t.replace("s3cret", "[redacted]"),
        } as unknown as PreparedRequest;
        const page = `  \n<html>\n  <body>s3cret  Bad   gateway</body>${"x".repeat(100)}`;
        assert.throws(
            () => parseJsonBody(page, 502, request, 1),
            (e: Error) => {
                assert.ok(e instanceof UnexpectedResponseError);
                assert.match(
                    e.message,
                    /502 response is not JSON \(starts with "<html> <body>\[redacted\] Bad gateway<\/body>x+"\)/,
                );
                assert.ok(!e.message.includes("x".repeat(30)), "cut at 60 characters");
                return true;
            },
        );
        assert.equal(parseJsonBody("  \n ", 200, request, 1), undefined, "an empty body is no body");
        assert.deepEqual(parseJsonBody(' {"a":1} ', 200, request, 1), { a: 1 });
    });
});
