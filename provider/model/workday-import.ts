/**
 * The WorkdayImport model: an import job's inputs and outputs, `check` against the `bulk-user-create` shape, the
 * canonical comparison of user lists, and the summary of a job's result rows.
 */

import { OBJECT_ID } from "../client/paths";
import type { ApiBulkUser, ApiImportResult } from "../client/types";
import { canonicalSet, deepEqual } from "./canonical";
import { pick } from "./plain-objects";
import { type CheckFailure, childPath, containsUnknown, isPlainObject, isUnknown, Validator } from "./validation";
import { BULK_USER_FIELDS, type FieldRule } from "./workday-import-schema";

/**
 * A result message saying the user exists already: JumpCloud imports each user once ("unique users may only be
 * imported once", its Workday import documentation), judged on the username and the email.
 */
export const ALREADY_IMPORTED = /imported once|already exists/i;

/** Most users one job may carry (judgement: keeps the request well under the API's body limits). */
export const MAX_USERS_PER_IMPORT = 1000;
/** Longest accepted username (judgement: no documented limit). */
export const USERNAME_MAX_LENGTH = 1024;
/** How long `create` waits for the results by default, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 300;
/** Longest wait `timeoutSeconds` may ask for (one hour). */
export const MAX_TIMEOUT_SECONDS = 3600;

/** The plain inputs of a WorkdayImport. */
export interface WorkdayImportInputs {
    /** The Workday instance's id. */
    workdayId: string;
    /** The users to import (`bulk-user-create`); a change starts a new job (replace). */
    users: ApiBulkUser[];
    /** Wait for every user's final status in `create`. @default true */
    waitForResults: boolean;
    /** How long to wait, in seconds. @default 300 */
    timeoutSeconds: number;
    /** Per-resource `x-org-id`. Changing it replaces the resource. */
    orgId?: string;
}

/** One user the import did not create. */
export interface FailedImportUser {
    /** The result row's id. */
    id?: string;
    username?: string;
    email?: string;
    status: string;
    message: string;
}

/**
 * A user the job did not create because JumpCloud already has it (same username or email): imported by an earlier
 * job, or by a repeat of this job's POST whose first answer was lost. Same shape as a failed user.
 */
export type AlreadyImportedUser = FailedImportUser;

/** What a job's result rows add up to. */
export interface ImportSummary {
    /** True when every user has a final status. */
    complete: boolean;
    /** Result rows seen. */
    total: number;
    /** Rows by status, e.g. `{ success: 3, failed: 1 }`. */
    counts: Record<string, number>;
    succeeded: number;
    /** Users that failed for another reason than already existing. */
    failed: number;
    /** Users JumpCloud already had ("unique users may only be imported once"); not counted in `failed`. */
    alreadyImported: number;
    /** Users without a final status yet (rows still pending, and users with no row yet). */
    pending: number;
    failedUsers: FailedImportUser[];
    alreadyImportedUsers: AlreadyImportedUser[];
}

/** The outputs: the inputs echoed, the job id and the summary of its results. */
export interface WorkdayImportOutputs extends WorkdayImportInputs, ImportSummary {
    jobId: string;
}

/** Every input of a WorkdayImport. */
export const WORKDAY_IMPORT_INPUT_KEYS = ["workdayId", "users", "waitForResults", "timeoutSeconds", "orgId"] as const;
const EMAIL = { regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, description: "an email address (name@domain)" };
const NO_SPACE = { regex: /^\S+$/, description: "a username without whitespace" };

function validateField(v: Validator, path: string, value: unknown, rule: FieldRule): void {
    switch (rule.type) {
        case "string":
            if (rule.enum) v.oneOf(path, value, rule.enum);
            // Free-text fields may be empty in the API (they clear a value).
            else
                v.string(path, value, {
                    minLength: 0,
                    ...(rule.maxLength === undefined ? {} : { maxLength: rule.maxLength }),
                });
            return;
        case "boolean":
            v.boolean(path, value);
            return;
        case "integer":
            v.integer(path, value, rule.minimum === undefined ? {} : { min: rule.minimum });
            return;
        case "object":
            if (v.object(path, value) && rule.properties) validateObject(v, path, value, rule.properties);
            return;
        case "array": {
            const items = rule.items;
            if (v.array(path, value) && items) {
                value.forEach((item, i) => {
                    validateField(v, childPath(path, i), item, items);
                });
            }
            return;
        }
    }
}

function validateObject(
    v: Validator,
    path: string,
    obj: Record<string, unknown>,
    fields: Readonly<Record<string, FieldRule>>,
): void {
    v.noUnknownKeys(path, obj, Object.keys(fields));
    for (const [key, rule] of Object.entries(fields)) validateField(v, childPath(path, key), obj[key], rule);
}

function validateUser(v: Validator, path: string, user: Record<string, unknown>): void {
    validateObject(v, path, user, BULK_USER_FIELDS);
    // The shape allows everything to be absent; an import needs at least the identity of each user.
    if (
        v.string(childPath(path, "email"), user.email, {
            required: true,
            maxLength: 1024,
            example: '"alice@example.com"',
        })
    ) {
        if (!EMAIL.regex.test(user.email as string)) v.fail(childPath(path, "email"), `must be ${EMAIL.description}`);
    }
    v.string(childPath(path, "username"), user.username, {
        required: true,
        maxLength: USERNAME_MAX_LENGTH,
        pattern: NO_SPACE,
        example: '"alice"',
    });
    if (Array.isArray(user.attributes)) {
        user.attributes.forEach((a, i) => {
            if (isPlainObject(a))
                v.string(childPath(childPath(childPath(path, "attributes"), i), "name"), a.name, { required: true });
        });
    }
}

/** Every rule that can be known before calling the API. */
export function validateWorkdayImport(news: unknown): CheckFailure[] {
    const v = new Validator();
    if (!v.resourceInputs(news, WORKDAY_IMPORT_INPUT_KEYS, "the inputs must be an object with workdayId and users"))
        return v.failures;
    v.string("workdayId", news.workdayId, { required: true, pattern: OBJECT_ID, example: "workday.id" });
    if (
        v.array("users", news.users, {
            required: true,
            minItems: 1,
            maxItems: MAX_USERS_PER_IMPORT,
            example: "[{ email, username, firstname, lastname }]",
        })
    ) {
        news.users.forEach((user, i) => {
            if (v.object(childPath("users", i), user)) validateUser(v, childPath("users", i), user);
        });
        // The API imports each user once; a repeat inside one job would only fail.
        const lower = (key: string) => (u: unknown) =>
            isPlainObject(u) && typeof u[key] === "string" ? (u[key] as string).toLowerCase() : undefined;
        v.unique("users", news.users, lower("username"), "username");
        v.unique("users", news.users, lower("email"), "email");
    }
    v.boolean("waitForResults", news.waitForResults);
    v.integer("timeoutSeconds", news.timeoutSeconds, { min: 1, max: MAX_TIMEOUT_SECONDS, example: "600" });
    v.string("orgId", news.orgId, { pattern: OBJECT_ID, example: '"5f0000000000000000000001"' });
    return v.failures;
}

/** WorkdayImport inputs as a program may give them: the waiting options may be left out. */
export type WorkdayImportGivenInputs = Omit<WorkdayImportInputs, "waitForResults" | "timeoutSeconds"> &
    Partial<Pick<WorkdayImportInputs, "waitForResults" | "timeoutSeconds">>;

/** The inputs `check` hands back, from inputs {@link validateWorkdayImport} accepted: defaults filled in. */
export function normalizeWorkdayImportInputs(news: WorkdayImportGivenInputs): WorkdayImportInputs {
    return {
        ...pick(news, WORKDAY_IMPORT_INPUT_KEYS),
        workdayId: news.workdayId,
        users: news.users,
        waitForResults: news.waitForResults ?? true,
        timeoutSeconds: news.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    };
}

/** True when two user lists describe the same import: order and key order do not matter. */
export function sameUsers(a: unknown, b: unknown): boolean {
    if (containsUnknown(a) || containsUnknown(b)) return false;
    if (!Array.isArray(a) || !Array.isArray(b)) return deepEqual(a, b);
    return deepEqual(canonicalSet(a), canonicalSet(b));
}

/** The inputs whose change starts a new job (replace). */
export function replacedFields(olds: Partial<WorkdayImportOutputs>, news: WorkdayImportInputs): string[] {
    const out: string[] = [];
    if (isUnknown(news.workdayId) || olds.workdayId !== news.workdayId) out.push("workdayId");
    if (!sameUsers(olds.users, news.users)) out.push("users");
    if (isUnknown(news.orgId) || (olds.orgId ?? undefined) !== (news.orgId ?? undefined)) out.push("orgId");
    return out;
}

/** Statuses that mean "not done yet" (the API documents no enum; these cover the common spellings). */
const PENDING = new Set([
    "",
    "pending",
    "queued",
    "running",
    "started",
    "processing",
    "in_progress",
    "in-progress",
    "new",
]);
/** Statuses that mean the user was not imported. */
const FAILED = /fail|error|reject|invalid|conflict|duplicate|skip/i;

/** True when the status is not final yet. */
export function isPendingStatus(status: string | undefined): boolean {
    return PENDING.has((status ?? "").trim().toLowerCase());
}

/** True when the final status means the user was not imported. */
export function isFailedStatus(status: string | undefined): boolean {
    return !isPendingStatus(status) && FAILED.test(status ?? "");
}

function stringAt(row: ApiImportResult, key: string): string | undefined {
    for (const source of [row.persistedFields, row.meta]) {
        const v = source?.[key];
        if (typeof v === "string" && v !== "") return v;
    }
    return undefined;
}

/** Summarises a job's result rows; `expected` is how many users were sent (rows not there yet count as pending). */
export function summarizeResults(rows: readonly ApiImportResult[], expected: number): ImportSummary {
    const counts: Record<string, number> = {};
    let succeeded = 0;
    let pendingRows = 0;
    const failedUsers: FailedImportUser[] = [];
    const alreadyImportedUsers: AlreadyImportedUser[] = [];
    for (const row of rows) {
        const status = typeof row.status === "string" && row.status !== "" ? row.status : "pending";
        counts[status] = (counts[status] ?? 0) + 1;
        if (isPendingStatus(status)) pendingRows++;
        else if (isFailedStatus(status)) {
            const user: FailedImportUser = { status, message: row.statusMsg ?? "" };
            if (row.id !== undefined) user.id = row.id;
            const username = stringAt(row, "username");
            const email = stringAt(row, "email");
            if (username !== undefined) user.username = username;
            if (email !== undefined) user.email = email;
            (ALREADY_IMPORTED.test(user.message) ? alreadyImportedUsers : failedUsers).push(user);
        } else succeeded++;
    }
    const missing = Math.max(0, expected - rows.length);
    return {
        complete: pendingRows === 0 && missing === 0,
        total: rows.length,
        counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))),
        succeeded,
        failed: failedUsers.length,
        alreadyImported: alreadyImportedUsers.length,
        pending: pendingRows + missing,
        failedUsers,
        alreadyImportedUsers,
    };
}
