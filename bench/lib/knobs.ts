/**
 * The engine's knobs, measured: `--parallel`, PULUMI_PARALLEL_DIFF, PULUMI_SKIP_CHECKPOINTS on the lifecycle, and
 * the cost of loading a TypeScript program with type-checking, transpile-only, or precompiled.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import {
    type EngineKnobs,
    emptyVariantRuns,
    type LifecycleContext,
    type LifecycleResult,
    OPS,
    runLifecycles,
} from "./lifecycle";
import { VARIANTS } from "./programs";

/** One engine setting to compare with the default. */
export interface KnobConfig {
    /** How the table names it. */
    label: string;
    knobs: EngineKnobs;
}

/** The settings `--knobs` (and `--full`) compare; the first is the baseline. */
export const KNOB_CONFIGS: readonly KnobConfig[] = [
    { label: "defaults (--parallel 8 on 2 cores)", knobs: {} },
    { label: "--parallel 2", knobs: { parallel: 2 } },
    { label: "--parallel 32", knobs: { parallel: 32 } },
    { label: "PULUMI_PARALLEL_DIFF=true", knobs: { env: { PULUMI_PARALLEL_DIFF: "true" } } },
    { label: "PULUMI_SKIP_CHECKPOINTS=true", knobs: { env: { PULUMI_SKIP_CHECKPOINTS: "true" } } },
];

/** The lifecycle measured under one setting. */
export interface KnobResult {
    config: KnobConfig;
    result: LifecycleResult;
}

/**
 * Runs one lifecycle per setting per run, round-robin (run 1 of every setting, then run 2...), so slow phases of
 * the machine spread over all settings.
 */
export async function runKnobs(
    ctx: LifecycleContext,
    n: number,
    runs: number,
    onProgress: (line: string) => void = () => {},
): Promise<KnobResult[]> {
    const results: KnobResult[] = KNOB_CONFIGS.map((config) => ({
        config,
        result: { n, runs: emptyVariantRuns(), state: {}, errors: [] },
    }));
    for (let run = 0; run < runs; run++) {
        for (const entry of results) {
            const one = await runLifecycles(ctx, n, 1, entry.config.knobs, (line) =>
                onProgress(`[${entry.config.label}] ${line.replace(/^run 1\/1/, `run ${run + 1}/${runs}`)}`),
            );
            for (const variant of VARIANTS) {
                for (const op of OPS) entry.result.runs[variant][op].push(...one.runs[variant][op]);
            }
            entry.result.errors.push(...one.errors);
        }
    }
    return results;
}

/** How long one way of loading the program took, per run. */
export interface ProgramLoadResult {
    label: string;
    /** What it corresponds to in a Pulumi project. */
    how: string;
    ms: number[];
    error?: string;
}

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as jumpcloud from "pulumi-jumpcloud";

// Declares groups when called; loading the module is what is measured.
export function declare(n: number): pulumi.CustomResource[] {
    const groups: pulumi.CustomResource[] = [];
    for (let i = 0; i < n; i++) {
        groups.push(new jumpcloud.UserGroup(\`group-\${i}\`, { name: \`group-\${i}\`, description: "bench" }));
    }
    return groups;
}
`;

// The compiler options of Pulumi's TypeScript project template (no skipLibCheck).
const TEMPLATE_TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

/**
 * Loads a one-file program that imports @pulumi/pulumi and the installed package, in a fresh node process, three
 * ways: ts-node with type-checking (the Node.js language host's default for a TypeScript project), ts-node
 * transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY=true), and precompiled JavaScript. The language host pays this once
 * per preview, up or destroy; an Automation API inline program pays it once per process.
 */
export function measureProgramLoad(benchDir: string, runs: number): ProgramLoadResult[] {
    const dir = path.join(benchDir, "program-load");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
    const js = ts.transpileModule(PROGRAM, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    }).outputText;
    fs.writeFileSync(path.join(dir, "index.js"), js);
    const ways: Array<{ label: string; how: string; args: string[] }> = [
        {
            label: "ts-node, type-checked",
            how: "TypeScript program, language host default",
            args: ["-r", "ts-node/register", "index.ts"],
        },
        {
            label: "ts-node, transpile-only",
            how: "PULUMI_NODEJS_TRANSPILE_ONLY=true (or compilerOptions.noCheck)",
            args: ["-r", "ts-node/register/transpile-only", "index.ts"],
        },
        { label: "precompiled JavaScript", how: "tsc to bin/, Pulumi.yaml main: bin/", args: ["index.js"] },
    ];
    const results: ProgramLoadResult[] = ways.map((w) => ({ label: w.label, how: w.how, ms: [] }));
    for (let run = 0; run < runs; run++) {
        ways.forEach((way, i) => {
            const result = results[i]!;
            if (result.error) return;
            const started = performance.now();
            const child = spawnSync(process.execPath, way.args, { cwd: dir, encoding: "utf8", timeout: 180_000 });
            const ms = performance.now() - started;
            if (child.status === 0) result.ms.push(ms);
            else result.error = `${child.stderr || child.error?.message || "failed"}`.split("\n").slice(0, 6).join(" ");
        });
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return results;
}
