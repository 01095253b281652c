/**
 * Quick fault run (part of `npm test`): one seed, 30 user groups plus the Workday resources, 20% of all API
 * requests failing. The full run (faults.full.test.ts) does 100 groups and three seeds.
 */
import { runFaultScenario } from "./support/faults-scenario";

describe("reliability (quick): converges under 20% injected faults", function () {
    this.timeout(300_000);

    it("30 groups + Workday, seed 1: API and state match one to one, preview shows no changes", async () => {
        await runFaultScenario({ suite: "quick", groups: 30, seed: 1 });
    });
});
