/**
 * Which simulated API a request URL belongs to. Every area gets the same treatment before its handler runs (fault
 * plan, rate limit, request log); v1 and v2 also authenticate with an API key or a bearer token.
 */

/** The API areas: v2 under /api/v2, v1 under /api (users), and the service-account token endpoint. */
export type ApiArea = "v2" | "v1" | "oauth";

/** The API areas, for validation messages. */
export const API_AREAS: readonly ApiArea[] = ["v2", "v1", "oauth"];

/** The base path of each area; a logged or fault-matched path is relative to it. */
export const AREA_BASE: Readonly<Record<ApiArea, string>> = { v2: "/api/v2", v1: "/api", oauth: "" };

/** The OAuth 2.0 token endpoint of service accounts, at the simulator's root. */
export const TOKEN_PATH = "/oauth2/token";

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
    else if (path === TOKEN_PATH) area = "oauth";
    else return undefined;
    return { area, path: path.slice(AREA_BASE[area].length) || "/", query };
}
