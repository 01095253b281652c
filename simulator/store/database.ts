/**
 * Opens the SQLite database behind the simulator and creates its tables.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Version of the table layout, kept in `PRAGMA user_version`. */
const SCHEMA_VERSION = 1;

/** File name of the database inside the data folder. */
export const DATABASE_FILE = "jumpcloud-sim.db";

const DDL = `
CREATE TABLE IF NOT EXISTS orgs (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS api_keys (
    key_hash TEXT NOT NULL, org_id TEXT NOT NULL, PRIMARY KEY (key_hash, org_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS users (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, org_id TEXT NOT NULL,
    username TEXT NOT NULL, email TEXT NOT NULL, username_key TEXT NOT NULL, email_key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS users_username ON users (org_id, username_key);
CREATE INDEX IF NOT EXISTS users_email ON users (org_id, email_key);
CREATE TABLE IF NOT EXISTS user_groups (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, org_id TEXT NOT NULL,
    name TEXT NOT NULL, name_key TEXT NOT NULL, doc TEXT NOT NULL,
    membership_method TEXT GENERATED ALWAYS AS (json_extract(doc, '$.membershipMethod')) STORED,
    sudo_enabled ANY GENERATED ALWAYS AS (json_extract(doc, '$.attributes.sudo.enabled')) STORED,
    sudo_without_password ANY GENERATED ALWAYS AS (json_extract(doc, '$.attributes.sudo.withoutPassword')) STORED);
CREATE UNIQUE INDEX IF NOT EXISTS user_groups_name_key ON user_groups (org_id, name_key);
CREATE INDEX IF NOT EXISTS user_groups_name ON user_groups (org_id, name);
CREATE INDEX IF NOT EXISTS user_groups_id ON user_groups (org_id, id);
CREATE INDEX IF NOT EXISTS user_groups_method ON user_groups (org_id, membership_method, name);
CREATE TABLE IF NOT EXISTS push_endpoints (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, org_id TEXT NOT NULL, user_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS push_endpoints_user ON push_endpoints (org_id, user_id);
CREATE TABLE IF NOT EXISTS workdays (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, org_id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workday_workers (seq INTEGER PRIMARY KEY, org_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS workday_workers_org ON workday_workers (org_id);
CREATE TABLE IF NOT EXISTS import_jobs (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, workday_id TEXT NOT NULL, created_at TEXT NOT NULL,
    ready_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS import_results (
    seq INTEGER PRIMARY KEY, job_id TEXT NOT NULL, org_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS import_results_job ON import_results (job_id);
`;

/** Every table, in an order safe for deleting. */
export const TABLES = [
    "import_results",
    "import_jobs",
    "workday_workers",
    "workdays",
    "push_endpoints",
    "user_groups",
    "users",
    "api_keys",
    "orgs",
] as const;

/**
 * Opens (creating when needed) the database: `<dataDir>/jumpcloud-sim.db` in WAL mode with `synchronous=FULL`, so
 * every acknowledged write has reached the disk; an in-memory database when `dataDir` is undefined.
 */
export function openDatabase(dataDir: string | undefined): Database.Database {
    let db: Database.Database;
    if (dataDir === undefined) {
        db = new Database(":memory:");
    } else {
        fs.mkdirSync(dataDir, { recursive: true });
        db = new Database(path.join(dataDir, DATABASE_FILE));
        db.pragma("journal_mode = WAL");
    }
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version !== 0 && version !== SCHEMA_VERSION) {
        db.close();
        throw new Error(`the database in ${dataDir} has layout version ${version}, expected ${SCHEMA_VERSION}`);
    }
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return db;
}
