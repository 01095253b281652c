/**
 * Authentication and tenancy. A request authenticates with `x-api-key` (an admin's key, which may reach several
 * orgs) or with `Authorization: Bearer <token>` (a service account's access token, which reaches its one org);
 * `x-org-id` picks the org. An org the credential does not reach is reported exactly like one that does not exist.
 */
import type { IncomingHttpHeaders } from "node:http";
import { ApiError, badRequest } from "./errors";
import { isObjectId } from "./object-id";
import type { ServiceAccountStore } from "./store/service-accounts";
import type { TenancyStore } from "./store/tenancy";

type HeaderValue = string | string[] | undefined;

function headerText(value: HeaderValue): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

/** The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive), else undefined. */
function bearerToken(authorization: HeaderValue): string | undefined {
    const match = /^bearer +(\S+) *$/i.exec(headerText(authorization) ?? "");
    return match?.[1];
}

/** 401 for a bearer token the API does not accept, with the RFC 6750 challenge. */
function invalidToken(message: string): ApiError {
    return new ApiError(401, message, { "www-authenticate": 'Bearer error="invalid_token"' });
}

/**
 * The orgs the request's credential reaches. An `x-api-key` header wins over `Authorization` when both are sent
 * (the key is the API's documented scheme; the bearer token is the service-account alternative).
 */
function credentialOrgs(
    tenancy: TenancyStore,
    serviceAccounts: ServiceAccountStore,
    headers: IncomingHttpHeaders,
    now: number,
): readonly string[] {
    const key = headerText(headers["x-api-key"]);
    if (key) return tenancy.orgsForKey(key);
    const token = bearerToken(headers.authorization);
    if (token === undefined) return [];
    const check = serviceAccounts.check(token, now);
    if (check.status !== "valid") {
        throw invalidToken(
            check.status === "expired"
                ? "the access token has expired: request a new one from POST /oauth2/token"
                : "Unauthorized",
        );
    }
    return [check.orgId];
}

/**
 * Resolves the org a request acts for. Throws 401 for a missing or unknown credential (and for a multi-tenant key
 * without `x-org-id`), 400 for a malformed `x-org-id`, 404 for an org the credential does not reach.
 */
export function resolveOrg(
    tenancy: TenancyStore,
    serviceAccounts: ServiceAccountStore,
    headers: IncomingHttpHeaders,
    now: number = Date.now(),
): string {
    const orgs = credentialOrgs(tenancy, serviceAccounts, headers, now);
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
