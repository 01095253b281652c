/**
 * UserPushEndpoint and the lookup functions getUserGroup and getUserPushEndpoints through the real engine against
 * the simulator, in one stack: adoption of an enrolled device (GET + PATCH), no-change preview with zero calls, a
 * state changed in the console shown by a refresh and repaired by up, the functions over more than 100 seeded
 * records (in preview and in up), destroy (DELETE), and an out-of-band delete dropping the resource on refresh.
 */
import * as assert from "node:assert/strict";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests } from "../helpers/logged-requests";

type Json = Record<string, unknown>;

describe("UserPushEndpoint and lookup functions end to end (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let userId = "";
    let devices: string[] = [];
    let desired: { devices: Array<{ index: number; name?: string; state?: string }>; functions?: boolean } = {
        devices: [],
    };
    let api: ApiCall;

    before(async () => {
        e2e = await startE2E({
            project: "push-endpoint-e2e",
            program: async () => {
                const jc = jumpcloud();
                const out: Record<string, unknown> = {};
                for (const d of desired.devices) {
                    const ep = new jc.UserPushEndpoint(`device-${d.index}`, {
                        userId,
                        pushEndpointId: devices[d.index]!,
                        ...(d.name === undefined ? {} : { name: d.name }),
                        ...(d.state === undefined ? {} : { state: d.state as "active" | "inactive" }),
                    });
                    out[`device${d.index}`] = {
                        id: ep.id,
                        name: ep.name,
                        state: ep.state,
                        model: ep.device.apply((x) => x?.model),
                    };
                }
                if (desired.functions) {
                    const group = await jc.getUserGroup({ name: "squad 142" });
                    out.groupId = group.id;
                    out.groupName = group.name;
                    const list = await jc.getUserPushEndpoints({ userId });
                    out.deviceCount = list.pushEndpoints.length;
                }
                return out;
            },
        });
        api = apiCaller(e2e.sim);
        const seeded = await simAdmin(e2e.sim.origin).seed({
            users: [{ username: "alice", email: "alice@example.com" }],
            userGroups: Array.from({ length: 150 }, (_, i) => ({ name: `Squad ${i}` })),
        });
        userId = seeded.users[0]!;
        const eps = await simAdmin(e2e.sim.origin).seed({
            pushEndpoints: Array.from({ length: 105 }, (_, i) => ({
                userId,
                name: `Phone ${i}`,
                state: "active",
                device: {
                    make: "Apple",
                    model: `iPhone ${i}`,
                    os: "iOS",
                    osVersion: "18.1",
                    appVersion: "2.4.0",
                    uvEnabled: true,
                },
            })),
        });
        devices = eps.pushEndpoints;
    });
    after(async () => e2e?.close());

    it("adopts two enrolled devices: GET each, PATCH only the one that differs", async () => {
        desired = {
            devices: [
                { index: 0, name: "Work phone", state: "inactive" },
                { index: 1, state: "active" },
            ],
        };
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.summary.resourceChanges?.["create"], 3, "the stack and two devices");
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /users/:id/pushendpoints/:id": 2,
            "PATCH /users/:id/pushendpoints/:id": 1,
        });
        const d0 = up.outputs["device0"]?.value as Json;
        assert.deepEqual(
            [d0["id"], d0["name"], d0["state"], d0["model"]],
            [`${userId}/${devices[0]}`, "Work phone", "inactive", "iPhone 0"],
        );
        const live = await api("GET", `/users/${userId}/pushendpoints/${devices[0]}`);
        assert.deepEqual([live["name"], live["state"]], ["Work phone", "inactive"]);
    });

    it("previews no changes with zero API calls; a refresh without drift costs one request per device", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.deepEqual(await simAdmin(e2e.sim.origin).requests(since), []);
        const refreshed = await e2e.engine.preview({ refresh: true });
        assert.deepEqual(Object.keys(refreshed.changeSummary), ["same"], JSON.stringify(refreshed.changeSummary));
        // The first read is a lone GET; the second probes the user's list, which serves it (batched reads: a
        // listing is fetched only when it costs no more than the GETs it replaces, plus the one probe).
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /users/:id/pushendpoints/:id": 1,
            "GET /users/:id/pushendpoints": 1,
        });
    });

    it("shows a state changed in the console as drift (and a console rename of an unmanaged name as none); up repairs", async () => {
        await api("PATCH", `/users/${userId}/pushendpoints/${devices[0]}`, { state: "active" });
        await api("PATCH", `/users/${userId}/pushendpoints/${devices[1]}`, { name: "Renamed in console" });
        const preview = await e2e.engine.preview({ refresh: true });
        assert.equal(preview.changeSummary["update"], 1, JSON.stringify(preview.changeSummary));
        const update = preview.stdout.slice(preview.stdout.lastIndexOf("UserPushEndpoint: (update)"));
        assert.match(update, /device-0/);
        assert.match(update, /~ state\s*: "active" => "inactive"/, update);
        assert.doesNotMatch(update, /~ name/, update);

        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up({ refresh: true });
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /users/:id/pushendpoints/:id": 1,
            "GET /users/:id/pushendpoints": 1,
            "PATCH /users/:id/pushendpoints/:id": 1,
        });
        const live = await api("GET", `/users/${userId}/pushendpoints/${devices[0]}`);
        assert.equal(live["state"], "inactive");
        const other = await api("GET", `/users/${userId}/pushendpoints/${devices[1]}`);
        assert.equal(other["name"], "Renamed in console", "an unmanaged name is left alone");
    });

    it("getUserGroup (150 groups, case-insensitive name) and getUserPushEndpoints (105 devices) work in preview and up", async () => {
        desired = { ...desired, functions: true };
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        // The name lookup: an eq miss (it compares case-sensitively), a search that finds it; then the device list.
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /usergroups": 2,
            "GET /users/:id/pushendpoints": 1,
        });
        const up = await e2e.engine.up();
        assert.equal(up.outputs["groupName"]?.value, "Squad 142");
        assert.match(String(up.outputs["groupId"]?.value), /^[0-9a-f]{24}$/);
        assert.equal(up.outputs["deviceCount"]?.value, 105);
    });

    it("a device deleted out of band drops from state on refresh; destroy DELETEs the other", async () => {
        desired = { devices: desired.devices };
        await api("DELETE", `/users/${userId}/pushendpoints/${devices[1]}`);
        const refresh = await e2e.engine.refresh();
        assert.equal(refresh.summary.resourceChanges?.["delete"], 1, JSON.stringify(refresh.summary.resourceChanges));
        desired = { devices: [{ index: 0, name: "Work phone", state: "inactive" }] };
        const resources = (await e2e.engine.exportState()).deployment.resources ?? [];
        const ep = resources.find((r) => r["type"] === "pulumi-nodejs:dynamic/jumpcloud:UserPushEndpoint");
        const provider = String((ep?.["outputs"] as Json | undefined)?.["__provider"] ?? "");
        assert.ok(provider.length > 0 && provider.length <= 4096, `__provider is ${provider.length} bytes`);
        assert.match(provider, /require\("pulumi-jumpcloud\/dist\/resources\/user-push-endpoint-provider\.js"\)/);
        console.log(`      __provider bytes: ${provider.length}`);
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const destroy = await e2e.engine.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "DELETE /users/:id/pushendpoints/:id": 1,
        });
        const left = (await fetch(`${e2e.sim.url}/users/${userId}/pushendpoints`, {
            headers: { "x-api-key": e2e.sim.apiKey },
        }).then((r) => r.json())) as Json[];
        assert.equal(left.length, 103);
        assert.ok(!left.some((d) => d["id"] === devices[0] || d["id"] === devices[1]));
    });
});
