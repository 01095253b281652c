/**
 * Two limits a caller meets directly: the page walk stops after `maxPages` pages with an error that says so, and
 * a malformed id given to a client method is refused before any request, naming which id is wrong.
 */
import * as assert from "node:assert/strict";
import { paginate } from "../../../provider/client/pagination";
import { PushEndpointsApi } from "../../../provider/client/push-endpoints";
import type { RequestExecutor } from "../../../provider/client/request-executor";

describe("page walk limit", () => {
    it("fetches exactly maxPages full pages, then stops with an error naming the limit", async () => {
        const skips: number[] = [];
        const walk = paginate(
            async (skip) => {
                skips.push(skip);
                return [{ id: `r${skip}` }];
            },
            { pageSize: 1, maxPages: 2 },
        );
        const seen: unknown[] = [];
        await assert.rejects(
            (async () => {
                for await (const r of walk) seen.push(r);
            })(),
            /^Error: more than 2 pages of 1: stopped$/,
        );
        assert.deepEqual(skips, [0, 1]);
        assert.deepEqual(seen, [{ id: "r0" }, { id: "r1" }]);
    });
});

describe("ids checked before any request", () => {
    const http = {
        call: async () => {
            throw new Error("no request may be sent");
        },
    } as unknown as RequestExecutor;
    const api = new PushEndpointsApi(http);

    it("names the user id or the push endpoint id that is malformed", async () => {
        await assert.rejects(api.list("not-an-id"), (e: Error) => e instanceof TypeError && /user id/.test(e.message));
        await assert.rejects(
            api.get("not-an-id", "abc"),
            (e: Error) => e instanceof TypeError && /user id/.test(e.message),
        );
        await assert.rejects(
            api.get("5f0c1b2c3d4e5f6a7b8c9d0e", "../abc"),
            (e: Error) => e instanceof TypeError && /push endpoint id/.test(e.message),
        );
    });
});
