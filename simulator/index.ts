/**
 * The embedded JumpCloud API simulator (API v2, the API v1 users, the service-account token endpoint): start it
 * in-process (tests, demos) or through cli.ts.
 */
import { createContext } from "./context";
import { createServer } from "./server";
import { Store } from "./store";

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
    /** TCP port; 0 picks a free one. @default 0 */
    port?: number;
    /** Loopback address to listen on. @default "127.0.0.1" */
    host?: string;
    /** Persist to `<dataDir>/jumpcloud-sim.db` (WAL, synchronous=FULL). @default undefined (in-memory database) */
    dataDir?: string;
    /** API key of the default org. @default "sim-dev-key" */
    apiKey?: string;
    /** Id (24 hex) of the default org. @default "5f0000000000000000000001" */
    orgId?: string;
    /** How long Workday import results stay "pending". @default 200 */
    importDelayMs?: number;
    /**
     * Lifetime of the service-account access tokens `POST /oauth2/token` issues; a short one lets a test watch a
     * token expire (also settable at run time through `POST /__sim/token-settings`). @default 3600
     */
    tokenLifetimeSeconds?: number;
    /** fastify request logging to stderr (never logs x-api-key). @default false */
    log?: boolean;
}

/** A running simulator. */
export interface RunningSimulator {
    /** The API v2 base URL clients use: "http://127.0.0.1:<port>/api/v2". */
    url: string;
    /**
     * "http://127.0.0.1:<port>": API v1 lives at origin + "/api", the token endpoint at origin + "/oauth2/token",
     * the admin surface at origin + "/__sim/...".
     */
    origin: string;
    port: number;
    apiKey: string;
    orgId: string;
    /** Stops listening, drops open connections and closes the database. */
    close(): Promise<void>;
}

/** The default development key (printed by the CLI; never a real credential). */
export const DEFAULT_API_KEY = "sim-dev-key";
/** The default org id. */
export const DEFAULT_ORG_ID = "5f0000000000000000000001";

/** Starts the simulator and resolves once it is listening. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
    const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
    const orgId = (opts.orgId ?? DEFAULT_ORG_ID).toLowerCase();
    if (!/^[0-9a-f]{24}$/.test(orgId)) throw new Error("orgId must be 24 hex characters");
    const lifetime = opts.tokenLifetimeSeconds;
    if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1)) {
        throw new Error("tokenLifetimeSeconds must be a positive integer");
    }
    const host = opts.host ?? "127.0.0.1";
    const store = new Store(opts.dataDir, { apiKey, orgId });
    const context = createContext(store, orgId, {
        importDelayMs: opts.importDelayMs,
        tokenLifetimeSeconds: opts.tokenLifetimeSeconds,
    });
    const app = createServer(context, { log: opts.log });
    try {
        await app.listen({ port: opts.port ?? 0, host });
    } catch (error) {
        store.close();
        throw error;
    }
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : (opts.port ?? 0);
    const hostForUrl = host.includes(":") ? `[${host}]` : host;
    const origin = `http://${hostForUrl}:${port}`;
    let closing: Promise<void> | undefined;
    return {
        url: `${origin}/api/v2`,
        origin,
        port,
        apiKey,
        orgId,
        close: () => {
            closing ??= app.close().then(() => store.close());
            return closing;
        },
    };
}
