/**
 * What both halves of the field tables share: the console over raw HTTP, and field paths over inputs and observed
 * objects.
 */
import { isDeepStrictEqual } from "node:util";
import type { Json, ResourceTable, TableContext } from "./table";

/** A console over raw HTTP against `sim`; every call names an organisation (the default one unless told). */
export function tableContext(sim: TableContext["sim"]): TableContext {
    const apiReply: TableContext["apiReply"] = async (method, path, body, orgId) => {
        const res = await fetch(`${sim.url}${path}`, {
            method,
            headers: {
                "x-api-key": sim.apiKey,
                // The key may reach several organisations (the fixtures add one): always name one.
                "x-org-id": orgId ?? sim.orgId,
                ...(body === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
    };
    return {
        sim,
        apiReply,
        async api(method, path, body, orgId) {
            const { status, json } = await apiReply(method, path, body, orgId);
            if (status < 200 || status >= 300) {
                throw new Error(`console ${method} ${path}: ${status} ${JSON.stringify(json)}`);
            }
            return (json ?? {}) as Json;
        },
    };
}

/** Inputs (or an observed object) by field path: the keys of properties expanded by key become `field.key`. */
export function byPath(table: ResourceTable<unknown>, inputs: unknown): Json {
    const out: Json = {};
    for (const [k, v] of Object.entries((inputs ?? {}) as Json)) {
        const expansion = table.expansions?.find((e) => e.field === k && "keys" in e.by);
        if (expansion && typeof v === "object" && v !== null) {
            for (const [key, value] of Object.entries(v)) out[`${k}.${key}`] = value;
        } else out[k] = v;
    }
    return out;
}

/** The paths whose values differ between two objects (absent and undefined alike), sorted. */
export function differingPaths(a: Json, b: Json): string[] {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.filter((k) => !isDeepStrictEqual(a[k], b[k])).sort();
}

/** `o` without `field`. */
export function without(o: Json, field: string): Json {
    const { [field]: _, ...rest } = o;
    return rest;
}
