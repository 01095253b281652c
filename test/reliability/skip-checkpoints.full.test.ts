/**
 * Full no-checkpoint crash run (`npm run test:reliability`, issue #18): under `PULUMI_SKIP_CHECKPOINTS=true` with
 * `jumpcloud:adoptExactMatches: true`, `kill -9` of `pulumi up` and then of `pulumi destroy` of 300 groups, two
 * memberships of 120 users and two associations, at seeded points, three seeds. Each time the documented recovery
 * (`pulumi cancel` if the lock remains, then the same command again, no program edit) converges: 0 duplicates,
 * 0 orphans, every resource in the state and a clean preview after `up`; nothing left after `destroy`.
 */
import { runSkipCheckpointsScenario } from "./support/skip-checkpoints-scenario";

describe("reliability (full): recovers from kill -9 of up and destroy under PULUMI_SKIP_CHECKPOINTS", function () {
    this.timeout(1_800_000);

    for (const seed of [61, 62, 63]) {
        it(`300 groups + memberships, seed ${seed}: cancel + the same command again converges both ways`, async () => {
            await runSkipCheckpointsScenario({ suite: "full", groups: 300, seed });
        });
    }
});
