/**
 * Quick fuzz (part of `npm test`): 2,000 seeded random requests at the simulator's HTTP surface. The full run
 * (fuzz.full.test.ts) sends 10,000 with another seed.
 */
import { runFuzz } from "./support/fuzz-scenario";

describe("reliability (quick): the simulator survives 2,000 random requests", function () {
    this.timeout(300_000);

    it("no crash, no 5xx but the injected ones, the store intact", async () => {
        await runFuzz("quick", 2_000, 42);
    });
});
