/**
 * Quick invalid-input run (part of `npm test`): every row of the table through the runtime's `check` (the functions
 * and the YAML parser called directly), and one row per resource and function plus every YAML row through the
 * real engine's preview. The full run (bad-input.full.test.ts) previews every row through the engine.
 */
import * as assert from "node:assert/strict";
import { checkAllDirectly, previewRows, representativeRows } from "./support/bad-input-scenario";
import { BAD_INPUTS } from "./support/bad-input-table";
import { recordFigure } from "./support/figures";

describe("reliability (quick): invalid inputs fail at preview, naming the property", function () {
    this.timeout(300_000);

    it(`the table has at least 40 rows covering every resource, the functions and the YAML loader`, () => {
        assert.ok(BAD_INPUTS.length >= 40, `${BAD_INPUTS.length} rows`);
        const targets = new Set(BAD_INPUTS.map((r) => r.target));
        const all = [
            "UserGroup",
            "WorkdayInstance",
            "WorkdayImport",
            "UserPushEndpoint",
            "UserGroupMembership",
            "UserGroupMember",
            "UserGroupAssociation",
            "function",
            "yaml",
        ];
        for (const t of all) {
            assert.ok(targets.has(t as never), `no row for ${t}`);
        }
        assert.equal(new Set(BAD_INPUTS.map((r) => r.id)).size, BAD_INPUTS.length, "row ids are unique");
    });

    it("every row is refused by check (or the function, or the YAML parser) with its property named", async () => {
        const started = Date.now();
        const problems = await checkAllDirectly();
        recordFigure({
            scenario: `bad input: ${BAD_INPUTS.length} invalid inputs through runtime check`,
            suite: "quick",
            runs: BAD_INPUTS.length,
            resources: BAD_INPUTS.length,
            faults: 0,
            outcome: problems.length === 0 ? "all rejected, property named" : `FAILED (${problems.length} rows)`,
            seconds: Math.round((Date.now() - started) / 1000),
        });
        assert.deepEqual(problems, []);
    });

    it("one row per target fails pulumi preview with its property named, and nothing is written", async () => {
        await previewRows("quick", representativeRows(), 2);
    });
});
