/**
 * Stable Pulumi resource names derived from group file names, so renaming a group (its `name` field) never renames
 * the resource, and the same file always maps to the same resource.
 */
import * as path from "node:path";

/** The file extensions the loader reads. */
export const GROUP_FILE_EXTENSIONS = [".yaml", ".yml"] as const;

/**
 * The resource name of a group file: the file name without extension, lower-cased, with every run of characters
 * other than `a-z 0-9 . _ -` turned into "-" ("Eng Team.yaml" -> "eng-team"). Empty when nothing usable is left.
 */
export function resourceNameForFile(fileName: string): string {
    const base = path.basename(fileName);
    const ext = GROUP_FILE_EXTENSIONS.find((e) => base.toLowerCase().endsWith(e)) ?? "";
    return base
        .slice(0, base.length - ext.length)
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, "-")
        .replace(/^[-.]+|-+$/g, "");
}
