/**
 * The lookup functions against the real simulator over HTTP, with more than 100 records each (pagination), the
 * settings read from the environment at call time, and the requests they cost.
 */
import * as assert from "node:assert/strict";
import { isJumpCloudError } from "../../provider/client/errors";
import {
    getUserGroup,
    getUserPushEndpoints,
    getWorkdayImportResults,
    getWorkdayWorkers,
} from "../../provider/functions";
import { isProviderError } from "../../provider/runtime/errors";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { LoggedRequest } from "../../simulator/request-log";

describe("lookup functions against the simulator", () => {
    let sim: RunningSimulator;
    let userId: string;
    let workdayId: string;
    let jobId: string;
    const saved: Record<string, string | undefined> = {};
    const ENV = ["JUMPCLOUD_API_KEY", "JUMPCLOUD_API_URL", "JUMPCLOUD_ORG_ID", "JUMPCLOUD_REGION"];

    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, requests: await simAdmin(sim.origin).requests(since) };
    }

    async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
        const res = await fetch(`${sim.url}${path}`, {
            method,
            headers: { "x-api-key": sim.apiKey, "content-type": "application/json" },
            body: JSON.stringify(body),
        });
        assert.ok(res.ok, `${method} ${path}: ${res.status}`);
        return (await res.json()) as Record<string, unknown>;
    }

    before(async () => {
        sim = await startSimulator({ importDelayMs: 0 });
        for (const k of ENV) saved[k] = process.env[k];
        for (const k of ENV) delete process.env[k];
        process.env.JUMPCLOUD_API_KEY = sim.apiKey;
        process.env.JUMPCLOUD_API_URL = sim.url;
        const n = (i: number) => String(i).padStart(3, "0");
        const seeded = await simAdmin(sim.origin).seed({
            users: [{ username: "owner", email: "owner@example.com" }],
            userGroups: Array.from({ length: 150 }, (_, i) => ({ name: `Team ${n(i)}`, description: `team ${i}` })),
            workdayWorkers: Array.from({ length: 130 }, (_, i) => ({
                username: `w${n(i)}`,
                email: `w${n(i)}@example.com`,
                firstName: "W",
                lastName: n(i),
            })),
        });
        userId = seeded.users[0]!;
        await simAdmin(sim.origin).seed({
            pushEndpoints: Array.from({ length: 105 }, (_, i) => ({ userId, name: `device ${i}`, state: "active" })),
        });
        const workday = await api("POST", "/workdays", {
            name: "Workday Import",
            reportUrl: "https://wd.example.com/report",
            auth: { basic: { username: "isu", password: "pw-functions-test" } },
        });
        workdayId = workday["id"] as string;
        const users = Array.from({ length: 110 }, (_, i) => ({ email: `imp${i}@example.com`, username: `imp${i}` }));
        users.push({ email: "owner@example.com", username: "owner" });
        jobId = (await api("POST", `/workdays/${workdayId}/import`, users))["jobId"] as string;
    });
    after(async () => {
        for (const k of ENV) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
        await sim?.close();
    });

    it("getUserGroup by exact name costs one request", async () => {
        const { result, requests } = await counted(() => getUserGroup({ name: "Team 042" }));
        assert.equal(result.name, "Team 042");
        assert.equal(result.description, "team 42");
        assert.equal(requests.length, 1);
    });

    it("getUserGroup by name in another case (150 groups) finds it with one search, not a walk of every page", async () => {
        const { result, requests } = await counted(() => getUserGroup({ name: "team 149" }));
        assert.equal(result.name, "Team 149");
        // The one name lookup the runtime uses too: an eq miss (eq compares case-sensitively), then a search.
        assert.deepEqual(
            requests.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query ?? "").get("filter")}`),
            ["GET /usergroups name:eq:team 149", "GET /usergroups name:search:team 149"],
        );
    });

    it("getUserGroup with no match lists the similar names it found", async () => {
        await assert.rejects(
            () => getUserGroup({ name: "Team 1" }),
            /no user group is named "Team 1".*similar names: "Team 100"/s,
        );
        await assert.rejects(() => getUserGroup({ name: "Nothing like it" }), /no similar name was found/);
    });

    it("getUserGroup by id; an unknown id is a clear error", async () => {
        const byName = await getUserGroup({ name: "Team 007" });
        const byId = await counted(() => getUserGroup({ id: byName.id }));
        assert.deepEqual(byId.result, byName);
        assert.equal(byId.requests.length, 1);
        await assert.rejects(
            () => getUserGroup({ id: "6a0000000000000000000000" }),
            (e: Error) =>
                /no user group has the id/.test(e.message) &&
                isProviderError(e, "NOT_FOUND") &&
                isJumpCloudError(e.cause) &&
                e.cause.status === 404,
        );
    });

    it("getWorkdayWorkers returns all 130 workers over two pages", async () => {
        const { result, requests } = await counted(() => getWorkdayWorkers({ workdayId }));
        assert.equal(result.workers.length, 130);
        assert.equal(new Set(result.workers.map((w) => w.username)).size, 130);
        assert.equal(requests.length, 2);
    });

    it("getWorkdayImportResults returns all 111 rows over two pages with the existing user summarised", async () => {
        const { result, requests } = await counted(() => getWorkdayImportResults({ workdayId, jobId }));
        assert.equal(result.results.length, 111);
        assert.equal(requests.length, 2);
        assert.equal(result.complete, true);
        assert.equal(result.failed, 0);
        assert.equal(result.alreadyImported, 1);
        assert.equal(result.alreadyImportedUsers[0]?.username, "owner");
    });

    it("getUserPushEndpoints returns all 105 devices in one request", async () => {
        const { result, requests } = await counted(() => getUserPushEndpoints({ userId }));
        assert.equal(result.pushEndpoints.length, 105);
        assert.equal(requests.length, 1);
    });

    it("rejects a path-like id before any request", async () => {
        const { requests } = await counted(() =>
            assert.rejects(() => getWorkdayWorkers({ workdayId: "../../users" }), /workdayId must be a 24-character/),
        );
        assert.deepEqual(requests, []);
    });
});
