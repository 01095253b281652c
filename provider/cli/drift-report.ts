/**
 * The drift report: what a refresh preview says differs between the desired state (the program) and the live state
 * (JumpCloud), per resource and field. Pure: it reads either the document `pulumi preview --refresh --json` prints
 * or the engine events of such a preview (Automation API `onEvent`, or a `--event-log` file).
 */
import { parsePropertyPath, valueAtPath } from "../gitops/property-path";

/** The sigil key and value Pulumi uses to mark a secret value in serialized property maps. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
/** How secret values are shown. */
export const SECRET_PLACEHOLDER = "[secret]";
/** The engine's "known after apply" sentinel. */
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One field that differs. `desired`/`live` are undefined when unset on that side, "[secret]" when secret. */
export interface DriftField {
    readonly path: string;
    readonly desired: unknown;
    readonly live: unknown;
    /** True when either side is secret: both sides are then shown as "[secret]". */
    readonly secret: boolean;
}

/**
 * A change to a group's members or associations made outside Pulumi, in the terms of the console: a user added to
 * or removed from the group, an association removed or its attributes changed. User ids are named (email, ...)
 * when the report is rendered.
 */
export type GraphChange =
    | { readonly kind: "member"; readonly change: "added" | "removed"; readonly userId: string }
    | {
          readonly kind: "association";
          readonly change: "removed" | "attributes changed";
          readonly targetType: string;
          readonly targetId: string;
      };

/** One resource whose live state differs from the desired one. */
export interface DriftResource {
    readonly urn: string;
    /** The resource name (last part of the URN). */
    readonly name: string;
    /** The type token without the dynamic-provider prefix ("jumpcloud:UserGroup"). */
    readonly type: string;
    /** What the next `pulumi up` would do: update, replace, create (gone from JumpCloud) or delete (gone from the program). */
    readonly op: string;
    readonly id?: string;
    readonly fields: DriftField[];
    /** The members and associations changed outside Pulumi (memberships, members and associations only). */
    readonly graph?: GraphChange[];
}

/** The whole report. */
export interface DriftReport {
    readonly resources: DriftResource[];
    /** Error diagnostics of the preview (a failed preview is not a clean one). */
    readonly errors: string[];
}

interface StateLike {
    readonly type?: string;
    readonly id?: string;
    readonly inputs?: Record<string, unknown>;
}

/** The common shape of a preview step and a resource-pre event's metadata. */
interface StepLike {
    readonly op: string;
    readonly urn: string;
    readonly type?: string;
    readonly old?: StateLike;
    readonly new?: StateLike;
    readonly diffs?: readonly string[];
    readonly detailedDiff?: Record<string, unknown> | null;
}

/** Operations that change nothing, or that are the refresh itself rather than the plan after it. */
const QUIET_OPS = new Set(["same", "read", "refresh", "discard", "remove-pending-replace"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** True for a serialized secret (the sigil object) or the "[secret]" placeholder the engine prints instead. */
export function isSecretValue(v: unknown): boolean {
    return v === SECRET_PLACEHOLDER || (isObject(v) && v[SECRET_SIG_KEY] === SECRET_SIG_VALUE);
}

function containsSecret(v: unknown): boolean {
    if (isSecretValue(v)) return true;
    if (Array.isArray(v)) return v.some(containsSecret);
    if (isObject(v)) return Object.values(v).some(containsSecret);
    return false;
}

/** The value with every unknown sentinel shown as "(known after apply)". */
function display(v: unknown): unknown {
    if (v === UNKNOWN_VALUE) return "(known after apply)";
    if (Array.isArray(v)) return v.map(display);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, display(x)]));
    return v;
}

function resourceName(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

function shortType(type: string): string {
    return type.replace(/^pulumi-nodejs:dynamic\//, "");
}

/** The steps of a preview document or an event list, in order. */
function stepsOf(input: unknown): { steps: StepLike[]; errors: string[] } {
    const steps: StepLike[] = [];
    const errors: string[] = [];
    if (Array.isArray(input)) {
        for (const ev of input) {
            if (!isObject(ev)) continue;
            const pre = ev.resourcePreEvent;
            if (isObject(pre) && isObject(pre.metadata)) steps.push(fromEventMetadata(pre.metadata));
            const diag = ev.diagnosticEvent;
            if (isObject(diag) && diag.severity === "error" && !diag.ephemeral)
                errors.push(String(diag.message ?? "").trim());
        }
        return { steps, errors };
    }
    if (!isObject(input))
        throw new TypeError("the drift report needs a preview JSON document or a list of engine events");
    for (const s of Array.isArray(input.steps) ? input.steps : []) {
        if (!isObject(s)) continue;
        steps.push({
            op: String(s.op ?? ""),
            urn: String(s.urn ?? ""),
            ...(isObject(s.oldState) ? { old: s.oldState as StateLike } : {}),
            ...(isObject(s.newState) ? { new: s.newState as StateLike } : {}),
            ...(Array.isArray(s.diffReasons) ? { diffs: s.diffReasons.map(String) } : {}),
            ...(isObject(s.detailedDiff) ? { detailedDiff: s.detailedDiff } : {}),
        });
    }
    for (const d of Array.isArray(input.diagnostics) ? input.diagnostics : []) {
        if (isObject(d) && d.severity === "error") errors.push(String(d.message ?? "").trim());
    }
    return { steps, errors };
}

function fromEventMetadata(m: Record<string, unknown>): StepLike {
    return {
        op: String(m.op ?? ""),
        urn: String(m.urn ?? ""),
        ...(typeof m.type === "string" ? { type: m.type } : {}),
        ...(isObject(m.old) ? { old: m.old as StateLike } : {}),
        ...(isObject(m.new) ? { new: m.new as StateLike } : {}),
        ...(Array.isArray(m.diffs) ? { diffs: m.diffs.map(String) } : {}),
        ...(isObject(m.detailedDiff) ? { detailedDiff: m.detailedDiff } : {}),
    };
}

/** Leaf paths where two input maps differ: objects are walked, arrays and scalars compared whole. */
function differingPaths(a: unknown, b: unknown, base = ""): string[] {
    if (isObject(a) && isObject(b) && !isSecretValue(a) && !isSecretValue(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        return keys.flatMap((k) => differingPaths(a[k], b[k], joinPath(base, k)));
    }
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [base];
}

function joinPath(base: string, key: string): string {
    if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return base === "" ? key : `${base}.${key}`;
    return `${base}[${JSON.stringify(key)}]`;
}

/** Engine bookkeeping (the serialized provider) is never a field the user manages. */
const isInternal = (path: string): boolean => String(parsePropertyPath(path)[0] ?? "").startsWith("__");

function fieldsOf(step: StepLike): DriftField[] {
    const desiredInputs = step.new?.inputs ?? {};
    const liveInputs = step.old?.inputs ?? {};
    // The provider's own diff keys come first (they reflect its canonical comparison); without any, the inputs are
    // compared directly.
    let paths = Object.keys(step.detailedDiff ?? {});
    if (paths.length === 0) paths = [...(step.diffs ?? [])];
    if (paths.length === 0) paths = differingPaths(desiredInputs, liveInputs);
    const seen = new Set<string>();
    const out: DriftField[] = [];
    for (const path of paths) {
        if (isInternal(path) || seen.has(path) || path === "") continue;
        seen.add(path);
        const desired = valueAtPath(desiredInputs, path);
        const live = valueAtPath(liveInputs, path);
        const secret = containsSecret(desired) || containsSecret(live);
        out.push({
            path,
            desired: secret ? (desired === undefined ? undefined : SECRET_PLACEHOLDER) : display(desired),
            live: secret ? (live === undefined ? undefined : SECRET_PLACEHOLDER) : display(live),
            secret,
        });
    }
    return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

const idsOf = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").map((x) => x.toLowerCase()) : [];

/**
 * The console-side story of a membership, member or association step: for an authoritative membership, the users
 * JumpCloud has and the program does not ("added in the console": `up` removes them) and the other way round
 * ("removed in the console": `up` adds them back); a member or association resource that JumpCloud no longer has
 * ("removed in the console"); an association whose attributes differ.
 */
function graphChangesOf(type: string, op: string, step: StepLike): GraphChange[] {
    const desired = step.new?.inputs ?? {};
    const live = step.old?.inputs ?? {};
    if (type.endsWith(":UserGroupMembership") && op === "update") {
        const want = new Set(idsOf(desired.userIds));
        const have = new Set(idsOf(live.userIds));
        return [
            ...[...have]
                .filter((id) => !want.has(id))
                .sort()
                .map((userId): GraphChange => ({ kind: "member", change: "added", userId })),
            ...[...want]
                .filter((id) => !have.has(id))
                .sort()
                .map((userId): GraphChange => ({ kind: "member", change: "removed", userId })),
        ];
    }
    if (type.endsWith(":UserGroupMember") && op === "create" && typeof desired.userId === "string") {
        return [{ kind: "member", change: "removed", userId: desired.userId.toLowerCase() }];
    }
    if (type.endsWith(":UserGroupAssociation") && (op === "create" || op === "update")) {
        const targetType = String(desired.targetType ?? live.targetType ?? "");
        const targetId = String(desired.targetId ?? live.targetId ?? "").toLowerCase();
        if (targetType === "" || targetId === "") return [];
        return [
            { kind: "association", change: op === "create" ? "removed" : "attributes changed", targetType, targetId },
        ];
    }
    return [];
}

function normalizeOp(op: string): string {
    if (op.startsWith("create-replacement") || op === "replace" || op.startsWith("delete-replaced")) return "replace";
    return op;
}

/**
 * Builds the drift report of a refresh preview: `input` is the parsed output of `pulumi preview --refresh --json`
 * or a list of engine events of such a preview. For every resource, the last planned step counts (a refresh
 * preview may list a resource's refresh before its update); the stack itself and unchanged resources are left out.
 */
export function driftReport(input: unknown): DriftReport {
    const { steps, errors } = stepsOf(input);
    const last = new Map<string, StepLike>();
    for (const s of steps) {
        if (!s.urn || QUIET_OPS.has(s.op)) continue;
        const type = s.type ?? s.new?.type ?? s.old?.type ?? "";
        if (type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:")) continue;
        last.set(s.urn, s);
    }
    const resources: DriftResource[] = [];
    const byUrn = new Map<string, DriftResource>();
    for (const s of last.values()) {
        const type = shortType(s.type ?? s.new?.type ?? s.old?.type ?? "");
        const op = normalizeOp(s.op);
        const id = s.old?.id || s.new?.id;
        const fields = op === "create" || op === "delete" ? [] : fieldsOf(s);
        // A replacement shows up as several steps; report the resource once.
        const existing = byUrn.get(s.urn);
        if (existing) {
            existing.fields.push(...fields.filter((f) => !existing.fields.some((e) => e.path === f.path)));
            continue;
        }
        const graph = graphChangesOf(type, op, s);
        const r: DriftResource = {
            urn: s.urn,
            name: resourceName(s.urn),
            type,
            op,
            ...(id ? { id } : {}),
            fields,
            ...(graph.length > 0 ? { graph } : {}),
        };
        byUrn.set(s.urn, r);
        resources.push(r);
    }
    resources.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.urn < b.urn ? -1 : 1));
    return { resources, errors: errors.filter((e) => e !== "") };
}

/** Every user id a report's member changes name (to look up their emails), sorted, without repeats. */
export function changedUserIds(report: DriftReport): string[] {
    const ids = new Set<string>();
    for (const r of report.resources) {
        for (const c of r.graph ?? []) if (c.kind === "member") ids.add(c.userId);
    }
    return [...ids].sort();
}

/**
 * One change as a sentence: "alice@example.com added in the console", "system 5f0c… association removed in the
 * console". `names` maps lower-cased user ids to what to call them; an id without a name is shown as is.
 */
export function graphChangeText(change: GraphChange, names: ReadonlyMap<string, string> = new Map()): string {
    if (change.kind === "member") return `${names.get(change.userId) ?? change.userId} ${change.change} in the console`;
    return `${change.targetType} ${change.targetId} association ${change.change} in the console`;
}
