/**
 * Directory users (API v1 `systemusers`): the stored document is the `systemuserreturn` body, keyed on `_id`. Users
 * come from seeds, from Workday imports and from admin patches; the API itself only reads them.
 */
import { ApiError } from "../errors";
import type { Collection, ListQuery } from "../list-query";
import { newObjectId } from "../object-id";
import type { Page, StatementCache } from "./statement-cache";

/** The states of a user (`systemuserreturn.state`). */
export const USER_STATES = ["STAGED", "ACTIVATED", "SUSPENDED"] as const;

/** One of {@link USER_STATES}. */
export type UserState = (typeof USER_STATES)[number];

/** The free-text fields of a user, all rendered ("" when unset) as JumpCloud renders them. */
export const USER_TEXT_FIELDS = [
    "firstname",
    "lastname",
    "displayname",
    "middlename",
    "department",
    "company",
    "jobTitle",
    "location",
    "costCenter",
    "employeeType",
    "employeeIdentifier",
    "description",
] as const;

/** One of {@link USER_TEXT_FIELDS}. */
export type UserTextField = (typeof USER_TEXT_FIELDS)[number];

/** A custom attribute of a user. */
export interface UserAttribute {
    name: string;
    value: string;
}

/** The fields of a user that seeds, imports and admin patches may set. */
export type UserFields = { [K in UserTextField]?: string } & {
    /** @default "ACTIVATED" */
    state?: UserState;
    /** @default [] */
    attributes?: UserAttribute[];
    /** ISO date-time. @default the moment the user is added */
    created?: string;
};

/** A user to add. */
export interface UserInput extends UserFields {
    /** @default a new ObjectId */
    id?: string;
    username: string;
    email: string;
}

/** A user as stored and rendered (`systemuserreturn`). */
export type UserDoc = { _id: string; username: string; email: string } & { [K in UserTextField]: string } & {
    state: UserState;
    activated: boolean;
    suspended: boolean;
    attributes: UserAttribute[];
    created: string;
    organization: string;
};

/**
 * How users map to SQL. The fields the lookups and dynamic groups filter on are stored columns (indexed:
 * username, email, department, state), so an equality filter over 100,000 users is an index lookup and the others
 * are a scan of plain columns, never of JSON.
 */
export const USERS: Collection = {
    table: "users",
    columns: {
        _id: "id",
        username: "username",
        email: "email",
        state: "state",
        department: "department",
        company: "company",
        jobTitle: "job_title",
        location: "location",
        costCenter: "cost_center",
        employeeType: "employee_type",
    },
};

/** Builds the stored document: every text field present ("" when unset), `activated`/`suspended` from `state`. */
export function renderUser(id: string, orgId: string, input: UserInput | UserDoc, created: string): UserDoc {
    const state = input.state ?? "ACTIVATED";
    const text = Object.fromEntries(USER_TEXT_FIELDS.map((f) => [f, input[f] ?? ""])) as {
        [K in UserTextField]: string;
    };
    return {
        _id: id,
        username: input.username,
        email: input.email,
        ...text,
        state,
        activated: state === "ACTIVATED",
        suspended: state === "SUSPENDED",
        attributes: input.attributes ?? [],
        created,
        organization: orgId,
    };
}

/** Users scoped to an org. */
export class UserStore {
    constructor(private readonly sql: StatementCache) {}

    /**
     * Adds a user; returns its id. 409 when the org already has a user with this username or email
     * (case-insensitively: JumpCloud keeps both unique).
     */
    add(orgId: string, input: UserInput): string {
        if (this.exists(orgId, input.username, input.email)) {
            throw new ApiError(
                409,
                `a user with username "${input.username}" or email "${input.email}" already exists`,
            );
        }
        if (input.id !== undefined && this.orgOf(input.id) !== undefined) {
            throw new ApiError(409, `a user with id ${input.id} already exists`);
        }
        const id = input.id ?? newObjectId();
        const doc = renderUser(id, orgId, input, input.created ?? new Date().toISOString());
        this.sql
            .get("INSERT INTO users (id, org_id, username_key, email_key, doc) VALUES (?, ?, ?, ?, ?)")
            .run(id, orgId, input.username.toLowerCase(), input.email.toLowerCase(), JSON.stringify(doc));
        return id;
    }

    /** The user's JSON text when it exists in this org. */
    get(orgId: string, id: string): string | undefined {
        const row = this.sql.get("SELECT doc FROM users WHERE id = ? AND org_id = ?").get(id, orgId) as
            | { doc: string }
            | undefined;
        return row?.doc;
    }

    /** True when the user exists in this org. */
    has(orgId: string, id: string): boolean {
        return this.sql.get("SELECT 1 FROM users WHERE id = ? AND org_id = ?").get(id, orgId) !== undefined;
    }

    /** The org of the user with this id, in any org (seeding derives an endpoint's org from its user). */
    orgOf(id: string): string | undefined {
        const row = this.sql.get("SELECT org_id FROM users WHERE id = ?").get(id) as { org_id: string } | undefined;
        return row?.org_id;
    }

    /** True when a user of the org already has this username or email (case-insensitively). */
    exists(orgId: string, username: string | undefined, email: string | undefined): boolean {
        // Two lookups, not one query with OR: SQLite plans "a = ? OR b = ?" as a scan of the org's users, which
        // made seeding 100,000 users quadratic.
        const taken = (column: "username_key" | "email_key", value: string | undefined): boolean =>
            !!value &&
            this.sql.get(`SELECT 1 FROM users WHERE org_id = ? AND ${column} = ?`).get(orgId, value.toLowerCase()) !==
                undefined;
        return taken("username_key", username) || taken("email_key", email);
    }

    /** Changes some fields of a user; returns the new JSON text, undefined when the user is not in this org. */
    update(orgId: string, id: string, fields: UserFields): string | undefined {
        const current = this.get(orgId, id);
        if (current === undefined) return undefined;
        const old = JSON.parse(current) as UserDoc;
        const doc = renderUser(id, orgId, { ...old, ...fields }, fields.created ?? old.created);
        this.sql.get("UPDATE users SET doc = ? WHERE id = ?").run(JSON.stringify(doc), id);
        return JSON.stringify(doc);
    }

    /** One page of the org's users. */
    list(orgId: string, query: ListQuery): Page {
        return this.sql.page(USERS, orgId, query);
    }
}
