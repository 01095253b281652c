import * as assert from "node:assert/strict";
import { median, pairedRatios, ratio, summarize } from "../../../bench/lib/stats";

describe("bench stats", () => {
    it("takes the middle value of an odd series and the mean of the middle two of an even one", () => {
        assert.equal(median([3, 1, 2]), 2);
        assert.equal(median([4, 1, 3, 2]), 2.5);
        assert.equal(median([7]), 7);
    });

    it("refuses the median of an empty series", () => {
        assert.throws(() => median([]), RangeError);
    });

    it("summarizes median, min, max and count, and nothing for no runs", () => {
        assert.deepEqual(summarize([5, 1, 9]), { median: 5, min: 1, max: 9, count: 3 });
        assert.equal(summarize([]), undefined);
    });

    it("divides only when both sides exist and the divisor is positive", () => {
        assert.equal(ratio(3, 2), 1.5);
        assert.equal(ratio(undefined, 2), undefined);
        assert.equal(ratio(3, undefined), undefined);
        assert.equal(ratio(3, 0), undefined);
    });

    it("pairs runs by index and skips runs missing on either side", () => {
        assert.deepEqual(pairedRatios([2, 3, 4], [1, 3]), [2, 1]);
    });
});
