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
 * otherwise). At --parallel 16 two more variants join the rotation:
 *
 *   ours-nocp   ours under PULUMI_SKIP_CHECKPOINTS=true with jumpcloud:adoptExactMatches (the README's opt-in mode)
 *   terraform   with --terraform DIR: the Terraform CLI and a Terraform JumpCloud provider (DIR/terraform and
 *               DIR/terraform-provider-jumpcloud, source address agilize/jumpcloud, run through a dev_overrides CLI
 *               config, so no registry and no `terraform init`), the same N groups against the same simulator
 *               code and latency, at Terraform's default -parallelism (10): apply, plan -refresh=false, plan, apply
 *               of the changed description, destroy. The side-by-side comparison issue 18 asks for, on one machine.
 *
 * Each variant that makes API calls has its own simulator in this process (one org holding only its N groups), so
 * a refresh never lists another variant's groups and the calls are counted apart.
 *
 * Writes bench/RESULTS-folder.md. Options: --runs K (default 3), --n N (default 100), --newest-only (only the newest
 * Node.js >= 22 found, what most users run: half the time), --terraform DIR, --out FILE.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { engineEnv, fileBackendUrl, pulumiCliPath, repoRoot, workRoot } from "../scripts/lib/engine";
import { DEFAULT_ORG_ID } from "../simulator";
import { simAdmin } from "../simulator/admin-client";
import { loadPerCore, machineTable, sampleLoad } from "./lib/environment";
import { LATENCY_MS, TERRAFORM_S } from "./lib/latency";
import { type OpName, sameCounts } from "./lib/lifecycle";
import { s, table } from "./lib/markdown";
import { installNoopPackage, NOOP_PACKAGE } from "./lib/noop-package";
import { installPackageInto, major, type NodeBuild, nodeBuilds, timed } from "./lib/processes";
import { countByMethod, formatByMethod } from "./lib/request-log";
import { type BenchSimulator, startBenchSimulator } from "./lib/sim";
import { summarize } from "./lib/stats";

const log = (line: string) => process.stderr.write(`[bench:folder] ${line}\n`);

const PARALLELS = [8, 16] as const;
/** Every variant's groups start with this description; the update changes it. */
const INITIAL_DESCRIPTION = "managed by the benchmark";
/** The --parallel value at which the no-checkpoint mode and Terraform are measured too (the README's advice). */
const ADVISED_PARALLEL = 16;
type Variant = "ours" | "floor" | "ours-nocp" | "terraform";
/** Program folders of the Pulumi variants (ours-nocp runs ours's folder under another stack). */
type Folder = "ours" | "floor";
const folderOf = (variant: Variant): Folder => (variant === "floor" ? "floor" : "ours");

/** The operations, with the API calls ours must make for N groups (the README's table). */
const OPS: ReadonlyArray<{ op: OpName; calls: (n: number) => Record<string, number> }> = [
    { op: "up-create", calls: (n) => ({ POST: n }) },
    { op: "preview", calls: () => ({}) },
    // Batched refresh (README): one GET for the first read, then the listing's pages; a lone group is one GET.
    { op: "preview-refresh", calls: (n) => ({ GET: n === 1 ? 1 : Math.ceil(n / 100) + 1 }) },
    { op: "up-update", calls: (n) => ({ GET: n, PUT: n }) },
    { op: "destroy", calls: (n) => ({ DELETE: n }) },
];

/**
 * The calls the Terraform provider makes (read from its sources and checked here on every run): a create lists
 * the groups to find the name (one unpaged GET), POSTs, then GETs the new group; plan refreshes with one GET per
 * group; an apply refreshes, PUTs, then GETs; destroy refreshes, then DELETEs.
 */
const TERRAFORM_CALLS: Readonly<Record<OpName, (n: number) => Record<string, number>>> = {
    "up-create": (n) => ({ GET: 2 * n, POST: n }),
    preview: () => ({}),
    "preview-refresh": (n) => ({ GET: n }),
    "up-update": (n) => ({ GET: 2 * n, PUT: n }),
    destroy: (n) => ({ DELETE: n, GET: n }),
};

/** The Terraform configuration of the comparison: N groups named and described from variables. */
const TERRAFORM_MAIN = [
    "terraform {",
    '  required_providers { jumpcloud = { source = "agilize/jumpcloud" } }',
    "}",
    'variable "n" { type = number }',
    'variable "prefix" { type = string }',
    'variable "description" { type = string }',
    "# api_url, api_key and org_id come from JUMPCLOUD_API_URL, JUMPCLOUD_API_KEY and JUMPCLOUD_ORG_ID.",
    'provider "jumpcloud" {}',
    'resource "jumpcloud_user_group" "g" {',
    "  count       = var.n",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Terraform's own interpolation, not JavaScript's.
    '  name        = "${var.prefix}-${count.index}"',
    "  description = var.description",
    "}",
    "",
].join("\n");

/** How the `--terraform DIR` binaries of the recorded run were built (printed into the results). */
const TERRAFORM_BUILD = [
    "The binaries (`--terraform DIR`): the Terraform CLI v1.5.7 (the last release under the MPL), built from the Go",
    "module proxy with `GOBIN=DIR go install github.com/hashicorp/terraform@v1.5.7` (Go 1.26, 7 minutes on 2 cores);",
    "the JumpCloud provider agilize/terraform-provider-jumpcloud at tag v0.1.14-beta (commit 33704a8, 2025-07-18),",
    "unpatched, built from its repository's sources with `go build -o DIR/terraform-provider-jumpcloud .` (its module",
    "path is its registry address, so `go install` cannot fetch it). It was chosen because its calls per operation",
    "are exactly those issue 18 measured (create 3, refresh 1, update 3, delete 2 per group) and it has a base-URL",
    "setting (`JUMPCLOUD_API_URL`); the other Go providers found have no group description or no base URL. It",
    "neither retries nor paces requests: a 429 or 5xx fails its run.",
];

/** The Terraform command of each operation (variables come from TF_VAR_* in the environment). */
const TERRAFORM_ARGS: Readonly<Record<OpName, string[]>> = {
    "up-create": ["apply", "-auto-approve", "-input=false", "-no-color"],
    preview: ["plan", "-refresh=false", "-detailed-exitcode", "-input=false", "-no-color"],
    "preview-refresh": ["plan", "-detailed-exitcode", "-input=false", "-no-color"],
    "up-update": ["apply", "-auto-approve", "-input=false", "-no-color"],
    destroy: ["destroy", "-auto-approve", "-input=false", "-no-color"],
};

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
    let terraformDir: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--newest-only") newestOnly = true;
        else if (argv[i] === "--terraform") terraformDir = path.resolve(argv[++i] ?? "");
        else if (argv[i] === "--runs") runs = Math.max(1, Number(argv[++i]) || 3);
        else if (argv[i] === "--n") n = Math.max(1, Number(argv[++i]) || 100);
        else if (argv[i] === "--out") out = argv[++i] ?? out;
        else
            throw new Error(
                `unknown option ${argv[i]}; options: --runs K, --n N, --newest-only, --terraform DIR, --out FILE`,
            );
    }
    const terraformFound = terraformDir ? findTerraform(terraformDir) : undefined;
    const started = performance.now();
    const loadBefore = sampleLoad();
    const dir = path.join(workRoot, "bench-folder");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const terraform = terraformFound && {
        ...terraformFound,
        cliConfig: writeTerraformCliConfig(dir, terraformFound.providerDir),
        version: await terraformVersion(terraformFound.bin),
    };
    log("building the package into .work/bench-folder/node_modules");
    await installPackageInto(dir);
    installNoopPackage(dir);
    // One simulator (one org) per variant that makes API calls: each variant's refresh lists an org holding only
    // its own N groups, as in issue 18's measurement, and its calls are counted apart. The floor makes none.
    const sims = {} as Record<Exclude<Variant, "floor">, BenchSimulator>;
    for (const variant of ["ours", "ours-nocp", "terraform"] as const) sims[variant] = await startBenchSimulator();
    const simOf = (variant: Variant) => sims[variant === "floor" ? "ours" : variant];
    const adminOf = (variant: Variant) => simAdmin(simOf(variant).origin);
    const builds = nodeBuilds();
    const newest = builds.filter((b) => major(b) >= 22).pop();
    const toolchains: NodeBuild[] = newestOnly && newest ? [newest] : newest ? [builds[0]!, newest] : [builds[0]!];

    const cli = pulumiCliPath();
    const home = path.join(dir, "pulumi-home");
    const backend = path.join(dir, "state");
    fs.mkdirSync(backend, { recursive: true });
    const folders = {} as Record<Folder, string>;
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
                // One stack name per variant: the folders share one file backend.
                const stackOf = (variant: Variant) => `${variant}-r${run}-n${major(b)}-p${p}`;
                const envOf = (variant: Variant): NodeJS.ProcessEnv =>
                    variant === "ours-nocp" ? { ...env, PULUMI_SKIP_CHECKPOINTS: "true" } : env;
                // Every variant of this (run, P) in a rotation that starts one further each run.
                const present: Variant[] = ["ours", "floor"];
                if (p === ADVISED_PARALLEL) present.push("ours-nocp");
                // Terraform does not depend on Node.js or --parallel: measured once per run.
                if (terraform && p === ADVISED_PARALLEL && b === toolchains[0]) present.push("terraform");
                const variants = present.map((_, i) => present[(i + run) % present.length]!);
                const tfDir = path.join(dir, `terraform-r${run}`);
                const tfEnv = (description: string): NodeJS.ProcessEnv => ({
                    ...process.env,
                    TF_CLI_CONFIG_FILE: terraform?.cliConfig,
                    TF_IN_AUTOMATION: "1",
                    CHECKPOINT_DISABLE: "1",
                    JUMPCLOUD_API_URL: sims.terraform.origin,
                    JUMPCLOUD_API_KEY: sims.terraform.apiKey,
                    JUMPCLOUD_ORG_ID: DEFAULT_ORG_ID,
                    TF_VAR_n: String(n),
                    TF_VAR_prefix: `terraform-r${run}`,
                    TF_VAR_description: description,
                });
                for (const sim of Object.values(sims)) {
                    await simAdmin(sim.origin).reset();
                    await simAdmin(sim.origin).faults([{ kind: "latency", latencyMs: LATENCY_MS, fraction: 1 }]);
                }
                for (const variant of variants) {
                    if (variant === "terraform") {
                        fs.mkdirSync(tfDir);
                        fs.writeFileSync(path.join(tfDir, "main.tf"), TERRAFORM_MAIN);
                        continue;
                    }
                    const cwd = folders[folderOf(variant)];
                    const pulumi = (args: string[]) => timed(cli, [...args, "--non-interactive"], { cwd, env });
                    const stack = stackOf(variant);
                    await pulumi(["stack", "init", stack]);
                    await pulumi(["config", "set", "--secret", "jumpcloud:apiKey", simOf(variant).apiKey]);
                    await pulumi(["config", "set", "jumpcloud:apiUrl", simOf(variant).url]);
                    if (variant === "ours-nocp") await pulumi(["config", "set", "jumpcloud:adoptExactMatches", "true"]);
                    await pulumi(["config", "set", "bench:n", String(n)]);
                    await pulumi(["config", "set", "bench:prefix", `${variant}-${stack}`]);
                    await pulumi(["config", "set", "bench:description", INITIAL_DESCRIPTION]);
                }
                for (const { op, calls } of OPS) {
                    for (const variant of variants) {
                        const stack = stackOf(variant);
                        // The command of this operation for this variant; a Pulumi update first changes the config.
                        let command: () => Promise<number>;
                        if (variant === "terraform" && terraform) {
                            const changed =
                                OPS.findIndex((o) => o.op === op) >= OPS.findIndex((o) => o.op === "up-update");
                            const description = changed ? `updated in run ${run}` : INITIAL_DESCRIPTION;
                            command = () =>
                                timed(terraform.bin, TERRAFORM_ARGS[op], { cwd: tfDir, env: tfEnv(description) });
                        } else {
                            const cwd = folders[folderOf(variant)];
                            const venv = envOf(variant);
                            const pulumi = (args: string[]) =>
                                timed(cli, [...args, "--non-interactive"], { cwd, env: venv });
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
                            const parallel = ["--parallel", String(p), "--stack", stack];
                            const args =
                                op === "up-create" || op === "up-update"
                                    ? ["up", "--yes", "--skip-preview", ...parallel]
                                    : op === "preview"
                                      ? ["preview", "--expect-no-changes", ...parallel]
                                      : op === "preview-refresh"
                                        ? ["preview", "--refresh", "--expect-no-changes", ...parallel]
                                        : ["destroy", "--yes", "--skip-preview", ...parallel];
                            command = () => pulumi(args);
                        }
                        await adminOf(variant).clearRequests();
                        const ms = await command();
                        const sample: Sample = { ms };
                        // Every variant but the floor calls the API: its calls must be the documented ones.
                        if (variant !== "floor") {
                            sample.calls = countByMethod(await adminOf(variant).requests());
                            const want = variant === "terraform" ? TERRAFORM_CALLS[op](n) : calls(n);
                            if (!sameCounts(sample.calls, want)) {
                                unexpected.push(
                                    `${variant} ${op}, Node.js ${b.version}, --parallel ${p}, run ${run + 1}: ` +
                                        `${formatByMethod(sample.calls) || "none"} (expected ${formatByMethod(want) || "none"})`,
                                );
                            }
                        }
                        const k = key(b.version, p, variant, op);
                        samples.set(k, [...(samples.get(k) ?? []), sample]);
                        log(
                            `run ${run + 1}/${runs} Node.js ${b.version} p${p} ${variant.padEnd(9)} ${op.padEnd(15)} ` +
                                `${s(ms)}s${sample.calls ? ` ${formatByMethod(sample.calls) || "no calls"}` : ""}`,
                        );
                    }
                }
                for (const variant of variants) {
                    if (variant === "terraform") continue;
                    await timed(cli, ["stack", "rm", "--yes", "--stack", stackOf(variant), "--non-interactive"], {
                        cwd: folders[folderOf(variant)],
                        env,
                    });
                }
                for (const sim of Object.values(sims)) await simAdmin(sim.origin).clearFaults();
            }
        }
    }
    for (const sim of Object.values(sims)) await sim.close();

    const median = (xs: Sample[] | undefined) => summarize((xs ?? []).map((x) => x.ms));
    const range = (o: ReturnType<typeof median>) => (o ? `${s(o.median)} (${s(o.min)}-${s(o.max)})` : "-");
    const rows: string[][] = [];
    for (const b of toolchains) {
        for (const { op } of OPS) {
            for (const p of PARALLELS) {
                const ours = samples.get(key(b.version, p, "ours", op));
                const o = median(ours);
                const f = median(samples.get(key(b.version, p, "floor", op)));
                const calls = ours?.[0]?.calls;
                rows.push([
                    `Node.js ${b.version}`,
                    op,
                    String(p),
                    range(o),
                    range(f),
                    o && f ? s(o.median - f.median) : "-",
                    range(median(samples.get(key(b.version, p, "ours-nocp", op)))),
                    calls ? formatByMethod(calls) || "none" : "-",
                ]);
            }
        }
    }

    // Side by side: Terraform measured in this run, else the issue's figures from another machine.
    const verdicts: string[][] = [];
    const sideRows: string[][] = [];
    const tfKey = (op: OpName) => key(toolchains[0]!.version, ADVISED_PARALLEL, "terraform", op);
    for (const { op } of OPS) {
        const tfSamples = samples.get(tfKey(op));
        const tfHere = median(tfSamples);
        const tfIssue = TERRAFORM_S[op];
        if (terraform) {
            sideRows.push([
                op,
                range(tfHere),
                tfSamples?.[0]?.calls ? formatByMethod(tfSamples[0].calls) || "none" : "-",
                ...toolchains.flatMap((b) => {
                    const o = median(samples.get(key(b.version, ADVISED_PARALLEL, "ours", op)));
                    const nc = median(samples.get(key(b.version, ADVISED_PARALLEL, "ours-nocp", op)));
                    const ratio = (x: typeof o) => (x && tfHere ? `${(x.median / tfHere.median).toFixed(2)}x` : "-");
                    return [`${o ? s(o.median) : "-"} (${ratio(o)})`, `${nc ? s(nc.median) : "-"} (${ratio(nc)})`];
                }),
                tfIssue === undefined ? "-" : String(tfIssue),
            ]);
        }
        // The issue's target names create, update and destroy; the plans are shown, not judged.
        if (op !== "up-create" && op !== "up-update" && op !== "destroy") continue;
        for (const b of toolchains) {
            for (const variant of ["ours", "ours-nocp"] as const) {
                const o = median(samples.get(key(b.version, ADVISED_PARALLEL, variant, op)));
                const target = tfHere ? tfHere.median / 1000 : tfIssue;
                if (!o || target === undefined) continue;
                const against = tfHere ? "Terraform's wall in this run" : "Terraform's figure in issue 18";
                verdicts.push([
                    `Node.js ${b.version}, --parallel ${ADVISED_PARALLEL}, ${variant === "ours" ? "ours" : "ours without checkpoints"}: ${op} < ${against} (${s(target * 1000)} s)`,
                    `${s(o.median)} s`,
                    o.median / 1000 < target ? "holds" : "**misses**",
                ]);
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
            "alternate operation by operation. Writes use `--skip-preview`; the `preview` row is what a preview adds. " +
            `At --parallel ${ADVISED_PARALLEL} the rotation also runs ours under \`PULUMI_SKIP_CHECKPOINTS=true\` with ` +
            "`jumpcloud:adoptExactMatches` (the README's opt-in mode)" +
            (terraform
                ? ` and Terraform ${terraform.version} with the Terraform JumpCloud provider agilize/jumpcloud ` +
                  "(dev_overrides, default -parallelism 10). Each variant that calls the API has its own simulator (one " +
                  "org with only its groups) with the same latency."
                : "; Terraform was not run (no `--terraform DIR`), so its column holds issue 18's figures from " +
                  "another machine."),
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
                "ours, no checkpoints s",
                "API calls (ours)",
            ],
            rows,
        ),
        "",
    ];
    if (terraform) {
        lines.push(
            `## Side by side with Terraform (this run; ours at --parallel ${ADVISED_PARALLEL})`,
            "",
            ...TERRAFORM_BUILD,
            "",
            table(
                [
                    "Operation",
                    `Terraform ${terraform.version} s`,
                    "Terraform API calls",
                    ...toolchains.flatMap((b) => [
                        `ours, Node.js ${b.version} s (/ Terraform)`,
                        `ours no checkpoints, Node.js ${b.version} s (/ Terraform)`,
                    ]),
                    "Terraform (issue 18, another machine) s",
                ],
                sideRows,
            ),
            "",
        );
    }
    lines.push(
        `## Against Terraform (at the README's advice, --parallel ${ADVISED_PARALLEL})`,
        "",
        table(["Target", "Measured", "Verdict"], verdicts),
        "",
    );
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

/** The Terraform CLI and the JumpCloud provider binary in `dir`; a clear error naming what is missing. */
function findTerraform(dir: string): { bin: string; providerDir: string } {
    const bin = path.join(dir, "terraform");
    const provider = path.join(dir, "terraform-provider-jumpcloud");
    for (const [what, file] of [
        ["the Terraform CLI", bin],
        ["the Terraform JumpCloud provider (agilize/jumpcloud)", provider],
    ] as const) {
        if (!fs.existsSync(file)) {
            throw new Error(
                `--terraform ${dir}: ${what} is not at ${file}; see bench/RESULTS-folder.md ("Terraform") for how it was built`,
            );
        }
    }
    return { bin, providerDir: dir };
}

/** A CLI config that serves agilize/jumpcloud from `providerDir` (no registry, no `terraform init`). */
function writeTerraformCliConfig(dir: string, providerDir: string): string {
    const file = path.join(dir, "terraformrc");
    fs.writeFileSync(
        file,
        `provider_installation {\n  dev_overrides {\n    "agilize/jumpcloud" = ${JSON.stringify(providerDir)}\n  }\n  direct {}\n}\n`,
    );
    return file;
}

/** `terraform version`'s first line's version, e.g. v1.5.7. */
async function terraformVersion(bin: string): Promise<string> {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(bin, ["version"], {
        encoding: "utf8",
        env: { ...process.env, CHECKPOINT_DISABLE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    return /Terraform (v\S+)/.exec(out)?.[1] ?? "(unknown version)";
}

main().catch((err) => {
    process.stderr.write(`[bench:folder] failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
});
