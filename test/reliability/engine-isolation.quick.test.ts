/**
 * One process runs many engine operations here (every e2e and reliability test), some of them killed or failed.
 * A run must leave nothing behind that a later run can trip on. The trap this guards against: the program's gRPC
 * clients to its engine outliving the run. grpc-js shares connections process-wide by address, so a leaked client
 * still reconnecting to a killed CLI's port poisons that port: a later CLI listening there hands its program a
 * connection that fails every call with "14 UNAVAILABLE: No connection established", and the SDK then ends the
 * program quietly, so the engine plans deletes (seen as a failed tenants run and as a crash recovery whose preview
 * wanted a delete). scripts/lib/engine.ts closes each run's clients when its operation ends.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { simAdmin } from "../../simulator/admin-client";
import { jumpcloud } from "../helpers/e2e";
import { findPulumiProcess, killTree, sleep, startRig } from "./support/harness";

/** The grpc-js instance @pulumi/pulumi uses (so that its process-wide connection pool is the one tested). */
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] })) as typeof import("@grpc/grpc-js");
const sdkSettings = require("@pulumi/pulumi/runtime/settings") as { grpcClientOptions: Record<string, unknown> };

/** The status of one unary call to `address` made as the SDK makes its calls (same channel options). */
function probe(address: string): Promise<number> {
    const client = new grpc.Client(address, grpc.credentials.createInsecure(), sdkSettings.grpcClientOptions);
    return new Promise((resolve) => {
        client.makeUnaryRequest(
            "/probe.Probe/Ping",
            (b: Buffer) => b,
            (b: Buffer) => b,
            Buffer.alloc(0),
            (err) => {
                client.close();
                resolve(err?.code ?? grpc.status.OK);
            },
        );
    });
}

describe("reliability (quick): an engine run leaves nothing behind in the test process", function () {
    this.timeout(300_000);

    it("after a killed up, a new engine on the dead engine's port is reachable at once", async () => {
        let monitorTarget = "";
        const rig = await startRig({
            project: "reliability-isolation",
            program: async () => {
                const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
                const monitor = pulumi.runtime.getMonitor() as unknown as { getChannel(): { getTarget(): string } };
                monitorTarget = monitor.getChannel().getTarget();
                const jc = jumpcloud();
                for (let i = 0; i < 40; i++) new jc.UserGroup(`g${i}`, { name: `Isolation ${i}` });
            },
        });
        const server = new grpc.Server();
        try {
            // Slow creates, so that the kill lands while the program still talks to its engine.
            await simAdmin(rig.sim.origin).faults([
                { method: "POST", path: "^/usergroups$", kind: "latency", latencyMs: 200, count: 40 },
            ]);
            const since = await simAdmin(rig.sim.origin).lastSeq();
            const running = rig.engine.up().then(
                () => "finished",
                (e: Error) => e.message,
            );
            for (let i = 0; i < 2400; i++) {
                const posts = (await simAdmin(rig.sim.origin).requests(since)).filter(
                    (r) => r.method === "POST",
                ).length;
                if (posts >= 3) break;
                await sleep(25);
            }
            const target = findPulumiProcess("up");
            assert.ok(target, "the pulumi up process was not found in the process tree");
            killTree(target);
            assert.notEqual(await running, "finished", "up finished before it could be killed");

            const port = Number(/:(\d+)$/.exec(monitorTarget)?.[1]);
            assert.ok(port > 0, `the program's engine address: ${monitorTarget}`);
            // Let the killed run's program make its last calls to the dead engine.
            await sleep(500);
            // A new engine on that port, as a later CLI might get it from the kernel.
            await new Promise<void>((resolve, reject) =>
                server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err) =>
                    err ? reject(err) : resolve(),
                ),
            );
            // Reached: the server answers UNIMPLEMENTED (it serves nothing). Poisoned: UNAVAILABLE without a try.
            assert.equal(await probe(`127.0.0.1:${port}`), grpc.status.UNIMPLEMENTED);
        } finally {
            server.forceShutdown();
            await rig.close();
        }
    });
});
