#!/usr/bin/env node
// `npm test`: lint, type-check, build, then every test suite (unit, simulator, contract, end-to-end through the
// real Pulumi engine) under c8 coverage. Extra arguments narrow the run: `npm test -- test/unit` or
// `npm test -- --grep UserGroup`. Ends with the plain line "N passed, N failed".

const { execFileSync, spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const started = Date.now();

function step(title, cmd, args, opts = {}) {
    const t0 = Date.now();
    process.stdout.write(`\n== ${title}\n`);
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
    if (r.status !== 0) {
        process.stdout.write(`\n${title} failed (exit ${r.status ?? r.signal})\n0 passed, 1 failed\n`);
        process.exit(r.status || 1);
    }
    process.stdout.write(`== ${title}: ok in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
}

const args = process.argv.slice(2);
step("lint (biome)", bin("biome"), ["ci", "--colors=off", "."]);
step("type-check (tsc)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
step("build (dist/ and node_modules/pulumi-jumpcloud)", bin("tsc"), ["-p", "tsconfig.build.json"]);
step("install the built package", process.execPath, [path.join(__dirname, "install-self.js")]);

// The engine (the CLI and the Node.js language host): from PATH, or the cached build, or built now (minutes, once
// per machine).
process.stdout.write("\n== Pulumi CLI and Node.js language host\n");
const engine = JSON.parse(
    execFileSync("bash", [path.join(__dirname, "ensure-pulumi"), "--json"], {
        cwd: root,
        stdio: ["ignore", "pipe", "inherit"],
    })
        .toString()
        .trim()
        .split("\n")
        .pop(),
);
process.stdout.write(`pulumi ${engine.version}: ${engine.pulumi}\nlanguage host: ${engine.languageHost}\n`);

const env = {
    ...process.env,
    PULUMI_JUMPCLOUD_PULUMI: engine.pulumi,
    PULUMI_JUMPCLOUD_PULUMI_VERSION: engine.version,
    PULUMI_JUMPCLOUD_LANGUAGE_HOST: engine.languageHost,
};
const coverage = [
    bin("c8"),
    "--reporter=text-summary",
    "--reporter=lcov",
    "--include=provider/**",
    "--include=simulator/**",
    "--include=dist/**",
    "--exclude-after-remap",
];
if (args.length === 0) {
    // Floors a little under what the whole suite reaches today (97.6% lines, 87.2% branches, 95% functions): raise
    // them as tests are added, never lower them. A narrowed run (`npm test -- test/unit`) is not held to them.
    coverage.push("--check-coverage", "--lines=95", "--branches=85", "--functions=93");
}
const runner = [process.execPath, path.join(__dirname, "lib", "run-mocha.js"), ...args];
const r = spawnSync(coverage[0], [...coverage.slice(1), ...runner], { cwd: root, stdio: "inherit", env });
process.stdout.write(`\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
process.exit(r.status ?? 1);
