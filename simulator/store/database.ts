/**
 * Opens the SQLite database behind the simulator and creates its tables.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Version of the table layout, kept in `PRAGMA user_version`. 2 added the user document, the group edges (members
 * and associations), the association targets, and service accounts with their access tokens.
 */
const SCHEMA_VERSION = 2;

/** File name of the database inside the data folder. */
export const DATABASE_FILE = "jumpcloud-sim.db";

const DDL = `
CREATE TABLE IF NOT EXISTS orgs (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS api_keys (
    key_hash TEXT NOT NULL, org_id TEXT NOT NULL, PRIMARY KEY (key_hash, org_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS users (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, org_id TEXT NOT NULL,
    username_key TEXT NOT NULL, email_key TEXT NOT NULL, doc TEXT NOT NULL,
    username TEXT GENERATED ALWAYS AS (json_extract(doc, '$.username')) STORED,
    email TEXT GENERATED ALWAYS AS (json_extract(doc, '$.email')) STORED,
    state TEXT GENERATED ALWAYS AS (json_extract(doc, '$.state')) STORED,
    department TEXT GENERATED ALWAYS AS (json_extract(doc, '$.department')) STORED,
    company TEXT GENERATED ALWAYS AS (json_extract(doc, '$.company')) STORED,
    job_title TEXT GENERATED ALWAYS AS (json_extract(doc, '$.jobTitle')) STORED,
    location TEXT GENERATED ALWAYS AS (json_extract(doc, '$.location')) STORED,
    cost_center TEXT GENERATED ALWAYS AS (json_extract(doc, '$.costCenter')) STORED,
    employee_type TEXT GENERATED ALWAYS AS (json_extract(doc, '$.employeeType')) STORED);
CREATE INDEX IF NOT EXISTS users_username_key ON users (org_id, username_key);
CREATE INDEX IF NOT EXISTS users_email_key ON users (org_id, email_key);
CREATE INDEX IF NOT EXISTS users_username ON users (org_id, username);
CREATE INDEX IF NOT EXISTS users_email ON users (org_id, email);
CREATE INDEX IF NOT EXISTS users_department ON users (org_id, department);
CREATE INDEX IF NOT EXISTS users_state ON users (org_id, state);
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
CREATE TABLE IF NOT EXISTS group_edges (
    seq INTEGER PRIMARY KEY, org_id TEXT NOT NULL, group_id TEXT NOT NULL,
    target_type TEXT NOT NULL, target_id TEXT NOT NULL, attributes TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS group_edges_key ON group_edges (group_id, target_type, target_id);
CREATE INDEX IF NOT EXISTS group_edges_page ON group_edges (group_id, target_type);
CREATE INDEX IF NOT EXISTS group_edges_target ON group_edges (org_id, target_type, target_id);
CREATE TABLE IF NOT EXISTS graph_targets (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, org_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS graph_targets_key ON graph_targets (type, id);
CREATE TABLE IF NOT EXISTS service_accounts (
    client_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, org_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_tokens (
    token_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL, org_id TEXT NOT NULL, expires_at INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS access_tokens_client ON access_tokens (client_id);
`;

/**
 * Layout 1 kept users as bare columns (id, username, email). Layout 2 keeps the whole user document: the old rows
 * become documents with the API's defaults for every other field, so a data folder from before still opens.
 */
const MIGRATE_FROM_1 = `
DROP INDEX IF EXISTS users_username;
DROP INDEX IF EXISTS users_email;
ALTER TABLE users RENAME TO users_layout1;
`;
const MIGRATE_FROM_1_COPY = `
INSERT INTO users (seq, id, org_id, username_key, email_key, doc)
    SELECT seq, id, org_id, username_key, email_key, json_object(
        '_id', id, 'username', username, 'email', email, 'firstname', '', 'lastname', '', 'displayname', '',
        'middlename', '', 'state', 'ACTIVATED', 'activated', json('true'), 'suspended', json('false'),
        'department', '', 'company', '', 'jobTitle', '', 'location', '', 'costCenter', '', 'employeeType', '',
        'employeeIdentifier', '', 'description', '', 'attributes', json('[]'),
        'created', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'organization', org_id)
    FROM users_layout1;
DROP TABLE users_layout1;
`;

/** Every table, in an order safe for deleting. */
export const TABLES = [
    "access_tokens",
    "service_accounts",
    "group_edges",
    "graph_targets",
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
    if (version !== 0 && version !== 1 && version !== SCHEMA_VERSION) {
        db.close();
        throw new Error(`the database in ${dataDir} has layout version ${version}, expected ${SCHEMA_VERSION}`);
    }
    db.transaction(() => {
        if (version === 1) db.exec(MIGRATE_FROM_1);
        db.exec(DDL);
        if (version === 1) db.exec(MIGRATE_FROM_1_COPY);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    return db;
}
