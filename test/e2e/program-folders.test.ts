/**
 * The user's path, in `npm test`: examples/quickstart and examples/gitops as shipped, in folders outside the
 * repository, installed from `npm pack` of this build with the machine's Node.js and the development SDK, run by
 * the plain `pulumi` CLI and the GitOps workflow templates' own steps (see test/helpers/folder-lifecycle.ts).
 * `npm run test:compat` runs the same suite on Node.js 22 and 24 with the newest SDK.
 */
import { compatVersions } from "../../scripts/lib/compat-versions";
import { ensurePulumi } from "../../scripts/lib/engine";
import { packCurrentPackage } from "../../scripts/lib/package-tarball";
import { machineToolchain } from "../../scripts/lib/program-folder";
import { describeFolderLifecycle } from "../helpers/folder-lifecycle";

// The SDK and compiler this repository develops against (package-lock.json), and the pinned type package.
const devSdk = (require("@pulumi/pulumi/package.json") as { version: string }).version;
const devTypescript = (require("typescript/package.json") as { version: string }).version;

describeFolderLifecycle(`program folders (Node.js ${process.versions.node}, @pulumi/pulumi ${devSdk}, npm)`, () => ({
    toolchain: machineToolchain(),
    engine: ensurePulumi(),
    packageTarball: packCurrentPackage(),
    pins: {
        "@pulumi/pulumi": devSdk,
        typescript: devTypescript,
        "@types/node": compatVersions().folderPackages["@types/node"] as string,
    },
}));
