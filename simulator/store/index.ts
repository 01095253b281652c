/**
 * The simulator's store: one SQLite database, one sub-store per API area, and whole-store operations (reset,
 * dump). Every write runs in a transaction, so a request never leaves a partial write behind.
 */
import type Database from "better-sqlite3";
import { openDatabase, TABLES } from "./database";
import { GraphEdgeStore } from "./graph-edges";
import { GraphTargetStore } from "./graph-targets";
import { GroupMembershipStore } from "./group-membership";
import { PushEndpointStore } from "./push-endpoints";
import { ServiceAccountStore } from "./service-accounts";
import { StatementCache } from "./statement-cache";
import { TenancyStore } from "./tenancy";
import { UserGroupStore } from "./user-groups";
import { UserStore } from "./users";
import { WorkdayStore } from "./workdays";

/** The org and key that always exist (recreated after a reset). */
export interface DefaultTenant {
    orgId: string;
    apiKey: string;
}

interface QueuedWrite {
    work: () => unknown;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
}

/** All simulator data. */
export class Store {
    private queue: QueuedWrite[] = [];
    readonly db: Database.Database;
    readonly tenancy: TenancyStore;
    readonly users: UserStore;
    readonly userGroups: UserGroupStore;
    readonly edges: GraphEdgeStore;
    readonly targets: GraphTargetStore;
    readonly membership: GroupMembershipStore;
    readonly serviceAccounts: ServiceAccountStore;
    readonly pushEndpoints: PushEndpointStore;
    readonly workdays: WorkdayStore;
    readonly sql: StatementCache;

    /** Opens the store (in memory when `dataDir` is undefined) and makes sure the default tenant exists. */
    constructor(
        dataDir: string | undefined,
        private readonly defaults: DefaultTenant,
    ) {
        this.db = openDatabase(dataDir);
        this.sql = new StatementCache(this.db);
        this.tenancy = new TenancyStore(this.sql);
        this.users = new UserStore(this.sql);
        this.edges = new GraphEdgeStore(this.sql);
        this.targets = new GraphTargetStore(this.sql);
        this.membership = new GroupMembershipStore(this.sql, this.edges);
        this.userGroups = new UserGroupStore(this.sql, this.membership, this.edges);
        this.serviceAccounts = new ServiceAccountStore(this.sql);
        this.pushEndpoints = new PushEndpointStore(this.sql);
        this.workdays = new WorkdayStore(this.sql, this.users, this.userGroups);
        this.transaction(() => this.tenancy.addKey(defaults.apiKey, defaults.orgId));
    }

    /** Runs `work` atomically: all of its writes commit together or none do. */
    transaction<T>(work: () => T): T {
        return this.db.transaction(work)();
    }

    /**
     * Runs `work` atomically as part of a group commit and resolves once it is on disk. Writes queued in the same
     * turn of the event loop share one transaction (and so one fsync), each inside its own savepoint: one write
     * failing (a 409, say) rolls back only that write. With synchronous=FULL an fsync costs milliseconds, so
     * committing each request alone would cap durable writes at a few hundred per second.
     */
    write<T>(work: () => T): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
            if (this.queue.length === 1) setImmediate(() => this.flush());
        });
    }

    private flush(): void {
        const batch = this.queue;
        this.queue = [];
        const outcomes: { ok: boolean; value: unknown }[] = [];
        try {
            this.transaction(() => {
                for (const entry of batch) {
                    try {
                        // A nested better-sqlite3 transaction is a savepoint.
                        outcomes.push({ ok: true, value: this.db.transaction(entry.work)() });
                    } catch (error) {
                        outcomes.push({ ok: false, value: error });
                    }
                }
            });
        } catch (error) {
            // The commit itself failed: nothing of the batch is durable.
            for (const entry of batch) entry.reject(error);
            return;
        }
        batch.forEach((entry, i) => {
            const outcome = outcomes[i]!;
            if (outcome.ok) entry.resolve(outcome.value);
            else entry.reject(outcome.value);
        });
    }

    /** Deletes every row, then recreates the default org and key. */
    reset(): void {
        this.transaction(() => {
            for (const table of TABLES) this.sql.get(`DELETE FROM ${table}`).run();
            this.tenancy.addKey(this.defaults.apiKey, this.defaults.orgId);
        });
        this.tenancy.clearCache();
    }

    /**
     * Every row of every API area, for test assertions. Secrets are left out: no API key, no client secret, no
     * access token (not even as digests).
     */
    dump(): Record<string, unknown[]> {
        const docs = (sql: string): Record<string, unknown>[] =>
            (this.db.prepare(sql).all() as { doc: string; [key: string]: unknown }[]).map(({ doc, ...rest }) => ({
                ...(JSON.parse(doc) as object),
                ...rest,
            }));
        return {
            orgs: this.db.prepare("SELECT id FROM orgs ORDER BY id").all(),
            users: docs("SELECT doc, org_id AS orgId FROM users ORDER BY seq"),
            userGroups: docs("SELECT doc, org_id AS orgId FROM user_groups ORDER BY seq"),
            pushEndpoints: docs("SELECT doc, org_id AS orgId, user_id AS userId FROM push_endpoints ORDER BY seq"),
            workdays: docs("SELECT doc, org_id AS orgId FROM workdays ORDER BY seq"),
            workdayWorkers: docs("SELECT doc, org_id AS orgId FROM workday_workers ORDER BY seq"),
            importJobs: this.db
                .prepare(
                    "SELECT id, org_id AS orgId, workday_id AS workdayId, created_at AS createdAt FROM import_jobs",
                )
                .all(),
            importResults: docs("SELECT doc, org_id AS orgId, job_id AS jobId FROM import_results ORDER BY seq"),
            groupEdges: (
                this.db
                    .prepare(
                        "SELECT org_id AS orgId, group_id AS groupId, target_type AS type, target_id AS id, attributes " +
                            "FROM group_edges ORDER BY seq",
                    )
                    .all() as { attributes: string | null }[]
            ).map(({ attributes, ...edge }) =>
                attributes === null ? edge : { ...edge, attributes: JSON.parse(attributes) },
            ),
            targets: this.db.prepare("SELECT id, org_id AS orgId, type, name FROM graph_targets ORDER BY seq").all(),
            serviceAccounts: this.serviceAccounts.list(),
        };
    }

    /** Closes the database (a WAL checkpoint happens on close). */
    close(): void {
        if (this.db.open) this.db.close();
    }
}
