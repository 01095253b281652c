/**
 * The shape of the field-by-field lifecycle tables: one table per resource type, one row per input field (and per
 * attribute key or query shape where one field holds several). Each row says how the field behaves (its class) and
 * how to change it; test/contract/field-table.test.ts runs every row against the runtime and the simulator, and
 * test/e2e/field-table.test.ts runs the rows marked `engine` through the real engine.
 *
 * The rows are checked against sources the code under test does not produce: the public `*Args` interfaces of
 * provider/resources/ (read with the TypeScript compiler API) and, where a table says so, the simulator's JSON
 * schemas. A field added to an Args type without a row, or a row for a field the model no longer has, fails.
 */

/**
 * How a field behaves when the program changes it:
 * - `update`: an in-place update sends it; the API holds and returns it, so a console change is drift;
 * - `replace`: a change replaces the resource (documented on the Args type), never an in-place update;
 * - `write-only`: sent by an update but never returned by the API (the Workday password), so no drift is possible;
 * - `program-only`: steers the provider only (`adopt`, `waitForResults`): a change alone is no change for the API;
 * - `state-only`: steers what the provider reads and does later (`observeMembers`, `applySuggestions`), so the
 *   state must record it: a change is an in-place update that writes nothing to the API (a refresh reads its
 *   settings from the state's outputs, never from the program);
 * - `fixed`: the API accepts one value only; `check` refuses any other, so there is no change to apply.
 */
export const FIELD_CLASSES = ["update", "replace", "write-only", "program-only", "state-only", "fixed"] as const;

/** One of {@link FIELD_CLASSES}. */
export type FieldClass = (typeof FIELD_CLASSES)[number];

/** A JSON object: inputs, an API body, an observed object. */
export type Json = Record<string, unknown>;

/** The simulator a table runs against, and console calls to it (raw HTTP, as an admin outside Pulumi). */
export interface TableContext {
    /** The API v2 base URL, a key and the default organisation. */
    readonly sim: { readonly url: string; readonly origin: string; readonly apiKey: string; readonly orgId: string };
    /** A console call that must succeed; `orgId` sends `x-org-id`. Answers the parsed body (`{}` when empty). */
    api(method: string, path: string, body?: unknown, orgId?: string): Promise<Json>;
    /** The same call, whatever its status. */
    apiReply(method: string, path: string, body?: unknown, orgId?: string): Promise<{ status: number; json: unknown }>;
}

/** A request a row expects an operation to have sent (seen by the recording proxy). */
export interface ExpectedRequest {
    readonly method: string;
    /** Matched against the path after the API base, e.g. /^\/workdays\/[0-9a-f]{24}\/auth$/. */
    readonly path: RegExp;
    /** The request's `x-org-id`, when it matters. */
    readonly orgId?: string;
    /** The JSON body, when it matters. */
    readonly body?: unknown;
}

/**
 * One field of one resource. `before` and `value` describe the one change the row makes: the resource starts from
 * the table's base inputs overlaid with `before`, and the change sets `value` at `field` and nothing else.
 */
export interface FieldRow<F> {
    /**
     * The input's property path: a top-level property of the Args type ("email"), or one key inside an object-valued
     * property the table expands ("attributes.sudo").
     */
    readonly field: string;
    /** Which shape of the field the row exercises, when it has several (memberQuery: "FilterQuery", "Filter", "Search"). */
    readonly variant?: string;
    readonly class: FieldClass;
    /** Why the field has this class, where it is not obvious (e.g. where a replace is documented). */
    readonly why?: string;
    /** Top-level inputs that replace the table's base inputs before the change. */
    before?(fx: F): Json;
    /** The field's new value. */
    value(fx: F): unknown;
    /** The value the API holds for `field` after the change, when it differs from `value` (API form). */
    holds?(fx: F): unknown;
    /** The changed fields `diff` reports, when it is not exactly `[field]` (say why in `why`). */
    readonly reports?: readonly string[];
    /** For fields the API accepts but never returns: the request that must carry the new value. */
    sends?(fx: F): ExpectedRequest;
    /** A third value the console sets, for fields the API returns: a refresh must then show drift in `field` alone. */
    drift?(fx: F): unknown;
    /** Why a field the API holds cannot drift (e.g. the console cannot move a group to another organisation). */
    readonly noDrift?: string;
    /**
     * For a replacement the API must refuse (a Workday instance and its jobs belong to one organisation, so moving a
     * job alone cannot succeed): the error the new object's create fails with, and the request it sent.
     */
    readonly refused?: { readonly error: RegExp; sends(fx: F): ExpectedRequest };
    /**
     * For a replace row: what the old object reads as (`observe` with the old inputs) once the replacement is done;
     * `undefined` when it must be gone (an edge removed). Rows that say nothing leave it unchecked.
     */
    replacedLeaves?(fx: F): Json | undefined;
    /** Also run through the real engine (test/e2e/field-table.test.ts): the representative subset. */
    readonly engine?: boolean;
}

/** A property the table expands into one row per key or per shape, and the declared type that lists them. */
export interface Expansion {
    /** The top-level property, e.g. "attributes". */
    readonly field: string;
    /** The file and interface declaring its members, e.g. the Args' `UserGroupAttributesArgs`. */
    readonly file: string;
    readonly interface: string;
    /**
     * Rows per member key ("keys": `attributes.sudo`, plus one row for a custom key when the interface has an index
     * signature) or per value of one member ("variants of queryType": `memberQuery` rows with `variant`).
     */
    readonly by: { readonly keys: true } | { readonly variantsOf: string };
}

/** The provider methods a row drives (the runtime module of the resource type), in plain data. */
export interface TableRuntime {
    check(olds: unknown, news: unknown): Promise<{ inputs?: unknown; failures?: Array<{ property: string }> }>;
    diff(
        id: string,
        olds: unknown,
        news: unknown,
    ): Promise<{ changes?: boolean; changedFields?: string[]; replaces?: string[]; deleteBeforeReplace?: boolean }>;
    create(inputs: unknown): Promise<{ id: string; outs?: unknown }>;
    read(id: string, props?: unknown): Promise<{ id?: string; props?: unknown; inputs?: unknown }>;
    update(id: string, olds: unknown, news: unknown): Promise<{ outs?: unknown }>;
    delete(id: string, props: unknown): Promise<void>;
}

/** A pair of lists that must be equal, with what they are. */
export interface Agreement {
    readonly what: string;
    readonly actual: readonly string[];
    readonly expected: readonly string[];
}

/** The field table of one resource type. `F` is what `arrange` prepares (ids of seeded users, devices, orgs). */
export interface ResourceTable<F> {
    /** The resource class, as declared in provider/resources/ ("UserGroup"); its Args type is read from there. */
    readonly resource: string;
    /** Properties expanded into several rows. */
    readonly expansions?: readonly Expansion[];
    /**
     * Inputs the provider cannot read back (the API never returns them): `read` leaves them out of the inputs it
     * reports, so when a refresh finds drift, the engine's preview shows them beside it, as added (they are not
     * changed unless they differ from what was last applied).
     */
    readonly notReadBack?: readonly string[];
    /** Inputs the resource class adds to the program's Args (e.g. WorkdayInstance's `authorized`), with why. */
    readonly classInputs?: Readonly<Record<string, string>>;
    readonly rows: ReadonlyArray<FieldRow<F>>;
    /**
     * The model's own lists, and any other independent source (the simulator's schemas), to hold against the rows.
     * Loaded lazily so that the engine half, which uses the installed package only, never loads provider/.
     */
    agreements(): Promise<Agreement[]>;
    /** The runtime module (loaded lazily, for the same reason). */
    runtime(): Promise<TableRuntime>;
    /** Prepares the simulator (users, devices, a second organisation...) for one row. */
    arrange(ctx: TableContext): Promise<F>;
    /** The inputs every row starts from. */
    base(fx: F): Json;
    /**
     * The object as the API holds it, by field path (the same paths as rows' `field`), for the fields the program
     * may set; undefined when it is gone. `inputs` says where to look (its organisation, its Workday instance).
     */
    observe(ctx: TableContext, id: string, inputs: Json, fx: F): Promise<Json | undefined>;
    /**
     * Inputs that differ from the base (overlaid on it, top-level) in form only, e.g. the same member ids in another
     * order or case: `diff` must find no change and make no API call.
     */
    equivalents?(fx: F): ReadonlyArray<{ readonly what: string; readonly inputs: Json }>;
    /** A console change of one field (raw API), for `drift`. */
    consoleSet(ctx: TableContext, id: string, inputs: Json, field: string, value: unknown): Promise<void>;
    /** A console change of something the program does not manage, made before an update: it must survive. */
    unmanaged?(ctx: TableContext, id: string, inputs: Json, fx: F): Promise<void>;
}

/** A row's name in test titles and listings: "email", "memberQuery (Search)". */
export function rowKey(row: { readonly field: string; readonly variant?: string }): string {
    return row.variant === undefined ? row.field : `${row.field} (${row.variant})`;
}

/** The top-level property of a field path ("attributes" for "attributes.sudo"). */
export function topLevel(field: string): string {
    return field.split(".")[0] ?? field;
}

/** `inputs` with `value` set at the dotted `field` path (a deep copy; objects on the way are created). */
export function withField(inputs: Json, field: string, value: unknown): Json {
    const out = structuredClone(inputs);
    const keys = field.split(".");
    let at: Json = out;
    for (const key of keys.slice(0, -1)) {
        const next = at[key];
        at[key] = typeof next === "object" && next !== null && !Array.isArray(next) ? next : {};
        at = at[key] as Json;
    }
    at[keys[keys.length - 1] ?? field] = value;
    return out;
}
