// Mutation testing (StrykerJS) of provider/model, provider/runtime and provider/client with the unit and contract
// suites. Run it through `npm run test:mutation -- <folder>`: scripts/mutation.js adds what differs per folder (the
// files to mutate, the incremental file, the report paths). See README, Testing, for when to run it and the scores.

/** The folder of provider/ under test, set by scripts/mutation.js. @default "model" */
const folder = process.env.MUTATION_FOLDER ?? "model";
const reports = `reports/mutation/${folder}`;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
    mutate: [`provider/${folder}/**/*.ts`],
    packageManager: "npm",
    testRunner: "mocha",
    mochaOptions: {
        // The suites that run without the engine: each mutant costs seconds, not minutes.
        spec: ["test/unit/**/*.test.ts", "test/contract/**/*.test.ts"],
        extension: ["ts"],
        // As scripts/lib/run-mocha.js: tsc type-checks separately (here: the typescript checker, per mutant).
        require: ["ts-node/register/transpile-only"],
        "no-config": true,
        "no-package": true,
    },
    // A mutant the compiler rejects is reported as a compile error and never runs the tests.
    checkers: ["typescript"],
    tsconfigFile: "tsconfig.build.json",
    // Each mutant runs only the tests that reach it.
    coverageAnalysis: "perTest",
    // A static mutant (in code run when a module loads: the field lists, the enums, the limits) cannot be traced to
    // the tests that reach it, so each one reruns both suites (about 40 s here): model/ alone has about 300, hours of
    // work. They are left out unless MUTATION_STATIC=1 (`npm run test:mutation -- <folder> --with-static`); the
    // field tables (test/contract/field-table.test.ts) hold the field lists against the public Args types instead.
    ignoreStatic: process.env.MUTATION_STATIC !== "1",
    // Two processes (one type-checker, one test runner) on these 2-core machines shared with other work; more only
    // adds contention.
    concurrency: 2,
    // Generous: the machine is shared, and a slow run must not count as an infinite loop.
    timeoutMS: 10_000,
    dryRunTimeoutMinutes: 10,
    tempDirName: ".work/stryker-tmp",
    cleanTempDir: "always",
    // The sandbox copy needs the sources, tests and scripts; not builds, reports or scratch state.
    ignorePatterns: ["dist", "coverage", "reports", ".work", ".sim-data", "bench/results", "examples/*/node_modules"],
    // Incremental: a rerun tests only the mutants whose code or covering tests changed since the last run.
    incremental: true,
    incrementalFile: `${reports}/incremental.json`,
    // mutant-log (scripts/lib/stryker-mutant-log.mjs): one line per mutant as it is tested, so that a run stopped at
    // its time box still has a score and its survivors.
    appendPlugins: ["./scripts/lib/stryker-mutant-log.mjs"],
    reporters: ["clear-text", "progress", "json", "html", "mutant-log"],
    jsonReporter: { fileName: `${reports}/mutation.json` },
    htmlReporter: { fileName: `${reports}/index.html` },
};
