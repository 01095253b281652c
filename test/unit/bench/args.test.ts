import * as assert from "node:assert/strict";
import { modeName, parseArgs, reproduceCommand } from "../../../bench/lib/args";

describe("bench arguments", () => {
    it("defaults to the quick mode: N=100, 3 runs, extras, bench/RESULTS.md", () => {
        const args = parseArgs([]);
        assert.equal(args.full, false);
        assert.equal(args.knobs, false);
        assert.equal(args.n, 100);
        assert.equal(args.runs, 3);
        assert.equal(args.extras, true);
        assert.equal(args.out, "bench/RESULTS.md");
        assert.equal(modeName(args), "quick");
        assert.equal(reproduceCommand(args), "npm run bench");
    });

    it("--full raises N to 1000 and turns the knob study on", () => {
        const args = parseArgs(["--full"]);
        assert.equal(args.n, 1000);
        assert.equal(args.knobs, true);
        assert.equal(modeName(args), "full");
        assert.equal(reproduceCommand(args), "npm run bench -- --full");
    });

    it("reads --runs, --n, --knobs-n, --no-extras and --out", () => {
        const args = parseArgs(["--runs", "5", "--n", "20", "--knobs-n", "30", "--no-extras", "--out", "x.md"]);
        assert.deepEqual([args.runs, args.n, args.knobsN, args.extras, args.out], [5, 20, 30, false, "x.md"]);
    });

    it("rejects unknown options and bad numbers", () => {
        assert.throws(() => parseArgs(["--fast"]), /unknown option --fast/);
        assert.throws(() => parseArgs(["--runs", "0"]), /--runs needs a positive integer/);
        assert.throws(() => parseArgs(["--n"]), /--n needs a positive integer/);
    });
});
