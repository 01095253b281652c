/**
 * `npm run bench:fixed-cost`: where a no-change `preview` of a one-group stack spends its time. Times, in separate
 * processes and interleaved round by round (medians of --runs K, default 3):
 *
 * - Node.js start, `require("@pulumi/pulumi")` with and without NODE_COMPILE_CACHE, our provider module alone and
 *   the package's index, on every Node.js build found offline (this one, and those `npm run test:compat` cached);
 * - the CLI: `pulumi version` (start), `pulumi stack ls` (backend, no secrets), `pulumi config --show-secrets`
 *   (adds the passphrase key derivation), and PBKDF2 at 1,000,000 iterations in Node.js for comparison;
 * - a plain-CLI `pulumi preview` in a program folder (TypeScript, PULUMI_NODEJS_TRANSPILE_ONLY=true): a program
 *   that only loads `@pulumi/pulumi`, one that also loads `pulumi-jumpcloud`, and one that declares one group (which
 *   adds the dynamic-provider process and the step), on each Node.js build, with and without NODE_COMPILE_CACHE;
 * - the Automation API's `preview()` and no-change `up()` of the same group (an inline program).
 *
 * Writes bench/RESULTS-fixed-cost.md. Options: --runs K, --out FILE.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineStack, engineEnv, fileBackendUrl, pulumiCliPath, repoRoot, workRoot } from "../scripts/lib/engine";
import { loadPerCore, machineTable, sampleLoad } from "./lib/environment";
import { s, table } from "./lib/markdown";
import { installPackageInto, major, type NodeBuild, nodeBuilds, timed } from "./lib/processes";
import { groupsProgram } from "./lib/programs";
import { startBenchSimulator } from "./lib/sim";
import { summarize } from "./lib/stats";

const log = (line: string) => process.stderr.write(`[fixed-cost] ${line}\n`);

/** One measured item: a label, which path it is, and a thunk run once per round. */
interface Item {
    group: string;
    label: string;
    run: () => number | Promise<number>;
    samples: number[];
    error?: string;
}

const PROGRAMS: Record<string, string> = {
    "pulumi-only": 'import * as pulumi from "@pulumi/pulumi";\nexport const project = pulumi.getProject();\n',
    "package-loaded":
        'import * as pulumi from "@pulumi/pulumi";\nimport { UserGroup } from "pulumi-jumpcloud";\n' +
        "export const project = pulumi.getProject();\nexport const loaded = typeof UserGroup;\n",
    "one-group":
        'import { UserGroup } from "pulumi-jumpcloud";\n' +
        'export const id = new UserGroup("group-0", { name: "fixed-cost-0", description: "fixed cost" }).id;\n',
};

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    let runs = 3;
    let out = "bench/RESULTS-fixed-cost.md";
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--runs") runs = Math.max(1, Number(argv[++i]) || 3);
        else if (argv[i] === "--out") out = argv[++i] ?? out;
        else throw new Error(`unknown option ${argv[i]}; options: --runs K, --out FILE`);
    }
    const started = performance.now();
    const loadBefore = sampleLoad();
    const dir = path.join(workRoot, "fixed-cost");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // This checkout's package, built now and installed where the folders below (and the inline stack) resolve
    // `pulumi-jumpcloud` first: under .work/fixed-cost/node_modules, as real files like a user's install.
    log("building the package into .work/fixed-cost/node_modules");
    const pkgDir = await installPackageInto(dir);
    const sim = await startBenchSimulator();
    const builds = nodeBuilds();
    const cacheDir = (b: NodeBuild) => path.join(dir, `compile-cache-${b.version}`);
    const items: Item[] = [];
    const add = (group: string, label: string, run: Item["run"]) => items.push({ group, label, run, samples: [] });

    // Node.js: start and module loads, one process each.
    const providerModule = path.join(pkgDir, "dist", "resources");
    const loads: Array<[string, string]> = [
        ["`node -e 0` (start only)", "0"],
        ["`require('@pulumi/pulumi')`", "require('@pulumi/pulumi')"],
        [
            "our provider module alone (`dist/resources/user-group-provider.js`, no `@pulumi/pulumi`)",
            `require(${JSON.stringify(path.join(providerModule, "user-group-provider.js"))})`,
        ],
        [
            "`require('pulumi-jumpcloud')` (the package's index, loads `@pulumi/pulumi`)",
            `require(${JSON.stringify(pkgDir)})`,
        ],
    ];
    for (const b of builds) {
        for (const [label, code] of loads) {
            const node = path.join(b.dir, "node");
            add(`Node.js ${b.version}`, label, () => timed(node, ["-e", code], { cwd: repoRoot }));
            if (code !== "0" && major(b) >= 22) {
                add(`Node.js ${b.version}`, `${label}, NODE_COMPILE_CACHE (warm)`, () =>
                    timed(node, ["-e", code], {
                        cwd: repoRoot,
                        env: { ...process.env, NODE_COMPILE_CACHE: cacheDir(b) },
                    }),
                );
            }
        }
    }

    // The CLI and a program folder per program, on one file backend.
    const home = path.join(dir, "pulumi-home");
    const backend = path.join(dir, "state");
    fs.mkdirSync(backend, { recursive: true });
    const cli = pulumiCliPath();
    const baseEnv: Record<string, string | undefined> = {
        ...process.env,
        ...engineEnv(home),
        PULUMI_BACKEND_URL: fileBackendUrl(backend),
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    const envFor = (b: NodeBuild, compileCache: boolean): NodeJS.ProcessEnv => ({
        ...baseEnv,
        PATH: `${b.dir}${path.delimiter}${baseEnv["PATH"] ?? ""}`,
        ...(compileCache ? { NODE_COMPILE_CACHE: cacheDir(b) } : {}),
    });
    const folders: Record<string, string> = {};
    for (const [name, program] of Object.entries(PROGRAMS)) {
        const folder = path.join(dir, name);
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, "Pulumi.yaml"), `name: fixed-cost-${name}\nruntime: nodejs\n`);
        fs.writeFileSync(path.join(folder, "index.ts"), program);
        // Its own package scope: inside this repository `pulumi-jumpcloud` would otherwise resolve to the
        // repository's dist/ (a self-reference) instead of the copy installed under node_modules, as users have it.
        fs.writeFileSync(path.join(folder, "package.json"), `{ "name": "fixed-cost-${name}", "private": true }\n`);
        const env = envFor(builds[0]!, false);
        await timed(cli, ["stack", "init", "dev", "--non-interactive"], { cwd: folder, env });
        await timed(cli, ["config", "set", "--secret", "jumpcloud:apiKey", sim.apiKey], { cwd: folder, env });
        await timed(cli, ["config", "set", "jumpcloud:apiUrl", sim.url], { cwd: folder, env });
        log(`pulumi up in ${name}`);
        await timed(cli, ["up", "--yes", "--non-interactive", "--skip-preview"], { cwd: folder, env });
        folders[name] = folder;
    }
    const plainEnv = envFor(builds[0]!, false);
    const oneGroup = folders["one-group"]!;
    add("Pulumi CLI (plain)", "`pulumi version` (CLI start)", () => timed(cli, ["version"], { env: plainEnv }));
    add("Pulumi CLI (plain)", "`pulumi stack ls` (loads the backend, no secrets)", () =>
        timed(cli, ["stack", "ls", "--non-interactive"], { cwd: oneGroup, env: plainEnv }),
    );
    add("Pulumi CLI (plain)", "`pulumi config --show-secrets --json` (adds the passphrase key derivation)", () =>
        timed(cli, ["config", "--show-secrets", "--json", "--non-interactive"], { cwd: oneGroup, env: plainEnv }),
    );
    add("Pulumi CLI (plain)", "PBKDF2-SHA256, 1,000,000 iterations, in Node.js (for comparison)", () => {
        const t = performance.now();
        crypto.pbkdf2Sync("passphrase", "saltsalt", 1_000_000, 32, "sha256");
        return performance.now() - t;
    });
    // Every program on this process's Node.js; the one-group program also on the first Node.js >= 22 found,
    // with and without the compile cache (the others would only repeat the module loads above).
    const node22 = builds.find((b) => major(b) >= 22);
    const previews: Array<[NodeBuild, boolean, string[]]> = [[builds[0]!, false, Object.keys(PROGRAMS)]];
    if (node22) previews.push([node22, false, ["one-group"]], [node22, true, ["one-group"]]);
    for (const [b, cache, names] of previews) {
        const env = envFor(b, cache);
        const suffix = `Node.js ${b.version}${cache ? ", NODE_COMPILE_CACHE" : ""}`;
        for (const name of names) {
            add(`Folder \`pulumi preview\` (plain CLI), ${suffix}`, `program: ${name}`, () =>
                timed(cli, ["preview", "--non-interactive", "--expect-no-changes"], { cwd: folders[name]!, env }),
            );
        }
    }

    // The Automation API, inline program, this process's Node.js.
    const engine = await EngineStack.create({
        project: "fixed-cost-inline",
        dir: fs.mkdtempSync(path.join(dir, "inline-")),
        program: groupsProgram((require(pkgDir) as { UserGroup: Parameters<typeof groupsProgram>[0] }).UserGroup, {
            n: 1,
            namePrefix: "inline",
            description: "fixed cost",
        }),
        config: {
            "jumpcloud:apiKey": { value: sim.apiKey, secret: true },
            "jumpcloud:apiUrl": { value: sim.url },
        },
    });
    await engine.up();
    const inline = `Automation API (inline program, Node.js ${process.versions.node})`;
    add(inline, "`stack.preview()`, no change", async () => {
        const t = performance.now();
        await engine.preview({ diff: false });
        return performance.now() - t;
    });
    add(inline, "`stack.up()`, no change (adds three CLI processes after the update)", async () => {
        const t = performance.now();
        await engine.up();
        return performance.now() - t;
    });

    // Warm the compile caches once, then measure round by round.
    for (const b of builds.filter((x) => major(x) >= 22)) {
        await timed(path.join(b.dir, "node"), ["-e", `require(${JSON.stringify(pkgDir)})`], {
            cwd: repoRoot,
            env: { ...process.env, NODE_COMPILE_CACHE: cacheDir(b) },
        });
    }
    for (let round = 0; round < runs; round++) {
        log(`round ${round + 1}/${runs}: ${items.length} items`);
        for (const item of items) {
            if (item.error) continue;
            try {
                item.samples.push(await item.run());
            } catch (err) {
                item.error = (err as Error).message.split("\n").slice(0, 6).join(" / ");
                log(`FAILED ${item.group}: ${item.label}: ${item.error}`);
            }
        }
    }
    engine.remove();
    await sim.close();

    const loadAfter = loadPerCore();
    const lines: string[] = [
        "# Fixed cost of a run",
        "",
        `Generated by \`npm run bench:fixed-cost${argv.length ? ` -- ${argv.join(" ")}` : ""}\` on ${new Date().toISOString()}, ` +
            `in ${((performance.now() - started) / 1000).toFixed(0)} s, ${runs} round(s); medians (min-max) of the rounds, ` +
            "every item a separate process (or Automation API call), the items interleaved round by round.",
        "",
        machineTable(loadBefore),
        "",
    ];
    if (loadBefore.perCore > 0.5 || loadAfter > 0.5) {
        lines.push(
            "The machine was busy: absolute times are inflated; compare items within this file (same rounds).",
            "",
        );
    }
    const groups = [...new Set(items.map((i) => i.group))];
    for (const group of groups) {
        lines.push(`## ${group}`, "");
        const rows = items
            .filter((i) => i.group === group)
            .map((i) => {
                const sum = summarize(i.samples);
                return [
                    i.label,
                    sum ? `${s(sum.median)} (${s(sum.min)}-${s(sum.max)})` : "-",
                    i.error ? `failed: ${i.error}` : "",
                ];
            });
        lines.push(table(["Item", "Seconds", "Note"], rows), "");
    }
    const outFile = path.resolve(repoRoot, out);
    fs.writeFileSync(outFile, `${lines.join("\n").trimEnd()}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    log(`wrote ${path.relative(repoRoot, outFile)}`);
}

main().catch((err) => {
    process.stderr.write(`[fixed-cost] failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
});
