/**
 * The UserPushEndpoint runtime against the real simulator over HTTP: adoption of an enrolled device (with and
 * without a PATCH), the error for a device that does not exist, update, drift, delete (twice), and the API calls
 * each operation costs.
 */
import * as assert from "node:assert/strict";
import { isJumpCloudError } from "../../provider/client/errors";
import type { PushEndpointInputs } from "../../provider/model/push-endpoint";
import { setConfigGetter } from "../../provider/runtime/context";
import { isProviderError } from "../../provider/runtime/errors";
import * as runtime from "../../provider/runtime/push-endpoint";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { LoggedRequest } from "../../simulator/request-log";

describe("UserPushEndpoint runtime against the simulator", () => {
    let sim: RunningSimulator;
    let userId: string;
    let endpointId: string;

    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, requests: await simAdmin(sim.origin).requests(since) };
    }
    const calls = (requests: LoggedRequest[]) =>
        requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}/g, ":id")}`);

    before(async () => {
        sim = await startSimulator();
        setConfigGetter((key) => ({ apiKey: sim.apiKey, apiUrl: sim.url, maxRetries: "2" })[key]);
    });
    after(async () => {
        setConfigGetter(undefined);
        await sim?.close();
    });
    beforeEach(async () => {
        await simAdmin(sim.origin).reset();
        const seeded = await simAdmin(sim.origin).seed({
            users: [{ username: "alice", email: "alice@example.com" }],
        });
        userId = seeded.users[0]!;
        const devices = await simAdmin(sim.origin).seed({
            pushEndpoints: [
                {
                    userId,
                    name: "Alice's iPhone",
                    state: "active",
                    device: {
                        make: "Apple",
                        model: "iPhone 15",
                        os: "iOS",
                        osVersion: "18.1",
                        appVersion: "2.4.0",
                        uvEnabled: true,
                    },
                },
            ],
        });
        endpointId = devices.pushEndpoints[0]!;
    });

    const inputs = (extra: Partial<PushEndpointInputs> = {}): PushEndpointInputs => ({
        userId,
        pushEndpointId: endpointId,
        ...extra,
    });

    it("adopts a device that already matches with one GET, outputs its details and dates", async () => {
        const { result, requests } = await counted(() =>
            runtime.create(inputs({ name: "Alice's iPhone", state: "active" })),
        );
        assert.deepEqual(calls(requests), ["GET /users/:id/pushendpoints/:id"]);
        assert.equal(result.id, `${userId}/${endpointId}`);
        const outs = result.outs!;
        assert.equal(outs.device?.model, "iPhone 15");
        assert.equal(typeof outs.enrollmentDate, "string");
        assert.equal(
            (await runtime.diff(result.id, outs, inputs({ name: "Alice's iPhone", state: "active" }))).changes,
            false,
        );
    });

    it("PATCHes what differs on adoption, then update PATCHes once", async () => {
        const created = await counted(() => runtime.create(inputs({ state: "inactive" })));
        assert.deepEqual(calls(created.requests), [
            "GET /users/:id/pushendpoints/:id",
            "PATCH /users/:id/pushendpoints/:id",
        ]);
        assert.equal(created.result.outs?.state, "inactive");
        assert.equal(created.result.outs?.name, "Alice's iPhone", "an unmanaged name is left alone");
        const news = inputs({ state: "inactive", name: "Work phone" });
        const diff = await runtime.diff(created.result.id, created.result.outs!, news);
        assert.deepEqual([diff.changes, diff.replaces], [true, []]);
        // Another device is a replacement, and the engine deletes the old resource first.
        const other = await runtime.diff(
            created.result.id,
            created.result.outs!,
            inputs({ pushEndpointId: "other-device" }),
        );
        assert.deepEqual([other.replaces, other.deleteBeforeReplace], [["pushEndpointId"], true]);
        const up = await counted(() => runtime.update(created.result.id, created.result.outs!, news));
        assert.deepEqual(calls(up.requests), ["PATCH /users/:id/pushendpoints/:id"]);
        assert.equal(up.result.outs?.name, "Work phone");
    });

    it("explains that a device cannot be created when it does not exist", async () => {
        await assert.rejects(
            () => runtime.create(inputs({ pushEndpointId: "6a0000000000000000000042" })),
            (e: Error) =>
                /cannot create one.*getUserPushEndpoints/s.test(e.message) &&
                isProviderError(e, "NOT_FOUND") &&
                isJumpCloudError(e.cause) &&
                e.cause.status === 404,
        );
    });

    it("reads drift with one GET, projecting only managed fields; delete is one DELETE and 404 is success", async () => {
        const result = await runtime.create(inputs({ state: "active" }));
        const res = await fetch(`${sim.url}/users/${userId}/pushendpoints/${endpointId}`, {
            method: "PATCH",
            headers: { "x-api-key": sim.apiKey, "content-type": "application/json" },
            body: JSON.stringify({ state: "inactive", name: "Renamed in console" }),
        });
        assert.equal(res.status, 200);
        const read = await counted(() => runtime.read(result.id, result.outs));
        assert.deepEqual(calls(read.requests), ["GET /users/:id/pushendpoints/:id"]);
        assert.deepEqual(read.result.inputs, { userId, pushEndpointId: endpointId, state: "inactive" });
        assert.equal((await runtime.diff(result.id, read.result.props!, inputs({ state: "active" }))).changes, true);

        const del = await counted(() => runtime.delete(result.id, result.outs!));
        assert.deepEqual(calls(del.requests), ["DELETE /users/:id/pushendpoints/:id"]);
        await runtime.delete(result.id, result.outs!);
        assert.deepEqual(await runtime.read(result.id, result.outs), {});
    });
});
