/**
 * The rate-limited create: `up` creating N groups while the simulator allows only R requests per second (429 + Retry-After
 * beyond it). The floor is N/R: no client can create N groups faster without exceeding the limit.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { EngineStack } from "../../scripts/lib/engine";
import { simAdmin } from "../../simulator/admin-client";
import { describeError } from "./lifecycle";
import { groupsProgram, installedUserGroup, type ProgramShape } from "./programs";
import {
    type ClientLogTally,
    type LoggedCall,
    type RateLimitTally,
    tallyClientLog,
    tallyRateLimit,
} from "./request-log";
import type { BenchSimulator } from "./sim";

/** A client configuration the scenario runs with. */
export interface RateLimitedVariant {
    /** How the table names it. */
    label: string;
    /** Extra stack config, e.g. `jumpcloud:maxRequestsPerSecond`. */
    config: ConfigMap;
}

/** One measured run. */
export interface RateLimitedRun {
    wallMs: number;
    /** From the first to the last API request, as seen by polling the request log (about ±0.1 s). */
    apiSpanMs: number;
    /** From the start of `up` to the first API request: CLI, program and provider process start-up. */
    leadInMs: number;
    tally: RateLimitTally;
    /** The same run as the client logged it (`JUMPCLOUD_LOG_FILE`): tells in-flight 429s from avoidable ones. */
    clientLog?: ClientLogTally;
    /** Set when not every group was created, or the client's log disagrees with the simulator's. */
    unexpected?: string;
}

/** The runs of one variant. */
export interface RateLimitedResult {
    variant: RateLimitedVariant;
    n: number;
    requestsPerSecond: number;
    runs: RateLimitedRun[];
    errors: string[];
}

const POLL_MS = 100;
/** Upper bound of polls per run (10 minutes), so a hung engine cannot keep the loop alive. */
const MAX_POLLS = 6_000;

/** Polls the request log until `done()` is true, recording when each new request was first seen. */
async function watchLog(origin: string, startedAt: number, done: () => boolean) {
    let lastSeq = 0;
    let first: number | undefined;
    let last: number | undefined;
    const seen: LoggedCall[] = [];
    const poll = async () => {
        const fresh = await simAdmin(origin).requests(lastSeq);
        if (fresh.length === 0) return;
        const now = performance.now() - startedAt;
        first ??= now;
        last = now;
        seen.push(...fresh);
        lastSeq = Math.max(lastSeq, ...fresh.map((r) => r.seq));
    };
    for (let i = 0; i < MAX_POLLS && !done(); i++) {
        await poll();
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await poll();
    return { first: first ?? 0, last: last ?? 0, seen };
}

/**
 * Runs `runs` rate-limited creates of `n` groups per variant, the variants interleaved run by run.
 * @param onProgress called with a line after every run.
 */
export async function runRateLimited(
    sim: BenchSimulator,
    benchDir: string,
    variants: readonly RateLimitedVariant[],
    opts: { n: number; requestsPerSecond: number; runs: number },
    onProgress: (line: string) => void = () => {},
): Promise<RateLimitedResult[]> {
    const results: RateLimitedResult[] = variants.map((variant) => ({
        variant,
        n: opts.n,
        requestsPerSecond: opts.requestsPerSecond,
        runs: [],
        errors: [],
    }));
    for (let run = 0; run < opts.runs; run++) {
        for (const result of results) {
            await simAdmin(sim.origin).reset();
            const shape: ProgramShape = { n: opts.n, namePrefix: `limited-${run}`, description: "rate limited" };
            let engine: EngineStack | undefined;
            try {
                const dir = fs.mkdtempSync(path.join(benchDir, "stack-limited-"));
                const clientLogFile = path.join(dir, "jumpcloud-api.log");
                engine = await EngineStack.create({
                    project: "bench-limited",
                    dir,
                    // The provider process inherits the engine's environment: its client logs every attempt here.
                    env: { JUMPCLOUD_LOG_FILE: clientLogFile },
                    program: groupsProgram(installedUserGroup(), shape),
                    config: {
                        "jumpcloud:apiKey": { value: sim.apiKey, secret: true },
                        "jumpcloud:apiUrl": { value: sim.url },
                        ...result.variant.config,
                    },
                });
                await simAdmin(sim.origin).clearRequests();
                await simAdmin(sim.origin).rateLimit(opts.requestsPerSecond, 1);
                const startedAt = performance.now();
                let finished = false;
                const watcher = watchLog(sim.origin, startedAt, () => finished);
                // Awaited below; this only keeps a failed poll from becoming an unhandled rejection when up throws.
                watcher.catch(() => undefined);
                let changes: Record<string, number> = {};
                try {
                    changes = (await engine.up()).summary.resourceChanges ?? {};
                } finally {
                    finished = true;
                }
                const wallMs = performance.now() - startedAt;
                const log = await watcher;
                const measured: RateLimitedRun = {
                    wallMs,
                    apiSpanMs: log.last - log.first,
                    leadInMs: log.first,
                    tally: tallyRateLimit(log.seen),
                };
                if (fs.existsSync(clientLogFile))
                    measured.clientLog = tallyClientLog(fs.readFileSync(clientLogFile, "utf8"));
                const problems: string[] = [];
                if (changes["create"] !== opts.n + 1) problems.push(`engine reported ${JSON.stringify(changes)}`);
                if (!measured.clientLog) problems.push("the client wrote no log");
                else if (
                    measured.clientLog.sent !== measured.tally.total ||
                    measured.clientLog.refused !== measured.tally.rejected
                ) {
                    problems.push(
                        `the client logged ${measured.clientLog.sent} requests and ${measured.clientLog.refused} x 429, ` +
                            `the simulator ${measured.tally.total} and ${measured.tally.rejected}`,
                    );
                }
                if (problems.length) measured.unexpected = problems.join("; ");
                result.runs.push(measured);
                onProgress(
                    `rate-limited run ${run + 1}/${opts.runs} ${result.variant.label}: ${(wallMs / 1000).toFixed(2)}s, ` +
                        `${measured.tally.total} requests, ${measured.tally.rejected} x 429` +
                        (measured.clientLog
                            ? ` (${measured.clientLog.refusedInFlight} more in flight, ` +
                              `${measured.clientLog.refusedAfterClientKnew} sent after the client knew)`
                            : "") +
                        (measured.unexpected ? ` UNEXPECTED ${measured.unexpected}` : ""),
                );
            } catch (err) {
                const message = `${result.variant.label}, run ${run + 1}: ${describeError(err, [sim.apiKey])}`;
                result.errors.push(message);
                onProgress(`FAILED rate-limited ${message.split("\n")[0]}`);
            } finally {
                await simAdmin(sim.origin)
                    .rateLimit(null)
                    .catch(() => undefined);
                engine?.remove();
            }
        }
    }
    return results;
}
