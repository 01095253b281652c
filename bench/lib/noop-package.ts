/**
 * Installs the floor's no-op provider (bench/noop/*.ts) as a small package under `.work/bench/node_modules/`.
 *
 * Why a package: the closure serializer writes a module found under a `node_modules` folder as a `require(...)`
 * reference and a local module by value. The package's own resources are installed under node_modules, so the floor
 * must be too, or its `__provider` (and the engine's cost of storing and loading it) would not be comparable.
 * Stacks live in `.work/bench/stack-*`, so the dynamic-provider process (which resolves modules from its working
 * folder upwards) finds the floor package in `.work/bench/node_modules` and everything else in the project's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";

/** The floor package's name (never published; it exists only under `.work/`). */
export const NOOP_PACKAGE = "pulumi-jumpcloud-bench-noop";

const SOURCES = ["index.ts", "module-provider.ts", "runtime.ts", "settings.ts"];

/** Transpiles bench/noop/*.ts to CommonJS into `<benchDir>/node_modules/<NOOP_PACKAGE>/dist`; returns its provider. */
export function installNoopPackage(benchDir: string): pulumi.dynamic.ResourceProvider {
    const pkgDir = path.join(benchDir, "node_modules", NOOP_PACKAGE);
    fs.rmSync(pkgDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(pkgDir, "dist"), { recursive: true });
    for (const file of SOURCES) {
        const source = fs.readFileSync(path.join(__dirname, "..", "noop", file), "utf8");
        const out = ts.transpileModule(source, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
            fileName: file,
        });
        fs.writeFileSync(path.join(pkgDir, "dist", file.replace(/\.ts$/, ".js")), out.outputText);
    }
    fs.writeFileSync(
        path.join(pkgDir, "package.json"),
        `${JSON.stringify({ name: NOOP_PACKAGE, version: "0.0.0", private: true, main: "dist/index.js" }, null, 2)}\n`,
    );
    const loaded = require(path.join(pkgDir, "dist", "index.js")) as {
        noopModuleProvider: pulumi.dynamic.ResourceProvider;
    };
    return loaded.noopModuleProvider;
}
