/**
 * User groups: the stored document is the full response body, so a read is a single indexed lookup with no
 * re-serialisation.
 */
import { alreadyExists } from "../errors";
import type { Collection, ListQuery } from "../list-query";
import { newObjectId } from "../object-id";
import type { Page, StatementCache } from "./statement-cache";

/** The writable fields of a group (the POST and PUT body). */
export interface UserGroupBody {
    name: string;
    description?: unknown;
    email?: unknown;
    attributes?: unknown;
    membershipMethod?: unknown;
    memberQuery?: unknown;
    memberQueryExemptions?: unknown;
    memberSuggestionsNotify?: unknown;
}

/** The fields a client may write, in the order they are rendered. */
const WRITABLE = [
    "description",
    "email",
    "attributes",
    "membershipMethod",
    "memberQuery",
    "memberQueryExemptions",
    "memberSuggestionsNotify",
] as const;

/**
 * How user groups map to SQL: id, name and the documented filter fields that are not free text have their own
 * (stored, indexed) columns, so filtering and sorting 100,000 groups stays an index walk.
 */
export const USER_GROUPS: Collection = {
    table: "user_groups",
    columns: {
        id: "id",
        name: "name",
        membershipMethod: "membership_method",
        "attributes.sudo.enabled": "sudo_enabled",
        "attributes.sudo.withoutPassword": "sudo_without_password",
    },
};

/** Builds the stored/rendered group: the body's fields (a full replace: omitted means absent) plus read-only ones. */
export function renderUserGroup(id: string, orgId: string, body: UserGroupBody): Record<string, unknown> {
    const doc: Record<string, unknown> = { id, name: body.name, type: "user_group" };
    for (const key of WRITABLE) {
        if (body[key] !== undefined) doc[key] = body[key];
    }
    doc["memberQueryErrorFlags"] = [];
    doc["suggestionCounts"] = { add: 0, remove: 0, total: 0 };
    doc["organizationObjectId"] = orgId;
    return doc;
}

function isUniqueViolation(error: unknown): boolean {
    return (error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** CRUD and lists over user groups, scoped to an org. */
export class UserGroupStore {
    constructor(private readonly sql: StatementCache) {}

    /** The group's JSON text, or undefined when it does not exist in this org. */
    get(orgId: string, id: string): string | undefined {
        const row = this.sql.get("SELECT doc FROM user_groups WHERE id = ? AND org_id = ?").get(id, orgId) as
            | { doc: string }
            | undefined;
        return row?.doc;
    }

    /** Inserts a group; throws 409 when the name is taken case-insensitively in the org. Returns its JSON text. */
    create(orgId: string, body: UserGroupBody, id: string = newObjectId()): string {
        const doc = JSON.stringify(renderUserGroup(id, orgId, body));
        try {
            this.sql
                .get("INSERT INTO user_groups (id, org_id, name, name_key, doc) VALUES (?, ?, ?, ?, ?)")
                .run(id, orgId, body.name, body.name.toLowerCase(), doc);
        } catch (error) {
            if (isUniqueViolation(error)) throw alreadyExists();
            throw error;
        }
        return doc;
    }

    /** Replaces a group's writable fields; undefined when absent; 409 when renamed onto another group's name. */
    replace(orgId: string, id: string, body: UserGroupBody): string | undefined {
        const doc = JSON.stringify(renderUserGroup(id, orgId, body));
        try {
            const result = this.sql
                .get("UPDATE user_groups SET name = ?, name_key = ?, doc = ? WHERE id = ? AND org_id = ?")
                .run(body.name, body.name.toLowerCase(), doc, id, orgId);
            return result.changes > 0 ? doc : undefined;
        } catch (error) {
            if (isUniqueViolation(error)) throw alreadyExists();
            throw error;
        }
    }

    /** Deletes a group; false when it did not exist in this org. */
    delete(orgId: string, id: string): boolean {
        return this.sql.get("DELETE FROM user_groups WHERE id = ? AND org_id = ?").run(id, orgId).changes > 0;
    }

    /** One page of the org's groups. */
    list(orgId: string, query: ListQuery): Page {
        return this.sql.page(USER_GROUPS, orgId, query);
    }
}
