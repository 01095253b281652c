/**
 * `jumpcloud:adoptExactMatches` through the real engine: groups that exist exactly as declared but are missing from
 * the state (what a run killed before saving leaves behind) are adopted by a plain `pulumi up`; a look-alike that
 * differs is not.
 */
import * as assert from "node:assert/strict";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests } from "../helpers/logged-requests";

type Json = Record<string, unknown>;

function groupArgs(i: number): Json {
    return {
        name: `lost-${i}`,
        description: `group ${i}`,
        attributes: { sudo: { enabled: i % 2 === 0, withoutPassword: false } },
    };
}

describe("jumpcloud:adoptExactMatches end to end (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let api: ApiCall;
    let count = 5;

    before(async () => {
        e2e = await startE2E({
            project: "adopt-exact-e2e",
            config: { "jumpcloud:adoptExactMatches": { value: "true" } },
            program: async () => {
                const { UserGroup } = jumpcloud();
                const out: Record<string, unknown> = {};
                for (let i = 0; i < count; i++) out[`g${i}`] = new UserGroup(`g${i}`, groupArgs(i) as never).id;
                return out;
            },
        });
        api = apiCaller(e2e.sim);
    });
    after(async () => e2e?.close());

    it("an up adopts groups that exist exactly as declared but are not in the state, writing nothing", async () => {
        // What a killed run leaves: the groups exist in JumpCloud (as the run's POSTs created them), the state is empty.
        const existing: string[] = [];
        for (let i = 0; i < 3; i++) existing.push(String((await api("POST", "/usergroups", groupArgs(i)))["id"]));
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        assert.deepEqual(
            [0, 1, 2].map((i) => up.outputs[`g${i}`]?.value),
            existing,
            "the existing groups, adopted",
        );
        // 3 POSTs answered 409 and their name lookups, 2 POSTs that created the rest; no PUT, no DELETE.
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "POST /usergroups": 5,
            "GET /usergroups": 3,
        });
        const preview = await e2e.engine.preview({ refresh: true });
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
    });

    it("a group of the name that differs from the program is still an error naming it, and nothing is written", async () => {
        count = 6;
        const other = await api("POST", "/usergroups", { ...groupArgs(5), description: "someone else's" });
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        await assert.rejects(e2e.engine.up(), (e: Error) => {
            assert.match(e.message, /already exists/);
            assert.match(e.message, new RegExp(String(other["id"])));
            return true;
        });
        const requests = await simAdmin(e2e.sim.origin).requests(since);
        assert.deepEqual(
            requests.filter((r) => r.method !== "GET" && r.status < 400),
            [],
            "no write took effect",
        );
        assert.equal((await api("GET", `/usergroups/${String(other["id"])}`))["description"], "someone else's");
    });
});
