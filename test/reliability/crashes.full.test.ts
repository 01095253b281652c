/**
 * Full crash run (`npm run test:reliability`): `kill -9` of `pulumi up` at a random moment while it creates 100
 * user groups, for three seeds; in two of them the recovery `up` is killed as well before the procedure is let
 * finish. Each time the documented recovery converges with no duplicate and no orphan.
 */
import { runCrashScenario } from "./support/crash-scenario";

describe("reliability (full): recovers from kill -9 of pulumi up", function () {
    this.timeout(900_000);

    for (const [seed, kills] of [
        [101, 1],
        [202, 2],
        [303, 2],
    ] as const) {
        it(`100 groups, seed ${seed}, ${kills} kill(s): the documented recovery converges`, async () => {
            await runCrashScenario({ suite: "full", groups: 100, seed, kills });
        });
    }
});
