/**
 * The import rules of docs/architecture.md, checked on the sources: what each folder of provider/ may import, that
 * only resources/ and functions/ import @pulumi/pulumi, and that provider/ and simulator/ never import each other.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

/** Every .ts file under a folder, relative to the repository. */
function sources(dir: string): string[] {
    return fs
        .readdirSync(path.join(root, dir), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => path.join(dir, f));
}

/** The module specifiers a file imports or requires (comments included: a commented import is still a plan). */
function imports(file: string): string[] {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const found = [...text.matchAll(/(?:from|import|require\()\s*"([^"]+)"/g)].map((m) => m[1] ?? "");
    return found.filter((s) => s !== "");
}

/** A relative specifier as a path from the repository root (no extension); a package name as it is. */
function target(file: string, specifier: string): string {
    if (!specifier.startsWith(".")) return specifier;
    return path
        .relative(root, path.resolve(root, path.dirname(file), specifier))
        .split(path.sep)
        .join("/");
}

/** What each part of provider/ may import: repository paths (a prefix) and packages. */
const ALLOWED: Array<{ from: string; may: readonly string[] }> = [
    { from: "provider/client/", may: ["provider/client/", "node:", "node-fetch"] },
    { from: "provider/config", may: ["provider/client/"] },
    { from: "provider/client-cache", may: ["provider/client", "provider/config", "provider/file-logger"] },
    { from: "provider/file-logger", may: ["provider/client", "provider/config", "node:"] },
    {
        from: "provider/model/",
        may: ["provider/model/", "provider/client/types", "provider/client/paths", "fast-deep-equal", "node:"],
    },
    {
        from: "provider/runtime/",
        may: ["provider/runtime/", "provider/model/", "provider/client/", "provider/config", "provider/client-cache"],
    },
    {
        from: "provider/resources/",
        may: ["provider/resources/", "provider/runtime/", "provider/client/types", "@pulumi/pulumi"],
    },
    {
        from: "provider/functions/",
        may: [
            "provider/functions/",
            "provider/client/",
            "provider/model/",
            "provider/runtime/errors",
            "provider/config",
            "provider/client-cache",
            "@pulumi/pulumi",
        ],
    },
    {
        from: "provider/gitops/",
        may: ["provider/gitops/", "provider/model/", "provider/client/types", "yaml", "node:"],
    },
    {
        from: "provider/cli/",
        may: [
            "provider/cli/",
            "provider/client/",
            "provider/config",
            "provider/client-cache",
            "provider/gitops/",
            "provider/model/",
            "node:",
        ],
    },
    { from: "provider/index", may: ["provider/"] },
];

describe("layout (docs/architecture.md)", () => {
    const files = sources("provider");

    it("every file of provider/ has a rule", () => {
        const unruled = files.filter((f) => !ALLOWED.some((r) => f.startsWith(r.from)));
        assert.deepEqual(unruled, []);
    });

    for (const rule of ALLOWED) {
        it(`${rule.from}* imports only ${rule.may.join(", ")}`, () => {
            const wrong = files
                .filter((f) => f.startsWith(rule.from))
                .flatMap((f) => imports(f).map((s) => [f, target(f, s)] as const))
                // A provider module names its own published path in a comment of the form "pulumi-jumpcloud/...".
                .filter(([, t]) => !t.startsWith("pulumi-jumpcloud/") && !rule.may.some((m) => t.startsWith(m)))
                .map(([f, t]) => `${f} -> ${t}`);
            assert.deepEqual(wrong, []);
        });
    }

    it("only resources/ and functions/ import @pulumi/pulumi", () => {
        const wrong = files.filter(
            (f) =>
                !f.startsWith("provider/resources/") &&
                !f.startsWith("provider/functions/") &&
                imports(f).some((s) => s.startsWith("@pulumi/")),
        );
        assert.deepEqual(wrong, []);
    });

    it("simulator/ never imports provider/, and provider/ never imports simulator/", () => {
        const simulatorToProvider = sources("simulator").filter((f) =>
            imports(f).some((s) => target(f, s).startsWith("provider/")),
        );
        const providerToSimulator = files.filter((f) => imports(f).some((s) => target(f, s).startsWith("simulator/")));
        assert.deepEqual([simulatorToProvider, providerToSimulator], [[], []]);
    });
});
