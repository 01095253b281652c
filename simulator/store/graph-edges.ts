/**
 * The edges of the JumpCloud graph that start at a user group: its members (`user`) and its associations (the ten
 * target types). One row per edge, with the edge's `attributes` (e.g. `sudo` on a system association).
 *
 * The 409 and 404 answers below are observed, not specified: JumpCloud's spec declares only 204 for these POSTs,
 * while JumpCloud's clients and other providers' test fakes treat adding an existing edge as 409 "Already Exists"
 * and removing a missing one as 404.
 */
import { ApiError, alreadyExists } from "../errors";
import type { SqlSource, StatementCache } from "./statement-cache";

/** The type of a member edge's target. */
export const MEMBER_TYPE = "user";

/** A stored edge as the paging queries return it. */
export interface EdgeRow {
    id: string;
    seq: number;
    type: string;
    /** JSON text, or null when the edge has no attributes. */
    attributes: string | null;
}

/** Edges from user groups, scoped by the group (whose org the routes have already checked). */
export class GraphEdgeStore {
    constructor(private readonly sql: StatementCache) {}

    /** True when the edge exists. */
    has(groupId: string, type: string, targetId: string): boolean {
        return (
            this.sql
                .get("SELECT 1 FROM group_edges WHERE group_id = ? AND target_type = ? AND target_id = ?")
                .get(groupId, type, targetId) !== undefined
        );
    }

    /** Adds an edge; 409 "Already Exists" when it exists (observed). */
    add(orgId: string, groupId: string, type: string, targetId: string, attributes?: unknown): void {
        if (this.has(groupId, type, targetId)) throw alreadyExists();
        this.sql
            .get(
                "INSERT INTO group_edges (org_id, group_id, target_type, target_id, attributes) VALUES (?, ?, ?, ?, ?)",
            )
            .run(orgId, groupId, type, targetId, attributes === undefined ? null : JSON.stringify(attributes));
    }

    /** Removes an edge; 404 when there is none (observed). */
    remove(groupId: string, type: string, targetId: string): void {
        const result = this.sql
            .get("DELETE FROM group_edges WHERE group_id = ? AND target_type = ? AND target_id = ?")
            .run(groupId, type, targetId);
        if (result.changes === 0) throw missing(groupId, type, targetId);
    }

    /** Replaces an edge's attributes (absent attributes clear them); 404 when there is no such edge. */
    update(groupId: string, type: string, targetId: string, attributes?: unknown): void {
        const result = this.sql
            .get("UPDATE group_edges SET attributes = ? WHERE group_id = ? AND target_type = ? AND target_id = ?")
            .run(attributes === undefined ? null : JSON.stringify(attributes), groupId, type, targetId);
        if (result.changes === 0) throw missing(groupId, type, targetId);
    }

    /** The group's edges to any of `types` as a row source (`id`, `seq`, `type`, `attributes`), in insertion order. */
    source(groupId: string, types: readonly string[]): SqlSource {
        const placeholders = types.map(() => "?").join(", ");
        return {
            sql:
                "SELECT target_id AS id, seq, target_type AS type, attributes FROM group_edges " +
                `WHERE group_id = ? AND target_type IN (${placeholders})`,
            params: [groupId, ...types],
        };
    }

    /** The ids the group has edges to of this type, in insertion order. */
    targets(groupId: string, type: string): string[] {
        const rows = this.sql
            .get("SELECT target_id FROM group_edges WHERE group_id = ? AND target_type = ? ORDER BY seq")
            .all(groupId, type) as { target_id: string }[];
        return rows.map((r) => r.target_id);
    }

    /** Replaces every edge of this type by edges to `targetIds` (kept in that order, without attributes). */
    replaceAll(orgId: string, groupId: string, type: string, targetIds: readonly string[]): void {
        this.removeAll(groupId, type);
        const insert = this.sql.get(
            "INSERT OR IGNORE INTO group_edges (org_id, group_id, target_type, target_id) VALUES (?, ?, ?, ?)",
        );
        for (const id of targetIds) insert.run(orgId, groupId, type, id);
    }

    /** Removes the group's edges of one type, or all of them. */
    removeAll(groupId: string, type?: string): void {
        if (type === undefined) this.sql.get("DELETE FROM group_edges WHERE group_id = ?").run(groupId);
        else this.sql.get("DELETE FROM group_edges WHERE group_id = ? AND target_type = ?").run(groupId, type);
    }

    /** The groups with an edge to this target, in the groups' creation order. */
    groupsWith(orgId: string, type: string, targetId: string): string[] {
        const rows = this.sql
            .get(
                "SELECT e.group_id FROM group_edges e JOIN user_groups g ON g.id = e.group_id " +
                    "WHERE e.org_id = ? AND e.target_type = ? AND e.target_id = ? ORDER BY g.seq",
            )
            .all(orgId, type, targetId) as { group_id: string }[];
        return rows.map((r) => r.group_id);
    }
}

function missing(groupId: string, type: string, targetId: string): ApiError {
    const what =
        type === MEMBER_TYPE ? `user ${targetId} is not a member of` : `${type} ${targetId} is not associated with`;
    return new ApiError(404, `${what} user group ${groupId}`);
}
