/**
 * File names for exported groups: a slug of the group name, with a short id suffix only when two groups would get
 * the same file.
 */

/** Longest slug kept from a group name (before ".yaml" and any suffix). @default 60 */
export const MAX_SLUG_LENGTH = 60;

/** A lower-case, dash-separated slug of a group name ("Eng — Backend!" -> "eng-backend"); "group" when empty. */
export function slugify(name: string): string {
    const slug = name
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, MAX_SLUG_LENGTH)
        .replace(/-+$/g, "");
    return slug === "" ? "group" : slug;
}

/**
 * A file name per group id. Groups are taken in id order (creation order): the first group of a slug gets
 * "<slug>.yaml", later ones "<slug>-<last 6 id characters>.yaml" (the full id if that is taken too), so adding a
 * group later never renames the file of an existing one.
 */
export function exportFileNames(groups: ReadonlyArray<{ id: string; name?: string | undefined }>): Map<string, string> {
    const taken = new Set<string>();
    const out = new Map<string, string>();
    const sorted = [...groups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const slugs = new Map(sorted.map((g) => [g.id, slugify(g.name ?? "")]));
    // Plain slugs are reserved first, so a suffixed name can never take the plain name of another group.
    const firstOfSlug = new Map<string, string>();
    for (const g of sorted) {
        const s = slugs.get(g.id) ?? "group";
        if (!firstOfSlug.has(s)) firstOfSlug.set(s, g.id);
    }
    for (const [s, id] of firstOfSlug) {
        out.set(id, `${s}.yaml`);
        taken.add(`${s}.yaml`);
    }
    for (const g of sorted) {
        if (out.has(g.id)) continue;
        const s = slugs.get(g.id) ?? "group";
        let candidate = `${s}-${g.id.slice(-6).toLowerCase()}.yaml`;
        if (taken.has(candidate)) candidate = `${s}-${g.id.toLowerCase()}.yaml`;
        out.set(g.id, candidate);
        taken.add(candidate);
    }
    return out;
}
