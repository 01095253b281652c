/**
 * The simulator bench (part of `npm run bench`): group reads, durable writes and filtered lists over 100,000 groups,
 * then the user and graph figures (bench/lib/simulator-graph.ts) over 100,000 users. `node -r
 * ts-node/register/transpile-only bench/simulator.ts --graph` runs only the latter.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { simAdmin } from "../simulator/admin-client";
import { apiCaller } from "../simulator/api-caller";
import { type SimulatorChild, startSimulatorChild } from "../simulator/child";
import type { SeedUserGroup } from "../simulator/seed";
import { runGraphBench } from "./lib/simulator-graph";

/** One measured figure. */
export interface SimulatorBenchRow {
    name: string;
    value: number;
    unit: string;
    /** The goal, e.g. ">= 2000". */
    target: string;
}

const KEY = "bench-key";
const GROUPS = 100_000;
const SEED_CHUNK = 10_000;
const DURATION_S = 8;
const METHODS = ["NOTSET", "STATIC", "DYNAMIC_REVIEW_REQUIRED", "DYNAMIC_AUTOMATED"];

type Child = SimulatorChild;

const startChild = (dataDir: string): Promise<Child> => startSimulatorChild(dataDir, KEY);

async function stopChild(child: Child): Promise<void> {
    if (child.proc.exitCode !== null) return;
    const exited = new Promise((resolve) => child.proc.on("exit", resolve));
    child.proc.kill("SIGTERM");
    await exited;
}

function group(i: number): SeedUserGroup {
    return {
        name: `group-${String(i).padStart(6, "0")}`,
        description: `Seeded group number ${i}`,
        membershipMethod: METHODS[i % METHODS.length],
        attributes: { sudo: { enabled: i % 2 === 0, withoutPassword: false }, level: i % 100 },
    };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
    return new Promise((resolve, reject) => {
        autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    });
}

function checkErrors(label: string, result: autocannon.Result): void {
    const bad = result.errors + result.timeouts + result.non2xx;
    if (bad > 0) throw new Error(`${label}: ${bad} failed requests (errors/timeouts/non-2xx)`);
}

/** Runs the simulator bench and returns its rows; with `graphOnly`, only the user and graph figures. */
export async function runSimulatorBench(options: { graphOnly?: boolean } = {}): Promise<SimulatorBenchRow[]> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-sim-bench-"));
    const child = await startChild(dataDir);
    try {
        const groupRows = options.graphOnly ? [] : await groupBench(child);
        const graphRows = await runGraphBench({ origin: child.origin, apiKey: KEY });
        return [...groupRows, ...graphRows];
    } finally {
        await stopChild(child);
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
}

/** Group reads, durable writes and filtered lists over 100,000 groups. */
async function groupBench(child: Child): Promise<SimulatorBenchRow[]> {
    const headers = { "x-api-key": KEY, "content-type": "application/json" };
    const created = await apiCaller({ url: child.url, apiKey: KEY })("POST", "/usergroups", { name: "bench-target" });

    const get = await run({
        url: `${child.url}/usergroups/${created.id}`,
        headers,
        connections: 10,
        duration: DURATION_S,
    });
    checkErrors("GET /usergroups/{id}", get);

    let next = 0;
    // 20 concurrent writers: group commit shares one fsync among the writes that arrive together.
    const create = await run({
        url: `${child.url}/usergroups`,
        connections: 20,
        duration: DURATION_S,
        requests: [
            {
                method: "POST",
                headers,
                // A unique name per request: every POST is a real insert, never a 409.
                setupRequest: (request) => {
                    next += 1;
                    return { ...request, body: JSON.stringify({ name: `bench-${next}`, description: "durable" }) };
                },
            },
        ],
    });
    checkErrors("POST /usergroups", create);

    for (let start = 0; start < GROUPS; start += SEED_CHUNK) {
        const userGroups = Array.from({ length: SEED_CHUNK }, (_, i) => group(start + i));
        await simAdmin(child.origin).seed({ userGroups });
    }
    const median = async (query: string): Promise<number> => {
        const result = await run({ url: `${child.url}/usergroups?${query}`, headers, connections: 1, duration: 5 });
        checkErrors(`GET /usergroups?${query}`, result);
        return result.latency.p50;
    };
    const indexed = "filter=membershipMethod:eq:STATIC&sort=name&limit=100";
    // Two filters: the first walks an index, the second is checked row by row (reported, no target).
    const twoFilters = "filter=membershipMethod:eq:STATIC&filter=attributes.sudo.enabled:eq:false&sort=name&limit=100";
    // Substring search cannot use an index: a scan of all 100,000 names (reported, no target).
    const search = "filter=name:search:group-09&sort=name&limit=100";
    const latencies = {
        indexed: await median(indexed),
        twoFilters: await median(twoFilters),
        search: await median(search),
    };

    return [
        { name: "GET /usergroups/{id}", value: Math.round(get.requests.average), unit: "req/s", target: ">= 2000" },
        {
            name: "POST /usergroups (durable, unique names, 20 connections)",
            value: Math.round(create.requests.average),
            unit: "req/s",
            target: ">= 500",
        },
        {
            name: `GET /usergroups?${indexed} (100k groups), median`,
            value: latencies.indexed,
            unit: "ms",
            target: "< 50",
        },
        {
            name: `GET /usergroups?${twoFilters} (100k), median`,
            value: latencies.twoFilters,
            unit: "ms",
            target: "",
        },
        { name: `GET /usergroups?${search} (100k), median`, value: latencies.search, unit: "ms", target: "" },
    ];
}

if (require.main === module) {
    runSimulatorBench({ graphOnly: process.argv.includes("--graph") }).then(
        (rows) => {
            console.log("measured with autocannon 8 (simulator CLI in a child process, 127.0.0.1, port 0)");
            console.table(rows);
        },
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        },
    );
}
