/**
 * Full drift run (`npm run test:reliability`, issue #18): among 250 groups, read through batched refresh, one
 * description edited and one group deleted in the console are found exactly by `preview --refresh` under 20%
 * injected faults of every kind, repaired by `up --refresh`, and the next `preview --refresh` is clean. Two seeds
 * (each picks other groups and other faults).
 */
import { runDriftScenario } from "./support/drift-scenario";

describe("reliability (full): drift in one group among hundreds is found exactly under 20% injected faults", function () {
    this.timeout(900_000);

    for (const seed of [51, 52]) {
        it(`250 groups, seed ${seed}: preview --refresh reports exactly the edited and the deleted group`, async () => {
            await runDriftScenario({ suite: "full", groups: 250, seed });
        });
    }
});
