/**
 * Full fault run (`npm run test:reliability`): 100 user groups plus the Workday resources, 20% of all API requests
 * failing (429 with Retry-After 1, 500, 502, 503, 300 ms latency, reset before and after the write), three seeds.
 */
import { runFaultScenario } from "./support/faults-scenario";

describe("reliability (full): converges under 20% injected faults", function () {
    this.timeout(900_000);

    for (const seed of [11, 22, 33]) {
        it(`100 groups + Workday, seed ${seed}: API and state match one to one, preview shows no changes`, async () => {
            await runFaultScenario({ suite: "full", groups: 100, seed });
        });
    }
});
