/**
 * UserGroup's `observeMembers` and `applySuggestions` through the runtime against the simulator over HTTP: check's
 * errors, a read without them staying one GET, an observing read's member and suggestion pages, a flag-only update
 * that writes nothing, and the approval of the suggestions a refresh showed (adds and removes), each step's API
 * calls counted in the simulator's request log.
 */
import * as assert from "node:assert/strict";
import type { UserGroupInputs, UserGroupOutputs } from "../../provider/model/user-group";
import { setConfigGetter } from "../../provider/runtime/context";
import * as runtime from "../../provider/runtime/user-group";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import { apiCaller } from "../../simulator/api-caller";
import { countRequests } from "../helpers/logged-requests";
import { type RecordingProxy, startRecordingProxy } from "../helpers/recording-proxy";

const userId = (n: number) => `5f2c${n.toString(16).padStart(20, "0")}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const user = (n: number, department: string) => ({
    id: userId(n),
    username: `sugg${n}`,
    email: `sugg${n}@example.com`,
    department,
});
const sales = {
    queryType: "FilterQuery" as const,
    filters: [{ field: "department", operator: "eq" as const, value: "Sales" }],
};

describe("UserGroup observeMembers and applySuggestions (runtime against the simulator)", () => {
    let sim: RunningSimulator;
    /** In front of the simulator, for the request bodies (the simulator's log has none). */
    let proxy: RecordingProxy;
    let processes = 0;

    /** A new provider process (a new client): reads of one process may be served by a listing (batched refresh). */
    function newProviderProcess(): void {
        const timeout = String(30_000 + (processes++ % 2));
        setConfigGetter(
            (key) =>
                ({
                    apiKey: sim.apiKey,
                    apiUrl: proxy.url,
                    maxRetries: "1",
                    maxRequestsPerSecond: "10000",
                    requestTimeoutMs: timeout,
                })[key],
        );
    }
    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; counts: Record<string, number> }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, counts: countRequests(await simAdmin(sim.origin).requests(since)) };
    }
    async function members(groupId: string): Promise<string[]> {
        const out: string[] = [];
        for (let skip = 0; ; skip += 100) {
            const page = (await apiCaller(sim)(
                "GET",
                `/usergroups/${groupId}/members?limit=100&skip=${skip}`,
            )) as unknown as {
                to: { id: string };
            }[];
            out.push(...page.map((e) => e.to.id));
            if (page.length < 100) return out.sort();
        }
    }
    async function checked(inputs: Record<string, unknown>): Promise<UserGroupInputs> {
        const { inputs: out, failures } = await runtime.check({}, inputs);
        assert.deepEqual(failures ?? [], []);
        return out as UserGroupInputs;
    }

    before(async () => {
        sim = await startSimulator();
        proxy = await startRecordingProxy(sim.url);
    });
    after(async () => {
        setConfigGetter(undefined);
        await proxy?.close();
        await sim?.close();
    });
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        // 150 users in Sales (two pages of suggestions), 5 elsewhere.
        await simAdmin(sim.origin).seed({
            users: [...range(1, 150).map((n) => user(n, "Sales")), ...range(151, 155).map((n) => user(n, "Eng"))],
        });
        newProviderProcess();
    });

    it("check: both are booleans; applySuggestions needs DYNAMIC_REVIEW_REQUIRED, each error names the property and the fix", async () => {
        const bad = await runtime.check({}, { name: "G", observeMembers: "yes", applySuggestions: 1 });
        const byProperty = Object.fromEntries((bad.failures ?? []).map((f) => [f.property, f.reason]));
        assert.match(byProperty["observeMembers"] ?? "", /must be true or false, got a string/);
        assert.match(byProperty["applySuggestions"] ?? "", /must be true or false/);
        for (const method of [undefined, "STATIC", "DYNAMIC_AUTOMATED"]) {
            const inputs = { name: "G", applySuggestions: true, membershipMethod: method, memberQuery: sales };
            const { failures } = await runtime.check({}, inputs);
            assert.equal(failures?.length, 1, JSON.stringify(failures));
            assert.equal(failures?.[0]?.property, "applySuggestions");
            assert.match(
                failures?.[0]?.reason ?? "",
                /requires membershipMethod "DYNAMIC_REVIEW_REQUIRED".*set membershipMethod to "DYNAMIC_REVIEW_REQUIRED" .*or remove applySuggestions/,
            );
        }
        const ok = await checked({
            name: "G",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: sales,
            observeMembers: false,
            applySuggestions: true,
        });
        assert.equal(ok.applySuggestions, true);
        assert.equal(ok.observeMembers, false);
        // observeMembers alone suits any group.
        assert.equal((await checked({ name: "G", observeMembers: true })).observeMembers, true);
    });

    it("neither flag goes into the POST or PUT body", async () => {
        const inputs = await checked({
            name: "Flags",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: sales,
            observeMembers: true,
            applySuggestions: true,
        });
        const mark = proxy.mark();
        const created = await runtime.create(inputs);
        await runtime.update(created.id, created.outs!, { ...inputs, description: "changed" });
        const bodies = proxy
            .requests(mark)
            .filter((r) => r.method === "POST" || r.method === "PUT")
            .filter((r) => !r.path.endsWith("/suggestions"))
            .map((r) => Object.keys((r.body ?? {}) as object).sort());
        assert.equal(bodies.length, 2, "the POST and the PUT");
        for (const keys of bodies) {
            assert.ok(!keys.includes("observeMembers") && !keys.includes("applySuggestions"), keys.join());
        }
    });

    it("without the flags a read is one GET and reports no members; with observeMembers it adds the member and suggestion pages", async () => {
        const plain = await checked({ name: "Plain", membershipMethod: "DYNAMIC_REVIEW_REQUIRED", memberQuery: sales });
        const created = await runtime.create(plain);
        newProviderProcess();
        const read = await counted(() => runtime.read(created.id, created.outs));
        assert.deepEqual(read.counts, { "GET /usergroups/:id": 1 });
        assert.equal(read.result.props?.memberCount, undefined);
        assert.equal(read.result.props?.pendingSuggestions, undefined);
        assert.deepEqual(read.result.props?.suggestionCounts, { add: 150, remove: 0, total: 150 });

        // Turning observeMembers on: an update that writes nothing (a GET and the pages), recorded for the next read.
        const observing = { ...plain, observeMembers: true };
        const diff = await runtime.diff(created.id, read.result.props!, observing);
        assert.deepEqual([diff.changes, diff.changedFields], [true, ["observeMembers"]]);
        const updated = await counted(() => runtime.update(created.id, read.result.props!, observing));
        assert.deepEqual(updated.counts, {
            "GET /usergroups/:id": 1,
            "GET /usergroups/:id/members": 1,
            "GET /usergroups/:id/suggestions": 2,
        });
        const outs = updated.result.outs!;
        assert.equal(outs.memberCount, 0);
        assert.deepEqual(outs.pendingSuggestions, { add: range(1, 150).map(userId), remove: [] });
        assert.equal((await runtime.diff(created.id, outs, observing)).changes, false);

        newProviderProcess();
        const observed = await counted(() => runtime.read(created.id, outs));
        assert.deepEqual(observed.counts, {
            "GET /usergroups/:id": 1,
            "GET /usergroups/:id/members": 1,
            "GET /usergroups/:id/suggestions": 2,
        });
        assert.equal(observed.result.props?.memberCount, 0);
        assert.equal(observed.result.props?.pendingSuggestions?.add.length, 150);
        // Observing only: nothing to approve, nothing to show as a change.
        assert.equal(observed.result.props?.suggestionsToApprove, undefined);
        assert.equal((await runtime.diff(created.id, observed.result.props!, observing)).changes, false);
    });

    it("a static group with observeMembers counts its members over every page and lists no suggestions", async () => {
        const seeded = await simAdmin(sim.origin).seed({
            userGroups: [{ name: "Static", members: range(1, 120).map(userId) }],
        });
        const groupId = seeded.userGroups[0]!;
        const state = { name: "Static", managedFields: ["name"], observeMembers: true };
        const read = await counted(() => runtime.read(groupId, state));
        assert.deepEqual(read.counts, { "GET /usergroups/:id": 1, "GET /usergroups/:id/members": 2 });
        assert.equal(read.result.props?.memberCount, 120);
        assert.equal(read.result.props?.pendingSuggestions, undefined);
        assert.equal(read.result.inputs?.observeMembers, true, "a refresh keeps the flag, so it never shows as drift");
    });

    it("applySuggestions approves, on update, exactly the suggestions a refresh showed: adds and removes", async () => {
        const inputs = await checked({
            name: "Review",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: sales,
            applySuggestions: true,
        });
        const created = await runtime.create(inputs);
        const createdOuts = created.outs as UserGroupOutputs;
        // applySuggestions implies observing; create approves nothing: a refresh must show the approval first.
        assert.equal(createdOuts.memberCount, 0);
        assert.equal(createdOuts.pendingSuggestions?.add.length, 150);
        assert.equal((await runtime.diff(created.id, createdOuts, inputs)).changes, false);
        assert.deepEqual(await members(created.id), []);

        newProviderProcess();
        const refreshed = await runtime.read(created.id, createdOuts);
        assert.equal(refreshed.props?.suggestionsToApprove, "add 150, remove 0");
        assert.equal(refreshed.inputs?.suggestionsToApprove, "add 150, remove 0");
        assert.equal(refreshed.inputs?.applySuggestions, true);
        const diff = await runtime.diff(created.id, refreshed.props!, inputs);
        assert.deepEqual([diff.changes, diff.changedFields, diff.replaces], [true, ["suggestionsToApprove"], []]);

        const approved = await counted(() => runtime.update(created.id, refreshed.props!, inputs));
        assert.deepEqual(approved.counts, {
            // The update's GET, then a GET for the new suggestionCounts (no PUT: no group field changed).
            "GET /usergroups/:id": 2,
            "POST /usergroups/:id/suggestions": 1,
            "GET /usergroups/:id/members": 2,
            "GET /usergroups/:id/suggestions": 1,
        });
        assert.deepEqual(await members(created.id), range(1, 150).map(userId));
        const outs = approved.result.outs!;
        assert.equal(outs.memberCount, 150);
        assert.deepEqual(outs.pendingSuggestions, { add: [], remove: [] });
        assert.deepEqual(outs.suggestionCounts, { add: 0, remove: 0, total: 0 });
        assert.equal(outs.suggestionsToApprove, undefined);
        assert.equal((await runtime.diff(created.id, outs, inputs)).changes, false, "clean after the approval");

        // In the console: two more Sales users, and a member exempted (suggested for removal).
        await simAdmin(sim.origin).seed({ users: [user(156, "Sales"), user(157, "Sales")] });
        const live = (await apiCaller(sim)("GET", `/usergroups/${created.id}`)) as Record<string, unknown>;
        const body = Object.fromEntries(
            ["name", "membershipMethod", "memberQuery"].map((k) => [k, live[k]] as const),
        ) as Record<string, unknown>;
        body["memberQueryExemptions"] = [{ id: userId(7), type: "user" }];
        await apiCaller(sim)("PUT", `/usergroups/${created.id}`, body);

        newProviderProcess();
        const again = await runtime.read(created.id, outs);
        assert.equal(again.props?.suggestionsToApprove, "add 2, remove 1");
        assert.deepEqual(again.props?.pendingSuggestions, { add: [userId(156), userId(157)], remove: [userId(7)] });
        // Seen by a refresh but not approved yet: nothing changed in JumpCloud.
        assert.equal((await members(created.id)).length, 150);
        const second = await counted(() => runtime.update(created.id, again.props!, inputs));
        assert.equal(second.counts["POST /usergroups/:id/suggestions"], 1);
        assert.equal(second.counts["PUT /usergroups/:id"], undefined);
        const want = [...range(1, 150).filter((n) => n !== 7), 156, 157].map(userId).sort();
        assert.deepEqual(await members(created.id), want);
        assert.equal(second.result.outs?.memberCount, 151);
        // The console-set exemption is not managed by the program: the update left it alone.
        const after = (await apiCaller(sim)("GET", `/usergroups/${created.id}`)) as Record<string, unknown>;
        assert.deepEqual(after["memberQueryExemptions"], [{ id: userId(7), type: "user" }]);

        newProviderProcess();
        const clean = await runtime.read(created.id, second.result.outs);
        assert.equal(clean.props?.suggestionsToApprove, undefined);
        assert.equal((await runtime.diff(created.id, clean.props!, inputs)).changes, false);
    });

    it("with a group field changed too, the approval comes first and the update's PUT reports the new counts", async () => {
        const inputs = await checked({
            name: "Both",
            membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
            memberQuery: sales,
            applySuggestions: true,
        });
        const created = await runtime.create(inputs);
        newProviderProcess();
        const refreshed = await runtime.read(created.id, created.outs);
        const news = { ...inputs, description: "Sales team" };
        const diff = await runtime.diff(created.id, refreshed.props!, news);
        assert.deepEqual(diff.changedFields, ["description", "suggestionsToApprove"]);
        const up = await counted(() => runtime.update(created.id, refreshed.props!, news));
        assert.deepEqual(up.counts, {
            "GET /usergroups/:id": 1,
            "POST /usergroups/:id/suggestions": 1,
            "PUT /usergroups/:id": 1,
            "GET /usergroups/:id/members": 2,
            "GET /usergroups/:id/suggestions": 1,
        });
        assert.equal(up.result.outs?.description, "Sales team");
        assert.deepEqual(up.result.outs?.suggestionCounts, { add: 0, remove: 0, total: 0 });
        assert.equal(up.result.outs?.memberCount, 150);
    });
});
