/**
 * What the compatibility suites share: the pinned versions (versions.json) resolved into tools (the pinned CLI,
 * Node.js builds, pnpm, the current and the previous package tarballs), and the results file the
 * `npm run test:compat` summary table is made from. Everything is cached per user, so a suite run on its own
 * (`node scripts/lib/run-mocha.js test/compat/<file>`) resolves the same tools quickly after the first time.
 */
import * as fs from "node:fs";
import { type CompatVersions, compatVersions } from "../../scripts/lib/compat-versions";
import { type EngineBinaries, ensurePulumi } from "../../scripts/lib/engine";
import { ensureNodeBuild, ensurePnpm } from "../../scripts/lib/node-builds";
import { packCurrentPackage, packPackageAtCommit } from "../../scripts/lib/package-tarball";
import type { Toolchain } from "../../scripts/lib/program-folder";

/** The resolved tools of a compatibility run. */
export interface CompatTools {
    readonly versions: CompatVersions;
    readonly engine: EngineBinaries;
    /** npm toolchains by Node.js major. */
    readonly npm: Readonly<Record<"20" | "22" | "24", Toolchain>>;
    /** pnpm toolchains by Node.js major. */
    readonly pnpm: Readonly<Record<"20" | "22" | "24", Toolchain>>;
    /** The current build, packed. */
    readonly currentPackage: string;
    /** The package at versions.previousPackage.commit, packed. */
    readonly previousPackage: string;
}

let tools: CompatTools | undefined;

const log = (line: string) => process.stderr.write(`[compat] ${line}\n`);

/** Resolves every pinned tool (downloads and builds once per machine). */
export function compatTools(): CompatTools {
    if (tools) return tools;
    const versions = compatVersions();
    const pnpmDir = ensurePnpm(versions.pnpm, log);
    const majors = ["20", "22", "24"] as const;
    const npm = {} as Record<(typeof majors)[number], Toolchain>;
    const pnpm = {} as Record<(typeof majors)[number], Toolchain>;
    for (const major of majors) {
        const pin = versions.node[major];
        const nodeDir = ensureNodeBuild(pin, log);
        npm[major] = { label: `Node.js ${pin.version}, npm`, nodeDir };
        pnpm[major] = {
            label: `Node.js ${pin.version}, pnpm ${versions.pnpm.version}`,
            nodeDir,
            packageManager: "pnpm",
            pnpmDir,
        };
    }
    tools = {
        versions,
        engine: ensurePulumi(versions.cli),
        npm,
        pnpm,
        currentPackage: packCurrentPackage(),
        previousPackage: packPackageAtCommit(versions.previousPackage.commit, log),
    };
    return tools;
}

/** One row of the compatibility table. */
export interface CompatRow {
    readonly scenario: string;
    readonly node: string;
    readonly packageManager: string;
    readonly sdk: string;
    readonly cli: string;
    readonly passed: number;
    readonly failed: number;
    /** What the row measured, e.g. `__provider` sizes. */
    readonly note?: string;
    /** The outcome when it is not "works" (e.g. a documented failure that the suite asserts). */
    readonly outcome?: string;
}

/** Appends a row to the results file of `npm run test:compat` (PULUMI_JUMPCLOUD_COMPAT_RESULTS), if any. */
export function recordRow(row: CompatRow): void {
    const file = process.env["PULUMI_JUMPCLOUD_COMPAT_RESULTS"];
    if (file) fs.appendFileSync(file, `${JSON.stringify(row)}\n`);
}
