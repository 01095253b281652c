/**
 * Full fuzz (`npm run test:reliability`): 10,000 seeded random requests at the simulator's HTTP surface.
 */
import { runFuzz } from "./support/fuzz-scenario";

describe("reliability (full): the simulator survives 10,000 random requests", function () {
    this.timeout(900_000);

    it("no crash, no 5xx but the injected ones, the store intact", async () => {
        await runFuzz("full", 10_000, 20_261);
    });
});
