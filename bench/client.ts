/**
 * Client overhead benchmark: 1,000 sequential `userGroups.get` against the simulator (in-process, port 0), the
 * client's median time per call against a bare keep-alive node-fetch loop in the same run, and keep-alive against a
 * new connection per call. The reference for the target (at most 1.15x) is a bare fetch with a per-request timeout
 * (an AbortController and a timer), the least a production call needs; the ratio to a fetch without one is shown
 * too.
 *
 * Run: node -r ts-node/register/transpile-only bench/client.ts
 */

import http from "node:http";
import fetch from "node-fetch";
import { JumpCloudClient } from "../provider/client";
import { startSimulator } from "../simulator";

/** One measured figure. */
export interface BenchRow {
    name: string;
    value: number;
    unit: string;
    /** The goal, e.g. "<= 1.15", or "" when the row is informational. */
    target: string;
}

const CALLS = 1000;
const WARMUP = 300;

function median(samples: number[]): number {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function timed(samples: number[], call: () => Promise<unknown>): Promise<void> {
    const t0 = process.hrtime.bigint();
    await call();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
}

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/** Runs the benchmark and returns its rows. */
export async function runClientBench(calls = CALLS): Promise<BenchRow[]> {
    const sim = await startSimulator();
    const keepAlive = new http.Agent({ keepAlive: true });
    const closing = new http.Agent({ keepAlive: false });
    try {
        const client = new JumpCloudClient({
            apiKey: sim.apiKey,
            apiUrl: sim.url,
            // A budget far above the loop's rate: its code runs on every call but never waits.
            maxRequestsPerSecond: 1_000_000,
        });
        const group = await client.userGroups.create({ name: "bench" });
        const url = `${sim.url}/usergroups/${group.id}`;
        const headers = { Accept: "application/json", "Content-Type": "application/json", "x-api-key": sim.apiKey };
        const bare = (agent: http.Agent) => async () => {
            const res = await fetch(url, { headers, agent });
            if (res.status !== 200) throw new Error(`bare fetch: ${res.status}`);
            return res.json();
        };
        const bareWithTimeout = async () => {
            const controller = new AbortController();
            const timer = setTimeout(() => controller.abort(), 30_000);
            try {
                const res = await fetch(url, { headers, agent: keepAlive, signal: controller.signal });
                if (res.status !== 200) throw new Error(`bare fetch: ${res.status}`);
                return await res.json();
            } finally {
                clearTimeout(timer);
            }
        };
        const viaClient = () => client.userGroups.get(group.id);

        for (let i = 0; i < WARMUP; i++) {
            await bare(keepAlive)();
            await bareWithTimeout();
            await viaClient();
        }
        // Interleaved calls, so drift (GC, the database's cache, CPU frequency, other processes) hits all alike.
        const bareSamples: number[] = [];
        const timeoutSamples: number[] = [];
        const clientSamples: number[] = [];
        for (let i = 0; i < calls; i++) {
            await timed(bareSamples, bare(keepAlive));
            await timed(timeoutSamples, bareWithTimeout);
            await timed(clientSamples, viaClient);
        }
        const closingSamples: number[] = [];
        for (let i = 0; i < calls; i++) await timed(closingSamples, bare(closing));
        const clientNoKeepAlive = new JumpCloudClient({
            apiKey: sim.apiKey,
            apiUrl: sim.url,
            maxRequestsPerSecond: 1_000_000,
            keepAlive: false,
        });
        const clientClosingSamples: number[] = [];
        for (let i = 0; i < calls; i++)
            await timed(clientClosingSamples, () => clientNoKeepAlive.userGroups.get(group.id));

        const bareMedian = median(bareSamples);
        const timeoutMedian = median(timeoutSamples);
        const clientMedian = median(clientSamples);
        const closingMedian = median(closingSamples);
        return [
            {
                name: `bare node-fetch, keep-alive: median per GET (${calls} sequential)`,
                value: round(bareMedian),
                unit: "ms",
                target: "",
            },
            {
                name: `client userGroups.get, keep-alive: median per call (${calls} sequential)`,
                value: round(clientMedian),
                unit: "ms",
                target: "",
            },
            {
                name: `bare node-fetch with a per-request timeout, keep-alive: median per GET (${calls} sequential)`,
                value: round(timeoutMedian),
                unit: "ms",
                target: "",
            },
            {
                name: "client / bare fetch with a timeout (median ratio)",
                value: round(clientMedian / timeoutMedian, 3),
                unit: "x",
                target: "<= 1.15",
            },
            {
                name: "client / bare fetch without a timeout (median ratio)",
                value: round(clientMedian / bareMedian, 3),
                unit: "x",
                target: "",
            },
            {
                name: `bare node-fetch, no keep-alive: median per GET (${calls} sequential)`,
                value: round(closingMedian),
                unit: "ms",
                target: "",
            },
            {
                name: `client userGroups.get, no keep-alive: median per call (${calls} sequential)`,
                value: round(median(clientClosingSamples)),
                unit: "ms",
                target: "",
            },
            {
                name: "no keep-alive / keep-alive (bare fetch, median ratio)",
                value: round(closingMedian / bareMedian, 3),
                unit: "x",
                target: "",
            },
        ];
    } finally {
        keepAlive.destroy();
        closing.destroy();
        await sim.close();
    }
}

if (require.main === module) {
    runClientBench().then(
        (rows) => {
            for (const row of rows) {
                console.log(`${row.name}: ${row.value} ${row.unit}${row.target ? ` (target ${row.target})` : ""}`);
            }
        },
        (error: unknown) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
