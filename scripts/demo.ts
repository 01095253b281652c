/**
 * `npm run demo`: the main job. This first version brings up the toolchain (node modules, the built package, the
 * Pulumi CLI) and says what the full demo does; the quick-start stack lands with the resources.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { pulumiCliPath, repoRoot } from "./lib/engine";

function heading(text: string): void {
    process.stdout.write(`\n=== ${text}\n`);
}

heading("1. Build the library (dist/ and node_modules/pulumi-jumpcloud)");
execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "inherit" });

heading("2. The Pulumi CLI");
const cli = pulumiCliPath();
process.stdout.write(`${execFileSync(cli, ["version"]).toString().trim()} at ${cli}\n`);
process.stdout.write(`dynamic-provider launcher: ${path.dirname(require.resolve("@pulumi/pulumi/package.json"))}\n`);
