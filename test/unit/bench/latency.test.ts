import * as assert from "node:assert/strict";
import { type LatencyResult, latencyTargets, physicalMinimumMs, renderLatency } from "../../../bench/lib/latency";

describe("bench latency scenario", () => {
    it("the physical minimum is bound by latency at low parallelism and by the rate budget above it", () => {
        // 100 creates at 150 ms: 13 rounds of 8 = 1.95 s; at 64, 2 rounds (0.3 s) but 100 rps allow 1.14 s.
        assert.equal(physicalMinimumMs("up-create", 100, 100, 8, 150, 100), 1950);
        assert.equal(physicalMinimumMs("up-create", 100, 100, 64, 150, 100), 1140);
        // An update is a GET then a PUT per group: 13 rounds of 2 requests at --parallel 8.
        assert.equal(physicalMinimumMs("up-update", 200, 100, 8, 150, 100), 3900);
        // A batched refresh of 2 calls: one latency (the calls counted as independent), or the rate.
        assert.equal(physicalMinimumMs("preview-refresh", 2, 100, 8, 150, 100), 160);
        assert.equal(physicalMinimumMs("preview", 0, 100, 8, 150, 100), 0);
    });

    it("renders one row per operation and parallelism, and judges refresh and the Terraform figures", () => {
        const op = (wallMs: number, calls?: number, apiPhaseMs?: number) => [
            { wallMs, ...(calls === undefined ? {} : { calls, byMethod: { GET: calls }, apiPhaseMs }) },
        ];
        const ops = (scale: number, withCalls: boolean) => ({
            "up-create": op(4000 * scale, withCalls ? 100 : undefined, 2000),
            preview: op(2000 * scale, withCalls ? 0 : undefined, 0),
            "preview-refresh": op(2500 * scale, withCalls ? 2 : undefined, 300),
            "up-update": op(5000 * scale, withCalls ? 200 : undefined, 4000),
            destroy: op(3000 * scale, withCalls ? 100 : undefined, 2000),
        });
        const result: LatencyResult = {
            n: 100,
            latencyMs: 150,
            rateBudget: 100,
            parallels: [8],
            runs: { "8": { ours: ops(1, true), floor: ops(0.5, false) } },
            errors: [],
        };
        const md = renderLatency(result);
        assert.match(
            md,
            /\| up-create \| 8 \| 4\.00 \| 2\.00 \| 2\.00 \| 100 \(GET 100\) \| 2\.00 \| 1\.95 \| 1\.03 \|/,
        );
        const targets = latencyTargets(result);
        assert.deepEqual(targets[0], [
            "Latency 150 ms, --parallel 8: preview --refresh API phase (beyond the floor's fixed cost) <= 1.5 s",
            "0.30 s; wall beyond the floor's 1.25 s",
            "holds",
        ]);
        const create = targets.find((r) => r[0]?.includes("up-create"));
        assert.deepEqual(create?.slice(1), ["4.00 s at 8 (floor 2.00 s)", "holds"]);
        const update = targets.find((r) => r[0]?.includes("up-update"));
        assert.equal(update?.[2], "holds");
        const preview = targets.find((r) => r[0]?.includes(": preview wall"));
        assert.equal(preview?.[2], "**misses**");
    });
});
