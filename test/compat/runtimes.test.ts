/**
 * Today's runtimes: the program-folder lifecycle of test/helpers/folder-lifecycle.ts (both examples, the GitOps
 * templates' steps, every resource type) on Node.js 22 and 24 with the newest `@pulumi/pulumi` and the newest CLI,
 * all pinned in versions.json.
 */

import { compatVersions } from "../../scripts/lib/compat-versions";
import { describeFolderLifecycle, providerNote } from "../helpers/folder-lifecycle";
import { compatTools, recordRow } from "./support";

const versions = compatVersions();

for (const major of ["22", "24"] as const) {
    const sdk = versions.folderPackages["@pulumi/pulumi"] as string;
    describeFolderLifecycle(
        `program folders (Node.js ${versions.node[major].version}, @pulumi/pulumi ${sdk}, npm, CLI ${versions.cli})`,
        () => {
            const t = compatTools();
            return {
                toolchain: t.npm[major],
                engine: t.engine,
                packageTarball: t.currentPackage,
                pins: { ...t.versions.folderPackages },
            };
        },
        (r) =>
            recordRow({
                scenario: `examples/${r.example} lifecycle`,
                node: versions.node[major].version,
                packageManager: "npm",
                sdk: r.sdk,
                cli: r.cli,
                passed: r.passed,
                failed: r.failed,
                note: providerNote(r.providerBytes),
            }),
    );
}
