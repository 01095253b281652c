/**
 * User groups: the stored document is the full response body, so a read is a single indexed lookup with no
 * re-serialisation.
 */
import { alreadyExists } from "../errors";
import type { Collection, ListQuery } from "../list-query";
import { newObjectId } from "../object-id";
import { type GraphEdgeStore, MEMBER_TYPE } from "./graph-edges";
import {
    DYNAMIC_AUTOMATED,
    DYNAMIC_REVIEW_REQUIRED,
    type GroupMembershipStore,
    type MembershipGroup,
} from "./group-membership";
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

/** A stored group document, typed on the fields membership needs. */
export type GroupDoc = MembershipGroup & Record<string, unknown>;

/** CRUD and lists over user groups, scoped to an org. */
export class UserGroupStore {
    constructor(
        private readonly sql: StatementCache,
        private readonly membership: GroupMembershipStore,
        private readonly edges: GraphEdgeStore,
    ) {}

    /** The group as an object, or undefined when it does not exist in this org. */
    load(orgId: string, id: string): GroupDoc | undefined {
        const json = this.get(orgId, id);
        return json === undefined ? undefined : (JSON.parse(json) as GroupDoc);
    }

    /** Stores the group's computed `suggestionCounts` (review groups only) and returns its JSON text. */
    private saveCounts(orgId: string, doc: GroupDoc): string {
        const counts = this.membership.counts(orgId, doc);
        const current = doc["suggestionCounts"] as { add: number; remove: number; total: number } | undefined;
        if (current && current.add === counts.add && current.remove === counts.remove) return JSON.stringify(doc);
        doc["suggestionCounts"] = counts;
        const json = JSON.stringify(doc);
        this.sql.get("UPDATE user_groups SET doc = ? WHERE id = ?").run(json, doc.id);
        return json;
    }

    /**
     * Recomputes `suggestionCounts` of every review group with a query in the org: after users were added or
     * changed, since any of them may now match or stop matching.
     */
    refreshSuggestionCounts(orgId: string): void {
        const rows = this.sql
            .get(
                "SELECT doc FROM user_groups WHERE org_id = ? AND membership_method = ? " +
                    "AND json_extract(doc, '$.memberQuery') IS NOT NULL",
            )
            .all(orgId, DYNAMIC_REVIEW_REQUIRED) as { doc: string }[];
        for (const row of rows) this.saveCounts(orgId, JSON.parse(row.doc) as GroupDoc);
    }

    /** Recomputes one group's `suggestionCounts` (after its member edges changed); returns its JSON text. */
    refreshGroup(orgId: string, id: string): string | undefined {
        const doc = this.load(orgId, id);
        return doc === undefined ? undefined : this.saveCounts(orgId, doc);
    }

    /** The group's JSON text, or undefined when it does not exist in this org. */
    get(orgId: string, id: string): string | undefined {
        const row = this.sql.get("SELECT doc FROM user_groups WHERE id = ? AND org_id = ?").get(id, orgId) as
            | { doc: string }
            | undefined;
        return row?.doc;
    }

    /** Inserts a group; throws 409 when the name is taken case-insensitively in the org. Returns its JSON text. */
    create(orgId: string, body: UserGroupBody, id: string = newObjectId()): string {
        const doc = renderUserGroup(id, orgId, body) as GroupDoc;
        try {
            this.sql
                .get("INSERT INTO user_groups (id, org_id, name, name_key, doc) VALUES (?, ?, ?, ?, ?)")
                .run(id, orgId, body.name, body.name.toLowerCase(), JSON.stringify(doc));
        } catch (error) {
            if (isUniqueViolation(error)) throw alreadyExists();
            throw error;
        }
        return this.saveCounts(orgId, doc);
    }

    /** Replaces a group's writable fields; undefined when absent; 409 when renamed onto another group's name. */
    replace(orgId: string, id: string, body: UserGroupBody): string | undefined {
        const before = this.load(orgId, id);
        if (before === undefined) return undefined;
        const doc = renderUserGroup(id, orgId, body) as GroupDoc;
        try {
            this.sql
                .get("UPDATE user_groups SET name = ?, name_key = ?, doc = ? WHERE id = ? AND org_id = ?")
                .run(body.name, body.name.toLowerCase(), JSON.stringify(doc), id, orgId);
        } catch (error) {
            if (isUniqueViolation(error)) throw alreadyExists();
            throw error;
        }
        const wasAutomated = before.membershipMethod === DYNAMIC_AUTOMATED;
        const isAutomated = doc.membershipMethod === DYNAMIC_AUTOMATED;
        // Leaving DYNAMIC_AUTOMATED keeps the users who were in the group (as edges); entering it drops the edges,
        // since from then on the members are the query's matches.
        if (wasAutomated && !isAutomated) this.membership.materialize(orgId, before);
        if (isAutomated) this.edges.removeAll(id, MEMBER_TYPE);
        return this.saveCounts(orgId, doc);
    }

    /** Deletes a group and every edge from it (members, associations); false when it did not exist in this org. */
    delete(orgId: string, id: string): boolean {
        const deleted = this.sql.get("DELETE FROM user_groups WHERE id = ? AND org_id = ?").run(id, orgId).changes > 0;
        if (deleted) this.edges.removeAll(id);
        return deleted;
    }

    /** One page of the org's groups. */
    list(orgId: string, query: ListQuery): Page {
        return this.sql.page(USER_GROUPS, orgId, query);
    }
}
