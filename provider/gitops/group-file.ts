/**
 * One group file: YAML text in, validated UserGroup inputs (or every problem, with its line) out.
 */

import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import type { UserGroupInputs } from "../model/user-group";
import { normalizeUserGroupInputs, USER_GROUP_INPUT_KEYS, validateUserGroup } from "../model/user-group-validation";
import { checkWith, isPlainObject } from "../model/validation";
import {
    associationsOf,
    type GitOpsAssociation,
    type GitOpsMember,
    GROUP_GRAPH_KEYS,
    validateGroupGraph,
} from "./group-graph";
import type { GitOpsProblem } from "./problem";
import { parsePropertyPath } from "./property-path";

/** The keys a group file may hold at its top level: the UserGroup inputs, `members` and `associations`. */
export const GROUP_FILE_KEYS = [...USER_GROUP_INPUT_KEYS, ...GROUP_GRAPH_KEYS] as const;

/** The outcome of parsing one file: `inputs` only when there is no problem. */
export interface ParsedGroupFile {
    readonly inputs?: UserGroupInputs;
    /** The members the file lists (absent when it has no `members` key: membership is then not managed). */
    readonly members?: GitOpsMember[];
    /** The associations the file lists (empty when none). */
    readonly associations?: GitOpsAssociation[];
    /** The group's name whenever the file gives one as a string, even if other fields have problems. */
    readonly name?: string;
    readonly problems: GitOpsProblem[];
}

/**
 * Parses and validates one group file. `file` is the name used in problems ("groups/eng.yaml"). Every problem is
 * collected: YAML syntax errors, a file that is not one mapping, unknown keys, wrong types and every UserGroup rule.
 */
export function parseGroupFile(text: string, file: string): ParsedGroupFile {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    const problems: GitOpsProblem[] = [];
    // parseAllDocuments returns an EmptyStream (an empty array) for a file with no document at all.
    const list = Array.isArray(docs) ? docs : [];
    if (list.length === 0) {
        return {
            problems: [{ file, message: 'is empty: write one group as a YAML mapping, e.g. "name: Engineering"' }],
        };
    }
    for (const doc of list) {
        for (const err of doc.errors) {
            problems.push({
                file,
                message: `is not valid YAML: ${firstLine(err.message)} — fix the syntax`,
                line: lineCounter.linePos(err.pos[0]).line,
            });
        }
    }
    if (problems.length > 0) return { problems };
    if (list.length > 1) {
        const second = list[1]?.range?.[0];
        return {
            problems: [
                {
                    file,
                    message: `holds ${list.length} YAML documents: keep one group per file (move the others to their own files)`,
                    ...(second === undefined ? {} : { line: lineCounter.linePos(second).line }),
                },
            ],
        };
    }
    const doc = list[0] as Document.Parsed;
    let value: unknown;
    try {
        value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
        return { problems: [{ file, message: `cannot be read: ${(e as Error).message}` }] };
    }
    if (!isPlainObject(value)) {
        return {
            problems: [
                {
                    file,
                    message: `must hold one YAML mapping of group fields, got ${value === null ? "nothing" : Array.isArray(value) ? "a list" : "a scalar"}: start with "name: <group name>"`,
                },
            ],
        };
    }
    for (const key of Object.keys(value)) {
        // The validator lets engine bookkeeping keys ("__provider") through; a file has no business setting them.
        if (key.startsWith("__")) {
            problems.push(at(doc, lineCounter, { file, property: key, message: "is not a group field: remove it" }));
        }
    }
    const { members, associations, ...groupValue } = value;
    const graph = { members, associations };
    const checked = checkWith(groupValue, validateUserGroup, normalizeUserGroupInputs);
    const failures = [...("failures" in checked ? checked.failures : []), ...validateGroupGraph(graph)];
    for (const f of failures) {
        problems.push(
            at(doc, lineCounter, { file, ...(f.property ? { property: f.property } : {}), message: f.reason }),
        );
    }
    const name = typeof value.name === "string" ? { name: value.name } : {};
    if (problems.length > 0 || !("inputs" in checked)) return { ...name, problems: byLine(problems) };
    const listed = Array.isArray(members)
        ? {
              members: members.map((m, i): GitOpsMember => {
                  const line = at(doc, lineCounter, { file, property: `members[${i}]`, message: "" }).line;
                  return { value: String(m), ...(line === undefined ? {} : { line }) };
              }),
          }
        : {};
    return { ...name, inputs: checked.inputs, ...listed, associations: associationsOf(graph), problems };
}

/** Problems in file order (a stable sort: problems without a line keep their place at the top). */
function byLine(problems: GitOpsProblem[]): GitOpsProblem[] {
    return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function firstLine(message: string): string {
    return message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? message;
}

/** Adds the line of the node the problem's property points at (the deepest node of the path that exists). */
function at(doc: Document.Parsed, lines: LineCounter, problem: GitOpsProblem): GitOpsProblem {
    const offset = locate(doc.contents, problem.property ? parsePropertyPath(problem.property) : []);
    return offset === undefined ? problem : { ...problem, line: lines.linePos(offset).line };
}

function locate(node: Node | null, segments: Array<string | number>): number | undefined {
    let cur: unknown = node;
    let offset = (node as Node | null)?.range?.[0];
    for (const seg of segments) {
        if (isMap(cur)) {
            const pair = cur.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(seg));
            if (!pair) break;
            const keyNode = pair.key as Node | null;
            offset = keyNode?.range?.[0] ?? offset;
            cur = pair.value;
        } else if (isSeq(cur) && typeof seg === "number") {
            const item = cur.items[seg] as Node | undefined;
            if (!item) break;
            offset = item.range?.[0] ?? offset;
            cur = item;
        } else break;
    }
    return offset;
}
