/**
 * Scenario 8: the API-call economy of the other resources, through the real engine. One stack holds N
 * UserPushEndpoints (adopting N enrolled devices seeded into the simulator), the WorkdayInstance and one
 * WorkdayImport; it goes through the same five operations as scenarios 1-5, and every API request is attributed to
 * the resource type whose path it hit.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { EngineStack, repoRoot } from "../../scripts/lib/engine";
import { simAdmin } from "../../simulator/admin-client";
import { describeError, expectedChanges, OPS, type OpName, sameCounts } from "./lifecycle";
import { countByMethod, type LoggedCall } from "./request-log";
import type { BenchSimulator } from "./sim";
import { measureState, type StateSizes } from "./state-size";

/** The resource types this scenario measures, in table order. */
export const OTHER_TYPES = ["UserPushEndpoint", "WorkdayInstance", "WorkdayImport"] as const;
export type OtherType = (typeof OTHER_TYPES)[number];

/** Users in the one import job. */
export const IMPORT_USERS = 20;

/** One operation of one run: wall time and the requests per resource type and method. */
export interface OtherOpRun {
    wallMs: number;
    calls: Record<OtherType | "other", Record<string, number>>;
    unexpected?: string;
}

/** Every run of the scenario. */
export interface OtherResourcesResult {
    /** Push endpoints in the stack. */
    n: number;
    runs: Record<OpName, OtherOpRun[]>;
    /** After the first run's create, per type. */
    state: Partial<Record<OtherType, StateSizes>>;
    errors: string[];
}

/**
 * What each operation should cost, per resource of the type, as the runtimes document it. `min`/`max` bound the
 * count per resource (the import's result polls depend on when the job finishes); `what` is how tables say it.
 */
export const OTHER_EXPECTED: Record<OpName, Record<OtherType, { min: number; max: number; what: string }>> = {
    "up-create": {
        UserPushEndpoint: { min: 2, max: 2, what: "GET + PATCH (adopt a device that differs)" },
        WorkdayInstance: { min: 1, max: 1, what: "POST" },
        WorkdayImport: { min: 2, max: 12, what: "POST + a GET of the results per poll until final" },
    },
    preview: {
        UserPushEndpoint: { min: 0, max: 0, what: "none" },
        WorkdayInstance: { min: 0, max: 0, what: "none" },
        WorkdayImport: { min: 0, max: 0, what: "none" },
    },
    "preview-refresh": {
        UserPushEndpoint: { min: 1, max: 1, what: "GET" },
        WorkdayInstance: { min: 1, max: 1, what: "GET" },
        WorkdayImport: { min: 1, max: 1, what: "GET (one results page)" },
    },
    "up-update": {
        UserPushEndpoint: { min: 1, max: 1, what: "PATCH (new name)" },
        WorkdayInstance: { min: 1, max: 1, what: "PUT (new report URL)" },
        WorkdayImport: { min: 0, max: 0, what: "none (unchanged)" },
    },
    destroy: {
        UserPushEndpoint: { min: 1, max: 1, what: "DELETE" },
        WorkdayInstance: { min: 1, max: 1, what: "DELETE /auth (the API cannot delete the instance)" },
        WorkdayImport: { min: 0, max: 0, what: "none (jobs cannot be deleted)" },
    },
};

/** The resource type a request path belongs to. */
export function typeOfPath(p: string): OtherType | "other" {
    if (/^\/users\/[^/]+\/pushendpoints(\/|$)/.test(p)) return "UserPushEndpoint";
    if (/^\/workdays\/[^/]+\/import(\/|$)/.test(p)) return "WorkdayImport";
    if (/^\/workdays(\/|$)/.test(p)) return "WorkdayInstance";
    return "other";
}

/** Requests grouped by resource type, then by method. */
export function attribute(requests: readonly LoggedCall[]): OtherOpRun["calls"] {
    const calls: OtherOpRun["calls"] = { UserPushEndpoint: {}, WorkdayInstance: {}, WorkdayImport: {}, other: {} };
    for (const type of [...OTHER_TYPES, "other"] as const) {
        calls[type] = countByMethod(requests.filter((r) => typeOfPath(r.path) === type));
    }
    return calls;
}

interface Shape {
    userId: string;
    devices: string[];
    /** Changed to update every push endpoint's name and the instance's report URL. */
    version: number;
}

const REPORT_URL = "https://wd5-services1.myworkday.com/ccx/service/customreport2/bench/ISU/Report";

type Pkg = {
    UserPushEndpoint: new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;
    WorkdayInstance: new (name: string, args: Record<string, unknown>) => pulumi.CustomResource & { id: unknown };
    WorkdayImport: new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;
};

function program(pkg: Pkg, shape: Shape, password: string): PulumiFn {
    return async () => {
        shape.devices.forEach((pushEndpointId, i) => {
            new pkg.UserPushEndpoint(`device-${i}`, {
                userId: shape.userId,
                pushEndpointId,
                name: `Bench phone ${i} v${shape.version}`,
            });
        });
        const workday = new pkg.WorkdayInstance("workday", {
            reportUrl: `${REPORT_URL}${shape.version}?format=json`,
            username: "ISU_Bench",
            password,
        });
        new pkg.WorkdayImport("hires", {
            workdayId: workday.id,
            users: Array.from({ length: IMPORT_USERS }, (_, i) => ({
                email: `bench-hire-${i}@example.com`,
                username: `bench.hire.${i}`,
                firstname: "Bench",
                lastname: `Hire ${i}`,
            })),
        });
        return {};
    };
}

/** The engine's expected summary: the push endpoints, the instance, the import and the stack itself. */
function expectedFor(op: OpName, n: number): Record<string, number> {
    if (op === "up-update") return { same: 2, update: n + 1 };
    return expectedChanges(op, n + 2);
}

/**
 * Runs the scenario `runs` times with `n` push endpoints.
 * @param onProgress called with a line after every operation.
 */
export async function runOtherResources(
    sim: BenchSimulator,
    benchDir: string,
    n: number,
    runs: number,
    onProgress: (line: string) => void = () => {},
): Promise<OtherResourcesResult> {
    const result: OtherResourcesResult = {
        n,
        runs: { "up-create": [], preview: [], "preview-refresh": [], "up-update": [], destroy: [] },
        state: {},
        errors: [],
    };
    const pkg = require(path.join(repoRoot, "node_modules", "pulumi-jumpcloud")) as Pkg;
    const password = `bench-Wd-${Math.random().toString(36).slice(2)}`;
    for (let run = 0; run < runs; run++) {
        let engine: EngineStack | undefined;
        try {
            await simAdmin(sim.origin).reset();
            const seeded = await simAdmin(sim.origin).seed({
                users: [{ username: `bench.owner.${run}`, email: `bench.owner.${run}@example.com` }],
            });
            const userId = seeded.users[0]!;
            const devices = (
                await simAdmin(sim.origin).seed({
                    pushEndpoints: Array.from({ length: n }, (_, i) => ({
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
                })
            ).pushEndpoints;
            const shape: Shape = { userId, devices, version: 1 };
            engine = await EngineStack.create({
                project: "bench-other",
                dir: fs.mkdtempSync(path.join(benchDir, "stack-other-")),
                program: program(pkg, shape, password),
                config: {
                    "jumpcloud:apiKey": { value: sim.apiKey, secret: true },
                    "jumpcloud:apiUrl": { value: sim.url },
                },
            });
            for (const op of OPS) {
                if (op === "up-update") shape.version = 2;
                await simAdmin(sim.origin).clearRequests();
                const started = performance.now();
                let changes: Record<string, number>;
                if (op === "up-create" || op === "up-update") {
                    changes = (await engine.up()).summary.resourceChanges ?? {};
                } else if (op === "preview" || op === "preview-refresh") {
                    changes = (await engine.preview({ diff: false, refresh: op === "preview-refresh" })).changeSummary;
                } else {
                    changes = (await engine.destroy()).summary.resourceChanges ?? {};
                }
                const wallMs = performance.now() - started;
                const measured: OtherOpRun = { wallMs, calls: attribute(await simAdmin(sim.origin).requests()) };
                const expected = expectedFor(op, n);
                if (!sameCounts(changes, expected)) {
                    measured.unexpected = `expected ${JSON.stringify(expected)}, engine reported ${JSON.stringify(changes)}`;
                }
                result.runs[op].push(measured);
                onProgress(
                    `other resources run ${run + 1}/${runs} ${op.padEnd(15)} ${(wallMs / 1000).toFixed(2)}s` +
                        (measured.unexpected ? ` UNEXPECTED ${measured.unexpected}` : ""),
                );
                if (op === "up-create" && run === 0) {
                    const state = await engine.exportState();
                    const forbidden = { "API key": sim.apiKey, "Workday password": password, "API URL": sim.url };
                    for (const type of OTHER_TYPES) {
                        result.state[type] = measureState(
                            state.deployment.resources ?? [],
                            `pulumi-nodejs:dynamic/jumpcloud:${type}`,
                            forbidden,
                        );
                    }
                }
            }
        } catch (err) {
            const message = `run ${run + 1}: ${describeError(err, [sim.apiKey, password])}`;
            result.errors.push(message);
            onProgress(`FAILED other resources ${message.split("\n")[0]}`);
        } finally {
            engine?.remove();
        }
    }
    return result;
}

/** The count per resource of each run (requests of the type divided by how many resources of it the stack has). */
export function perResource(run: OtherOpRun, type: OtherType, n: number): number {
    const total = Object.values(run.calls[type]).reduce((a, b) => a + b, 0);
    return total / (type === "UserPushEndpoint" ? n : 1);
}
