/**
 * The client's diagnostics written to a file (`jumpcloud:logFile` / `JUMPCLOUD_LOG_FILE`): one line per event,
 * appended synchronously so that the lines of one process are in the order things happened, and so that the
 * program and the dynamic-provider process can share one file. The client redacts every message before it gets here.
 */
import * as fs from "node:fs";
import type { ClientLogger } from "./client";
import { SettingsError } from "./config";

const open = new Map<string, ClientLogger>();

/**
 * Opens `file` for appending (once per process and path) and returns a logger writing `<ISO time> pid=<pid> <level> <message>` lines to it.
 * Throws a {@link SettingsError} naming the setting when the file cannot be opened.
 */
export function openFileLogger(file: string): ClientLogger {
    const known = open.get(file);
    if (known) return known;
    let fd: number;
    try {
        fd = fs.openSync(file, "a");
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "error";
        throw new SettingsError(
            `jumpcloud:logFile (or JUMPCLOUD_LOG_FILE) names a file that cannot be opened for appending (${code}): ` +
                `${JSON.stringify(file)}; point it at a writable path or unset it.`,
        );
    }
    const write = (level: string, message: string): void => {
        try {
            fs.writeSync(fd, `${new Date().toISOString()} pid=${process.pid} ${level} ${message}\n`);
        } catch {
            // A full disk or a removed file must not fail the API call the line describes.
        }
    };
    const logger: ClientLogger = { debug: (m) => write("debug", m), warn: (m) => write("warn", m) };
    open.set(file, logger);
    return logger;
}
