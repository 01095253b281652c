/**
 * The simulator's CLI (`npm run sim`) as a child process on port 0, for tests and benchmarks that need a real
 * process (durability under SIGKILL, load from another process, the CLI's own flags and log).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** The repository root: ts-node finds the project's tsconfig there. */
const ROOT = path.resolve(__dirname, "..");

/** A running simulator CLI process. */
export interface SimulatorChild {
    proc: ChildProcess;
    /** The API base URL the CLI printed, e.g. http://127.0.0.1:40123/api/v2. */
    url: string;
    /** The same without /api/v2: the admin surface lives at origin + "/__sim". */
    origin: string;
    /** Settles when the process exits, with its code or signal. */
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    /** Everything the process printed so far (stdout and stderr). */
    output(): string;
}

/**
 * Starts `simulator/cli.ts` on port 0 with `dataDir`, `apiKey` and any further CLI flags, and waits for the URL line
 * it prints.
 */
export async function startSimulatorChild(
    dataDir: string,
    apiKey: string,
    extraArgs: readonly string[] = [],
): Promise<SimulatorChild> {
    const proc = spawn(
        process.execPath,
        [
            "-r",
            "ts-node/register/transpile-only",
            path.join(__dirname, "cli.ts"),
            "--port",
            "0",
            "--data",
            dataDir,
            "--api-key",
            apiKey,
            ...extraArgs,
        ],
        { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        proc.on("exit", (code, signal) => resolve({ code, signal })),
    );
    let output = "";
    proc.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
    });
    proc.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`simulator did not start: ${output}`)), 60_000);
        proc.stdout?.on("data", () => {
            const match = /^(http:\/\/127\.0\.0\.1:\d+\/api\/v2)$/m.exec(output);
            if (match) {
                clearTimeout(timer);
                resolve(match[1]!);
            }
        });
        proc.on("exit", (code) => reject(new Error(`simulator exited (${code}): ${output}`)));
    });
    return { proc, url, origin: url.replace(/\/api\/v2$/, ""), exited, output: () => output };
}
