import * as assert from "node:assert/strict";
import { emptyVariantRuns, type LifecycleResult, type OpRun } from "../../../bench/lib/lifecycle";
import type { RateLimitedRun } from "../../../bench/lib/rate-limited";
import { type BenchReport, callTarget, judgeOp, renderReport, renderTargets, table } from "../../../bench/lib/report";

function lifecycle(): LifecycleResult {
    const runs = emptyVariantRuns();
    const ours = (wallMs: number, calls: number, byMethod: Record<string, number>): OpRun => ({
        wallMs,
        calls,
        byMethod,
    });
    runs.ours["up-create"] = [
        ours(1200, 100, { POST: 100 }),
        ours(1300, 100, { POST: 100 }),
        ours(1250, 101, { POST: 101 }),
    ];
    runs.floor["up-create"] = [{ wallMs: 1000 }, { wallMs: 1000 }, { wallMs: 1000 }];
    runs.ours.preview = [ours(1200, 0, {}), ours(1200, 0, {}), ours(1200, 0, {})];
    runs.floor.preview = [{ wallMs: 1000 }, { wallMs: 1000 }, { wallMs: 1000, unexpected: "engine reported drift" }];
    return {
        n: 100,
        runs,
        state: {
            ours: {
                resources: 100,
                bytesPerResource: 7000,
                providerBytes: 2700,
                providerBytesPerResource: 5400,
                providerCopies: 2,
                leaks: [],
                checkpointBytesPerResource: 7100,
                secretInStateFiles: false,
            },
        },
        errors: [],
    };
}

function report(lc: LifecycleResult): BenchReport {
    return {
        command: "npm run bench",
        date: "2026-01-01T00:00:00.000Z",
        durationS: 100,
        env: {
            cores: 2,
            memoryGiB: 8,
            cpuModel: "Test CPU",
            os: "Linux",
            node: "v20.0.0",
            pulumiCli: "v3.248.0",
            pulumiSdk: "3.248.0",
            packageVersion: "0.1.0",
            commit: "abc1234",
        },
        load: { before: 0.1, after: 0.2 },
        runs: 3,
        floorDefinition: "The floor is a no-op.",
        lifecycle: lc,
        extras: [{ title: "Client bench", rows: [{ name: "ratio", value: 1.0812, unit: "x", target: "<= 1.15" }] }],
        notes: [],
    };
}

describe("bench report", () => {
    it("renders a Markdown table and escapes pipes", () => {
        assert.equal(table(["a", "b"], [["1", "x|y"]]), "| a | b |\n|---|---|\n| 1 | x\\|y |");
    });

    it("judges calls on the worst run and the ratio on the medians", () => {
        const create = judgeOp(lifecycle(), "up-create");
        assert.equal(create.callsPerResource, 1.01);
        assert.equal(create.callsOk, false);
        assert.equal(create.ratio, 1.25);
        assert.equal(create.ratioOk, true);
        assert.deepEqual(create.paired, [1.2, 1.3, 1.25]);

        const preview = judgeOp(lifecycle(), "preview");
        assert.equal(preview.callsOk, true);
        assert.equal(preview.ratioOk, false, "1.2 is above the preview target of 1.15");
        assert.deepEqual(preview.unexpected, ["floor run 3: engine reported drift"]);
    });

    it("judges a refresh by its total calls: list pages plus five, never more than one per resource plus one", () => {
        assert.equal(callTarget("preview-refresh", 1000), 15);
        assert.equal(callTarget("preview-refresh", 3), 4);
        assert.equal(callTarget("up-update", 100), 200);
    });

    it("leaves a verdict out when an operation did not run", () => {
        const v = judgeOp(lifecycle(), "destroy");
        assert.equal(v.ratio, undefined);
        assert.equal(v.callsPerResource, undefined);
    });

    it("lists every target with its verdict, including both readings of the __provider budget", () => {
        const text = renderTargets(report(lifecycle()));
        assert.match(text, /API calls, up-create: 1 per resource \| 1\.01 \| \*\*misses\*\*/);
        assert.match(text, /API calls, preview-refresh: ⌈N\/100⌉ \+ 5 = 6 calls \|/);
        assert.match(text, /Ratio to floor, up-create: <= 1\.3 \| 1\.25 \| holds/);
        assert.match(text, /one copy\) \| 2700 \| holds/);
        assert.match(text, /both copies the engine keeps\) \| 5400 \| \*\*misses\*\*/);
    });

    it("renders the whole document: reproduce command, machine, one lifecycle table, state, extras", () => {
        const md = renderReport(report(lifecycle()));
        assert.match(md, /^# Benchmark results\n/);
        assert.match(md, /```sh\nnpm run bench\n```/);
        assert.match(md, /\| CPU \| 2 cores, Test CPU \|/);
        assert.match(
            md,
            /\| up-create \| 1\.25 \(1\.20-1\.30\) \| 1\.00 \(1\.00-1\.00\) \| 1\.25 \(target <= 1\.3\) \| 1\.20, 1\.30, 1\.25 \| 100-101 \(POST 101\) \| 1\.01 \(target 1 per resource\) \|/,
        );
        assert.match(
            md,
            /\| destroy \| - \| - \| n\/a \(target <= 1\.3\) \| - \| - \| n\/a \(target 1 per resource\) \|/,
        );
        assert.match(md, /- Unexpected, preview: floor run 3: engine reported drift/);
        assert.match(md, /\| UserGroup \(pulumi-jumpcloud\) \| 7000 \| 7100 \| 2700 x 2 \| none \| not found \|/);
        assert.match(md, /## Client bench\n\n\| Metric \| Value \| Unit \| Target \|/);
        assert.match(md, /\| ratio \| 1\.08 \| x \| <= 1\.15 \|/);
        assert.doesNotMatch(md, /\n\n\n/);
    });

    it("judges 'no request beyond the limit after the first 429' on the client's log, not on log order", () => {
        const run = (after: number, inFlight: number, known: number): RateLimitedRun => ({
            wallMs: 9000,
            apiSpanMs: 4500,
            leadInMs: 3000,
            tally: { total: 101 + after, rejected: 1 + after, rejectedAfterFirst: after, succeeded: 100 },
            clientLog: {
                sent: 101 + after,
                refused: 1 + after,
                refusedInFlight: inFlight,
                refusedAfterClientKnew: known,
            },
        });
        const limited = (runs: RateLimitedRun[]) => ({
            ...report(lifecycle()),
            rateLimited: [
                {
                    variant: { label: "package defaults", config: {} },
                    n: 100,
                    requestsPerSecond: 20,
                    runs,
                    errors: [],
                },
            ],
        });
        const inFlightOnly = limited([run(0, 0, 0), run(1, 1, 0), run(1, 1, 0)]);
        assert.match(
            renderTargets(inFlightOnly),
            /no request beyond the limit after the first 429 \| 0 \(worst run, from the client's log\) \| holds/,
        );
        assert.match(renderReport(inFlightOnly), /\| 101-102 \| 1-2 \| 0-1 \| 0 \(target 0\) \|/);
        assert.match(
            renderTargets(limited([run(0, 0, 0), run(2, 1, 1), run(0, 0, 0)])),
            /after the first 429 \| 1 \(worst run, from the client's log\) \| \*\*misses\*\*/,
        );
        const disagreeing = {
            ...run(0, 0, 0),
            unexpected: "the client logged 101 requests and 1 x 429, the simulator 102 and 2",
        };
        const flaggedReport = limited([run(0, 0, 0), disagreeing]);
        assert.match(
            renderTargets(flaggedReport),
            /after the first 429 \| 0 \(worst run, from the client's log\); 1 run\(s\) flagged, see the rate-limited create \| \*\*misses\*\*/,
        );
        assert.match(
            renderReport(flaggedReport),
            /- Unexpected: package defaults, run 2: the client logged 101 requests/,
        );
        const { clientLog: _, ...noLog } = run(1, 1, 0);
        assert.match(
            renderTargets(limited([noLog])),
            /after the first 429 \| 1 \(worst run, no client log: every 429 after the first\) \| \*\*misses\*\*/,
        );
    });
});
