import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { startSimulator } from "../../simulator";

/** The users table of the first layout (user_version 1): bare columns, no document. */
const LAYOUT_1_USERS = `
CREATE TABLE users (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, org_id TEXT NOT NULL,
    username TEXT NOT NULL, email TEXT NOT NULL, username_key TEXT NOT NULL, email_key TEXT NOT NULL);
CREATE INDEX users_username ON users (org_id, username_key);
CREATE INDEX users_email ON users (org_id, email_key);
`;

describe("simulator: a data folder of the first layout", () => {
    let dataDir: string;
    beforeEach(() => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-sim-layout-"));
    });
    afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

    it("opens with its users turned into full user documents", async () => {
        const db = new Database(path.join(dataDir, "jumpcloud-sim.db"));
        db.exec(LAYOUT_1_USERS);
        db.prepare(
            "INSERT INTO users (id, org_id, username, email, username_key, email_key) VALUES (?, ?, ?, ?, ?, ?)",
        ).run(
            "5f0c00000000000000000001",
            "5f0000000000000000000001",
            "Old",
            "Old@example.com",
            "old",
            "old@example.com",
        );
        db.pragma("user_version = 1");
        db.close();

        const sim = await startSimulator({ dataDir });
        try {
            const res = await fetch(`${sim.origin}/api/systemusers/5f0c00000000000000000001`, {
                headers: { "x-api-key": sim.apiKey },
            });
            assert.equal(res.status, 200);
            const user = (await res.json()) as Record<string, unknown>;
            assert.deepEqual(
                [user["_id"], user["username"], user["email"], user["state"], user["department"], user["organization"]],
                ["5f0c00000000000000000001", "Old", "Old@example.com", "ACTIVATED", "", sim.orgId],
            );
            const dup = await fetch(`${sim.origin}/__sim/seed`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ users: [{ username: "old", email: "new@example.com" }] }),
            });
            assert.equal(dup.status, 409, "the migrated username still counts for uniqueness");
        } finally {
            await sim.close();
        }
        const reopened = new Database(path.join(dataDir, "jumpcloud-sim.db"));
        assert.equal(reopened.pragma("user_version", { simple: true }), 2);
        reopened.close();
    });
});
