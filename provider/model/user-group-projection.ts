/**
 * Projects a live group back onto the program's inputs (for `read`): only the managed fields, in input form, so a
 * preview after a refresh shows exactly the fields that drifted.
 */
import type { ApiUserGroup } from "../client/types";
import { deepEqual } from "./canonical";
import type { AdoptOptions, UserGroupInputs, UserGroupOutputs } from "./user-group";
import { splitManaged } from "./user-group";
import { canonicalAttribute, canonicalField } from "./user-group-canonical";
import { isPlainObject } from "./validation";

/**
 * The inputs that describe `live` on the managed fields. Where the live value is canonically equal to the previous
 * outputs' value, the previous value is kept verbatim (so an equivalent reordering reads back unchanged); a managed
 * field the live group no longer has is left out. `orgId` and `adopt` are the program's and are carried over.
 */
export function projectInputs(
    live: ApiUserGroup,
    managedFields: readonly string[],
    previous?: Partial<UserGroupOutputs>,
    extra: { orgId?: string | undefined; adopt?: AdoptOptions | undefined } = {},
): UserGroupInputs {
    const liveRecord = live as unknown as Record<string, unknown>;
    const prevRecord = (previous ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = { name: live.name ?? "" };
    const { top, attributeKeys } = splitManaged(managedFields);
    for (const f of top) {
        if (f === "name") continue;
        const now = liveRecord[f];
        const before = prevRecord[f];
        const value =
            deepEqual(canonicalField(f, now), canonicalField(f, before)) && before !== undefined ? before : now;
        if (value !== undefined) out[f] = value;
    }
    if (attributeKeys.length > 0) {
        const liveAttrs = isPlainObject(live.attributes) ? live.attributes : {};
        const prevAttrs = isPlainObject(prevRecord.attributes) ? prevRecord.attributes : {};
        const attrs: Record<string, unknown> = {};
        for (const key of attributeKeys) {
            const now = liveAttrs[key];
            const before = prevAttrs[key];
            const same = deepEqual(canonicalAttribute(key, now), canonicalAttribute(key, before));
            const value = same && before !== undefined ? before : now;
            if (value !== undefined) attrs[key] = value;
        }
        if (Object.keys(attrs).length > 0) out.attributes = attrs;
    }
    if (extra.orgId !== undefined) out.orgId = extra.orgId;
    if (extra.adopt !== undefined) out.adopt = extra.adopt;
    return out as unknown as UserGroupInputs;
}
