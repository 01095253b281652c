/**
 * Who is in a user group, by its `membershipMethod`:
 * - `STATIC`, `NOTSET` (and any other value): the member edges, changed by `POST /usergroups/{id}/members`;
 * - `DYNAMIC_AUTOMATED`: the users its `memberQuery` matches minus `memberQueryExemptions`, evaluated on every read,
 *   so a user whose fields change joins or leaves at once;
 * - `DYNAMIC_REVIEW_REQUIRED`: the member edges, changed only by applying suggestions; the suggestions are the
 *   difference between the edges and that same evaluated set (add: matched but not a member; remove: a member that
 *   no longer matches or is exempted), and `suggestionCounts` counts them.
 */
import { memberQuerySql, type QuerySql } from "../member-query";
import { type GraphEdgeStore, MEMBER_TYPE } from "./graph-edges";
import type { SqlSource, StatementCache } from "./statement-cache";

/** The membership method whose members are the query's matches. */
export const DYNAMIC_AUTOMATED = "DYNAMIC_AUTOMATED";
/** The membership method whose query only suggests changes. */
export const DYNAMIC_REVIEW_REQUIRED = "DYNAMIC_REVIEW_REQUIRED";

/** The fields of a group document that decide its members. */
export interface MembershipGroup {
    id: string;
    membershipMethod?: unknown;
    memberQuery?: unknown;
    memberQueryExemptions?: unknown;
}

/** `suggestionCounts` of a group. */
export interface SuggestionCounts {
    add: number;
    remove: number;
    total: number;
}

/** The counts of a group with nothing to suggest. */
export const NO_SUGGESTIONS: SuggestionCounts = { add: 0, remove: 0, total: 0 };

/** Suggestions (removes) sort after every add: their `seq` is offset by more than any row id can reach. */
const REMOVE_OFFSET = 2 ** 40;

/** True for the two dynamic methods, whose member edges the members POST may not change. */
export function isDynamic(group: MembershipGroup): boolean {
    return group.membershipMethod === DYNAMIC_AUTOMATED || group.membershipMethod === DYNAMIC_REVIEW_REQUIRED;
}

/** The user ids in `memberQueryExemptions` (entries of another type exempt nobody). */
export function exemptUserIds(group: MembershipGroup): string[] {
    const exemptions = group.memberQueryExemptions;
    if (!Array.isArray(exemptions)) return [];
    return exemptions.flatMap((e: unknown) => {
        if (e === null || typeof e !== "object") return [];
        const { id, type } = e as { id?: unknown; type?: unknown };
        return typeof id === "string" && type === MEMBER_TYPE ? [id.toLowerCase()] : [];
    });
}

/** Membership of user groups, evaluated over the users table and the member edges. */
export class GroupMembershipStore {
    constructor(
        private readonly sql: StatementCache,
        private readonly edges: GraphEdgeStore,
    ) {}

    /** The users the query selects for this group: its matches minus its exemptions (`id`, `seq`). */
    private targetSet(orgId: string, group: MembershipGroup): SqlSource {
        const query: QuerySql = memberQuerySql(group.memberQuery);
        return {
            sql:
                "SELECT id, seq FROM users WHERE org_id = ? " +
                `AND (${query.where}) AND id NOT IN (SELECT value FROM json_each(?))`,
            params: [orgId, ...query.params, JSON.stringify(exemptUserIds(group))],
        };
    }

    /** The group's members as a row source (`id`, `seq`, `attributes`). */
    members(orgId: string, group: MembershipGroup): SqlSource {
        if (group.membershipMethod !== DYNAMIC_AUTOMATED) return this.edges.source(group.id, [MEMBER_TYPE]);
        const target = this.targetSet(orgId, group);
        return { sql: `SELECT id, seq, NULL AS attributes FROM (${target.sql})`, params: target.params };
    }

    /** True when the query selects this user for the group. */
    private selects(orgId: string, group: MembershipGroup, userId: string): boolean {
        const target = this.targetSet(orgId, group);
        return this.sql.get(`SELECT 1 FROM (${target.sql}) WHERE id = ?`).get(...target.params, userId) !== undefined;
    }

    /** The group's pending suggestions as a row source (`op`, `id`, `seq`): adds first, then removes. */
    suggestions(orgId: string, group: MembershipGroup): SqlSource {
        if (group.membershipMethod !== DYNAMIC_REVIEW_REQUIRED) {
            return { sql: "SELECT NULL AS op, NULL AS id, NULL AS seq WHERE 0", params: [] };
        }
        const target = this.targetSet(orgId, group);
        const members = "SELECT target_id FROM group_edges WHERE group_id = ? AND target_type = ?";
        return {
            sql:
                `SELECT 'add' AS op, id, seq FROM (${target.sql}) WHERE id NOT IN (${members}) ` +
                `UNION ALL SELECT 'remove' AS op, target_id AS id, seq + ${REMOVE_OFFSET} AS seq FROM group_edges ` +
                `WHERE group_id = ? AND target_type = ? AND target_id NOT IN (SELECT id FROM (${target.sql}))`,
            params: [...target.params, group.id, MEMBER_TYPE, group.id, MEMBER_TYPE, ...target.params],
        };
    }

    /** `suggestionCounts` as it is now. */
    counts(orgId: string, group: MembershipGroup): SuggestionCounts {
        if (group.membershipMethod !== DYNAMIC_REVIEW_REQUIRED) return NO_SUGGESTIONS;
        const source = this.suggestions(orgId, group);
        const row = this.sql
            .get(
                "SELECT coalesce(sum(op = 'add'), 0) AS additions, coalesce(sum(op = 'remove'), 0) AS removals " +
                    `FROM (${source.sql})`,
            )
            .get(...source.params) as { additions: number; removals: number };
        return { add: row.additions, remove: row.removals, total: row.additions + row.removals };
    }

    /**
     * Applies the suggestions for these users: a suggested add becomes a member edge, a suggested remove loses it.
     * Returns the ids that had a suggestion and those that had none.
     */
    applySuggestions(
        orgId: string,
        group: MembershipGroup,
        userIds: readonly string[],
    ): { found: string[]; notFound: string[] } {
        const found: string[] = [];
        const notFound: string[] = [];
        for (const userId of userIds) {
            if (group.membershipMethod !== DYNAMIC_REVIEW_REQUIRED) {
                notFound.push(userId);
                continue;
            }
            const member = this.edges.has(group.id, MEMBER_TYPE, userId);
            const selected = this.selects(orgId, group, userId);
            if (selected && !member) this.edges.add(orgId, group.id, MEMBER_TYPE, userId);
            else if (member && !selected) this.edges.remove(group.id, MEMBER_TYPE, userId);
            else {
                notFound.push(userId);
                continue;
            }
            found.push(userId);
        }
        return { found, notFound };
    }

    /** Freezes the evaluated members as member edges (a group leaving `DYNAMIC_AUTOMATED` keeps who was in it). */
    materialize(orgId: string, group: MembershipGroup): void {
        const target = this.targetSet(orgId, group);
        const rows = this.sql.get(`SELECT id FROM (${target.sql}) ORDER BY seq`).all(...target.params) as {
            id: string;
        }[];
        this.edges.replaceAll(
            orgId,
            group.id,
            MEMBER_TYPE,
            rows.map((r) => r.id),
        );
    }

    /** The ids of the groups the user is a member of, in the groups' creation order. */
    groupsOf(orgId: string, userId: string): string[] {
        const direct = new Set(this.edges.groupsWith(orgId, MEMBER_TYPE, userId));
        const automated = this.sql
            .get(
                "SELECT id, doc FROM user_groups WHERE org_id = ? AND membership_method = ? " +
                    "AND json_extract(doc, '$.memberQuery') IS NOT NULL",
            )
            .all(orgId, DYNAMIC_AUTOMATED) as { id: string; doc: string }[];
        for (const row of automated) {
            if (this.selects(orgId, JSON.parse(row.doc) as MembershipGroup, userId)) direct.add(row.id);
        }
        if (automated.length === 0) return [...direct];
        const order = this.sql
            .get("SELECT id FROM user_groups WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq")
            .all(JSON.stringify([...direct])) as { id: string }[];
        return order.map((r) => r.id);
    }
}
