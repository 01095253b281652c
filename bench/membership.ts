/**
 * `npm run bench:membership`: the life of a stack of one user group and a `UserGroupMembership` of M users (create,
 * preview, preview --refresh, an update adding a and removing r members, destroy) through the real engine against
 * the simulator (the users seeded beforehand), against the engine's floor: the same stack shape over the no-op
 * provider, whose membership-like resource carries the same M-element list. Interleaved operation by operation.
 * Per operation: wall times and their ratio, the API calls by method and path (from the simulator's request log,
 * checked against the README's formulas: a difference fails the bench), and the API phase (from the client's log)
 * against its physical minimum under the package's default rate budget and member concurrency.
 * Writes bench/RESULTS-membership.md.
 *
 * Options: --m M (default 1000), --quick (M = 250), --runs K (default 3), --out FILE.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { CLIENT_DEFAULTS } from "../provider/client/defaults";
import { EngineStack, repoRoot, workRoot } from "../scripts/lib/engine";
import { shellQuote } from "../scripts/lib/program-folder";
import { simAdmin } from "../simulator/admin-client";
import { describeEnvironment, loadPerCore } from "./lib/environment";
import { describeError, engineOp, OPS, type OpName, sameCounts } from "./lib/lifecycle";
import { table } from "./lib/markdown";
import {
    apiMinimum,
    burstOf,
    clientLatencies,
    countByRoute,
    countMismatch,
    expectedCalls,
    formatRoutes,
    formulaText,
    type MembershipShape,
    pages,
} from "./lib/membership";
import { installNoopPackage, NOOP_PACKAGE } from "./lib/noop-package";
import { installedUserGroup, noopGroupClass, type Variant } from "./lib/programs";
import { clientTimeline } from "./lib/request-log";
import { type BenchSimulator, startBenchSimulator } from "./lib/sim";
import { median, pairedRatios, summarize } from "./lib/stats";

interface Args {
    m: number;
    runs: number;
    out: string;
    raw: string[];
}

/** Members the update adds and removes (fewer when M is smaller). */
const CHANGES = 50;

function parse(argv: readonly string[]): Args {
    const args: Args = { m: 1000, runs: 3, out: "bench/RESULTS-membership.md", raw: [...argv] };
    const int = (flag: string, v: string | undefined) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got "${v ?? ""}"`);
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--quick") args.m = 250;
        else if (a === "--m") args.m = int(a, argv[++i]);
        else if (a === "--runs") args.runs = int(a, argv[++i]);
        else if (a === "--out") args.out = argv[++i] ?? args.out;
        else throw new Error(`unknown option ${a}; options: --m M, --quick, --runs K, --out FILE`);
    }
    return args;
}

const log = (line: string) => process.stderr.write(`[membership] ${line}\n`);
const sec = (ms: number) => (ms / 1000).toFixed(2);
const userId = (n: number) => `5f2b${n.toString(16).padStart(20, "0")}`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

type Ctor = new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;

/** What a program run declares; `userIds` changes between create and update. */
interface Declared {
    prefix: string;
    userIds: string[];
}

function program(Group: Ctor, Membership: Ctor, declared: Declared): PulumiFn {
    return async () => {
        const group = new Group("group", { name: declared.prefix, description: "managed by the membership bench" });
        new Membership("members", { groupId: group.id, userIds: declared.userIds });
        return {};
    };
}

/** The floor's membership: the no-op provider with the membership's inputs (the same M-element list). */
function noopMembershipClass(provider: pulumi.dynamic.ResourceProvider): Ctor {
    return class NoopGroupMembership extends pulumi.dynamic.Resource {
        constructor(name: string, args: Record<string, unknown>) {
            super(provider, name, args, undefined, "jumpcloud-bench", "NoopGroupMembership");
        }
    };
}

/** The installed package's UserGroupMembership and its member concurrency, as a user's program loads them. */
function installedMembership(): { Membership: Ctor; concurrency: number } {
    const dist = path.join(repoRoot, "node_modules", "pulumi-jumpcloud", "dist");
    const pkg = require(path.join(dist, "index.js")) as { UserGroupMembership?: Ctor };
    const runtime = require(path.join(dist, "runtime", "group-members.js")) as { MEMBER_CONCURRENCY?: number };
    if (typeof pkg.UserGroupMembership !== "function" || typeof runtime.MEMBER_CONCURRENCY !== "number") {
        throw new Error("the installed pulumi-jumpcloud has no UserGroupMembership or MEMBER_CONCURRENCY");
    }
    return { Membership: pkg.UserGroupMembership, concurrency: runtime.MEMBER_CONCURRENCY };
}

/** One measured operation of one variant. */
interface Measured {
    wallMs: number;
    /** Ours only: requests by route; from the client's log, the API phase and the median and least latency. */
    routes?: Record<string, number>;
    apiPhaseMs?: number;
    latencyMs?: { median: number; least: number };
    problems: string[];
}

interface Live {
    variant: Variant;
    engine: EngineStack;
    declared: Declared;
    logFile?: string;
    failed: boolean;
}

/** The engine's change summary each operation must report (the stack, the group, the membership). */
function expectedChanges(op: OpName): Record<string, number> {
    switch (op) {
        case "up-create":
            return { create: 3 };
        case "preview":
        case "preview-refresh":
            return { same: 3 };
        case "up-update":
            return { same: 2, update: 1 };
        case "destroy":
            return { delete: 3 };
    }
}

async function runOp(live: Live, op: OpName, shape: MembershipShape, sim: BenchSimulator): Promise<Measured> {
    const ours = live.variant === "ours";
    const admin = simAdmin(sim.origin);
    if (op === "up-update") {
        // Remove the first r members, add a users that were never members.
        live.declared.userIds = [...range(shape.r + 1, shape.m), ...range(shape.m + 1, shape.m + shape.a)].map(userId);
    }
    const logOffset = live.logFile && fs.existsSync(live.logFile) ? fs.statSync(live.logFile).size : 0;
    const since = ours ? await admin.lastSeq() : 0;
    const started = performance.now();
    const changes = await engineOp(live.engine, op);
    const measured: Measured = { wallMs: performance.now() - started, problems: [] };
    if (!sameCounts(changes, expectedChanges(op))) {
        measured.problems.push(
            `engine reported ${JSON.stringify(changes)}, expected ${JSON.stringify(expectedChanges(op))}`,
        );
    }
    if (!ours) return measured;
    const requests = await admin.requests(since);
    measured.routes = countByRoute(requests);
    const mismatch = countMismatch(expectedCalls(op, shape), measured.routes);
    if (mismatch) measured.problems.push(`API calls: ${mismatch}`);
    if (live.logFile && fs.existsSync(live.logFile)) {
        const fd = fs.openSync(live.logFile, "r");
        const size = fs.fstatSync(fd).size;
        const buffer = Buffer.alloc(size - logOffset);
        fs.readSync(fd, buffer, 0, buffer.length, logOffset);
        fs.closeSync(fd);
        const text = buffer.toString("utf8");
        const t = clientTimeline(text);
        const latencies = clientLatencies(text);
        if (latencies.length) measured.latencyMs = { median: median(latencies), least: Math.min(...latencies) };
        if (t.firstSentMs !== undefined && t.lastAnswerMs !== undefined) {
            measured.apiPhaseMs = t.lastAnswerMs - t.firstSentMs;
        }
        if (t.sent !== requests.length) {
            measured.problems.push(`the client logged ${t.sent} attempts, the simulator ${requests.length} requests`);
        }
    }
    return measured;
}

type Results = Record<Variant, Record<OpName, Measured[]>>;

const emptyOps = (): Record<OpName, Measured[]> => ({
    "up-create": [],
    preview: [],
    "preview-refresh": [],
    "up-update": [],
    destroy: [],
});

interface Settings {
    requestsPerSecond: number;
    burst: number;
    concurrency: number;
}

function render(
    args: Args,
    shape: MembershipShape,
    settings: Settings,
    results: Results,
    errors: string[],
    meta: string[],
): { text: string; problems: string[] } {
    const problems: string[] = [...errors];
    const wall = (v: Variant, op: OpName) => results[v][op].map((r) => r.wallMs);
    const spread = (values: number[]) => {
        const sm = summarize(values);
        return sm ? `${sec(sm.median)} (${sec(sm.min)}-${sec(sm.max)})` : "-";
    };
    const timeRows = OPS.map((op) => {
        const ours = summarize(wall("ours", op));
        const floor = summarize(wall("floor", op));
        const paired = pairedRatios(wall("ours", op), wall("floor", op));
        return [
            op,
            spread(wall("ours", op)),
            spread(wall("floor", op)),
            ours && floor ? `${(ours.median / floor.median).toFixed(2)}x` : "-",
            paired.map((x) => `${x.toFixed(2)}x`).join(", ") || "-",
            ours && floor ? sec(ours.median - floor.median) : "-",
        ];
    });
    const apiRows = OPS.map((op) => {
        const runs = results.ours[op];
        const expected = expectedCalls(op, shape);
        const calls = Object.values(expected).reduce((a, b) => a + b, 0);
        const mismatches = runs.flatMap((r, i) => {
            const m = r.routes ? countMismatch(expected, r.routes) : "no request log";
            return m ? [`run ${i + 1}: ${m}`] : [];
        });
        const latencies = runs.flatMap((r) => (r.latencyMs === undefined ? [] : [r.latencyMs]));
        // No request can be answered faster than the fastest answer of the operation: a true lower bound.
        const least = latencies.length ? Math.min(...latencies.map((l) => l.least)) : 0;
        const min = apiMinimum(op, shape, calls, { ...settings, latencyMs: least });
        const phases = runs.flatMap((r) => (r.apiPhaseMs === undefined ? [] : [r.apiPhaseMs]));
        const phase = summarize(phases);
        return [
            op,
            formatRoutes(expected),
            formulaText(op),
            runs.length === 0 ? "not run" : mismatches.length ? `**differs** (${mismatches.join("; ")})` : "exact",
            calls === 0 ? "-" : phase ? spread(phases) : "-",
            latencies.length ? `${median(latencies.map((l) => l.median)).toFixed(0)} (${least})` : "-",
            calls === 0 ? "0" : `${sec(min.minimumMs)} (rate ${sec(min.rateMs)}, chain ${sec(min.chainMs)})`,
            phase && min.minimumMs > 0 ? `${(phase.median / min.minimumMs).toFixed(2)}x` : "-",
        ];
    });
    for (const v of ["ours", "floor"] as const) {
        for (const op of OPS) {
            results[v][op].forEach((r, i) => {
                for (const p of r.problems) problems.push(`${v}, ${op}, run ${i + 1}: ${p}`);
            });
        }
    }
    const text = [
        "# UserGroupMembership benchmark",
        "",
        ...meta,
        "",
        "```sh",
        args.raw.length ? `npm run bench:membership -- ${shellQuote(args.raw)}` : "npm run bench:membership",
        "```",
        "",
        `The stack: one \`UserGroup\` and a \`UserGroupMembership\` of M = ${shape.m} users (seeded in the simulator`,
        `beforehand, with the ${shape.a} the update adds). Operations, in order, through the real engine (Automation API`,
        "inline program, file backend under `.work/`) against the embedded simulator on a loopback port: `up` (create),",
        "`preview`, `preview --refresh`, an `up` that adds",
        `a = ${shape.a} new users and removes r = ${shape.r} members, \`destroy\`. The floor is the same stack shape`,
        "over the engine's no-op dynamic provider (`bench/noop/`, installed under `node_modules` as",
        `\`${NOOP_PACKAGE}\`, so its \`__provider\` is one \`require(...)\` line): a no-op group and a no-op resource`,
        "whose inputs are the same `groupId` and M-element `userIds` list; it answers every engine call at once and",
        "makes no HTTP call. Both stacks exist side by side and every operation runs on both back to back (the order",
        "alternating between runs), so the ratios are measured within one run of the bench, under the same load.",
        "",
        "## Wall time against the engine floor",
        "",
        table(
            [
                "Operation",
                "UserGroupMembership stack: median (min-max) s",
                "floor: median (min-max) s",
                "Ratio of medians",
                "Paired ratios, run by run",
                "What the provider adds (difference of medians, s)",
            ],
            timeRows,
        ),
        "",
        "## API calls and the API phase",
        "",
        `Calls by method and path, from the simulator's request log, must equal the formula exactly in every run (pages:`,
        `⌊L/100⌋ + 1 for L live members, so ${pages(shape.m)} at L = M); a difference fails the bench. The API phase runs`,
        "from the first request the provider's client sent to the last answer it received (its `JUMPCLOUD_LOG_FILE`).",
        "Its physical minimum is the larger of two bounds: the rate (the package's default budget,",
        `\`maxRequestsPerSecond\` ${settings.requestsPerSecond}, a token bucket that starts full with a burst of`,
        `${settings.burst}, so request n > ${settings.burst} cannot leave before (n - ${settings.burst}) / ${settings.requestsPerSecond} s,`,
        "plus one answer) and the chain (member POSTs",
        `${settings.concurrency} at a time, pages one after another, adds before removes, the group's call before or`,
        "after: the requests that must wait for each other, times the fastest answer the client saw in the operation).",
        "The rate bound does not depend on the machine; the chain bound does, through the latency. Latencies are as the",
        "client measured them (its log), so under load they include the wait of the client's and the simulator's",
        "processes for a CPU; with 8 requests in flight they are longer than a lone request's.",
        "",
        table(
            [
                "Operation",
                "API calls (formula's value)",
                "Formula",
                "Logged calls",
                "API phase: median (min-max) s",
                "Latency seen by the client: median (fastest) ms",
                "Physical minimum, s",
                "API phase / minimum",
            ],
            apiRows,
        ),
        ...(problems.length ? ["", "**Problems (the bench failed):**", "", ...problems.map((p) => `- ${p}`)] : []),
        "",
    ].join("\n");
    return { text, problems };
}

function build(): void {
    execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], {
        cwd: repoRoot,
        stdio: "inherit",
    });
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "install-self.js")], {
        cwd: repoRoot,
        stdio: "inherit",
    });
}

async function main(): Promise<void> {
    const args = parse(process.argv.slice(2));
    const changes = Math.min(CHANGES, args.m);
    const shape: MembershipShape = { m: args.m, a: changes, r: changes };
    const started = Date.now();
    const loadBefore = loadPerCore();
    const uptimeBefore = os.loadavg();
    log("building the package");
    build();
    const { Membership, concurrency } = installedMembership();
    const Group = installedUserGroup() as unknown as Ctor;
    const settings: Settings = {
        requestsPerSecond: CLIENT_DEFAULTS.maxRequestsPerSecond,
        burst: burstOf(CLIENT_DEFAULTS.maxRequestsPerSecond),
        concurrency,
    };
    const benchDir = path.join(workRoot, "bench-membership");
    const logsDir = path.join(workRoot, "bench-membership-logs");
    fs.rmSync(logsDir, { recursive: true, force: true });
    fs.rmSync(benchDir, { recursive: true, force: true });
    fs.mkdirSync(benchDir, { recursive: true });
    const noop = installNoopPackage(benchDir);
    const NoopGroup = noopGroupClass(noop) as unknown as Ctor;
    const NoopMembership = noopMembershipClass(noop);
    const sim = await startBenchSimulator();
    const admin = simAdmin(sim.origin);
    const results: Results = { ours: emptyOps(), floor: emptyOps() };
    const errors: string[] = [];
    try {
        for (let run = 0; run < args.runs; run++) {
            await admin.reset();
            await admin.seed({
                users: range(1, shape.m + shape.a).map((n) => ({
                    id: userId(n),
                    username: `user${n}`,
                    email: `user${n}@example.com`,
                })),
            });
            const stacks: Live[] = [];
            try {
                for (const variant of ["ours", "floor"] as const) {
                    const declared: Declared = {
                        prefix: `bench-membership-${variant}-r${run}`,
                        userIds: range(1, shape.m).map(userId),
                    };
                    const dir = fs.mkdtempSync(path.join(benchDir, `stack-${variant}-`));
                    const logFile = variant === "ours" ? path.join(dir, "jumpcloud-api.log") : undefined;
                    const engine = await EngineStack.create({
                        project: `bench-membership-${variant}`,
                        dir,
                        program:
                            variant === "ours"
                                ? program(Group, Membership, declared)
                                : program(NoopGroup, NoopMembership, declared),
                        // Both get the same config: the floor pays the same config cost.
                        config: {
                            "jumpcloud:apiKey": { value: sim.apiKey, secret: true },
                            "jumpcloud:apiUrl": { value: sim.url },
                        },
                        ...(logFile ? { env: { JUMPCLOUD_LOG_FILE: logFile } } : {}),
                    });
                    stacks.push({ variant, engine, declared, failed: false, ...(logFile ? { logFile } : {}) });
                }
                if (run % 2 === 1) stacks.reverse();
                for (const op of OPS) {
                    for (const live of stacks) {
                        if (live.failed) continue;
                        try {
                            const m = await runOp(live, op, shape, sim);
                            results[live.variant][op].push(m);
                            log(
                                `run ${run + 1}/${args.runs} ${live.variant.padEnd(5)} ${op.padEnd(15)} ${sec(m.wallMs)} s` +
                                    (m.routes ? ` ${formatRoutes(m.routes)}` : "") +
                                    (m.apiPhaseMs === undefined ? "" : `; API phase ${sec(m.apiPhaseMs)} s`) +
                                    (m.problems.length ? ` PROBLEM ${m.problems.join("; ")}` : ""),
                            );
                        } catch (err) {
                            live.failed = true;
                            const message = `${live.variant}, run ${run + 1}, ${op}: ${describeError(err, [sim.apiKey])}`;
                            errors.push(message);
                            log(`FAILED ${message}`);
                        }
                    }
                }
            } finally {
                for (const live of stacks) {
                    // The client's log outlives the stack, for a look at the timing of each request.
                    if (live.logFile && fs.existsSync(live.logFile)) {
                        fs.mkdirSync(logsDir, { recursive: true });
                        fs.copyFileSync(live.logFile, path.join(logsDir, `run-${run + 1}.log`));
                    }
                    live.engine.remove();
                }
            }
        }
    } finally {
        await sim.close();
        fs.rmSync(benchDir, { recursive: true, force: true });
    }
    const env = describeEnvironment();
    const loadAfter = os.loadavg();
    const meta = [
        `Generated on ${new Date().toISOString()} in ${Math.round((Date.now() - started) / 1000)} s, ${args.runs} run(s),`,
        `M = ${shape.m}, a = ${shape.a}, r = ${shape.r}. ${env.cores} cores (${env.cpuModel}); load average (1, 5, 15`,
        `min) ${uptimeBefore.map((x) => x.toFixed(2)).join(", ")} before and ${loadAfter.map((x) => x.toFixed(2)).join(", ")}`,
        `after (per core: ${loadBefore.toFixed(2)} and ${loadPerCore().toFixed(2)}), a shared machine, so absolute times are`,
        `inflated; read the ratios. Node.js ${env.node}, Pulumi CLI ${env.pulumiCli}, @pulumi/pulumi ${env.pulumiSdk},`,
        `pulumi-jumpcloud ${env.packageVersion} (${env.commit}).`,
    ];
    const { text, problems } = render(args, shape, settings, results, errors, meta);
    fs.writeFileSync(path.resolve(repoRoot, args.out), text);
    process.stdout.write(text);
    if (problems.length) {
        process.stderr.write(`\nbench:membership FAILED:\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
        process.exitCode = 1;
    }
}

main().catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
});
