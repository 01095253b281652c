/**
 * The failures the resources and the lookup functions report that are not a failed API call as such: a unique
 * value another object holds, an object the program names that does not exist, an existing object that differs
 * from the program on adoption. Each keeps the API error that revealed it as `cause`.
 *
 * Recognise them with {@link isProviderError} rather than `instanceof`, as for the client's errors: a program's
 * copy of the package and the dynamic provider's may both be loaded in one process.
 */

const BRAND = Symbol.for("pulumi-jumpcloud.ProviderError");

/** Which failure a {@link ProviderError} is. */
export type ProviderErrorCode = "NAME_TAKEN" | "NOT_FOUND" | "ADOPT_MISMATCH" | "DYNAMIC_GROUP";

/** Base of the errors below; `code` tells them apart. */
export abstract class ProviderError extends Error {
    abstract readonly code: ProviderErrorCode;
    readonly [BRAND] = true;

    constructor(message: string, cause?: unknown) {
        super(message, cause === undefined ? undefined : { cause });
        this.name = new.target.name;
    }
}

/**
 * A unique value the program asks for is held by another object: a user group name (unique ignoring case) on a
 * create or a rename, or the organisation's one Workday instance.
 */
export class NameTakenError extends ProviderError {
    readonly code = "NAME_TAKEN";

    constructor(
        message: string,
        /** The value that is taken: the group name, or "Workday Import". */
        readonly takenName: string,
        /** The id of the object that holds it, when the lookup found it. */
        readonly existingId: string | undefined,
        cause?: unknown,
    ) {
        super(message, cause);
    }
}

/**
 * An object the program names does not exist in JumpCloud: the group to adopt by id, the enrolled push device to
 * adopt, or the group a lookup asks for.
 */
export class ObjectNotFoundError extends ProviderError {
    readonly code = "NOT_FOUND";

    constructor(
        message: string,
        /** What was looked for, e.g. "user group by id 5f0c…". */
        readonly wanted: string,
        cause?: unknown,
    ) {
        super(message, cause);
    }
}

/** Adoption in "verify" mode found the existing object different from the program; nothing was changed. */
export class AdoptMismatchError extends ProviderError {
    readonly code = "ADOPT_MISMATCH";

    constructor(
        message: string,
        /** The existing object's id. */
        readonly existingId: string,
        /** The managed fields that differ ("description", "attributes.sudo"). */
        readonly fields: readonly string[],
    ) {
        super(message);
    }
}

/**
 * A membership resource names a dynamic group: its members are the users its `memberQuery` selects, and JumpCloud
 * refuses member changes to it. Nothing was changed by the call that revealed it.
 */
export class DynamicGroupError extends ProviderError {
    readonly code = "DYNAMIC_GROUP";

    constructor(
        message: string,
        /** The group's id. */
        readonly groupId: string,
        /** Its membershipMethod (DYNAMIC_AUTOMATED or DYNAMIC_REVIEW_REQUIRED). */
        readonly membershipMethod: string,
        cause?: unknown,
    ) {
        super(message, cause);
    }
}

/** True for any {@link ProviderError} (of this or another loaded copy of the package), of `code` when given. */
export function isProviderError(e: unknown, code?: ProviderErrorCode): e is ProviderError {
    if (typeof e !== "object" || e === null || (e as { [BRAND]?: unknown })[BRAND] !== true) return false;
    return code === undefined || (e as ProviderError).code === code;
}
