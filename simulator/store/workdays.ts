/**
 * Workday import: the per-org singleton instance, the seeded worker rows, import jobs and their per-user results.
 * Credentials are never stored: only whether basic authorisation is currently valid.
 */
import { alreadyExists } from "../errors";
import type { Collection, ListQuery } from "../list-query";
import { newObjectId } from "../object-id";
import type { Page, StatementCache } from "./statement-cache";
import type { UserGroupStore } from "./user-groups";
import {
    USER_STATES,
    USER_TEXT_FIELDS,
    type UserAttribute,
    type UserInput,
    type UserState,
    type UserStore,
} from "./users";

/** The fixed (and only allowed) name of the Workday instance. */
export const WORKDAY_NAME = "Workday Import";

/** A Workday instance as rendered (`workday-output`). */
export interface WorkdayDoc {
    id: string;
    name: string;
    reportUrl: string;
    lastImport: string;
    auth: { basic: AuthInfo; oauth: AuthInfo };
}

interface AuthInfo {
    isValid: boolean;
    expiry: string;
    message: string;
}

/** A worker row to seed (`workday-worker`). */
export interface WorkerSeed {
    username: string;
    email: string;
    firstName: string;
    lastName: string;
    attributes?: Record<string, unknown>;
}

/** One user of an import body (`bulk-user-create`); only the identifying fields matter here. */
export interface ImportUser {
    username?: unknown;
    email?: unknown;
    firstname?: unknown;
    lastname?: unknown;
    [key: string]: unknown;
}

/** Final statuses of an import result; "pending" is shown until the job's delay has passed. */
export const IMPORT_STATUS = { pending: "pending", finished: "finished", failed: "failed" } as const;

/** How Workday instances and workers map to SQL. */
export const WORKDAYS: Collection = { table: "workdays", columns: { id: "id" } };
/** How Workday workers map to SQL. */
export const WORKERS: Collection = { table: "workday_workers", columns: {} };

/**
 * The directory user an import creates: the import body's user fields (`bulk-user-create` shares them with
 * `systemuserreturn`), `state` when the body gives a valid one, else ACTIVATED (the default JumpCloud's spec shows
 * for `newSystemUserStateDefaults.applicationImport`).
 */
function importedUser(user: ImportUser, username: string, email: string): UserInput {
    const input: UserInput = { username, email };
    for (const field of USER_TEXT_FIELDS) {
        const value = user[field];
        if (typeof value === "string") input[field] = value;
    }
    if ((USER_STATES as readonly unknown[]).includes(user["state"])) input.state = user["state"] as UserState;
    const attributes = user["attributes"];
    if (Array.isArray(attributes)) {
        input.attributes = attributes.flatMap((a: unknown): UserAttribute[] => {
            const { name, value } = (a ?? {}) as { name?: unknown; value?: unknown };
            return typeof name === "string" ? [{ name, value: value === undefined ? "" : String(value) }] : [];
        });
    }
    return input;
}

function authInfo(isValid: boolean, message: string): AuthInfo {
    return { isValid, expiry: "", message };
}

/** Workday instances, workers and import jobs. */
export class WorkdayStore {
    constructor(
        private readonly sql: StatementCache,
        private readonly users: UserStore,
        private readonly userGroups: UserGroupStore,
    ) {}

    /** The instance as an object, when it exists in this org. */
    get(orgId: string, id: string): WorkdayDoc | undefined {
        const row = this.sql.get("SELECT doc FROM workdays WHERE id = ? AND org_id = ?").get(id, orgId) as
            | { doc: string }
            | undefined;
        return row ? (JSON.parse(row.doc) as WorkdayDoc) : undefined;
    }

    /** Creates the org's instance, authorised; 409 when the org already has one. */
    create(orgId: string, reportUrl: string): WorkdayDoc {
        if (this.sql.get("SELECT 1 FROM workdays WHERE org_id = ?").get(orgId) !== undefined) {
            throw alreadyExists();
        }
        const doc: WorkdayDoc = {
            id: newObjectId(),
            name: WORKDAY_NAME,
            reportUrl,
            lastImport: "",
            auth: { basic: authInfo(true, ""), oauth: authInfo(false, "OAuth is not supported") },
        };
        this.sql.get("INSERT INTO workdays (id, org_id, doc) VALUES (?, ?, ?)").run(doc.id, orgId, JSON.stringify(doc));
        return doc;
    }

    /** Stores a changed instance. */
    save(orgId: string, doc: WorkdayDoc): void {
        this.sql.get("UPDATE workdays SET doc = ? WHERE id = ? AND org_id = ?").run(JSON.stringify(doc), doc.id, orgId);
    }

    /** Sets whether basic authorisation is valid (on the object; the caller saves it). */
    setAuthorized(doc: WorkdayDoc, valid: boolean): void {
        doc.auth.basic = authInfo(valid, valid ? "" : "not authorized");
    }

    /** The org's instances (at most one). */
    list(orgId: string, query: ListQuery): Page {
        return this.sql.page(WORKDAYS, orgId, query);
    }

    /** Adds a worker row for the org's Workday report. */
    addWorker(orgId: string, worker: WorkerSeed): void {
        const doc: Record<string, unknown> = {
            username: worker.username,
            email: worker.email,
            firstName: worker.firstName,
            lastName: worker.lastName,
            attributes: worker.attributes ?? {},
        };
        this.sql.get("INSERT INTO workday_workers (org_id, doc) VALUES (?, ?)").run(orgId, JSON.stringify(doc));
    }

    /** The org's worker rows. */
    workers(orgId: string, query: ListQuery): Page {
        return this.sql.page(WORKERS, orgId, query);
    }

    /**
     * Records an import job. Each user's final outcome is decided now: a user whose username or email already
     * exists in the org (imported before, or earlier in this job) fails, as "unique users may only be imported once";
     * the others are created as directory users. Results read as pending until `readyAt`.
     */
    startImport(orgId: string, workday: WorkdayDoc, users: readonly ImportUser[], readyAt: number): string {
        const jobId = newObjectId();
        const now = new Date().toISOString();
        this.sql
            .get("INSERT INTO import_jobs (id, org_id, workday_id, created_at, ready_at) VALUES (?, ?, ?, ?, ?)")
            .run(jobId, orgId, workday.id, now, readyAt);
        const insert = this.sql.get("INSERT INTO import_results (job_id, org_id, doc) VALUES (?, ?, ?)");
        for (const user of users) {
            const username = typeof user.username === "string" ? user.username : undefined;
            const email = typeof user.email === "string" ? user.email : undefined;
            const duplicate = this.users.exists(orgId, username, email);
            const meta = { username: username ?? "", email: email ?? "" };
            let doc: Record<string, unknown>;
            if (duplicate) {
                doc = {
                    status: IMPORT_STATUS.failed,
                    statusMsg: `user ${username ?? email} already exists: unique users may only be imported once (same username or email)`,
                    meta,
                    persistedFields: {},
                };
            } else {
                this.users.add(orgId, importedUser(user, username ?? email ?? "", email ?? ""));
                const persisted: Record<string, unknown> = { username, email };
                if (user.firstname !== undefined) persisted["firstname"] = user.firstname;
                if (user.lastname !== undefined) persisted["lastname"] = user.lastname;
                doc = { status: IMPORT_STATUS.finished, statusMsg: "user created", meta, persistedFields: persisted };
            }
            insert.run(jobId, orgId, JSON.stringify({ id: newObjectId(), createdAt: now, updatedAt: now, ...doc }));
        }
        workday.lastImport = now;
        this.save(orgId, workday);
        this.userGroups.refreshSuggestionCounts(orgId);
        return jobId;
    }

    /**
     * A page of a job's results, or undefined when the job is unknown for this workday and org. While the job is
     * still running every result reads as pending.
     */
    results(orgId: string, workdayId: string, jobId: string, query: ListQuery, now: number): Page | undefined {
        const job = this.sql
            .get("SELECT ready_at AS readyAt FROM import_jobs WHERE id = ? AND org_id = ? AND workday_id = ?")
            .get(jobId, orgId, workdayId) as { readyAt: number } | undefined;
        if (!job) return undefined;
        const total = (
            this.sql.get("SELECT count(*) AS n FROM import_results WHERE job_id = ?").get(jobId) as { n: number }
        ).n;
        const rows = this.sql
            .get("SELECT doc FROM import_results WHERE job_id = ? ORDER BY seq LIMIT ? OFFSET ?")
            .all(jobId, query.limit, query.skip) as { doc: string }[];
        let docs = rows.map((r) => r.doc);
        if (now < job.readyAt) {
            docs = docs.map((text) => {
                const doc = JSON.parse(text) as Record<string, unknown>;
                return JSON.stringify({
                    ...doc,
                    status: IMPORT_STATUS.pending,
                    statusMsg: "import in progress",
                    persistedFields: {},
                });
            });
        } else {
            // Once finished, updatedAt is the moment the job completed.
            const finishedAt = new Date(job.readyAt).toISOString();
            docs = docs.map((text) => JSON.stringify({ ...(JSON.parse(text) as object), updatedAt: finishedAt }));
        }
        return { docs, total };
    }
}
