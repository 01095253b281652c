/**
 * State compatibility: a stack created by the previous package (built from git history at the pinned commit) on
 * Node.js 20 with the SDK of its day is refreshed, updated and destroyed by the current package on Node.js 24 with
 * the newest SDK (see test/helpers/state-compat.ts).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compatVersions } from "../../scripts/lib/compat-versions";
import { repoRoot } from "../../scripts/lib/engine";
import { describeStateCompatibility } from "../helpers/state-compat";
import { compatTools, recordRow } from "./support";

const versions = compatVersions();
const previous = versions.previousPackage;
const sdk = versions.folderPackages["@pulumi/pulumi"] as string;
const short = previous.commit.slice(0, 7);

/**
 * Today's `examples/quickstart` with its program files (`*.ts`) as of `commit`: the program a user wrote against
 * that package, with today's folder set-up (package.json ranges, Pulumi.yaml).
 */
function quickstartAt(commit: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-jumpcloud-quickstart-at-"));
    fs.cpSync(path.join(repoRoot, "examples", "quickstart"), dir, {
        recursive: true,
        filter: (src) => !src.includes("node_modules") && !/Pulumi\.[^/]+\.yaml$/.test(path.basename(src)),
    });
    const files = execFileSync("git", ["ls-tree", "--name-only", commit, "examples/quickstart/"], { cwd: repoRoot })
        .toString()
        .split("\n")
        .filter((f) => f.endsWith(".ts"));
    for (const f of files) {
        fs.writeFileSync(
            path.join(dir, path.basename(f)),
            execFileSync("git", ["show", `${commit}:${f}`], { cwd: repoRoot }),
        );
    }
    return dir;
}

describeStateCompatibility(
    `state compatibility: created by pulumi-jumpcloud at ${short} (Node.js ${versions.node[previous.node].version}, ` +
        `@pulumi/pulumi ${previous.sdk}), operated by this build (Node.js ${versions.node["24"].version}, @pulumi/pulumi ${sdk})`,
    () => {
        const t = compatTools();
        return {
            engine: t.engine,
            creator: {
                label: `pulumi-jumpcloud at ${short}`,
                packageTarball: t.previousPackage,
                toolchain: t.npm[previous.node],
                pins: { ...t.versions.folderPackages, "@pulumi/pulumi": previous.sdk },
                // Its own quick-start: today's declares a membership, which the package at that commit lacks.
                example: quickstartAt(previous.commit),
            },
            operator: {
                label: "this build",
                packageTarball: t.currentPackage,
                toolchain: t.npm["24"],
                pins: { ...t.versions.folderPackages },
            },
        };
    },
    (passed, failed) =>
        recordRow({
            scenario: `state: created at ${short} on Node.js ${versions.node[previous.node].version} with @pulumi/pulumi ${previous.sdk}, then refresh, update, destroy`,
            node: versions.node["24"].version,
            packageManager: "npm",
            sdk,
            cli: versions.cli,
            passed,
            failed,
        }),
);
