/**
 * Id patterns shared by every resource's `check` and by the lookup functions, so a malformed or path-like id
 * ("../../users") is refused with a property path before any request is made.
 */

/**
 * An id that JumpCloud does not document as an ObjectId (push endpoints, import jobs): 1-128 letters, digits, `_`,
 * `-` or `.`, not starting with `.` (so never `.` or `..`). The client enforces the same rule on its paths.
 */
export const SAFE_ID = {
    regex: /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/,
    description: 'an id of 1-128 letters, digits, "_", "-" or "." (not starting with ".")',
} as const;
