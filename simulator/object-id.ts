/**
 * ObjectId-style identifiers (24 hex characters): generation and validation.
 */
import { randomBytes } from "node:crypto";

const process5 = randomBytes(5).toString("hex");
let counter = randomBytes(3).readUIntBE(0, 3);

/** A new 24-hex id: 4 bytes of seconds, 5 bytes per process, a 3-byte counter (monotonic within a process). */
export function newObjectId(): string {
    counter = (counter + 1) % 0x1000000;
    const seconds = Math.floor(Date.now() / 1000)
        .toString(16)
        .padStart(8, "0");
    return seconds + process5 + counter.toString(16).padStart(6, "0");
}

const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

/** True when the text is a well-formed ObjectId. */
export function isObjectId(text: unknown): text is string {
    return typeof text === "string" && OBJECT_ID.test(text);
}
