/**
 * The error of a lookup that must find exactly one user (`users.findByEmail`, `users.findByUsername`) and found none
 * or several. The call itself succeeded, so it is no `JumpCloudError`; it lists what was found so the caller can act.
 * Recognise it with {@link isUserLookupError} (a brand survives two loaded copies of the package).
 */
import type { ApiSystemUser } from "./types";

const BRAND = Symbol.for("pulumi-jumpcloud.UserLookupError");

/** What was looked up. */
export type UserLookupField = "email" | "username";

function label(user: ApiSystemUser): string {
    const who = [user.username, user.email].filter((s) => typeof s === "string" && s !== "").join(", ");
    return who === "" ? user._id : `${user._id} (${who})`;
}

/** No user, or more than one, has the value looked up. */
export class UserLookupError extends Error {
    /** The field looked up. */
    readonly field: UserLookupField;
    /** The value looked up. */
    readonly value: string;
    /** The users found: none, or two and more. */
    readonly matches: readonly ApiSystemUser[];
    readonly [BRAND] = true;

    constructor(field: UserLookupField, value: string, matches: readonly ApiSystemUser[]) {
        super(
            matches.length === 0
                ? `No JumpCloud user has ${field} ${JSON.stringify(value)} (the API compares it case-sensitively: ` +
                      "write it as JumpCloud stores it, or look the user up by id)"
                : `${matches.length} JumpCloud users have ${field} ${JSON.stringify(value)}: ` +
                      `${matches.map(label).join("; ")}; look the user up by id instead`,
        );
        this.name = "UserLookupError";
        this.field = field;
        this.value = value;
        this.matches = matches;
    }
}

/** True for a {@link UserLookupError} of this package (or of another loaded copy of it). */
export function isUserLookupError(e: unknown): e is UserLookupError {
    return typeof e === "object" && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true;
}
