/**
 * What the team-scale suites share: team folders (copies of examples/gitops as shipped, each with its own group
 * files and its own PULUMI_HOME, as separate CI checkouts have), logged in to one PostgreSQL backend and configured
 * for one simulator by environment, the way the workflow templates configure a job; and readers for the state, the
 * org and each runner's client log.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { compatVersions } from "../../../scripts/lib/compat-versions";
import { ensurePulumi, PASSPHRASE, repoRoot } from "../../../scripts/lib/engine";
import { packCurrentPackage } from "../../../scripts/lib/package-tarball";
import type { PostgresCluster } from "../../../scripts/lib/postgres-cluster";
import {
    type CommandResult,
    ProgramFolder,
    type RunningCommand,
    type RunOptions,
    type StackExport,
} from "../../../scripts/lib/program-folder";
import type { RunningSimulator } from "../../../simulator";
import { simAdmin } from "../../../simulator/admin-client";
import { type JobOutcome, runWorkflowJob } from "../../helpers/workflow-steps";

/** The GitOps templates the suites run. */
export const WORKFLOWS = path.join(repoRoot, "examples", "gitops", ".github", "workflows");

/**
 * One team's folder. Its environment holds the API settings but not the backend's password: commands run here get
 * it as PGPASSWORD, and the workflow templates must pass it themselves (the tests prove they do).
 */
export class TeamFolder {
    constructor(
        readonly team: string,
        readonly folder: ProgramFolder,
        /** The file its provider and program log every API call to (`JUMPCLOUD_LOG_FILE`). */
        readonly apiLog: string,
        private readonly pg: PostgresCluster,
    ) {}

    /** `pulumi <args>` in the folder, with the backend's password. */
    pulumi(args: readonly string[], opts: RunOptions = {}): Promise<CommandResult> {
        return this.folder.pulumi(args, { ...opts, env: { ...this.pg.env(), ...opts.env } });
    }

    /** `pulumi <args>` started as a process group of its own (see ProgramFolder.start). */
    start(args: readonly string[], opts: RunOptions = {}): RunningCommand {
        return this.folder.start(["pulumi", ...args], { ...opts, env: { ...this.pg.env(), ...opts.env } });
    }

    /** The client log's text so far. */
    apiLogText(): string {
        return fs.existsSync(this.apiLog) ? fs.readFileSync(this.apiLog, "utf8") : "";
    }
}

/** The names `writeGroupFiles` gives: "<prefix> 001", "<prefix> 002"... */
export function groupNames(prefix: string, count: number): string[] {
    return Array.from({ length: count }, (_, i) => `${prefix} ${String(i + 1).padStart(3, "0")}`);
}

/**
 * Replaces the group files in `dir` (relative to the folder) with `count` groups named after `prefix`, each
 * with `extra` YAML lines (e.g. an `adopt` block).
 */
export function writeGroupFiles(
    folder: ProgramFolder,
    dir: string,
    prefix: string,
    count: number,
    extra = "",
): string[] {
    const abs = path.join(folder.dir, dir);
    fs.rmSync(abs, { recursive: true, force: true });
    fs.mkdirSync(abs, { recursive: true });
    const names = groupNames(prefix, count);
    for (const name of names) {
        const file = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.yaml`;
        fs.writeFileSync(
            path.join(abs, file),
            `name: ${name}\ndescription: owned by ${prefix}\nmembershipMethod: STATIC\n${extra}`,
        );
    }
    return names;
}

/**
 * Prepares one folder per team: examples/gitops installed (once, then copied) from the packed package with the
 * development SDK, its shipped groups replaced by the team's own (the example's names would collide across teams),
 * configured for `sim` and the backend's password by environment, then logged in to the backend (the first login
 * alone: it creates the backend's table).
 */
export async function prepareTeamFolders(
    teams: readonly string[],
    sim: RunningSimulator,
    pg: PostgresCluster,
    groupsPerTeam: number,
): Promise<TeamFolder[]> {
    const devSdk = (require("@pulumi/pulumi/package.json") as { version: string }).version;
    const devTypescript = (require("typescript/package.json") as { version: string }).version;
    const engine = ensurePulumi();
    const tarball = packCurrentPackage();
    const apiLog = (team: string) => {
        const file = path.join(repoRoot, ".work", "folders", `api-${team}-${process.pid}-${Date.now()}.log`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        return file;
    };
    const apiEnv = (log: string) => ({
        JUMPCLOUD_API_URL: sim.url,
        JUMPCLOUD_API_KEY: sim.apiKey,
        JUMPCLOUD_LOG_FILE: log,
    });
    // One install; the other teams' folders are copies of it, as each runner checks out the same repository.
    const [first, ...others] = teams.map((team) => ({ team, log: apiLog(team) }));
    if (!first) return [];
    const installed = await ProgramFolder.prepare({
        example: "examples/gitops",
        packageTarball: tarball,
        pins: {
            "@pulumi/pulumi": devSdk,
            typescript: devTypescript,
            "@types/node": compatVersions().folderPackages["@types/node"] as string,
        },
        engine,
        env: apiEnv(first.log),
    });
    const prepared = [
        new TeamFolder(first.team, installed, first.log, pg),
        ...others.map(({ team, log }) => new TeamFolder(team, installed.clone(apiEnv(log)), log, pg)),
    ];
    for (const t of prepared) writeGroupFiles(t.folder, "groups", title(t.team), groupsPerTeam);
    // The first login creates the backend's table; the others then log in and create their stacks at once.
    await prepared[0]?.pulumi(["login", pg.url]);
    await Promise.all(
        prepared.map(async (t, i) => {
            if (i > 0) await t.pulumi(["login", pg.url]);
            await t.pulumi(["stack", "init", t.team]);
        }),
    );
    return prepared;
}

/** "platform" -> "Platform". */
export function title(team: string): string {
    return team.charAt(0).toUpperCase() + team.slice(1);
}

/** Removes the folders and their API logs. */
export function removeTeamFolders(teams: readonly TeamFolder[]): void {
    for (const t of teams) {
        t.folder.remove();
        fs.rmSync(t.apiLog, { force: true });
    }
}

/**
 * Runs a workflow template's job in a team's folder for its stack, with the secrets and variables a repository of
 * the team setup has: the API key, the PostgreSQL backend URL (no password in it) and its password as PGPASSWORD.
 */
export function runTeamWorkflow(
    t: TeamFolder,
    file: "deploy.yml" | "drift-check.yml",
    sim: RunningSimulator,
    pg: PostgresCluster,
    stack: string = t.team,
): Promise<JobOutcome> {
    return runWorkflowJob(t.folder, path.join(WORKFLOWS, file), {
        values: {
            "secrets.JUMPCLOUD_API_KEY": sim.apiKey,
            "vars.PULUMI_BACKEND_URL": pg.url,
            "secrets.PGPASSWORD": pg.password,
            "secrets.PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
        },
        workflowEnv: { STACK: stack },
        skip: { "npm ci": "the team folder was installed from the packed package" },
    });
}

/** The dynamic UserGroup resources of a stack and its pending operations, as `pulumi stack export` has them. */
export async function stateGroups(folder: TeamFolder, stack: string) {
    const exported = await folder.pulumi(["stack", "export", "--stack", stack]);
    const state = JSON.parse(exported.stdout) as StackExport & {
        deployment: { pending_operations?: unknown[] };
    };
    const groups = (state.deployment.resources ?? []).filter(
        (r) => r.type === "pulumi-nodejs:dynamic/jumpcloud:UserGroup",
    );
    return { groups, pending: state.deployment.pending_operations ?? [] };
}

/** Every group the org holds: id, name and the fields a team's files set. */
export async function orgGroups(sim: RunningSimulator): Promise<Array<Record<string, unknown>>> {
    return (await simAdmin(sim.origin).store<{ userGroups?: Array<Record<string, unknown>> }>()).userGroups ?? [];
}

/** What a runner's client log says it touched: group ids in request paths, and group names in POST bodies. */
export function touchedByLog(text: string): { ids: Set<string>; createdNames: Set<string> } {
    const ids = new Set<string>();
    const createdNames = new Set<string>();
    for (const line of text.split("\n")) {
        const path = / JumpCloud #\d+ [A-Z]+ \/usergroups\/([0-9a-f]{24})\b/.exec(line);
        if (path?.[1]) ids.add(path[1]);
        const body = / JumpCloud #\d+ POST \/usergroups body (\{.*\})$/.exec(line);
        if (body?.[1]) createdNames.add(String((JSON.parse(body[1]) as { name?: unknown }).name));
    }
    return { ids, createdNames };
}

/** The job's steps and log tail, for assertion messages. */
export function describeJob(job: JobOutcome): string {
    return job.steps
        .map((s) => `${s.name}: ${s.status}${s.code === undefined ? "" : ` (${s.code})`}`)
        .concat(job.log.slice(-3000))
        .join("\n");
}
