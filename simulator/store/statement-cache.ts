/**
 * Prepared statements cached by their SQL text, and the paged list query every collection shares.
 */
import type Database from "better-sqlite3";
import { buildListSql, type Collection, type ListQuery } from "../list-query";

/** The most statements kept; list queries vary with their filters, so the cache is bounded. */
const MAX_STATEMENTS = 500;

/** A page of stored documents (JSON text) and the filtered total. */
export interface Page {
    docs: string[];
    total: number;
}

/** A SELECT yielding rows with at least `id` and `seq` (the tie-breaking order), and its parameters. */
export interface SqlSource {
    sql: string;
    params: unknown[];
}

/** A page of rows and the filtered total. */
export interface RowPage<T> {
    rows: T[];
    total: number;
}

/** Prepares each distinct SQL text once. */
export class StatementCache {
    private readonly statements = new Map<string, Database.Statement>();

    constructor(private readonly db: Database.Database) {}

    /** The prepared statement for `sql`. */
    get(sql: string): Database.Statement {
        let statement = this.statements.get(sql);
        if (!statement) {
            if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
            statement = this.db.prepare(sql);
            this.statements.set(sql, statement);
        }
        return statement;
    }

    /**
     * One page of `collection` for an org, filtered and sorted in SQL. `scope` adds equality conditions on columns
     * (e.g. the user of push endpoints).
     */
    page(collection: Collection, orgId: string, query: ListQuery, scope: Record<string, string> = {}): Page {
        const sql = buildListSql(collection, query);
        const scopeSql = Object.keys(scope)
            .map((column) => ` AND ${column} = ?`)
            .join("");
        const base = `FROM ${collection.table} WHERE org_id = ?${scopeSql} AND (${sql.where})`;
        const params = [orgId, ...Object.values(scope), ...sql.params];
        const total = (this.get(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
        const rows = this.get(`SELECT doc ${base} ORDER BY ${sql.orderBy} LIMIT ? OFFSET ?`).all(
            ...params,
            query.limit,
            query.skip,
        ) as { doc: string }[];
        return { docs: rows.map((r) => r.doc), total };
    }

    /**
     * One page of the rows of `source`, filtered and sorted in SQL by `query` with `columns` naming the source's
     * columns. Callers restrict the filter and sort fields to those columns (see `restrictFields`).
     */
    sourcePage<T>(source: SqlSource, columns: Collection["columns"], query: ListQuery): RowPage<T> {
        const sql = buildListSql({ table: "source", columns }, query);
        const base = `FROM (${source.sql}) AS source WHERE (${sql.where})`;
        const params = [...source.params, ...sql.params];
        const total = (this.get(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
        const rows = this.get(`SELECT * ${base} ORDER BY ${sql.orderBy} LIMIT ? OFFSET ?`).all(
            ...params,
            query.limit,
            query.skip,
        ) as T[];
        return { rows, total };
    }
}
