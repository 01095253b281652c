/**
 * A live group as a group file: the body fields exactly as JumpCloud holds them, in a fixed order, plus
 * `adopt: { by: "id", id, mode: "verify" }`, so the first `pulumi up` over exported files takes every group over
 * without a write.
 */
import { Document } from "yaml";
import type { ApiUserGroup } from "../client/types";
import { isPlainObject } from "../model/validation";
import type { GitOpsAssociation } from "./group-graph";

/** The known attribute keys, written first and in this order; custom keys follow, sorted. */
const ATTRIBUTE_ORDER = ["sudo", "ldapGroups", "posixGroups", "radius", "sambaEnabled"];

function orderedAttributes(attrs: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(attrs);
    for (const k of ATTRIBUTE_ORDER) if (attrs[k] !== undefined && attrs[k] !== null) out[k] = attrs[k];
    for (const k of keys.filter((k) => !ATTRIBUTE_ORDER.includes(k)).sort()) {
        if (attrs[k] !== undefined) out[k] = attrs[k];
    }
    return out;
}

const isEmpty = (v: unknown): boolean =>
    v === undefined ||
    v === null ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (isPlainObject(v) && Object.keys(v).length === 0);

/** Options of {@link groupDocument}. */
export interface GroupDocumentOptions {
    /** The organisation (`x-org-id`) to write into the file. @default none (the stack's jumpcloud:orgId applies) */
    readonly orgId?: string;
    /**
     * The group's members as the file should name them (emails, else usernames, else ids), written sorted as
     * `members:`. @default none: no `members` key, so the program leaves membership unmanaged
     */
    readonly members?: readonly string[];
    /** The group's associations, written as `associations:` sorted by type and id. @default none */
    readonly associations?: readonly GitOpsAssociation[];
}

function byText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The file content of a live group. A field is written when the group holds a value other than "empty" (absent,
 * null, "", [], {}); `membershipMethod` and `memberSuggestionsNotify` are written whenever present, since they are
 * decisions. A field left out is not managed by the program, so it is not compared on adoption either. `members`
 * and `associations` come from the options (the caller reads them from the API).
 */
export function groupDocument(live: ApiUserGroup, opts: GroupDocumentOptions = {}): Record<string, unknown> {
    const doc: Record<string, unknown> = { name: live.name ?? "" };
    if (!isEmpty(live.description)) doc.description = live.description;
    if (!isEmpty(live.email)) doc.email = live.email;
    if (live.membershipMethod !== undefined && live.membershipMethod !== null)
        doc.membershipMethod = live.membershipMethod;
    if (!isEmpty(live.memberQuery)) doc.memberQuery = live.memberQuery;
    if (!isEmpty(live.memberQueryExemptions)) doc.memberQueryExemptions = live.memberQueryExemptions;
    if (typeof live.memberSuggestionsNotify === "boolean") doc.memberSuggestionsNotify = live.memberSuggestionsNotify;
    if (isPlainObject(live.attributes)) {
        const attrs = orderedAttributes(live.attributes);
        if (Object.keys(attrs).length > 0) doc.attributes = attrs;
    }
    if (opts.members !== undefined) doc.members = [...opts.members].sort(byText);
    if (opts.associations !== undefined && opts.associations.length > 0) {
        doc.associations = [...opts.associations]
            .sort((a, b) => byText(a.type, b.type) || byText(a.id, b.id))
            .map((a) => ({
                type: a.type,
                id: a.id,
                ...(isPlainObject(a.attributes) && Object.keys(a.attributes).length > 0
                    ? { attributes: a.attributes }
                    : {}),
            }));
    }
    if (opts.orgId !== undefined) doc.orgId = opts.orgId;
    doc.adopt = { by: "id", id: live.id, mode: "verify" };
    return doc;
}

/** The YAML text of {@link groupDocument}, with a header comment saying where it came from. */
export function groupFileText(live: ApiUserGroup, opts: GroupDocumentOptions = {}): string {
    const doc = new Document(groupDocument(live, opts));
    doc.commentBefore =
        ` Exported by \`pulumi-jumpcloud export-groups\` from group ${live.id}.\n` +
        " adopt: the first `pulumi up` takes this existing group over (no write) if it still matches this file.";
    return doc.toString({ lineWidth: 0 });
}
