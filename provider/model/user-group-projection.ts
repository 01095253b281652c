/**
 * Projects a live group back onto the program's inputs (for `read`): only the managed fields, so a preview after a
 * refresh shows exactly the fields that drifted.
 */
import type { ApiGroupAttributes, ApiUserGroup, ApiUserGroupBody } from "../client/types";
import { deepEqual } from "./canonical";
import {
    type AdoptOptions,
    approvalSummary,
    hasPending,
    type ProgramOnly,
    programOnly,
    splitManaged,
    type UserGroupOutputs,
} from "./user-group";
import { canonicalAttribute, canonicalField } from "./user-group-canonical";
import { isPlainObject } from "./validation";

/**
 * The inputs `read` reports: the live values of the managed fields in the API's own form (the form the outputs
 * hold), plus the program's `orgId`, `adopt`, `observeMembers` and `applySuggestions`. Not necessarily valid
 * inputs: a console edit may break a rule `check` enforces, and the diff compares canonical forms either way.
 *
 * With `applySuggestions` and suggestions pending, also `suggestionsToApprove` ("add 3, remove 1"): no program sets
 * it, so the engine shows it going away, which is what the next `up` does by approving them.
 */
export type ReadInputs = Partial<ApiUserGroupBody> & {
    name: string;
    orgId?: string;
    adopt?: AdoptOptions;
    observeMembers?: boolean;
    applySuggestions?: boolean;
    suggestionsToApprove?: string;
};

/** `before` when it is canonically what `now` is (an equivalent reordering reads back unchanged), else `now`. */
function keepEquivalent<T>(now: T, before: T | undefined, canonical: (v: T | undefined) => unknown): T {
    return before !== undefined && deepEqual(canonical(now), canonical(before)) ? before : now;
}

/** Sets `o[key]` unless `value` is undefined. */
function setDefined<T, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
    if (value !== undefined) o[key] = value;
}

/**
 * The inputs that describe `live` on the managed fields. Where the live value is canonically equal to the previous
 * outputs' value, the previous value is kept verbatim; a managed field the live group no longer has is left out.
 * `orgId` and `adopt` are the program's and are carried over.
 */
export function projectInputs(
    live: ApiUserGroup,
    managedFields: readonly string[],
    previous?: Partial<UserGroupOutputs>,
    extra: ProgramOnly = {},
    observed?: Pick<UserGroupOutputs, "pendingSuggestions">,
): ReadInputs {
    const out: ReadInputs = { name: live.name ?? "", ...programOnly(extra) };
    if (extra.applySuggestions === true && hasPending(observed?.pendingSuggestions)) {
        out.suggestionsToApprove = approvalSummary(observed.pendingSuggestions);
    }
    const { top, attributeKeys } = splitManaged(managedFields);
    for (const f of top) {
        if (f === "name") continue;
        const canonical = (v: unknown) => canonicalField(f, v);
        setDefined(out, f, keepEquivalent(live[f], previous?.[f], canonical));
    }
    if (attributeKeys.length > 0) {
        const liveAttrs = isPlainObject(live.attributes) ? live.attributes : {};
        const prevAttrs = isPlainObject(previous?.attributes) ? previous.attributes : {};
        const attrs: ApiGroupAttributes = {};
        for (const key of attributeKeys) {
            const value = keepEquivalent(liveAttrs[key], prevAttrs[key], (v) => canonicalAttribute(key, v));
            if (value !== undefined) attrs[key] = value;
        }
        if (Object.keys(attrs).length > 0) out.attributes = attrs;
    }
    return out;
}
