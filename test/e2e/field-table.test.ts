/**
 * The engine half of the field tables: the rows marked `engine` (a representative subset of every resource type
 * and class; test/contract/field-table.test.ts runs every row without the engine) through the real engine, one
 * resource per row in one stack, all changed in one step, each in its own field alone:
 * - the preview shows each resource's change in exactly its field, as an update, a replace or no change by class;
 * - `up` applies it: the API holds each new value and every other field as before;
 * - the next preview is clean;
 * - each field changed in the console shows on `preview --refresh` as drift in that field alone.
 */
import * as assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { tableContext, without } from "../helpers/field-table/context";
import { FIELD_TABLES } from "../helpers/field-table/index";
import {
    type FieldRow,
    type Json,
    type ResourceTable,
    rowKey,
    type TableContext,
    topLevel,
    withField,
} from "../helpers/field-table/table";

/** One row's resource in the stack. */
interface Case {
    readonly table: ResourceTable<unknown>;
    readonly row: FieldRow<unknown>;
    /** The Pulumi resource name. */
    readonly name: string;
    readonly before: Json;
    readonly after: Json;
    fx: unknown;
}

/** Which engine operations each class expects for the change. */
const EXPECTED_OP: Record<string, string> = {
    update: "update",
    "write-only": "update",
    replace: "replace",
    "program-only": "same",
    "state-only": "update",
};

/**
 * The inputs a row's resource has in this stack, where several rows share one organisation: group names are
 * unique, so each group gets its own; the organisation has one Workday instance, which the import rows' fixture
 * created, so the instance row adopts it (`adopt` changes nothing once the instance is managed).
 */
function coexisting(table: ResourceTable<unknown>, row: FieldRow<unknown>, inputs: Json): Json {
    if (table.resource === "UserGroup") return { ...inputs, name: `${String(inputs["name"])} (${rowKey(row)})` };
    if (table.resource === "WorkdayInstance") return { ...inputs, adopt: true };
    return inputs;
}

/** Per resource name: the engine's operation and the top-level inputs whose values it saw change. */
function changes(events: EngineEvent[]): Record<string, { op: string; fields: string[] }> {
    const out: Record<string, { op: string; fields: string[] }> = {};
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        // The step that deletes a replaced resource has no new inputs: its own comparison means nothing.
        if (!m?.type.startsWith("pulumi-nodejs:dynamic/jumpcloud:") || ["refresh", "delete-replaced"].includes(m.op)) {
            continue;
        }
        const name = m.urn.split("::").pop() ?? m.urn;
        const olds = (m.old?.inputs ?? {}) as Json;
        const news = (m.new?.inputs ?? {}) as Json;
        const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
        keys.delete("__provider");
        // A replacement shows as two steps here (create-replacement, replace): both are "replace".
        out[name] = {
            op: m.op === "create-replacement" ? "replace" : m.op,
            fields: m.op === "same" ? [] : [...keys].filter((k) => !isDeepStrictEqual(olds[k], news[k])).sort(),
        };
    }
    return out;
}

describe("field tables through the real engine (a representative subset)", function () {
    this.timeout(900_000);
    let e2e: E2E;
    let ctx: TableContext;
    let phase: "before" | "after" = "before";
    const cases: Case[] = [];
    const ids: Record<string, string> = {};

    before(async () => {
        e2e = await startE2E({
            project: "field-table-e2e",
            program: async () => {
                const jc = jumpcloud();
                const classes: Record<string, new (name: string, args: never) => { id: unknown }> = {
                    UserGroup: jc.UserGroup,
                    WorkdayInstance: jc.WorkdayInstance,
                    WorkdayImport: jc.WorkdayImport,
                    UserPushEndpoint: jc.UserPushEndpoint,
                    UserGroupMembership: jc.UserGroupMembership,
                    UserGroupMember: jc.UserGroupMember,
                    UserGroupAssociation: jc.UserGroupAssociation,
                };
                const out: Record<string, unknown> = {};
                for (const c of cases) {
                    const Resource = classes[c.table.resource];
                    if (!Resource) throw new Error(`no resource class ${c.table.resource} in the package`);
                    out[c.name] = new Resource(c.name, (phase === "before" ? c.before : c.after) as never).id;
                }
                return out;
            },
        });
        // The fixtures give the key a second organisation, so every call must name one.
        await e2e.engine.stack.setConfig("jumpcloud:orgId", { value: e2e.sim.orgId });
        ctx = tableContext(e2e.sim);
        for (const table of FIELD_TABLES) {
            const rows = table.rows.filter((r) => r.engine);
            if (rows.length === 0) continue;
            const fx = await table.arrange(ctx);
            for (const row of rows) {
                const before = coexisting(table, row, { ...table.base(fx), ...row.before?.(fx) });
                const after = withField(before, row.field, row.value(fx));
                const name = `${table.resource}-${rowKey(row)
                    .replace(/[^A-Za-z0-9]+/g, "-")
                    .replace(/-$/, "")}`;
                cases.push({ table, row, name, before, after, fx });
            }
        }
    });
    after(async () => e2e?.close());

    it("the subset covers every resource type and every class that changes something", () => {
        assert.deepEqual(
            [...new Set(cases.map((c) => c.table.resource))].sort(),
            FIELD_TABLES.map((t) => t.resource).sort(),
        );
        assert.deepEqual([...new Set(cases.map((c) => c.row.class))].sort(), [
            "program-only",
            "replace",
            "state-only",
            "update",
        ]);
    });

    const observed: Record<string, Json> = {};

    it("up creates one resource per row", async () => {
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        for (const c of cases) {
            ids[c.name] = String(up.outputs[c.name]?.value);
            const seen = await c.table.observe(ctx, ids[c.name]!, c.before, c.fx);
            assert.ok(seen, `${c.name} exists`);
            observed[c.name] = seen;
        }
    });

    it("the preview shows each row's change in exactly its field, as its class says", async () => {
        phase = "after";
        const events: EngineEvent[] = [];
        await e2e.engine.preview({ onEvent: (e) => events.push(e) });
        const seen = changes(events);
        for (const c of cases) {
            const expected = EXPECTED_OP[c.row.class];
            const fields = expected === "same" ? [] : [topLevel(c.row.field)];
            assert.deepEqual(seen[c.name], { op: expected, fields }, c.name);
        }
    });

    it("up applies each change: the API holds the new value and every other field as before", async () => {
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        for (const c of cases) {
            ids[c.name] = String(up.outputs[c.name]?.value);
            const seen = await c.table.observe(ctx, ids[c.name]!, c.after, c.fx);
            assert.ok(seen, `${c.name} exists`);
            const before = observed[c.name]!;
            if (c.row.class !== "program-only" && c.row.class !== "state-only") {
                assert.deepEqual(seen[c.row.field], c.row.holds?.(c.fx) ?? c.row.value(c.fx), `${c.name} holds it`);
            }
            assert.deepEqual(without(seen, c.row.field), without(before, c.row.field), `${c.name}: the rest as before`);
        }
    });

    it("the next preview is clean", async () => {
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
    });

    it("each field changed in the console shows on preview --refresh as drift in that field alone", async () => {
        const drifting = cases.filter((c) => c.row.drift !== undefined);
        assert.ok(drifting.length > 0);
        for (const c of drifting) await c.table.consoleSet(ctx, ids[c.name]!, c.after, c.row.field, c.row.drift!(c.fx));
        const events: EngineEvent[] = [];
        await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        const seen = changes(events);
        for (const c of cases) {
            // Inputs the provider cannot read back show beside the drift, as added (see ResourceTable.notReadBack).
            const fields = [topLevel(c.row.field), ...(c.table.notReadBack ?? [])].sort();
            const expected = drifting.includes(c) ? { op: "update", fields } : { op: "same", fields: [] };
            assert.deepEqual(seen[c.name], expected, c.name);
        }
    });
});
