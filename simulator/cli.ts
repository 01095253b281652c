/**
 * Command line entry: `npm run sim -- --port <port|0> --data <dir> --api-key <key> [--org-id <id>]
 * [--import-delay-ms <ms>] [--token-lifetime-seconds <s>] [--log]`. Prints the API base URL on a line of its own;
 * stops on SIGINT/SIGTERM.
 */
import path from "node:path";
import { DEFAULT_API_KEY, startSimulator } from "./index";

/** Parsed command line. */
interface CliOptions {
    port: number;
    dataDir: string;
    apiKey: string;
    orgId: string | undefined;
    importDelayMs: number | undefined;
    tokenLifetimeSeconds: number | undefined;
    log: boolean;
}

const USAGE =
    "usage: npm run sim -- [--port <port|0>] [--data <dir>] [--api-key <key>] [--org-id <24 hex>] " +
    "[--import-delay-ms <ms>] [--token-lifetime-seconds <s>] [--log]";

function parseArgs(argv: string[]): CliOptions {
    const options: CliOptions = {
        port: 8080,
        dataDir: path.resolve(__dirname, "..", ".sim-data"),
        apiKey: DEFAULT_API_KEY,
        orgId: undefined,
        importDelayMs: undefined,
        tokenLifetimeSeconds: undefined,
        log: false,
    };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = (): string => {
            const next = argv[++i];
            if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
            return next;
        };
        const integer = (): number => {
            const n = Number(value());
            if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer\n${USAGE}`);
            return n;
        };
        switch (flag) {
            case "--port":
                options.port = integer();
                break;
            case "--data":
                options.dataDir = path.resolve(value());
                break;
            case "--api-key":
                options.apiKey = value();
                break;
            case "--org-id":
                options.orgId = value();
                break;
            case "--import-delay-ms":
                options.importDelayMs = integer();
                break;
            case "--token-lifetime-seconds": {
                const seconds = integer();
                if (seconds < 1) throw new Error(`${flag} must be at least 1\n${USAGE}`);
                options.tokenLifetimeSeconds = seconds;
                break;
            }
            case "--log":
                options.log = true;
                break;
            case "--help":
            case "-h":
                console.log(USAGE);
                process.exit(0);
                break;
            default:
                throw new Error(`unknown argument ${flag}\n${USAGE}`);
        }
    }
    return options;
}

async function main(): Promise<void> {
    const options = parseArgs(process.argv.slice(2));
    const sim = await startSimulator({
        port: options.port,
        dataDir: options.dataDir,
        apiKey: options.apiKey,
        orgId: options.orgId,
        importDelayMs: options.importDelayMs,
        tokenLifetimeSeconds: options.tokenLifetimeSeconds,
        log: options.log,
    });
    console.log("JumpCloud API simulator listening; API v2 base URL:");
    console.log(sim.url);
    // Only the built-in development key is printed: a key given on the command line stays off the terminal.
    const keyText = options.apiKey === DEFAULT_API_KEY ? `${DEFAULT_API_KEY} (development key)` : "(from --api-key)";
    console.log(`x-api-key: ${keyText}`);
    console.log(`org id: ${sim.orgId}`);
    console.log(`data: ${options.dataDir}`);
    console.log(`API v1 (users): ${sim.origin}/api`);
    console.log(`service-account tokens: POST ${sim.origin}/oauth2/token`);
    console.log(
        `admin: ${sim.origin}/__sim (reset, seed, requests, faults, rate-limit, store, users, token-settings, revoke-tokens)`,
    );
    let stopping = false;
    const stop = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        console.log(`${signal}: stopping`);
        sim.close().then(
            () => process.exit(0),
            (error: unknown) => {
                console.error(error);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
