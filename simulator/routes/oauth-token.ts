/**
 * `POST /oauth2/token`: the OAuth 2.0 token endpoint of JumpCloud service accounts (JumpCloud support article
 * "Service Account for APIs"), client-credentials grant only. The client authenticates with HTTP Basic
 * (`client_secret_basic`, RFC 6749 section 2.3.1) and sends `grant_type=client_credentials&scope=api` as a form
 * body; the answer is `{access_token, token_type: "bearer", expires_in, scope}` with `Cache-Control: no-store`
 * (section 5.1). Errors are OAuth errors `{error, error_description}` (section 5.2), not API errors. The secret and
 * the token never reach an error message, the request log or the store.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { TOKEN_PATH } from "../api-area";
import type { SimulatorContext } from "../context";

/** The scope JumpCloud's service accounts request for the API. */
const API_SCOPE = "api";

/** Token request bodies are a few hundred bytes. */
const TOKEN_BODY_LIMIT = 16 * 1024;

/** An OAuth 2.0 error response (RFC 6749 section 5.2). */
class OAuthError extends Error {
    constructor(
        readonly statusCode: number,
        readonly error: string,
        readonly description: string,
    ) {
        super(description);
    }
}

function invalidRequest(description: string): OAuthError {
    return new OAuthError(400, "invalid_request", description);
}

/** Decodes one `application/x-www-form-urlencoded` component of a Basic credential (RFC 6749 section 2.3.1). */
function formDecode(text: string): string | undefined {
    try {
        return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
        return undefined;
    }
}

/** A client id and secret as a client may have sent them. */
interface Credentials {
    clientId: string;
    clientSecret: string;
}

/**
 * The readings of an `Authorization: Basic` header's client id and secret (none when the header is absent or
 * malformed): as sent, and form-decoded. RFC 6749 asks clients to form-encode both before the Basic encoding, but
 * many HTTP libraries' Basic auth does not, and a secret with a "+" or "%" must work either way.
 */
function basicCredentials(header: string | undefined): Credentials[] {
    const match = /^basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? "");
    if (!match) return [];
    const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 1) return [];
    const raw = { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
    const clientId = formDecode(raw.clientId);
    const clientSecret = formDecode(raw.clientSecret);
    const formDecoded = clientId && clientSecret !== undefined ? [{ clientId, clientSecret }] : [];
    return [raw, ...formDecoded.filter((c) => c.clientId !== raw.clientId || c.clientSecret !== raw.clientSecret)];
}

function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
    if (error.statusCode === 401) reply.header("www-authenticate", 'Basic realm="jumpcloud-simulator"');
    return reply
        .code(error.statusCode)
        .header("cache-control", "no-store")
        .header("pragma", "no-cache")
        .type("application/json")
        .send(JSON.stringify({ error: error.error, error_description: error.description }));
}

/** Registers the token endpoint (at the root), with its own form parser and OAuth error bodies. */
export function registerOAuthTokenRoute(app: FastifyInstance, ctx: SimulatorContext): void {
    // Scoped to this plugin: the API routes keep answering 415 to form bodies.
    app.addContentTypeParser(
        "application/x-www-form-urlencoded",
        { parseAs: "string", bodyLimit: TOKEN_BODY_LIMIT },
        (_request, body, done) => done(null, new URLSearchParams(body.toString())),
    );

    app.setErrorHandler((error, request, reply) => {
        if (error instanceof OAuthError) return sendOAuthError(reply, error);
        const status = (error as { statusCode?: number }).statusCode ?? 500;
        if (status >= 500) request.log.error({ err: error }, "simulator error");
        // A body the parsers refused (JSON, oversized…): say what the endpoint takes, never echo the body.
        return sendOAuthError(
            reply,
            status === 413
                ? invalidRequest(`the request body is larger than ${TOKEN_BODY_LIMIT} bytes`)
                : invalidRequest(
                      "the body must be application/x-www-form-urlencoded: grant_type=client_credentials&scope=api",
                  ),
        );
    });

    app.post(TOKEN_PATH, async (request, reply) => {
        const form = request.body;
        if (!(form instanceof URLSearchParams)) {
            throw invalidRequest(
                "the body must be application/x-www-form-urlencoded: grant_type=client_credentials&scope=api",
            );
        }
        const authorization = request.headers.authorization;
        const readings = basicCredentials(Array.isArray(authorization) ? authorization[0] : authorization);
        if (readings.length === 0) {
            const inBody = form.has("client_secret") ? " (client_secret in the body is not accepted)" : "";
            throw new OAuthError(
                401,
                "invalid_client",
                `authenticate the client with HTTP Basic: Authorization: Basic base64(client_id:client_secret)${inBody}`,
            );
        }
        const grantType = form.get("grant_type");
        if (!grantType) throw invalidRequest("grant_type is required: grant_type=client_credentials");
        if (grantType !== "client_credentials") {
            throw new OAuthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        // Absent scope means the default scope, api (RFC 6749 section 3.3 lets the server pick a default).
        const scopes = (form.get("scope") ?? API_SCOPE).split(" ").filter((s) => s !== "");
        if (scopes.length === 0 || scopes.some((s) => s !== API_SCOPE)) {
            throw new OAuthError(400, "invalid_scope", `scope must be "${API_SCOPE}"`);
        }
        const client = readings
            .map((c) => ({
                clientId: c.clientId,
                orgId: ctx.store.serviceAccounts.authenticate(c.clientId, c.clientSecret),
            }))
            .find((c) => c.orgId !== undefined);
        if (client?.orgId === undefined) throw new OAuthError(401, "invalid_client", "client authentication failed");
        const { clientId, orgId } = client;
        if (request.sim) request.sim.orgId = orgId;
        const lifetime = ctx.tokenLifetimeSeconds;
        const token = await ctx.store.write(() =>
            ctx.store.serviceAccounts.issue(clientId, orgId, lifetime, Date.now()),
        );
        return reply
            .code(200)
            .header("cache-control", "no-store")
            .header("pragma", "no-cache")
            .type("application/json")
            .send(
                JSON.stringify({
                    access_token: token.accessToken,
                    token_type: "bearer",
                    expires_in: token.expiresIn,
                    scope: API_SCOPE,
                }),
            );
    });
}
