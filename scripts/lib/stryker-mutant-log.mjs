// A StrykerJS reporter ("mutant-log") that appends one JSON line per mutant as soon as it is tested, to
// reports/mutation/<folder>/mutants.jsonl. Stryker writes its own reports only when a run completes; this log lets
// scripts/mutation.js stop a run at its time box and still give the score so far and the surviving mutants.

import * as fs from "node:fs";
import * as path from "node:path";
import { declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";

class MutantLogReporter {
    constructor() {
        this.file = path.resolve("reports", "mutation", process.env.MUTATION_FOLDER ?? "model", "mutants.jsonl");
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        fs.writeFileSync(this.file, "");
    }

    /** First line: how many mutants the run holds (a stopped run tested only some). */
    onMutationTestingPlanReady(event) {
        fs.appendFileSync(this.file, `${JSON.stringify({ planned: event.mutantPlans.length })}\n`);
    }

    onMutantTested(m) {
        const line = {
            id: m.id,
            status: m.status,
            file: path.relative(process.cwd(), m.fileName),
            line: m.location.start.line,
            column: m.location.start.column,
            end: [m.location.end.line, m.location.end.column],
            mutator: m.mutatorName,
            replacement: m.replacement,
        };
        fs.appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    }
}
MutantLogReporter.inject = [];

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "mutant-log", MutantLogReporter)];
