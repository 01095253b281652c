/**
 * A JumpCloud service account as a credential: the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) at the
 * account's token endpoint, then `Authorization: Bearer <token>` on every API request.
 *
 * The token request is the one JumpCloud's own PowerShell module sends (TheJumpCloud/support,
 * `New-JCBearerToken.ps1`): `POST <token URL>` with HTTP Basic client authentication and the form body
 * `grant_type=client_credentials&scope=api`, answered by `{access_token, token_type: "bearer", expires_in}`. The
 * token is shared through the process-wide cache (token-cache.ts): one request however many calls run at once.
 */
import { inspect } from "node:util";
import { type BearerSource, type Credential, digest } from "./credential";
import { UnexpectedResponseError } from "./errors";
import type { PreparedRequest } from "./prepared-request";
import { redactForm, scrubText } from "./redact";
import { expectObject } from "./response-shape";
import { type IssuedToken, sharedTokenCache, type TokenCache } from "./token-cache";

/** A service account's client credentials and where to exchange them for a token. */
export interface ServiceAccount {
    readonly clientId: string;
    readonly clientSecret: string;
    /** The token endpoint (`oauthTokenUrl`). */
    readonly tokenUrl: string;
}

/** Sends a prepared request through the client's pipeline (budget, retries, log); resolves with the JSON body. */
export type SendRequest = (request: PreparedRequest, signal?: AbortSignal) => Promise<unknown>;

/** The token request's form: the grant and the one scope JumpCloud's API tokens carry. */
const TOKEN_FORM = "grant_type=client_credentials&scope=api";

/** One value form-encoded (`application/x-www-form-urlencoded`), as RFC 6749 section 2.3.1 asks of Basic credentials. */
function formEncode(value: string): string {
    return new URLSearchParams([["", value]]).toString().slice(1);
}

/** The `expires_in` of a token response in milliseconds; undefined when absent or not a positive number. */
function lifetimeMs(expiresIn: unknown): number | undefined {
    const seconds = typeof expiresIn === "string" ? Number(expiresIn) : expiresIn;
    return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The credential of a service account. */
export class ServiceAccountCredential implements Credential {
    readonly kind = "serviceAccount";
    readonly identity: string;
    readonly fixedHeaders: Readonly<Record<string, string>> = Object.freeze({});
    readonly bearer: BearerSource;
    private readonly cache: TokenCache;
    private readonly request: PreparedRequest;
    private readonly fixedSecrets: readonly string[];

    /** @param send how the token request is sent: through the same pipeline as the API calls. */
    constructor(account: ServiceAccount, send: SendRequest) {
        const { clientId, clientSecret, tokenUrl } = account;
        this.identity = digest("serviceAccount", tokenUrl, clientId);
        this.cache = sharedTokenCache(tokenUrl, clientId, clientSecret);
        const basic = Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString("base64");
        // The secret as it may be echoed: itself, form-encoded, and inside the Basic credential.
        this.fixedSecrets = [
            ...new Set([clientSecret, formEncode(clientSecret), encodeURIComponent(clientSecret), basic]),
        ];
        this.request = this.tokenRequest(tokenUrl, basic);
        const fetch = (): Promise<IssuedToken> => this.fetchToken(send);
        this.bearer = {
            token: (signal) => this.cache.token(fetch, signal),
            refused: (token) => this.cache.refused(token),
        };
    }

    secrets(): readonly string[] {
        return [...this.fixedSecrets, ...this.cache.known()];
    }

    /** `console.log` and `util.inspect` show the kind only. */
    [inspect.custom](): string {
        return "ServiceAccountCredential { [redacted] }";
    }

    /** `JSON.stringify` shows the kind only. */
    toJSON(): { kind: string } {
        return { kind: this.kind };
    }

    /** The token request, built once: every fetch sends the same bytes. */
    private tokenRequest(tokenUrl: string, basic: string): PreparedRequest {
        const scrub = (text: string): string => scrubText(text, this.secrets());
        return {
            method: "POST",
            url: tokenUrl,
            headers: {
                Accept: "application/json",
                Authorization: `Basic ${basic}`,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body: TOKEN_FORM,
            // The token URL in full: a token endpoint of the wrong region is the first thing to spot.
            context: { method: "POST", path: tokenUrl, auth: "tokenRequest" },
            json: redactForm(TOKEN_FORM),
            // Asking for a token twice leaves nothing behind but a second token: retried like a PUT.
            idempotent: true,
            scrub,
        };
    }

    private async fetchToken(send: SendRequest): Promise<IssuedToken> {
        const { request } = this;
        const context = { method: "POST", path: request.context.path, auth: "tokenRequest" as const };
        const body = expectObject<{ access_token?: unknown; token_type?: unknown; expires_in?: unknown }>(
            await send(request),
            context,
        );
        const fail = (detail: string): never => {
            throw new UnexpectedResponseError({ ...context, status: 200 }, detail);
        };
        if (typeof body.access_token !== "string" || body.access_token === "") fail("response has no access_token");
        if (body.token_type !== undefined && String(body.token_type).toLowerCase() !== "bearer") {
            fail(`token_type is ${JSON.stringify(body.token_type)}, not "bearer"`);
        }
        return { accessToken: String(body.access_token), expiresInMs: lifetimeMs(body.expires_in) };
    }
}
