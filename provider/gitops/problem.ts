/**
 * Problems found in a folder of group files, and the error that carries all of them at once.
 */

/** One problem in one file: `property` is the input path ("attributes.posixGroups[0].id"), absent for file-level ones. */
export interface GitOpsProblem {
    /** The file as shown to the user ("groups/eng.yaml"). */
    readonly file: string;
    /** The input path, when the problem is about one field. */
    readonly property?: string;
    /** 1-based line of the offending node, when known. */
    readonly line?: number;
    /** What is wrong and how to fix it. */
    readonly message: string;
}

/** One line per problem: `groups/eng.yaml: attributes.posixGroups[0].id must be an integer ... (line 7)`. */
export function formatProblem(p: GitOpsProblem): string {
    const where = p.line === undefined ? "" : ` (line ${p.line})`;
    const subject = p.property ? `${p.property} ` : "";
    return `${p.file}: ${subject}${p.message}${where}`;
}

const BRAND = Symbol.for("pulumi-jumpcloud.GitOpsValidationError");

/** Thrown by the loader when any file is invalid; lists every problem of every file, not just the first. */
export class GitOpsValidationError extends Error {
    override readonly name = "GitOpsValidationError";
    readonly [BRAND] = true;

    constructor(readonly problems: readonly GitOpsProblem[]) {
        const files = new Set(problems.map((p) => p.file)).size;
        super(
            `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${files} group file${files === 1 ? "" : "s"}; ` +
                `nothing was changed:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`,
        );
    }
}

/** Recognises a {@link GitOpsValidationError} by its brand (two copies of the package may be loaded). */
export function isGitOpsValidationError(e: unknown): e is GitOpsValidationError {
    return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
