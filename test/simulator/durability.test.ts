import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { type SimulatorChild, startSimulatorChild } from "../../simulator/child";

const KEY = "durability-key";

/** Starts the CLI as a child process and waits for the base URL line. */
const startCli = (dataDir: string): Promise<SimulatorChild> => startSimulatorChild(dataDir, KEY);

describe("simulator: durability (CLI child process)", () => {
    let dataDir: string;
    const children: ChildProcess[] = [];

    beforeEach(() => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-sim-durability-"));
    });
    afterEach(() => {
        for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
        fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("prints its URL, stops cleanly on SIGTERM and keeps data across restarts", async () => {
        const first = await startCli(dataDir);
        children.push(first.proc);
        const res = await fetch(`${first.url}/usergroups`, {
            method: "POST",
            headers: { "x-api-key": KEY, "content-type": "application/json" },
            body: JSON.stringify({ name: "persisted" }),
        });
        assert.equal(res.status, 201);
        const { id } = (await res.json()) as { id: string };
        first.proc.kill("SIGTERM");
        assert.deepEqual(await first.exited, { code: 0, signal: null });

        const second = await startCli(dataDir);
        children.push(second.proc);
        const got = await fetch(`${second.url}/usergroups/${id}`, { headers: { "x-api-key": KEY } });
        assert.equal(got.status, 200);
        second.proc.kill("SIGINT");
        assert.equal((await second.exited).code, 0);
    });

    it("loses no acknowledged write when killed with SIGKILL mid-stream", async () => {
        const first = await startCli(dataDir);
        children.push(first.proc);
        const acknowledged = new Map<string, string>();
        let killed = false;
        const KILL_AFTER = 120;
        const MAX_REQUESTS = 2000;
        let sent = 0;
        // Four concurrent writers, so requests are in flight when the kill lands.
        const writer = async (w: number): Promise<void> => {
            while (!killed && sent < MAX_REQUESTS) {
                sent += 1;
                const name = `durable-${w}-${sent}`;
                try {
                    const res = await fetch(`${first.url}/usergroups`, {
                        method: "POST",
                        headers: { "x-api-key": KEY, "content-type": "application/json" },
                        body: JSON.stringify({ name, description: "x".repeat(200) }),
                    });
                    if (res.status === 201) {
                        acknowledged.set(((await res.json()) as { id: string }).id, name);
                    }
                } catch {
                    // The connection died with the process: this write was never acknowledged.
                }
                if (!killed && acknowledged.size >= KILL_AFTER) {
                    killed = true;
                    first.proc.kill("SIGKILL");
                }
            }
        };
        await Promise.all([0, 1, 2, 3].map(writer));
        assert.equal((await first.exited).signal, "SIGKILL");
        assert.ok(acknowledged.size >= KILL_AFTER);

        const second = await startCli(dataDir);
        children.push(second.proc);
        const found = new Map<string, string>();
        for (let skip = 0; skip < MAX_REQUESTS; skip += 100) {
            const page = await fetch(`${second.url}/usergroups?limit=100&skip=${skip}&sort=id`, {
                headers: { "x-api-key": KEY },
            });
            const groups = (await page.json()) as { id: string; name: string }[];
            for (const g of groups) found.set(g.id, g.name);
            if (groups.length < 100) break;
        }
        for (const [id, name] of acknowledged) assert.equal(found.get(id), name, `acknowledged write ${name} lost`);
        second.proc.kill("SIGTERM");
        assert.equal((await second.exited).code, 0);

        const db = new Database(path.join(dataDir, "jumpcloud-sim.db"), { readonly: true });
        try {
            assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
        } finally {
            db.close();
        }
    });
});
