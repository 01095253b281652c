/**
 * Which simulated API a request URL belongs to. Every area gets the same treatment before its handler runs (fault
 * plan, rate limit, authentication, request log).
 */

/** The API areas: v2 under /api/v2 and v1 under /api (users). */
export type ApiArea = "v2" | "v1";

/** The API areas, for validation messages. */
export const API_AREAS: readonly ApiArea[] = ["v2", "v1"];

/** The base path of each area; a logged or fault-matched path is relative to it. */
export const AREA_BASE: Readonly<Record<ApiArea, string>> = { v2: "/api/v2", v1: "/api" };

/** A URL split into its area, the path relative to the area's base, and the raw query string. */
export interface AreaUrl {
    area: ApiArea;
    /** Path after the area's base, without the query string ("/" when empty). */
    path: string;
    /** The raw query string without "?". */
    query: string;
}

function under(path: string, base: string): boolean {
    return path === base || path.startsWith(`${base}/`);
}

/** The area of a request URL, or undefined for the admin surface and unknown paths. */
export function areaOf(url: string): AreaUrl | undefined {
    const queryAt = url.indexOf("?");
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = queryAt < 0 ? "" : url.slice(queryAt + 1);
    let area: ApiArea;
    if (under(path, AREA_BASE.v2)) area = "v2";
    else if (under(path, AREA_BASE.v1)) area = "v1";
    else return undefined;
    return { area, path: path.slice(AREA_BASE[area].length) || "/", query };
}
