/**
 * Quick crash run (part of `npm test`): one `kill -9` of `pulumi up` while it creates 30 user groups, then the
 * documented recovery. The full run (crashes.full.test.ts) kills several times while creating 100.
 */
import { runCrashScenario } from "./support/crash-scenario";

describe("reliability (quick): recovers from kill -9 of pulumi up", function () {
    this.timeout(300_000);

    it("30 groups, one kill: refresh --clear-pending-creates + up with adoption converges", async () => {
        await runCrashScenario({ suite: "quick", groups: 30, seed: 5 });
    });
});
