import * as assert from "node:assert/strict";
import { countByMethod, formatByMethod, tallyRateLimit } from "../../../bench/lib/request-log";

const call = (seq: number, method: string, status: number) => ({ seq, method, path: "/usergroups", status });

describe("bench request log", () => {
    it("counts requests by method, sorted", () => {
        const counts = countByMethod([call(1, "PUT", 200), call(2, "GET", 200), call(3, "PUT", 200)]);
        assert.deepEqual(Object.entries(counts), [
            ["GET", 1],
            ["PUT", 2],
        ]);
        assert.equal(formatByMethod(counts), "GET 1, PUT 2");
        assert.equal(formatByMethod({}), "none");
    });

    it("counts the 429s that came after the first one, in log order", () => {
        const tally = tallyRateLimit([
            call(5, "POST", 429),
            call(1, "POST", 201),
            call(3, "POST", 429),
            call(4, "POST", 201),
            call(2, "POST", 500),
        ]);
        assert.deepEqual(tally, { total: 5, rejected: 2, rejectedAfterFirst: 1, succeeded: 2 });
    });

    it("reports no rejection when the client stayed under the limit", () => {
        assert.equal(tallyRateLimit([call(1, "POST", 201)]).rejectedAfterFirst, 0);
    });
});
