import * as assert from "node:assert/strict";
import { parseArgs, reproduceCommand, runs, SCENARIOS } from "../../../bench/lib/args";

describe("bench arguments", () => {
    it("defaults to the quick run: N=100, 3 runs, extras, bench/RESULTS.md", () => {
        const args = parseArgs([]);
        assert.deepEqual(
            [args.full, args.n, args.runs, args.extras, args.out],
            [false, 100, 3, true, "bench/RESULTS.md"],
        );
        assert.equal(reproduceCommand(args), "npm run bench");
    });

    it("--full raises N to 1000", () => {
        const args = parseArgs(["--full"]);
        assert.equal(args.n, 1000);
        assert.equal(reproduceCommand(args), "npm run bench -- --full");
    });

    it("reads --runs, --n, --no-extras and --out", () => {
        const args = parseArgs(["--runs", "5", "--n", "20", "--no-extras", "--out", "x.md"]);
        assert.deepEqual([args.runs, args.n, args.extras, args.out], [5, 20, false, "x.md"]);
    });

    it("rejects unknown options and bad numbers", () => {
        assert.throws(() => parseArgs(["--knobs"]), /unknown option --knobs/);
        assert.throws(() => parseArgs(["--runs", "0"]), /--runs needs a positive integer/);
        assert.throws(() => parseArgs(["--n"]), /--n needs a positive integer/);
    });
});

describe("bench scenarios", () => {
    it("runs every scenario but the checkpoint comparison by default; --no-extras drops the extras", () => {
        const all = parseArgs([]);
        assert.deepEqual(
            SCENARIOS.filter((s) => runs(all, s)),
            ["lifecycle", "latency", "rate-limited", "extras"],
        );
        assert.equal(runs(parseArgs(["--no-extras"]), "extras"), false);
        assert.equal(parseArgs([]).latencyRuns, 1);
        assert.equal(parseArgs(["--latency-runs", "3"]).latencyRuns, 3);
    });

    it("--only runs exactly the scenarios named, the checkpoint comparison included", () => {
        const args = parseArgs(["--only", "latency,checkpoints"]);
        assert.deepEqual(
            SCENARIOS.filter((s) => runs(args, s)),
            ["latency", "checkpoints"],
        );
        assert.throws(() => parseArgs(["--only", "latency,knobs"]), /--only takes a comma-separated list of/);
    });
});
