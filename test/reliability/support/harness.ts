/**
 * Shared pieces of the reliability scenarios: a simulator plus an isolated stack, the API's and the state's view
 * of the resources and their one-to-one comparison, seeded randomness, fault plans and the process tree.
 */
import { execFileSync } from "node:child_process";
import type { ConfigMap, PulumiFn } from "@pulumi/pulumi/automation";
import type { EngineStack } from "../../../scripts/lib/engine";
import type { RunningSimulator, SimulatorOptions } from "../../../simulator";
import { type ApiTarget, apiRequest } from "../../../simulator/api-caller";
import type { FaultSpec } from "../../../simulator/faults";
import type { LoggedRequest } from "../../../simulator/request-log";
import { startE2E } from "../../helpers/e2e";

export type Json = Record<string, unknown>;

export interface Rig {
    sim: RunningSimulator;
    engine: EngineStack;
    close(): Promise<void>;
}

/** A simulator with a distinctive API key and a stack whose `jumpcloud:*` config points at it. */
export function startRig(opts: {
    program: PulumiFn;
    project: string;
    sim?: SimulatorOptions;
    config?: ConfigMap;
    /** Replaces the API key put into the stack config (e.g. a wrong one). */
    stackApiKey?: string;
    /** Extra environment for the engine runs (e.g. PULUMI_SKIP_CHECKPOINTS). */
    env?: Record<string, string>;
}): Promise<Rig> {
    return startE2E(opts);
}

/** mulberry32: deterministic randomness per seed. */
export function seeded(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Every user group of the key's org, all pages (bounded: at most 100 pages). */
export async function apiGroups(target: ApiTarget): Promise<Json[]> {
    const all: Json[] = [];
    for (let page = 0; page < 100; page++) {
        const { status, json } = await apiRequest(target, "GET", `/usergroups?limit=100&skip=${page * 100}&sort=id`);
        if (status !== 200) throw new Error(`listing groups failed: ${status} ${JSON.stringify(json)}`);
        const items = json as Json[];
        all.push(...items);
        if (items.length < 100) return all;
    }
    throw new Error("more than 10,000 groups");
}

/** The resources of a type in `pulumi stack export` (secrets stay encrypted). */
export async function stateResources(engine: EngineStack, type: string): Promise<Json[]> {
    const state = await engine.exportState();
    return (state.deployment.resources ?? []).filter((r) => r["type"] === `pulumi-nodejs:dynamic/jumpcloud:${type}`);
}

/** Pending operations left in the checkpoint (e.g. after a crash). */
export async function pendingOperations(engine: EngineStack): Promise<Json[]> {
    const state = (await engine.exportState()) as { deployment: { pending_operations?: Json[] } };
    return state.deployment.pending_operations ?? [];
}

/** How the API's objects and the state's resources compare: all three lists empty means one to one. */
export interface Match {
    /** Names the API holds more than once. */
    duplicates: string[];
    /** API objects no state resource points at. */
    orphans: string[];
    /** State resources whose object the API does not hold, or desired names the API lacks. */
    missing: string[];
}

/** Compares the API's groups with the state's UserGroup resources and the names the program declares. */
export function matchGroups(apiList: Json[], state: Json[], desiredNames: string[]): Match {
    const byName = new Map<string, number>();
    for (const g of apiList) {
        const n = String(g["name"]).toLowerCase();
        byName.set(n, (byName.get(n) ?? 0) + 1);
    }
    const apiIds = new Set(apiList.map((g) => String(g["id"])));
    const stateIds = new Set(state.map((r) => String(r["id"])));
    return {
        duplicates: [...byName].filter(([, c]) => c > 1).map(([n]) => n),
        orphans: [...apiIds].filter((id) => !stateIds.has(id)),
        missing: [
            ...[...stateIds].filter((id) => !apiIds.has(id)),
            ...desiredNames.filter((n) => !byName.has(n.toLowerCase())).map((n) => `name:${n}`),
        ],
    };
}

/** Injected faults by kind. */
export function faultCounts(requests: readonly LoggedRequest[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of requests) if (r.fault) out[r.fault] = (out[r.fault] ?? 0) + 1;
    return out;
}

/** The sum of a count map. */
export function total(counts: Record<string, number>): number {
    return Object.values(counts).reduce((a, b) => a + b, 0);
}

/**
 * A fault plan that fails about `rate` of all API requests with a mix of every kind: each kind fires independently
 * with the same probability, so that at least one fires with probability `rate`.
 */
export function mixedFaults(rate: number, seed: number): FaultSpec[] {
    const kinds = ["429", "500", "502", "503", "latency", "reset-before", "reset-after"] as const;
    const each = 1 - (1 - rate) ** (1 / kinds.length);
    return kinds.map((kind, i) => ({
        method: "*",
        kind,
        fraction: each,
        seed: seed * 101 + i,
        ...(kind === "429" ? { retryAfterSeconds: 1 } : {}),
        ...(kind === "latency" ? { latencyMs: 300 } : {}),
    }));
}

interface Proc {
    pid: number;
    ppid: number;
    args: string;
}

function processTable(): Proc[] {
    const out = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { maxBuffer: 16 * 1024 * 1024 }).toString();
    return out
        .split("\n")
        .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
        .filter((m): m is RegExpMatchArray => m !== null)
        .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? "" }));
}

/** The descendants of `root` (children first-level first). */
function descendants(table: Proc[], root: number): Proc[] {
    const out: Proc[] = [];
    let frontier = [root];
    while (frontier.length > 0) {
        const next = table.filter((p) => frontier.includes(p.ppid));
        out.push(...next);
        frontier = next.map((p) => p.pid);
    }
    return out;
}

/**
 * The `pulumi <command>` CLI process the Automation API spawned from this process, and the processes it started
 * (the dynamic-provider plugin): found through the process tree of this test process.
 */
export function findPulumiProcess(command: string): { cli: Proc; children: Proc[] } | undefined {
    const table = processTable();
    const cli = descendants(table, process.pid).find((p) =>
        new RegExp(`(^|/)pulumi ${command}( |$)`).test(p.args.split(" --")[0] ?? ""),
    );
    return cli ? { cli, children: descendants(table, cli.pid) } : undefined;
}

/**
 * SIGKILL of the CLI and, at the same moment, of the processes it started: what happens when the machine or CI
 * runner running `pulumi up` dies. Returns the killed pids.
 */
export function killTree(target: { cli: Proc; children: Proc[] }): number[] {
    const pids = [target.cli.pid, ...target.children.map((c) => c.pid)];
    for (const pid of pids) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // Already gone.
        }
    }
    return pids;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
}

/** Every text the engine printed, via onOutput/onError, collected for scans. */
export class OutputLog {
    readonly chunks: string[] = [];
    readonly onOutput = (s: string): void => {
        this.chunks.push(s);
    };
    readonly onError = (s: string): void => {
        this.chunks.push(s);
    };
    text(): string {
        return this.chunks.join("");
    }
}
