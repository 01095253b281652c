/**
 * What a command needs from its process, passed in so commands run in tests without touching the real one.
 */
import * as fs from "node:fs";

/** The streams and environment of one command run. */
export interface CliIO {
    /** Writes to standard output. */
    readonly out: (text: string) => void;
    /** Writes to standard error. */
    readonly err: (text: string) => void;
    /** Reads all of standard input. */
    readonly readStdin: () => Promise<string>;
    readonly env: NodeJS.ProcessEnv;
    /** The working directory relative paths resolve against. */
    readonly cwd: string;
}

/** Thrown for a usage mistake: the message is printed with a hint to `--help`, and the exit code is 2. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

/** The {@link CliIO} of the current process. */
export function processIO(): CliIO {
    return {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        readStdin: async () => {
            const chunks: Buffer[] = [];
            for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
            return Buffer.concat(chunks).toString("utf8");
        },
        env: process.env,
        cwd: process.cwd(),
    };
}

/** Reads a file, or standard input for "-". */
export async function readInput(io: CliIO, file: string): Promise<string> {
    return file === "-" ? io.readStdin() : fs.promises.readFile(file, "utf8");
}
