/**
 * Runs rows of the invalid-input table, either through the runtime's `check` (and the functions and the YAML loader
 * called directly), or through the engine: a `pulumi preview` whose program declares the rows.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { repoRoot } from "../../../scripts/lib/engine";
import { simAdmin } from "../../../simulator/admin-client";
import { jumpcloud } from "../../helpers/e2e";
import { writes } from "../../helpers/logged-requests";
import type { BadInput } from "./bad-input-table";
import { type Json, OutputLog, type Rig, startRig } from "./harness";

type Check = (olds: unknown, news: unknown) => Promise<{ failures?: Array<{ property: string; reason: string }> }>;

const RUNTIME_MODULE: Record<string, string> = {
    UserGroup: "user-group",
    WorkdayInstance: "workday-instance",
    WorkdayImport: "workday-import",
    UserPushEndpoint: "push-endpoint",
    UserGroupMembership: "user-group-membership",
    UserGroupMember: "user-group-member",
    UserGroupAssociation: "user-group-association",
};

function runtimeCheck(target: string): Check {
    const mod = require(
        path.join(repoRoot, "node_modules", "pulumi-jumpcloud", "dist", "runtime", RUNTIME_MODULE[target]!),
    );
    return mod.check as Check;
}

/** Without undefined values: an absent key, as a program that omits it. */
function present(input: Json): Json {
    return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

/** The message(s) a row produces without the engine: runtime `check`, the function, or the YAML parser. */
export async function directMessage(row: BadInput): Promise<string> {
    const jc = jumpcloud() as unknown as Record<string, unknown>;
    if (row.target === "function") {
        const call = jc[String(row.input["fn"])] as (a: unknown) => Promise<unknown>;
        try {
            await call(row.input["args"]);
        } catch (e) {
            return (e as Error).message;
        }
        return "";
    }
    if (row.target === "yaml") {
        const parse = jc["parseGroupFile"] as (text: string, file: string) => { problems: Json[] };
        const format = jc["formatProblem"] as (p: Json) => string;
        return parse(String(row.input["yaml"]), `groups/${row.id}.yaml`).problems.map(format).join("\n");
    }
    const result = await runtimeCheck(row.target)({}, present(row.input));
    return (result.failures ?? []).map((f) => `${f.property}: ${f.reason}`).join("\n");
}

/** A rig whose program declares whatever rows are set, for previews. */
export class BadInputPreviewer {
    private rows: BadInput[] = [];
    private groupsDir = "";
    private constructor(readonly rig: Rig) {}

    static async start(): Promise<BadInputPreviewer> {
        let self: BadInputPreviewer | undefined;
        const rig = await startRig({
            project: "reliability-bad-input",
            program: async () => self!.program(),
        });
        self = new BadInputPreviewer(rig);
        self.groupsDir = path.join(rig.engine.dir, "groups");
        return self;
    }

    private async program(): Promise<void> {
        const jc = jumpcloud() as unknown as Record<string, unknown>;
        const yamlRows = this.rows.filter((r) => r.target === "yaml");
        if (yamlRows.length > 0) {
            const load = jc["loadGroupFolder"] as (dir: string) => unknown;
            load(this.groupsDir);
        }
        for (const row of this.rows) {
            if (row.target === "function") {
                const call = jc[String(row.input["fn"])] as (a: unknown) => Promise<unknown>;
                await call(row.input["args"]);
            } else if (row.target !== "yaml") {
                const Ctor = jc[row.target] as new (name: string, args: unknown) => unknown;
                new Ctor(row.id, present(row.input));
            }
        }
    }

    /**
     * Previews the rows together: every resource row, at most one function row (its rejection ends the program),
     * and any number of YAML rows (the loader reports every file at once). Returns, per row, the text the engine
     * printed about it, and checks that the preview failed and the simulator saw no write.
     */
    async preview(rows: BadInput[]): Promise<Map<string, string>> {
        assert.ok(rows.filter((r) => r.target === "function").length <= 1, "one function row per preview");
        this.rows = rows;
        fs.rmSync(this.groupsDir, { recursive: true, force: true });
        fs.mkdirSync(this.groupsDir, { recursive: true });
        for (const row of rows.filter((r) => r.target === "yaml")) {
            fs.writeFileSync(path.join(this.groupsDir, `${row.id}.yaml`), String(row.input["yaml"]));
        }
        const since = await simAdmin(this.rig.sim.origin).lastSeq();
        const events: EngineEvent[] = [];
        const log = new OutputLog();
        let failed = false;
        try {
            await this.rig.engine.preview({
                onEvent: (e) => events.push(e),
                onOutput: log.onOutput,
                onError: log.onError,
            });
        } catch {
            failed = true;
        }
        assert.ok(failed, "the preview of invalid inputs succeeded");
        const requests = await simAdmin(this.rig.sim.origin).requests(since);
        assert.deepEqual(writes(requests), [], "a preview of invalid inputs wrote to the API");

        const out = new Map<string, string>();
        const diagnostics = events.flatMap((e) => (e.diagnosticEvent ? [e.diagnosticEvent] : []));
        const all = `${diagnostics.map((d) => d.message).join("\n")}\n${log.text()}`;
        for (const row of rows) {
            if (row.target === "function") out.set(row.id, all);
            else if (row.target === "yaml") {
                out.set(
                    row.id,
                    all
                        .split("\n")
                        .filter((l) => l.includes(`${row.id}.yaml`))
                        .join("\n"),
                );
            } else {
                const urnEnd = `::${row.id}`;
                out.set(
                    row.id,
                    diagnostics
                        .filter((d) => d.urn?.endsWith(urnEnd))
                        .map((d) => d.message)
                        .join("\n"),
                );
            }
        }
        return out;
    }

    /** Requests the simulator saw at all (a preview of invalid inputs should need none). */
    async requestCount(): Promise<number> {
        return (await simAdmin(this.rig.sim.origin).requests()).length;
    }
}

/** Asserts that `message` names the row's property; returns an error text instead of throwing, for tables. */
export function namesProperty(row: BadInput, message: string): string | undefined {
    if (message.includes(row.property)) return undefined;
    return `${row.id} (${row.target}, ${row.what}): the message does not name "${row.property}": ${JSON.stringify(message.slice(0, 300))}`;
}
