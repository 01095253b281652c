/**
 * The API's view of the graph (a group's members, its associations) for the reliability scenarios, read straight
 * from the simulator over HTTP with every page, and the user ids the scenarios seed.
 */
import { type ApiTarget, apiRequest } from "../../../simulator/api-caller";

/** A stable user ObjectId for user `n`. */
export function userId(n: number): string {
    return `5f2b${n.toString(16).padStart(20, "0")}`;
}

/** The whole numbers from `from` to `to`, both included. */
export function range(from: number, to: number): number[] {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function pages(target: ApiTarget, path: string): Promise<Array<{ to: { id: string }; attributes?: unknown }>> {
    const out: Array<{ to: { id: string }; attributes?: unknown }> = [];
    const sep = path.includes("?") ? "&" : "?";
    // Bounded: at most 100 pages.
    for (let page = 0; page < 100; page++) {
        const { status, json } = await apiRequest(target, "GET", `${path}${sep}limit=100&skip=${page * 100}`);
        if (status !== 200) throw new Error(`GET ${path} failed: ${status} ${JSON.stringify(json)}`);
        const items = json as Array<{ to: { id: string }; attributes?: unknown }>;
        out.push(...items);
        if (items.length < 100) return out;
    }
    throw new Error(`more than 10,000 edges under ${path}`);
}

/** The group's direct member ids, sorted. */
export async function liveMembers(target: ApiTarget, groupId: string): Promise<string[]> {
    return (await pages(target, `/usergroups/${groupId}/members`)).map((e) => e.to.id).sort();
}

/** The group's associations of one target type, as `id` → attributes (undefined when the edge has none). */
export async function liveAssociations(
    target: ApiTarget,
    groupId: string,
    targetType: string,
): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const e of await pages(target, `/usergroups/${groupId}/associations?targets=${targetType}`)) {
        out[e.to.id] = e.attributes;
    }
    return out;
}
