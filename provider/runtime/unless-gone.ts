/**
 * The API's 404 where it means "the object is gone": a refresh then drops the resource from state, and a delete or
 * a deauthorisation has nothing left to do. One place for that rule, so every runtime reads it the same way.
 */
import { hasStatus } from "../client/errors";

/** The result of `call`, or undefined when the API answered 404. Every other failure is rethrown. */
export async function unlessGone<T>(call: Promise<T>): Promise<T | undefined> {
    try {
        return await call;
    } catch (e) {
        if (hasStatus(e, 404)) return undefined;
        throw e;
    }
}
