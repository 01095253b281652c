/**
 * The reliability runner's report of a `--repeat` invocation: every run listed with its failures, and the number
 * of consecutive clean runs counted from the last one backwards.
 */
import * as assert from "node:assert/strict";
import { runsSummary } from "../../../scripts/reliability";

const run = (exit: number, failures: Array<{ title: string; error: string }> = []) => ({
    started: "2026-12-01 09:00",
    seconds: 300,
    exit,
    passed: 17 - failures.length,
    failed: failures.length,
    failures,
});

describe("reliability runner: the runs of a --repeat", () => {
    it("counts the clean runs at the end, after the last failure", () => {
        const text = runsSummary([run(0), run(1, [{ title: "tenants", error: "14 UNAVAILABLE" }]), run(0), run(0)]);
        assert.match(text, /^4 runs of `npm run test:reliability -- --repeat 4`.*the last 2 in a row passed\./);
        assert.match(text, /\| 2 \| 2026-12-01 09:00 \| 300 \| 16 \| 1 \| tenants: 14 UNAVAILABLE \|/);
        assert.equal(text.split("\n").filter((l) => /^\| \d+ \|/.test(l)).length, 4);
    });

    it("a failing last run ends with zero clean runs", () => {
        assert.match(runsSummary([run(0), run(1, [{ title: "x", error: "y" }])]), /the last 0 in a row passed/);
    });

    it("escapes table separators in failure messages", () => {
        assert.match(runsSummary([run(1, [{ title: "a|b", error: "c" }])]), /a\\\|b: c/);
    });
});
