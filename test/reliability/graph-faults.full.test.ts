/**
 * Full graph fault run (`npm run test:reliability`, issue #15): 3 groups × 120 members, a pre-existing group whose
 * membership the program takes over, 13 associations, and an undeclared group with members and associations of its
 * own, under 20% injected faults of every kind, two seeds. One `up` (at most the documented retry) leaves exactly
 * the declared graph, the undeclared group untouched, and a clean `preview --refresh`.
 */
import { runGraphFaultScenario } from "./support/graph-faults-scenario";

describe("reliability (full): memberships and associations converge exactly under 20% injected faults", function () {
    this.timeout(900_000);

    for (const seed of [41, 42]) {
        it(`3 groups × 120 members + associations, seed ${seed}: exactly the declared graph, nothing else touched`, async () => {
            await runGraphFaultScenario({ suite: "full", seed });
        });
    }
});
