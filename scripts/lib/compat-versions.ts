/**
 * The pinned versions of the compatibility run (test/compat/versions.json), typed. One file holds them all so that
 * a CI run is reproducible and a raise is one reviewed change.
 */
import * as path from "node:path";
import { repoRoot } from "./engine";
import type { PinnedPackage } from "./node-builds";

/** The contents of test/compat/versions.json. */
export interface CompatVersions {
    /** The Pulumi CLI the compatibility run builds or finds (the newest the Go module proxy serves). */
    readonly cli: string;
    /** Exact versions program folders are installed with (`@pulumi/pulumi`, `typescript`, `@types/node`). */
    readonly folderPackages: Readonly<Record<string, string>>;
    /** Node.js builds by major version. */
    readonly node: Readonly<Record<"20" | "22" | "24", PinnedPackage>>;
    /** pnpm (its native binary package). */
    readonly pnpm: PinnedPackage;
    /** The earlier package whose stacks the current one must keep operating. */
    readonly previousPackage: { readonly commit: string; readonly sdk: string; readonly node: "20" | "22" | "24" };
    /** PostgreSQL binaries for the team-scale tests where the machine has none (scripts/lib/postgres-binaries.ts). */
    readonly postgres: { readonly embedded: PinnedPackage & { readonly package: string } };
}

/** The file's path. */
export const COMPAT_VERSIONS_FILE = path.join(repoRoot, "test", "compat", "versions.json");

/** Reads test/compat/versions.json. */
export function compatVersions(): CompatVersions {
    return require(COMPAT_VERSIONS_FILE) as CompatVersions;
}
