/**
 * Runs the `run:` steps of a GitHub Actions workflow template in a program folder, as a runner would: the
 * workflow's, job's and step's `env` with `${{ secrets.X }}`-style values supplied by the test, each script run by
 * `bash -e` from a file, `$GITHUB_OUTPUT` read back into `steps.<id>.outputs`, `$GITHUB_STEP_SUMMARY` collected into
 * the job summary, the job stopping at the first failed step, and the `if:` conditions the templates use.
 *
 * `uses:` steps (checkout, setup-node, the Pulumi installer) are not run: the program folder already stands for
 * their result. Any other step the test cannot run here must be named in `skip` with the reason, so that nothing is
 * left out silently.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import type { ProgramFolder } from "../../scripts/lib/program-folder";

interface WorkflowStep {
    name?: string;
    id?: string;
    uses?: string;
    run?: string;
    if?: string;
    env?: Record<string, string>;
}

interface Workflow {
    env?: Record<string, string>;
    jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
}

/** What happened to one step. */
export interface StepOutcome {
    readonly name: string;
    /** "success", "failure", "skipped" (after a failure, or its `if:` was false) or "not-run" (see reason). */
    readonly status: "success" | "failure" | "skipped" | "not-run";
    readonly code?: number | null;
    readonly stdout?: string;
    readonly stderr?: string;
    readonly reason?: string;
}

/** The job's result. */
export interface JobOutcome {
    /** "success" unless a step failed. */
    readonly conclusion: "success" | "failure";
    readonly steps: StepOutcome[];
    /** Everything the steps appended to $GITHUB_STEP_SUMMARY. */
    readonly summary: string;
    /** Every step's stdout and stderr, in order: the job log. */
    readonly log: string;
}

/** Options of {@link runWorkflowJob}. */
export interface RunWorkflowOptions {
    /** Values of `${{ ... }}` expressions, e.g. { "secrets.JUMPCLOUD_API_KEY": key }; a missing one is "". */
    readonly values?: Record<string, string>;
    /** Steps not to run, by name, with the reason. */
    readonly skip?: Record<string, string>;
    /** The job to run. @default the workflow's only job */
    readonly job?: string;
    /**
     * Values for entries of the workflow's top-level `env`, as a copy of the template edited for one folder would
     * have them (e.g. `{ STACK: "team-a" }` for a team's stack). Each key must be one the workflow sets.
     */
    readonly workflowEnv?: Record<string, string>;
}

const EXPRESSION = /\$\{\{\s*([^}]+?)\s*\}\}/g;

/** Runs one job of the workflow file at `file` in `folder`. */
export async function runWorkflowJob(
    folder: ProgramFolder,
    file: string,
    opts: RunWorkflowOptions = {},
): Promise<JobOutcome> {
    const workflow = parse(fs.readFileSync(file, "utf8")) as Workflow;
    const jobNames = Object.keys(workflow.jobs);
    const jobName = opts.job ?? (jobNames.length === 1 ? jobNames[0] : undefined);
    const job = jobName === undefined ? undefined : workflow.jobs[jobName];
    if (!job) throw new Error(`${file}: name the job to run (${jobNames.join(", ")})`);
    const values = opts.values ?? {};
    const skip = { ...opts.skip };
    for (const key of Object.keys(opts.workflowEnv ?? {})) {
        if (!(key in (workflow.env ?? {}))) throw new Error(`${file}: the workflow sets no env ${key} to replace`);
    }
    const substitute = (text: string) => text.replace(EXPRESSION, (_, expr: string) => values[expr.trim()] ?? "");
    const scratch = fs.mkdtempSync(path.join(folder.dir, ".runner-"));
    const stepOutputs: Record<string, Record<string, string>> = {};
    const outcomes: StepOutcome[] = [];
    let failed = false;
    let summary = "";
    let log = "";
    try {
        for (const [index, step] of job.steps.entries()) {
            const name = step.name ?? step.run?.split("\n")[0] ?? step.uses ?? `step ${index + 1}`;
            if (step.uses !== undefined) {
                outcomes.push({
                    name,
                    status: "not-run",
                    reason: `uses ${step.uses}: the program folder stands for it`,
                });
                continue;
            }
            if (step.run === undefined) throw new Error(`${file}: step "${name}" has neither run nor uses`);
            const skipReason = skip[name];
            if (skipReason !== undefined) {
                delete skip[name];
                outcomes.push({ name, status: "not-run", reason: skipReason });
                continue;
            }
            if (!shouldRun(step.if, failed, stepOutputs)) {
                outcomes.push({ name, status: "skipped" });
                continue;
            }
            const script = path.join(scratch, `step-${index + 1}.sh`);
            const outputFile = path.join(scratch, `output-${index + 1}`);
            const summaryFile = path.join(scratch, `summary-${index + 1}.md`);
            fs.writeFileSync(script, step.run);
            fs.writeFileSync(outputFile, "");
            fs.writeFileSync(summaryFile, "");
            const env: Record<string, string> = {};
            for (const source of [workflow.env, job.env, step.env]) {
                for (const [k, v] of Object.entries(source ?? {})) env[k] = substitute(String(v));
                if (source === workflow.env) Object.assign(env, opts.workflowEnv);
            }
            const result = await folder.run(["bash", "-e", script], {
                env: { ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, CI: "true" },
                allowFailure: true,
            });
            log += `${result.stdout}${result.stderr}`;
            summary += fs.readFileSync(summaryFile, "utf8");
            if (step.id !== undefined) stepOutputs[step.id] = parseOutputs(fs.readFileSync(outputFile, "utf8"));
            const ok = result.code === 0;
            if (!ok) failed = true;
            outcomes.push({
                name,
                status: ok ? "success" : "failure",
                code: result.code,
                stdout: result.stdout,
                stderr: result.stderr,
            });
        }
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
    const unused = Object.keys(skip);
    if (unused.length > 0) throw new Error(`${file}: no step named ${unused.join(", ")} to skip`);
    return { conclusion: failed ? "failure" : "success", steps: outcomes, summary, log };
}

/** `name=value` lines (the only form the templates write). */
function parseOutputs(text: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of text.split("\n")) {
        const eq = line.indexOf("=");
        if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return out;
}

/**
 * Whether a step runs: no `if:` means "only while nothing failed"; the expressions the templates use are supported
 * (`steps.<id>.outputs.<name> == '<value>'` or `!=`, `always()`, `failure()`), anything else is an error here
 * rather than a silent guess.
 */
function shouldRun(
    condition: string | undefined,
    failed: boolean,
    outputs: Record<string, Record<string, string>>,
): boolean {
    if (condition === undefined) return !failed;
    const expr = condition.replace(EXPRESSION, "$1").trim();
    if (expr === "always()") return true;
    if (expr === "failure()") return failed;
    const m = /^steps\.([\w-]+)\.outputs\.([\w-]+)\s*(==|!=)\s*'([^']*)'$/.exec(expr);
    if (!m) throw new Error(`the workflow runner does not understand the condition: ${condition}`);
    const [, id, key, op, value] = m;
    const actual = outputs[id as string]?.[key as string] ?? "";
    return !failed && (op === "==" ? actual === value : actual !== value);
}
