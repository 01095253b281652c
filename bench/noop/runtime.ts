/**
 * The floor's runtime: answers every engine call at once and makes no HTTP call. Its outputs have the shape of a
 * UserGroup's (the inputs plus the output-only fields), so state sizes and diffs cost the engine the same.
 */
import type * as pulumi from "@pulumi/pulumi";

const OUTPUT_ONLY = {
    type: "user_group",
    suggestionCounts: { add: 0, remove: 0, total: 0 },
    memberQueryErrorFlags: [],
    organizationObjectId: "5f0000000000000000000001",
};
const OUTPUT_ONLY_KEYS = new Set(Object.keys(OUTPUT_ONLY));

function managed(props: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props)) {
        if (!OUTPUT_ONLY_KEYS.has(key) && value !== undefined) out[key] = value;
    }
    return out;
}

/** Accepts the inputs as they are. */
export async function check(
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
    return { inputs: managed(news) };
}

/** A change when any managed field differs (an update, never a replace, like UserGroup). */
export async function diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): Promise<pulumi.dynamic.DiffResult> {
    const before = managed(olds);
    const after = managed(news);
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const changed = [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
}

/** A deterministic id from the name; no call. */
export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    return { id: `noop-${String(inputs["name"])}`, outs: { ...managed(inputs), ...OUTPUT_ONLY } };
}

/** Returns what the state holds, as props and inputs. */
export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return { id, props, inputs: managed(props) };
}

/** Overlays the new inputs. */
export async function update(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): Promise<pulumi.dynamic.UpdateResult> {
    return { outs: { ...managed(olds), ...managed(news), ...OUTPUT_ONLY } };
}

/** Nothing to delete. */
async function remove(_id: string, _props: Record<string, unknown>): Promise<void> {}

// `delete` is a reserved word for a function name; the module itself is the runtime the provider object forwards to.
export { remove as delete };
