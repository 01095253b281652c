/**
 * `npm run bench:folder`: the lifecycle the Terraform comparison of issue 18 measured (N=100 groups, 150 ms added to
 * every API request), run the way a user runs it: a TypeScript program folder (transpile-only, NODE_COMPILE_CACHE
 * as the GitOps templates set it) driven by the plain `pulumi` CLI, not the Automation API of `npm run bench`
 * (whose `up()` starts three more CLI processes after every update). Per Node.js build (this one and the newest
 * >= 22 that `npm run test:compat` cached, never downloaded), per `--parallel` value (8, Pulumi's default, and 16,
 * the README's advice at 150 ms), per run, ours and the floor (the no-op provider of `npm run bench`, also a
 * package under node_modules) alternate operation by operation:
 *
 *   create            pulumi up --yes --skip-preview --parallel P
 *   preview           pulumi preview --expect-no-changes --parallel P
 *   preview-refresh   pulumi preview --refresh --expect-no-changes --parallel P
 *   update            pulumi config set bench:description ...; pulumi up --yes --skip-preview --parallel P
 *   destroy           pulumi destroy --yes --skip-preview --parallel P
 *
 * Ours runs against the embedded simulator with the latency fault on every request; the API calls of each
 * operation are read from the simulator's request log and must be the documented ones (the bench exits 1
 * otherwise). Writes bench/RESULTS-folder.md. Options: --runs K (default 3), --n N (default 100), --newest-only (only
 * the newest Node.js >= 22 found, what most users run: half the time), --out FILE.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { engineEnv, fileBackendUrl, pulumiCliPath, repoRoot, workRoot } from "../scripts/lib/engine";
import { simAdmin } from "../simulator/admin-client";
import { loadPerCore, machineTable, sampleLoad } from "./lib/environment";
import { LATENCY_MS, TERRAFORM_S } from "./lib/latency";
import { type OpName, sameCounts } from "./lib/lifecycle";
import { s, table } from "./lib/markdown";
import { installNoopPackage, NOOP_PACKAGE } from "./lib/noop-package";
import { installPackageInto, major, type NodeBuild, nodeBuilds, timed } from "./lib/processes";
import { countByMethod, formatByMethod } from "./lib/request-log";
import { startBenchSimulator } from "./lib/sim";
import { summarize } from "./lib/stats";

const log = (line: string) => process.stderr.write(`[bench:folder] ${line}\n`);

const PARALLELS = [8, 16] as const;
type Variant = "ours" | "floor";

/** The operations, with the API calls ours must make for N groups (the README's table). */
const OPS: ReadonlyArray<{ op: OpName; calls: (n: number) => Record<string, number> }> = [
    { op: "up-create", calls: (n) => ({ POST: n }) },
    { op: "preview", calls: () => ({}) },
    // Batched refresh (README): one GET for the first read, then the listing's pages; a lone group is one GET.
    { op: "preview-refresh", calls: (n) => ({ GET: n === 1 ? 1 : Math.ceil(n / 100) + 1 }) },
    { op: "up-update", calls: (n) => ({ GET: n, PUT: n }) },
    { op: "destroy", calls: (n) => ({ DELETE: n }) },
];

const program = (variant: Variant) =>
    [
        'import * as pulumi from "@pulumi/pulumi";',
        variant === "ours"
            ? 'import { UserGroup as Group } from "pulumi-jumpcloud";'
            : `import { noopModuleProvider } from "${NOOP_PACKAGE}";\n` +
              "class Group extends pulumi.dynamic.Resource {\n" +
              "    constructor(name: string, args: { name: string; description: string }) {\n" +
              "        const outputsOnly = { type: undefined, suggestionCounts: undefined, memberQueryErrorFlags: undefined, organizationObjectId: undefined };\n" +
              '        super(noopModuleProvider, name, { ...outputsOnly, ...args }, undefined, "jumpcloud-bench", "NoopGroup");\n' +
              "    }\n" +
              "}",
        'const config = new pulumi.Config("bench");',
        'const n = config.requireNumber("n");',
        'const prefix = config.require("prefix");',
        'const description = config.require("description");',
        'for (let i = 0; i < n; i++) new Group("group-" + i, { name: prefix + "-" + i, description });',
        "",
    ].join("\n");

interface Sample {
    ms: number;
    calls?: Record<string, number>;
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    let runs = 3;
    let n = 100;
    let out = "bench/RESULTS-folder.md";
    let newestOnly = false;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--newest-only") newestOnly = true;
        else if (argv[i] === "--runs") runs = Math.max(1, Number(argv[++i]) || 3);
        else if (argv[i] === "--n") n = Math.max(1, Number(argv[++i]) || 100);
        else if (argv[i] === "--out") out = argv[++i] ?? out;
        else throw new Error(`unknown option ${argv[i]}; options: --runs K, --n N, --newest-only, --out FILE`);
    }
    const started = performance.now();
    const loadBefore = sampleLoad();
    const dir = path.join(workRoot, "bench-folder");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    log("building the package into .work/bench-folder/node_modules");
    await installPackageInto(dir);
    installNoopPackage(dir);
    const sim = await startBenchSimulator();
    const admin = simAdmin(sim.origin);
    const builds = nodeBuilds();
    const newest = builds.filter((b) => major(b) >= 22).pop();
    const toolchains: NodeBuild[] = newestOnly && newest ? [newest] : newest ? [builds[0]!, newest] : [builds[0]!];

    const cli = pulumiCliPath();
    const home = path.join(dir, "pulumi-home");
    const backend = path.join(dir, "state");
    fs.mkdirSync(backend, { recursive: true });
    const folders = {} as Record<Variant, string>;
    for (const variant of ["ours", "floor"] as const) {
        const folder = path.join(dir, variant);
        fs.mkdirSync(folder);
        fs.writeFileSync(path.join(folder, "Pulumi.yaml"), `name: bench-folder-${variant}\nruntime: nodejs\n`);
        fs.writeFileSync(path.join(folder, "index.ts"), program(variant));
        fs.writeFileSync(path.join(folder, "package.json"), `{ "name": "bench-folder-${variant}", "private": true }\n`);
        folders[variant] = folder;
    }

    const samples = new Map<string, Sample[]>();
    const key = (node: string, p: number, variant: Variant, op: OpName) => `${node}|${p}|${variant}|${op}`;
    const unexpected: string[] = [];
    for (let run = 0; run < runs; run++) {
        for (const b of toolchains) {
            for (const p of PARALLELS) {
                const env: NodeJS.ProcessEnv = {
                    ...process.env,
                    ...engineEnv(home),
                    PULUMI_BACKEND_URL: fileBackendUrl(backend),
                    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
                    NODE_COMPILE_CACHE: path.join(dir, `compile-cache-${b.version}`),
                };
                env["PATH"] = `${b.dir}${path.delimiter}${env["PATH"] ?? ""}`;
                // One stack name per variant: the two folders share one file backend.
                const stackOf = (variant: Variant) => `${variant}-r${run}-n${major(b)}-p${p}`;
                const variants: Variant[] = run % 2 === 0 ? ["ours", "floor"] : ["floor", "ours"];
                await admin.reset();
                await admin.faults([{ kind: "latency", latencyMs: LATENCY_MS, fraction: 1 }]);
                for (const variant of variants) {
                    const cwd = folders[variant];
                    const pulumi = (args: string[]) => timed(cli, [...args, "--non-interactive"], { cwd, env });
                    const stack = stackOf(variant);
                    await pulumi(["stack", "init", stack]);
                    await pulumi(["config", "set", "--secret", "jumpcloud:apiKey", sim.apiKey]);
                    await pulumi(["config", "set", "jumpcloud:apiUrl", sim.url]);
                    await pulumi(["config", "set", "bench:n", String(n)]);
                    await pulumi(["config", "set", "bench:prefix", `${variant}-${stack}`]);
                    await pulumi(["config", "set", "bench:description", "managed by the benchmark"]);
                }
                for (const { op, calls } of OPS) {
                    for (const variant of variants) {
                        const cwd = folders[variant];
                        const pulumi = (args: string[]) => timed(cli, [...args, "--non-interactive"], { cwd, env });
                        const stack = stackOf(variant);
                        const parallel = ["--parallel", String(p), "--stack", stack];
                        if (op === "up-update") {
                            await pulumi([
                                "config",
                                "set",
                                "bench:description",
                                `updated in run ${run}`,
                                "--stack",
                                stack,
                            ]);
                        }
                        await admin.clearRequests();
                        const args =
                            op === "up-create" || op === "up-update"
                                ? ["up", "--yes", "--skip-preview", ...parallel]
                                : op === "preview"
                                  ? ["preview", "--expect-no-changes", ...parallel]
                                  : op === "preview-refresh"
                                    ? ["preview", "--refresh", "--expect-no-changes", ...parallel]
                                    : ["destroy", "--yes", "--skip-preview", ...parallel];
                        const ms = await pulumi(args);
                        const sample: Sample = { ms };
                        if (variant === "ours") {
                            sample.calls = countByMethod(await admin.requests());
                            const want = calls(n);
                            if (!sameCounts(sample.calls, want)) {
                                unexpected.push(
                                    `${op}, Node.js ${b.version}, --parallel ${p}, run ${run + 1}: ` +
                                        `${formatByMethod(sample.calls) || "none"} (expected ${formatByMethod(want) || "none"})`,
                                );
                            }
                        }
                        const k = key(b.version, p, variant, op);
                        samples.set(k, [...(samples.get(k) ?? []), sample]);
                        log(
                            `run ${run + 1}/${runs} Node.js ${b.version} p${p} ${variant.padEnd(5)} ${op.padEnd(15)} ` +
                                `${s(ms)}s${sample.calls ? ` ${formatByMethod(sample.calls) || "no calls"}` : ""}`,
                        );
                    }
                }
                for (const variant of variants) {
                    await timed(cli, ["stack", "rm", "--yes", "--stack", stackOf(variant), "--non-interactive"], {
                        cwd: folders[variant],
                        env,
                    });
                }
                await admin.clearFaults();
            }
        }
    }
    await sim.close();

    const median = (xs: Sample[] | undefined) => summarize((xs ?? []).map((x) => x.ms));
    const rows: string[][] = [];
    const verdicts: string[][] = [];
    for (const b of toolchains) {
        for (const { op } of OPS) {
            for (const p of PARALLELS) {
                const ours = samples.get(key(b.version, p, "ours", op));
                const floor = samples.get(key(b.version, p, "floor", op));
                const o = median(ours);
                const f = median(floor);
                const calls = ours?.[0]?.calls;
                const tf = TERRAFORM_S[op];
                rows.push([
                    `Node.js ${b.version}`,
                    op,
                    String(p),
                    o ? `${s(o.median)} (${s(o.min)}-${s(o.max)})` : "-",
                    f ? `${s(f.median)} (${s(f.min)}-${s(f.max)})` : "-",
                    o && f ? s(o.median - f.median) : "-",
                    calls ? formatByMethod(calls) || "none" : "-",
                    tf === undefined ? "-" : String(tf),
                ]);
                if (tf !== undefined && o && p === 16) {
                    verdicts.push([
                        `Node.js ${b.version}, --parallel 16: ${op} wall < Terraform's ${tf} s`,
                        `${s(o.median)} s (floor ${f ? s(f.median) : "-"} s)`,
                        o.median / 1000 < tf ? "holds" : "**misses**",
                    ]);
                }
            }
        }
    }

    const loadAfter = loadPerCore();
    const lines = [
        "# The Terraform comparison's lifecycle, as users run it (plain CLI, program folder)",
        "",
        `Generated by \`npm run bench:folder${argv.length ? ` -- ${argv.join(" ")}` : ""}\` on ${new Date().toISOString()}, ` +
            `in ${((performance.now() - started) / 1000).toFixed(0)} s: N=${n} groups, ${LATENCY_MS} ms added to every ` +
            `API request (the simulator's latency fault), ${runs} run(s); medians (min-max) in seconds. Each operation ` +
            "is one plain `pulumi` command in a TypeScript program folder (PULUMI_NODEJS_TRANSPILE_ONLY=true, " +
            "NODE_COMPILE_CACHE set as in the GitOps templates; Node.js 20 ignores it), the package installed as files " +
            "under node_modules; ours and the floor (the same program over the no-op provider of `npm run bench`) " +
            "alternate operation by operation. Writes use `--skip-preview`; the `preview` row is what a preview adds.",
        "",
        machineTable(loadBefore),
        "",
        "## Operations",
        "",
        table(
            [
                "Node.js",
                "Operation",
                "--parallel",
                "UserGroup (ours) s",
                "floor: no-op provider s",
                "Beyond the floor s",
                "API calls",
                "Terraform (issue 18) s",
            ],
            rows,
        ),
        "",
        "## Against the Terraform figures (at the README's advice, --parallel 16)",
        "",
        table(["Target", "Measured", "Verdict"], verdicts),
        "",
    ];
    if (unexpected.length) lines.push("Unexpected API calls:", "", ...unexpected.map((u) => `- ${u}`), "");
    if (loadBefore.perCore > 0.5 || loadAfter > 0.5) {
        lines.push(
            "The machine was busy: absolute times are inflated; compare ours with the floor in the same run.",
            "",
        );
    }
    const outFile = path.resolve(repoRoot, out);
    fs.writeFileSync(outFile, `${lines.join("\n").trimEnd()}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    log(`wrote ${path.relative(repoRoot, outFile)}`);
    if (unexpected.length) {
        log(`unexpected API calls:\n${unexpected.join("\n")}`);
        process.exitCode = 1;
    }
}

main().catch((err) => {
    process.stderr.write(`[bench:folder] failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
});
