/**
 * Fault plans: for a method and a path pattern, the next N requests (or a seeded fraction of them) get a 429, a
 * 5xx, extra latency, or a dropped connection before or after the handler ran.
 */
import { API_AREAS, type ApiArea } from "./api-area";
import { badRequest } from "./errors";

/** The kinds of fault the simulator injects. */
export const FAULT_KINDS = ["429", "500", "502", "503", "latency", "reset-before", "reset-after"] as const;

/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault as posted to `/__sim/faults`. */
export interface FaultSpec {
    /** HTTP method, or "*" for any. @default "*" */
    method?: string;
    /** Which API: "v2", "v1", "oauth" (the token endpoint), or "*" for any. @default "*" */
    api?: string;
    /**
     * Regular expression matched against the path after the API's base: after /api/v2 for v2, after /api for v1,
     * "/oauth2/token" for the token endpoint (query excluded). @default every path
     */
    path?: string;
    kind: FaultKind;
    /** Fire on the next `count` matching requests. @default 1 when `fraction` is absent */
    count?: number;
    /** Fire on this fraction (0..1) of matching requests, chosen by a PRNG seeded with `seed`. */
    fraction?: number;
    /** @default 1 */
    seed?: number;
    /** For 429. @default 1 */
    retryAfterSeconds?: number;
    /** For latency. @default 100 */
    latencyMs?: number;
}

/** A fault that fired for a request. */
export interface FiredFault {
    kind: FaultKind;
    retryAfterSeconds: number;
    latencyMs: number;
}

interface ActiveFault {
    method: string;
    api: ApiArea | "*";
    path: RegExp;
    kind: FaultKind;
    remaining: number | undefined;
    fraction: number | undefined;
    random: () => number;
    retryAfterSeconds: number;
    latencyMs: number;
}

/** mulberry32: a tiny seeded PRNG, so a "fraction" plan fires on the same requests every run. */
function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function nonNegative(value: unknown, name: string, index: number): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw badRequest(`faults[${index}].${name} must be a non-negative number`);
    }
    return value;
}

/** Validates a fault as posted; throws 400 naming the bad field. */
export function parseFault(raw: unknown, index: number): ActiveFault {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw badRequest(`faults[${index}] must be an object`);
    }
    const spec = raw as Record<string, unknown>;
    if (!(FAULT_KINDS as readonly unknown[]).includes(spec["kind"])) {
        throw badRequest(`faults[${index}].kind must be one of: ${FAULT_KINDS.join(", ")}`);
    }
    const method = spec["method"] ?? "*";
    if (typeof method !== "string") throw badRequest(`faults[${index}].method must be a string`);
    const api = spec["api"] ?? "*";
    if (api !== "*" && !(API_AREAS as readonly unknown[]).includes(api)) {
        throw badRequest(`faults[${index}].api must be one of: *, ${API_AREAS.join(", ")}`);
    }
    let path = /^/;
    if (spec["path"] !== undefined) {
        if (typeof spec["path"] !== "string") throw badRequest(`faults[${index}].path must be a string`);
        try {
            path = new RegExp(spec["path"]);
        } catch {
            throw badRequest(`faults[${index}].path is not a valid regular expression`);
        }
    }
    const count = nonNegative(spec["count"], "count", index);
    const fraction = nonNegative(spec["fraction"], "fraction", index);
    if (fraction !== undefined && fraction > 1) throw badRequest(`faults[${index}].fraction must be between 0 and 1`);
    if (count !== undefined && !Number.isInteger(count)) throw badRequest(`faults[${index}].count must be an integer`);
    return {
        method: method.toUpperCase(),
        api: api as ApiArea | "*",
        path,
        kind: spec["kind"] as FaultKind,
        // A plan with neither count nor fraction fires once.
        remaining: fraction === undefined ? (count ?? 1) : count,
        fraction,
        random: seededRandom(nonNegative(spec["seed"], "seed", index) ?? 1),
        retryAfterSeconds: nonNegative(spec["retryAfterSeconds"], "retryAfterSeconds", index) ?? 1,
        latencyMs: nonNegative(spec["latencyMs"], "latencyMs", index) ?? 100,
    };
}

/** The active fault plan. */
export class FaultPlan {
    private faults: ActiveFault[] = [];

    /** Appends validated faults (all or none: one bad entry rejects the whole plan). */
    add(raw: readonly unknown[]): void {
        const parsed = raw.map((r, i) => parseFault(r, i));
        this.faults.push(...parsed);
    }

    /** Removes every fault. */
    clear(): void {
        this.faults = [];
    }

    /** How many faults are still active. */
    get size(): number {
        return this.faults.length;
    }

    /**
     * The faults that fire for this request, in plan order: every firing latency fault, then at most one other
     * fault (the first that fires), which decides the outcome.
     */
    match(method: string, path: string, api: ApiArea): FiredFault[] {
        if (this.faults.length === 0) return [];
        const fired: FiredFault[] = [];
        for (const fault of this.faults) {
            if (fault.method !== "*" && fault.method !== method) continue;
            if (fault.api !== "*" && fault.api !== api) continue;
            if (!fault.path.test(path)) continue;
            if (fault.fraction !== undefined && fault.random() >= fault.fraction) continue;
            if (fault.remaining !== undefined) fault.remaining--;
            fired.push({ kind: fault.kind, retryAfterSeconds: fault.retryAfterSeconds, latencyMs: fault.latencyMs });
            if (fault.kind !== "latency") break;
        }
        this.faults = this.faults.filter((f) => f.remaining === undefined || f.remaining > 0);
        return fired;
    }
}
