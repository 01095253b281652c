/**
 * `npm run test:breakages`: shows that the unit and contract suites catch a UserGroup field the diff stops
 * comparing (issue 19: each of these left every test green before the field tables). Each breakage is applied to a
 * scratch copy of the working tree under .work/breakages/, where the mocha suites run as `npm test` runs them (no
 * lint or type-check: only failing tests count); a copy without a breakage must pass, so the failures are the
 * breakage's. Prints, per breakage, the tests that failed, and exits non-zero unless every breakage fails one.
 *
 *   npm run test:breakages                 every breakage
 *   npm run test:breakages -- email        those whose name contains "email"
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const scratch = path.join(root, ".work", "breakages");
/** What runs in each copy: the suites that need no engine. */
const SUITES = ["test/unit", "test/contract"];

/** One deliberate bug: replace `find` (which must match exactly once) by `replace` in `file`. */
interface Breakage {
    readonly name: string;
    readonly file: string;
    readonly find: RegExp;
    readonly replace: string;
}

/** The fields of issue 19. */
const FIELDS = ["email", "memberQueryExemptions", "memberSuggestionsNotify"];

/**
 * Two ways each field drops out of what the diff compares: from the loop of `differingFields` (the diff alone is
 * blind, the POST and PUT still carry the field), and from `BODY_FIELDS`, the list the diff, the bodies and the
 * managed fields all come from.
 */
const BREAKAGES: Breakage[] = FIELDS.flatMap((field) => [
    {
        name: `${field}: not compared by the diff (differingFields)`,
        file: "provider/model/user-group-canonical.ts",
        find: /^ {4}for \(const f of BODY_FIELDS\) \{$/gm,
        replace: `    for (const f of BODY_FIELDS.filter((b) => b !== "${field}")) {`,
    },
    {
        name: `${field}: removed from BODY_FIELDS`,
        file: "provider/model/user-group.ts",
        // The one line naming the field inside `export const BODY_FIELDS = [ ... ]`.
        find: new RegExp(`(export const BODY_FIELDS = \\[[^\\]]*?)\\n {4}"${field}",`, "g"),
        replace: "$1",
    },
]);

/** Copies the working tree (tracked and untracked files, not ignored ones) to `dest`, node_modules linked. */
function copyTree(dest: string): void {
    fs.rmSync(dest, { recursive: true, force: true });
    const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root });
    if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
    for (const file of listed.stdout.toString().split("\0").filter(Boolean)) {
        const from = path.join(root, file);
        // A file deleted in the working tree but still in the index is not part of the tree being tested.
        if (!fs.existsSync(from)) continue;
        fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
        fs.copyFileSync(from, path.join(dest, file));
    }
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dest, "node_modules"), "dir");
}

function apply(dir: string, b: Breakage): void {
    const file = path.join(dir, b.file);
    const text = fs.readFileSync(file, "utf8");
    // matchAll, not split: split would also count the pattern's capture groups.
    const count = [...text.matchAll(b.find)].length;
    // The code moved on: the breakage must be rewritten, not silently skipped.
    if (count !== 1) throw new Error(`${b.name}: expected exactly one ${String(b.find)} in ${b.file}, found ${count}`);
    fs.writeFileSync(file, text.replace(b.find, b.replace));
}

/** Runs the suites in `dir`; answers the titles of the failed tests. */
function failingTests(dir: string): string[] {
    const failures = path.join(dir, ".failures.jsonl");
    fs.rmSync(failures, { force: true });
    const run = spawnSync(process.execPath, [path.join(dir, "scripts", "lib", "run-mocha.js"), ...SUITES], {
        cwd: dir,
        env: { ...process.env, MOCHA_FAILURES_FILE: failures },
        stdio: ["ignore", "ignore", "inherit"],
    });
    const titles = fs.existsSync(failures)
        ? fs
              .readFileSync(failures, "utf8")
              .split("\n")
              .filter(Boolean)
              .map((line) => (JSON.parse(line) as { title: string }).title)
        : [];
    // A crash before any test ran has no titles but a failed exit: never read that as "caught".
    if (run.status !== 0 && titles.length === 0)
        titles.push(`(mocha exited ${run.status ?? run.signal} without a failed test)`);
    return titles;
}

function main(): void {
    const filter = process.argv[2];
    const chosen = BREAKAGES.filter((b) => filter === undefined || b.name.includes(filter));
    if (chosen.length === 0) throw new Error(`no breakage matches "${filter}"`);
    fs.mkdirSync(scratch, { recursive: true });

    const started = Date.now();
    const control = path.join(scratch, "control");
    copyTree(control);
    const controlFailures = failingTests(control);
    console.log(`control (no breakage): ${controlFailures.length} failed`);
    for (const t of controlFailures) console.log(`  ${t}`);
    let ok = controlFailures.length === 0;

    for (const [i, b] of chosen.entries()) {
        const dir = path.join(scratch, `breakage-${i + 1}`);
        copyTree(dir);
        apply(dir, b);
        const failed = failingTests(dir);
        ok &&= failed.length > 0;
        console.log(
            `\n${b.name}: ${failed.length === 0 ? "NOT CAUGHT, every test passed" : `${failed.length} failed`}`,
        );
        for (const t of failed) console.log(`  ${t}`);
        fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.rmSync(control, { recursive: true, force: true });
    console.log(`\n${ok ? "every breakage fails a test" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    process.exit(ok ? 0 : 1);
}

main();
