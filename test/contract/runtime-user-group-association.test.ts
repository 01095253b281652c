/**
 * The UserGroupAssociation runtime against the real simulator over HTTP: create with and without attributes,
 * adoption of an existing edge, attributes updated in place (op update), drift in attributes and a removed edge on
 * read, delete (twice), bad inputs refused by check, and the API calls each operation costs.
 */
import * as assert from "node:assert/strict";
import { setConfigGetter } from "../../provider/runtime/context";
import { isProviderError } from "../../provider/runtime/errors";
import * as association from "../../provider/runtime/user-group-association";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import { apiCaller } from "../../simulator/api-caller";
import type { LoggedRequest } from "../../simulator/request-log";
import { countRequests } from "../helpers/logged-requests";

describe("UserGroupAssociation runtime against the simulator", () => {
    let sim: RunningSimulator;
    let groupId = "";
    let systems: string[] = [];
    let appId = "";

    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, requests: await simAdmin(sim.origin).requests(since) };
    }
    /** Every association of the type, over pages of 100. */
    async function edges(type: string): Promise<Array<{ to: { id: string }; attributes?: unknown }>> {
        const out: Array<{ to: { id: string }; attributes?: unknown }> = [];
        for (let skip = 0; ; skip += 100) {
            const page = (await apiCaller(sim)(
                "GET",
                `/usergroups/${groupId}/associations?targets=${type}&limit=100&skip=${skip}`,
            )) as unknown as typeof out;
            out.push(...page);
            if (page.length < 100) return out;
        }
    }

    before(async () => {
        sim = await startSimulator();
        setConfigGetter(
            (key) => ({ apiKey: sim.apiKey, apiUrl: sim.url, maxRetries: "2", maxRequestsPerSecond: "10000" })[key],
        );
    });
    after(async () => {
        setConfigGetter(undefined);
        await sim?.close();
    });
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        const seeded = await simAdmin(sim.origin).seed({
            userGroups: [{ name: "Engineering" }],
            targets: [
                ...Array.from({ length: 120 }, (_, i) => ({ type: "system", name: `host-${i}` })),
                { type: "application", name: "Wiki" },
            ],
        });
        groupId = seeded.userGroups[0] ?? "";
        systems = seeded.targets.slice(0, 120);
        appId = seeded.targets[120] ?? "";
    });

    it("check names the property and the fix: unknown target type, bad ids, bad sudo", async () => {
        const bad = await association.check(
            {},
            { groupId, targetType: "System", targetId: "web-1", attributes: { sudo: { enabled: "yes" } } },
        );
        const byProperty = Object.fromEntries((bad.failures ?? []).map((f) => [f.property, f.reason]));
        assert.match(byProperty["targetType"] ?? "", /must be one of .*"system".*did you mean "system"/);
        assert.match(byProperty["targetId"] ?? "", /ObjectId/);
        assert.match(byProperty["attributes.sudo.enabled"] ?? "", /true or false/);
        const ok = await association.check(
            {},
            { groupId, targetType: "system", targetId: systems[0], attributes: { sudo: { enabled: true } } },
        );
        assert.deepEqual(ok.inputs?.attributes, { sudo: { enabled: true, withoutPassword: false } });
    });

    it("creates with one POST, reads back over the type's pages (2 for 120 systems), updates attributes in place", async () => {
        // 119 other systems associated in the console first, so the edge sits on the second page.
        for (const id of systems.slice(0, 119)) {
            await apiCaller(sim)("POST", `/usergroups/${groupId}/associations`, { op: "add", type: "system", id });
        }
        const sudo = { sudo: { enabled: true, withoutPassword: false } };
        const inputs = { groupId, targetType: "system" as const, targetId: systems[119] ?? "", attributes: sudo };
        const created = await counted(() => association.create(inputs));
        assert.deepEqual(countRequests(created.requests), { "POST /usergroups/:id/associations": 1 });
        assert.equal(created.result.id, `${groupId}/system/${systems[119]}`);
        const outs = created.result.outs;
        assert.ok(outs);

        const read = await counted(() => association.read(created.result.id, outs));
        assert.deepEqual(countRequests(read.requests), { "GET /usergroups/:id/associations": 2 });
        assert.deepEqual(read.result.inputs, inputs);
        assert.equal((await association.diff(created.result.id, outs, inputs)).changes, false);

        // Drift: attributes changed in the console show on read.
        const loose = { sudo: { enabled: true, withoutPassword: true } };
        await apiCaller(sim)("POST", `/usergroups/${groupId}/associations`, {
            op: "update",
            type: "system",
            id: systems[119],
            attributes: loose,
        });
        const drifted = await association.read(created.result.id, outs);
        assert.deepEqual(drifted.inputs?.attributes, loose);
        const diff = await association.diff(created.result.id, drifted.props!, inputs);
        assert.deepEqual(diff, {
            changes: true,
            changedFields: ["attributes"],
            replaces: [],
            deleteBeforeReplace: true,
        });
        const up = await counted(() => association.update(created.result.id, drifted.props!, inputs));
        assert.deepEqual(countRequests(up.requests), { "POST /usergroups/:id/associations": 1 });
        assert.deepEqual((await edges("system")).find((e) => e.to.id === systems[119])?.attributes, sudo);
    });

    it("adopts an existing edge (add answered 409; attributes read, and updated only when they differ); without attributes leaves them", async () => {
        const id = systems[0] ?? "";
        const api = apiCaller(sim);
        const loose = { sudo: { enabled: true, withoutPassword: true } };
        await api("POST", `/usergroups/${groupId}/associations`, { op: "add", type: "system", id, attributes: loose });
        const plain = await association.create({ groupId, targetType: "system", targetId: id });
        assert.equal(plain.outs?.attributesManaged, false);
        const read = await association.read(plain.id, plain.outs);
        assert.deepEqual(
            read.inputs,
            { groupId, targetType: "system", targetId: id },
            "unmanaged attributes: no drift",
        );
        const sudo = { sudo: { enabled: true, withoutPassword: false } };
        const adopted = await counted(() =>
            association.create({ groupId, targetType: "system", targetId: id, attributes: sudo }),
        );
        assert.deepEqual(
            adopted.requests.map((r) => `${r.method} ${r.status}`),
            ["POST 409", "GET 200", "POST 204"],
        );
        assert.deepEqual((await edges("system"))[0]?.attributes, sudo);
        // Adopting an edge that already holds exactly these attributes writes nothing: the 409 and one page.
        const same = await counted(() =>
            association.create({ groupId, targetType: "system", targetId: id, attributes: sudo }),
        );
        assert.deepEqual(
            same.requests.map((r) => `${r.method} ${r.status}`),
            ["POST 409", "GET 200"],
        );
        assert.deepEqual((await edges("system"))[0]?.attributes, sudo);
    });

    it("an edge removed in the console drops on read; delete is one POST, twice is harmless; unknown target is NOT_FOUND", async () => {
        const created = await association.create({ groupId, targetType: "application", targetId: appId });
        const del = await counted(() => association.delete(created.id, created.outs!));
        assert.deepEqual(countRequests(del.requests), { "POST /usergroups/:id/associations": 1 });
        assert.deepEqual(await edges("application"), []);
        await association.delete(created.id, created.outs!);
        assert.deepEqual(await association.read(created.id, created.outs), {});
        await assert.rejects(
            association.create({ groupId, targetType: "application", targetId: "5f0cffffffffffffffffffff" }),
            (e: Error) => isProviderError(e, "NOT_FOUND") && /no application 5f0cffffffffffffffffffff/.test(e.message),
        );
    });
});
