/**
 * The lines one call writes to the client's logger: the request (redacted headers and body), each attempt sent,
 * each answer with its time, and each retry as a warning. Concurrent calls interleave in a log, so every line
 * carries the call's number: "JumpCloud #12 POST /usergroups -> 201 (3 ms, attempt 1)".
 */
import type { PreparedRequest } from "./prepared-request";
import { redactBody, redactHeaders } from "./redact";

/** Where the client's diagnostics go. Every message is already redacted. */
export interface ClientLogger {
    debug(message: string): void;
    warn(message: string): void;
}

/** How an attempt ended, as a log line shows it: the status, or "network" or "timeout". */
export type AttemptEnd = number | "network" | "timeout";

/** Calls logged in this process: numbers each call in the log. */
let loggedCalls = 0;

/** The log of one call. Without a logger every method does nothing. */
export class CallLog {
    private constructor(
        private readonly logger: ClientLogger | undefined,
        private readonly label: string,
        private readonly request: PreparedRequest,
    ) {}

    /** Opens the log of a call and writes its request lines. */
    static open(logger: ClientLogger | undefined, request: PreparedRequest): CallLog {
        if (logger === undefined) return new CallLog(undefined, "", request);
        const log = new CallLog(
            logger,
            `JumpCloud #${++loggedCalls} ${request.context.method} ${request.context.path}`,
            request,
        );
        log.debug(`headers ${JSON.stringify(redactHeaders(request.headers))}`);
        if (request.json !== undefined) log.debug(`body ${JSON.stringify(redactBody(request.json))}`);
        return log;
    }

    /** An attempt leaves. */
    sent(attempt: number): void {
        this.debug(`attempt ${attempt} sent`);
    }

    /** An attempt ended after `elapsedMs`. */
    answered(end: AttemptEnd, elapsedMs: number, attempt: number): void {
        this.debug(`-> ${end} (${elapsedMs} ms, attempt ${attempt})`);
    }

    /** The call will try again after `delayMs`. */
    retrying(end: AttemptEnd, delayMs: number, nextAttempt: number, maxAttempts: number): void {
        this.logger?.warn(
            this.request.scrub(
                `${this.label} -> ${end}; retrying in ${delayMs} ms (attempt ${nextAttempt} of ${maxAttempts})`,
            ),
        );
    }

    /** The API refused the call's bearer token (expired, revoked): a new one is fetched and the call sent again. */
    renewingToken(nextAttempt: number): void {
        this.logger?.warn(
            this.request.scrub(
                `${this.label} -> 401; the access token was refused: sending attempt ${nextAttempt} with a new one`,
            ),
        );
    }

    private debug(text: string): void {
        this.logger?.debug(this.request.scrub(`${this.label} ${text}`));
    }
}
