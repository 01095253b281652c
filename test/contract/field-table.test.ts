/**
 * Field by field: for every input of every resource type (the rows of test/helpers/field-table/), changing that
 * field alone, through the real runtime over HTTP against the simulator:
 * - `diff` reports exactly that field, with a replace only where the Args type documents one, and no API call;
 * - the update (or the replacement) sends it: the simulator then holds the new value, and every other field,
 *   including one changed in the console that the program does not manage, is unchanged (a `state-only` field:
 *   the update writes nothing and the outputs record it);
 * - the next `diff` is clean, and so is a refresh right after;
 * - for fields the API returns, the same field changed in the console reads back as drift in that field alone, and
 *   the next update repairs it.
 * First, each table is held against the sources it must agree with: the public Args types and the model's lists.
 * The same rows, for a representative subset, run through the real engine in test/e2e/field-table.test.ts.
 */
import * as assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { setConfigGetter } from "../../provider/runtime/context";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import { byPath, differingPaths, tableContext, without } from "../helpers/field-table/context";
import { declaredResources, interfaceMembers, memberDoc, memberLiterals } from "../helpers/field-table/declared-types";
import { FIELD_TABLES, RESOURCES_WITHOUT_TABLES } from "../helpers/field-table/index";
import {
    type ExpectedRequest,
    FIELD_CLASSES,
    type FieldRow,
    type Json,
    type ResourceTable,
    rowKey,
    type TableContext,
    type TableRuntime,
    topLevel,
    withField,
} from "../helpers/field-table/table";
import { type RecordedRequest, type RecordingProxy, startRecordingProxy } from "../helpers/recording-proxy";

/** The row keys the declared types call for: one per Args property, expanded where the table says so. */
function expectedRowKeys(table: ResourceTable<unknown>): string[] {
    const resource = declaredResources().find((r) => r.name === table.resource);
    if (!resource) throw new Error(`no dynamic resource ${table.resource} in provider/resources/`);
    const out: string[] = [];
    for (const property of interfaceMembers(resource.file, resource.args).properties) {
        const expansion = table.expansions?.find((e) => e.field === property);
        if (!expansion) out.push(property);
        else if ("keys" in expansion.by) {
            const members = interfaceMembers(expansion.file, expansion.interface);
            out.push(...members.properties.map((k) => `${property}.${k}`));
            // An index signature admits custom keys: one row stands for them (its key is the table's choice).
            if (members.indexSignature) out.push(`${property}.<custom>`);
        } else {
            const variants = memberLiterals(expansion.file, expansion.interface, expansion.by.variantsOf);
            out.push(...variants.map((v) => `${property} (${v})`));
        }
    }
    return out.sort();
}

/** The table's row keys, a custom key of an expanded property written as `<custom>`. */
function actualRowKeys(table: ResourceTable<unknown>): string[] {
    return table.rows
        .map((row) => {
            const expansion = table.expansions?.find((e) => e.field === topLevel(row.field));
            if (expansion && "keys" in expansion.by && row.field !== expansion.field) {
                const known = interfaceMembers(expansion.file, expansion.interface).properties;
                const key = row.field.slice(expansion.field.length + 1);
                return known.includes(key) ? row.field : `${expansion.field}.<custom>`;
            }
            return rowKey(row);
        })
        .sort();
}

/** The part of a diff result a row asserts. */
function verdict(d: { changes?: boolean; changedFields?: string[]; replaces?: string[] }) {
    return { changes: d.changes, changedFields: d.changedFields, replaces: d.replaces };
}

function matches(r: RecordedRequest, want: ExpectedRequest): boolean {
    return (
        r.method === want.method &&
        want.path.test(r.path) &&
        (want.orgId === undefined || r.orgId === want.orgId) &&
        (want.body === undefined || isDeepStrictEqual(r.body, want.body))
    );
}

describe("field tables: every input, changed alone, reaches the API (runtime against the simulator)", () => {
    let sim: RunningSimulator;
    let proxy: RecordingProxy;
    let ctx: TableContext;

    before(async () => {
        sim = await startSimulator({ importDelayMs: 20 });
        proxy = await startRecordingProxy(sim.url);
        ctx = tableContext(sim);
        // Every call names the default organisation, as `jumpcloud:orgId` does; a row's `orgId` overrides it.
        newProviderProcess();
    });

    let processes = 0;
    /**
     * What a new `pulumi` run gives the runtime: a new provider process, hence a new client. Reads within one process
     * may be served from a listing of the same run (batched refresh); a console change between two runs must be
     * seen by the second, so the steps that stand for separate runs start a new client (the settings differ in a
     * value no request depends on, which is how the client cache tells processes apart here).
     */
    function newProviderProcess(): void {
        const timeout = String(30_000 + (processes++ % 2));
        setConfigGetter(
            (key) =>
                ({
                    apiKey: sim.apiKey,
                    apiUrl: proxy.url,
                    orgId: sim.orgId,
                    maxRetries: "1",
                    requestTimeoutMs: timeout,
                })[key],
        );
    }
    after(async () => {
        setConfigGetter(undefined);
        await proxy?.close();
        await sim?.close();
    });
    beforeEach(() => simAdmin(sim.origin).reset());

    it("every dynamic resource of provider/resources/ has a field table (or is listed as still lacking one)", () => {
        assert.deepEqual(
            [...FIELD_TABLES.map((t) => t.resource), ...RESOURCES_WITHOUT_TABLES].sort(),
            declaredResources()
                .map((r) => r.name)
                .sort(),
        );
    });

    for (const table of FIELD_TABLES) {
        describe(table.resource, () => {
            it("has one row per input of its Args type (per key or shape where expanded), each with a class", () => {
                assert.deepEqual(actualRowKeys(table), expectedRowKeys(table));
                const classless = table.rows.filter((r) => !(FIELD_CLASSES as readonly string[]).includes(r.class));
                assert.deepEqual(classless.map(rowKey), [], `rows without a class (${FIELD_CLASSES.join(", ")})`);
                const resource = declaredResources().find((r) => r.name === table.resource)!;
                for (const row of table.rows.filter((r) => r.field === topLevel(r.field))) {
                    // A replace only where the Args type documents one, and every documented one is a replace row.
                    const doc = memberDoc(resource.file, resource.args, row.field);
                    const documented = /\breplaces the (resource|group)\b|\(replace\)/i.test(doc);
                    assert.equal(documented, row.class === "replace", `${rowKey(row)}: class ${row.class}`);
                }
                for (const row of table.rows) {
                    const needsWhy = row.class === "update" && row.drift === undefined && row.noDrift === undefined;
                    assert.ok(
                        !needsWhy,
                        `${rowKey(row)}: an update row changes the field in the console or says why not`,
                    );
                }
            });

            it("agrees with the model's own field lists and the API's schemas", async () => {
                for (const a of await table.agreements()) {
                    assert.deepEqual([...a.actual].sort(), [...a.expected].sort(), a.what);
                }
            });

            if (table.equivalents) {
                it("the same inputs in another form (order, case, a default spelled out or not) are no change", async () => {
                    const runtime = await table.runtime();
                    const fx = await table.arrange(ctx);
                    const created = await runtime.create(await checked(runtime, table.base(fx)));
                    const equivalents = table.equivalents?.(fx) ?? [];
                    assert.ok(equivalents.length > 0);
                    for (const e of equivalents) {
                        const news = await checked(runtime, { ...table.base(fx), ...e.inputs });
                        const mark = proxy.mark();
                        const diff = await runtime.diff(created.id, created.outs, news);
                        assert.deepEqual(proxy.requests(mark), [], `${e.what}: diff makes no API call`);
                        assert.deepEqual(verdict(diff), { changes: false, changedFields: [], replaces: [] }, e.what);
                    }
                });
            }

            for (const row of table.rows) {
                it(`${rowKey(row)} (${row.class})${row.why ? `: ${row.why}` : ""}`, async () => {
                    await runRow(table, row, await table.runtime());
                });
            }
        });
    }

    async function checked(runtime: TableRuntime, inputs: Json): Promise<Json> {
        const { inputs: out, failures } = await runtime.check({}, inputs);
        assert.deepEqual(failures ?? [], [], `check refused ${JSON.stringify(inputs)}`);
        return out as Json;
    }

    /** The lifecycle of one row: diff, apply, clean diff, clean refresh, drift, repair. */
    async function runRow(table: ResourceTable<unknown>, row: FieldRow<unknown>, runtime: TableRuntime) {
        const fx = await table.arrange(ctx);
        const before = { ...table.base(fx), ...row.before?.(fx) };
        const desired = withField(before, row.field, row.value(fx));
        const olds = await checked(runtime, before);

        if (row.class === "fixed") {
            // The one value the API accepts, set explicitly, is no change; any other value is refused by check.
            const created = await runtime.create(olds);
            const news = await checked(runtime, desired);
            assert.deepEqual(verdict(await runtime.diff(created.id, created.outs, news)), {
                changes: false,
                changedFields: [],
                replaces: [],
            });
            const { failures } = await runtime.check({}, withField(before, row.field, `${String(row.value(fx))} (2)`));
            assert.deepEqual(
                (failures ?? []).map((f) => f.property),
                [row.field],
            );
            return;
        }

        const news = await checked(runtime, desired);
        const created = await runtime.create(olds);
        const reports = row.reports ?? [row.field];

        // 1. diff: exactly this field, a replace only for replace rows, and no API call.
        let mark = proxy.mark();
        const diff = await runtime.diff(created.id, created.outs, news);
        assert.deepEqual(proxy.requests(mark), [], "diff makes no API call");
        const expectedDiff = {
            "program-only": { changes: false, changedFields: [], replaces: [] },
            replace: { changes: true, changedFields: reports, replaces: [row.field] },
            update: { changes: true, changedFields: reports, replaces: [] },
            "write-only": { changes: true, changedFields: reports, replaces: [] },
            "state-only": { changes: true, changedFields: reports, replaces: [] },
        }[row.class];
        assert.deepEqual(verdict(diff), expectedDiff, "diff");
        if (row.class === "program-only") {
            // Nothing to apply: the engine records the new inputs without calling the provider again.
            assert.deepEqual(
                await table.observe(ctx, created.id, news, fx),
                await table.observe(ctx, created.id, olds, fx),
            );
            return;
        }

        // 2. apply: an in-place update, or the replacement in the order diff asked for.
        let id = created.id;
        let outs = created.outs;
        mark = proxy.mark();
        if (row.class === "replace") {
            if (row.refused) {
                await assert.rejects(runtime.create(news), row.refused.error);
                const want = row.refused.sends(fx);
                assert.ok(
                    proxy.requests(mark).some((r) => matches(r, want)),
                    `the replacement sent ${want.method} ${want.path}: ${JSON.stringify(proxy.requests(mark))}`,
                );
                return;
            }
            const seenBefore = await table.observe(ctx, created.id, olds, fx);
            if (diff.deleteBeforeReplace) await runtime.delete(created.id, created.outs);
            const replacement = await runtime.create(news);
            if (!diff.deleteBeforeReplace) await runtime.delete(created.id, created.outs);
            id = replacement.id;
            outs = replacement.outs;
            const seen = await table.observe(ctx, id, news, fx);
            assert.ok(seen && seenBefore, "the replacement exists");
            assert.deepEqual(seen[row.field], row.holds?.(fx) ?? row.value(fx), `the API holds the new ${row.field}`);
            assert.deepEqual(without(seen, row.field), without(seenBefore, row.field), "every other field as before");
            if (row.replacedLeaves) {
                const old = await table.observe(ctx, created.id, olds, fx);
                assert.deepEqual(old, row.replacedLeaves(fx), "what the replaced object leaves behind");
            }
        } else {
            await table.unmanaged?.(ctx, id, olds, fx);
            const seenBefore = await table.observe(ctx, id, olds, fx);
            outs = (await runtime.update(id, created.outs, news)).outs;
            const seen = await table.observe(ctx, id, news, fx);
            assert.ok(seen && seenBefore);
            if (row.class === "update") {
                assert.deepEqual(
                    seen[row.field],
                    row.holds?.(fx) ?? row.value(fx),
                    `the API holds the new ${row.field}`,
                );
            } else if (row.class === "state-only") {
                const written = proxy.requests(mark).filter((r) => r.method !== "GET");
                assert.deepEqual(written, [], "the update writes nothing to the API");
                assert.deepEqual((outs as Json)[row.field], row.value(fx), `the outputs record the new ${row.field}`);
            } else {
                const want = row.sends!(fx);
                assert.ok(
                    proxy.requests(mark).some((r) => matches(r, want)),
                    `the update sent ${want.method} ${want.path} with the new value`,
                );
            }
            assert.deepEqual(without(seen, row.field), without(seenBefore, row.field), "every other field unchanged");
        }

        // 3. the next diff is clean, and so is a refresh right after.
        const clean = { changes: false, changedFields: [], replaces: [] };
        assert.deepEqual(verdict(await runtime.diff(id, outs, news)), clean, "the next diff");
        const refreshed = await runtime.read(id, outs);
        assert.equal(refreshed.id, id);
        assert.deepEqual(verdict(await runtime.diff(id, refreshed.props, news)), clean, "diff after a refresh");

        // 4. the field changed in the console is drift in that field alone; an update repairs it.
        if (row.drift === undefined) return;
        await table.consoleSet(ctx, id, news, row.field, row.drift(fx));
        newProviderProcess(); // the refresh that finds the drift is another run
        const drifted = await runtime.read(id, refreshed.props);
        assert.deepEqual(
            differingPaths(byPath(table, refreshed.inputs), byPath(table, drifted.inputs)),
            [row.field],
            "what a refresh shows as drift",
        );
        assert.deepEqual(
            verdict(await runtime.diff(id, drifted.props, news)),
            { changes: true, changedFields: reports, replaces: [] },
            "diff after the console change",
        );
        const repaired = await runtime.update(id, drifted.props, news);
        const seen = await table.observe(ctx, id, news, fx);
        assert.deepEqual(seen?.[row.field], row.holds?.(fx) ?? row.value(fx), "repaired");
        assert.deepEqual(verdict(await runtime.diff(id, repaired.outs, news)), clean);
    }
});
