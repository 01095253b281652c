/**
 * Authentication and tenancy: the `x-api-key` names the orgs a caller may act for; `x-org-id` picks one of them.
 * An org the key does not reach is reported exactly like an org that does not exist.
 */
import type { IncomingHttpHeaders } from "node:http";
import { ApiError, badRequest } from "./errors";
import { isObjectId } from "./object-id";
import type { TenancyStore } from "./store/tenancy";

type HeaderValue = string | string[] | undefined;

function headerText(value: HeaderValue): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

/**
 * Resolves the org a request acts for. Throws 401 for a missing or unknown key (and for a multi-tenant key without
 * `x-org-id`), 400 for a malformed `x-org-id`, 404 for an org the key does not reach.
 */
export function resolveOrg(tenancy: TenancyStore, headers: IncomingHttpHeaders): string {
    const key = headerText(headers["x-api-key"]);
    const orgs = key ? tenancy.orgsForKey(key) : [];
    if (orgs.length === 0) throw new ApiError(401, "Unauthorized");
    const requested = headerText(headers["x-org-id"]);
    if (requested === undefined || requested === "") {
        if (orgs.length > 1) throw new ApiError(401, "x-org-id header is required for a multi-tenant API key");
        return orgs[0]!;
    }
    if (!isObjectId(requested)) throw badRequest("Malformed ID: x-org-id must be a 24-character hex ObjectId");
    const orgId = requested.toLowerCase();
    if (!orgs.includes(orgId)) throw new ApiError(404, "Organization ID not found");
    return orgId;
}
