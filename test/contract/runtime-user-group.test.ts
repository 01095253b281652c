/**
 * The UserGroup runtime against the real simulator over HTTP: create, adopt (by name and id, both modes), the 409
 * message, update preserving an unmanaged attribute, clearing a dropped field, read after an out-of-band delete,
 * delete twice, recovery after a connection reset on POST, and the API calls each operation costs.
 */
import * as assert from "node:assert/strict";
import type { ApiUserGroup } from "../../provider/client/types";
import type { UserGroupInputs, UserGroupOutputs } from "../../provider/model/user-group";
import { setConfigGetter } from "../../provider/runtime/context";
import * as runtime from "../../provider/runtime/user-group";
import { type RunningSimulator, startSimulator } from "../../simulator";
import { simAdmin } from "../../simulator/admin-client";
import type { LoggedRequest } from "../../simulator/request-log";

const EVERY_FIELD: UserGroupInputs = {
    name: "Engineering",
    description: "All engineers",
    email: "eng@example.com",
    attributes: {
        sudo: { enabled: true, withoutPassword: false },
        ldapGroups: [{ name: "eng" }],
        posixGroups: [{ id: 5001, name: "eng" }],
        radius: { reply: [{ name: "Filter-Id", value: "eng" }] },
        sambaEnabled: false,
    },
    membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
    memberQuery: {
        queryType: "FilterQuery",
        filters: [{ field: "department", operator: "eq", value: "Engineering" }],
    },
    memberQueryExemptions: [{ id: "5f0c1b2c3d4e5f6a7b8c9d0e", type: "user" }],
    memberSuggestionsNotify: true,
};

describe("UserGroup runtime against the simulator", () => {
    let sim: RunningSimulator;
    const saved: Record<string, string | undefined> = {};
    const ENV = ["JUMPCLOUD_API_KEY", "JUMPCLOUD_API_URL", "JUMPCLOUD_ORG_ID", "JUMPCLOUD_REGION"];

    /** An out-of-band change, as an admin in the console would make it (raw HTTP, not the runtime). */
    async function outOfBand(method: string, path: string, body?: unknown, orgId?: string): Promise<ApiUserGroup> {
        const res = await fetch(`${sim.url}${path}`, {
            method,
            headers: {
                "x-api-key": sim.apiKey,
                "content-type": "application/json",
                ...(orgId ? { "x-org-id": orgId } : {}),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`console ${method} ${path}: ${res.status} ${text}`);
        return (text ? JSON.parse(text) : undefined) as ApiUserGroup;
    }

    /** Runs `op` and returns its result with the API requests it made. */
    async function counted<T>(op: () => Promise<T>): Promise<{ result: T; requests: LoggedRequest[] }> {
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await op();
        return { result, requests: await simAdmin(sim.origin).requests(since) };
    }

    const methods = (requests: LoggedRequest[]) => requests.map((r) => r.method);

    async function storedGroups(): Promise<ApiUserGroup[]> {
        const all: ApiUserGroup[] = [];
        for (let skip = 0; skip < 1000; skip += 100) {
            const page = (await outOfBand("GET", `/usergroups?limit=100&skip=${skip}`)) as unknown as ApiUserGroup[];
            all.push(...page);
            if (page.length < 100) break;
        }
        return all;
    }

    before(async () => {
        sim = await startSimulator();
        for (const k of ENV) saved[k] = process.env[k];
        for (const k of ENV) delete process.env[k];
        process.env.JUMPCLOUD_API_KEY = sim.apiKey;
        process.env.JUMPCLOUD_API_URL = sim.url;
        setConfigGetter(undefined);
    });

    after(async () => {
        for (const k of ENV) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
        setConfigGetter(undefined);
        await sim?.close();
    });

    beforeEach(() => simAdmin(sim.origin).reset());

    it("creates a group using every field with one POST; the simulator holds exactly that object", async () => {
        const { result, requests } = await counted(() => runtime.create(EVERY_FIELD));
        assert.deepEqual(methods(requests), ["POST"]);
        const live = await outOfBand("GET", `/usergroups/${result.id}`);
        const { id, type, suggestionCounts, memberQueryErrorFlags, organizationObjectId, ...body } = live;
        assert.equal(id, result.id);
        assert.equal(type, "user_group");
        assert.deepEqual(body, EVERY_FIELD);
        assert.equal(result.outs?.type, "user_group");
        assert.deepEqual(result.outs?.managedFields, [
            "name",
            "description",
            "email",
            "attributes.sudo",
            "attributes.ldapGroups",
            "attributes.posixGroups",
            "attributes.radius",
            "attributes.sambaEnabled",
            "memberQuery",
            "memberQueryExemptions",
            "memberSuggestionsNotify",
            "membershipMethod",
        ]);
        // Right after create, the program's inputs show no change: diff costs no call.
        const diff = await counted(() => runtime.diff(result.id, result.outs!, EVERY_FIELD));
        assert.equal(diff.result.changes, false);
        assert.deepEqual(diff.requests, []);
    });

    it("read: one GET, no drift reported when nothing changed; check makes no call", async () => {
        const created = await runtime.create(EVERY_FIELD);
        const { result, requests } = await counted(() => runtime.read(created.id, created.outs));
        assert.deepEqual(methods(requests), ["GET"]);
        assert.equal(result.id, created.id);
        assert.deepEqual(result.inputs, EVERY_FIELD);
        assert.equal((await runtime.diff(created.id, result.props!, EVERY_FIELD)).changes, false);
        const check = await counted(() => runtime.check({}, EVERY_FIELD));
        assert.deepEqual(check.requests, []);
    });

    it("update: GET + PUT restores drifted fields while an attribute set out of band survives", async () => {
        const created = await runtime.create(EVERY_FIELD);
        const live = await outOfBand("GET", `/usergroups/${created.id}`);
        await outOfBand("PUT", `/usergroups/${created.id}`, {
            ...EVERY_FIELD,
            description: "changed in the console",
            attributes: {
                ...EVERY_FIELD.attributes,
                sudo: { enabled: false, withoutPassword: false },
                costCenter: "42",
            },
        });
        assert.equal(live.description, "All engineers");

        const refreshed = await runtime.read(created.id, created.outs);
        assert.equal(refreshed.inputs?.description, "changed in the console");
        assert.deepEqual(refreshed.inputs?.attributes?.sudo, { enabled: false, withoutPassword: false });
        assert.equal(refreshed.inputs?.attributes?.["costCenter"], undefined, "an unmanaged attribute is not an input");
        assert.equal((await runtime.diff(created.id, refreshed.props!, EVERY_FIELD)).changes, true);

        const { result, requests } = await counted(() => runtime.update(created.id, refreshed.props!, EVERY_FIELD));
        assert.deepEqual(methods(requests), ["GET", "PUT"]);
        const after = await outOfBand("GET", `/usergroups/${created.id}`);
        assert.equal(after.description, "All engineers");
        assert.deepEqual(after.attributes?.sudo, { enabled: true, withoutPassword: false });
        assert.equal(after.attributes?.["costCenter"], "42");
        assert.equal((await runtime.diff(created.id, result.outs!, EVERY_FIELD)).changes, false);
    });

    it("update: a field the program no longer sets is cleared, a rename keeps the id", async () => {
        const created = await runtime.create(EVERY_FIELD);
        const { email: _email, attributes, ...rest } = EVERY_FIELD;
        const { ldapGroups: _ldap, ...keptAttributes } = attributes!;
        const next: UserGroupInputs = { ...rest, name: "Engineers", attributes: keptAttributes };
        const diff = await runtime.diff(created.id, created.outs!, next);
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
        const { requests } = await counted(() => runtime.update(created.id, created.outs!, next));
        assert.deepEqual(methods(requests), ["GET", "PUT"]);
        const after = await outOfBand("GET", `/usergroups/${created.id}`);
        assert.equal(after.name, "Engineers");
        assert.equal(after.email, undefined);
        assert.equal(after.attributes?.ldapGroups, undefined);
        assert.deepEqual(after.attributes?.posixGroups, [{ id: 5001, name: "eng" }]);
    });

    it("read after an out-of-band delete gives an empty id; delete twice succeeds with one DELETE each", async () => {
        const created = await runtime.create({ name: "Short-lived" });
        const first = await counted(() => runtime.delete(created.id, created.outs!));
        assert.deepEqual(methods(first.requests), ["DELETE"]);
        const second = await counted(() => runtime.delete(created.id, created.outs!));
        assert.deepEqual(methods(second.requests), ["DELETE"]);
        const read = await counted(() => runtime.read(created.id, created.outs));
        assert.deepEqual(read.result, {});
        assert.deepEqual(methods(read.requests), ["GET"]);
    });

    it("a taken name (409) names the existing group's id and the adopt option", async () => {
        const existing = await outOfBand("POST", "/usergroups", { name: "engineering" });
        await assert.rejects(runtime.create({ name: "Engineering" }), (e: Error) => {
            assert.match(e.message, new RegExp(existing.id));
            assert.match(e.message, /adopt: \{ by: "name", mode: "verify" \}/);
            return true;
        });
    });

    describe("jumpcloud:adoptExactMatches", () => {
        const desired = {
            name: "Engineering",
            description: "All engineers",
            attributes: { sudo: { enabled: true, withoutPassword: false } },
        };
        beforeEach(() => {
            process.env.JUMPCLOUD_ADOPT_EXACT_MATCHES = "true";
        });
        afterEach(() => {
            delete process.env.JUMPCLOUD_ADOPT_EXACT_MATCHES;
        });

        it("a create that meets a group exactly as declared adopts it, writing nothing", async () => {
            const existing = await outOfBand("POST", "/usergroups", desired);
            const created = await counted(() => runtime.create(desired));
            assert.equal(created.result.id, existing.id);
            assert.deepEqual(methods(created.requests), ["POST", "GET"], "the 409, then the name lookup");
            assert.equal((await storedGroups()).length, 1);
            assert.equal(created.result.outs?.description, "All engineers");
        });

        it("a group that differs in any field, or has a field the program lacks, is still a 409 error", async () => {
            await outOfBand("POST", "/usergroups", { ...desired, description: "someone else's" });
            await assert.rejects(runtime.create(desired), /already exists .*adopt: \{ by: "name"/);
            await simAdmin(sim.origin).reset();
            await outOfBand("POST", "/usergroups", { ...desired, email: "eng@example.com" });
            await assert.rejects(runtime.create(desired), /already exists/);
        });

        it("is off by default, and a malformed value is a settings error naming the key", async () => {
            delete process.env.JUMPCLOUD_ADOPT_EXACT_MATCHES;
            await outOfBand("POST", "/usergroups", desired);
            await assert.rejects(runtime.create(desired), /already exists/);
            process.env.JUMPCLOUD_ADOPT_EXACT_MATCHES = "yes";
            await assert.rejects(
                runtime.create({ name: "Other" }),
                /jumpcloud:adoptExactMatches \(or JUMPCLOUD_ADOPT_EXACT_MATCHES\) must be "true" or "false"/,
            );
        });
    });

    describe("adopt", () => {
        it("by name, verify: takes a matching group with no write", async () => {
            const existing = await outOfBand("POST", "/usergroups", {
                name: "Engineering",
                description: "d",
                email: "x@y.io",
            });
            const inputs: UserGroupInputs = {
                name: "Engineering",
                description: "d",
                adopt: { by: "name", mode: "verify" },
            };
            const { result, requests } = await counted(() => runtime.create(inputs));
            assert.equal(result.id, existing.id);
            assert.deepEqual(
                requests.filter((r) => r.method !== "GET"),
                [],
            );
            assert.equal(result.outs?.email, "x@y.io");
        });

        it("by name, verify: fails listing the differing fields", async () => {
            await outOfBand("POST", "/usergroups", { name: "engineering", description: "old" });
            await assert.rejects(
                runtime.create({ name: "Engineering", description: "new", adopt: { by: "name", mode: "verify" } }),
                /differs from the program in name, description/,
            );
        });

        it("by name, overwrite: PUTs the desired state, keeping unmanaged attributes", async () => {
            const existing = await outOfBand("POST", "/usergroups", {
                name: "engineering",
                description: "old",
                attributes: { costCenter: "42" },
            });
            const inputs: UserGroupInputs = {
                name: "Engineering",
                description: "new",
                attributes: { sambaEnabled: true },
                adopt: { by: "name", mode: "overwrite" },
            };
            const { result } = await counted(() => runtime.create(inputs));
            assert.equal(result.id, existing.id);
            const after = await outOfBand("GET", `/usergroups/${existing.id}`);
            assert.equal(after.name, "Engineering");
            assert.equal(after.description, "new");
            assert.deepEqual(after.attributes, { costCenter: "42", sambaEnabled: true });
        });

        it("by id, in both modes", async () => {
            const existing = await outOfBand("POST", "/usergroups", { name: "Ops", description: "d" });
            const verify = await runtime.create({
                name: "Ops",
                description: "d",
                adopt: { by: "id", id: existing.id, mode: "verify" },
            });
            assert.equal(verify.id, existing.id);
            await assert.rejects(
                runtime.create({ name: "Ops", description: "e", adopt: { by: "id", id: existing.id, mode: "verify" } }),
                /description/,
            );
            const overwrite = await runtime.create({
                name: "Operations",
                adopt: { by: "id", id: existing.id, mode: "overwrite" },
            });
            assert.equal(overwrite.id, existing.id);
            const after = await outOfBand("GET", `/usergroups/${existing.id}`);
            assert.equal(after.name, "Operations");
            assert.equal(after.description, "d", "a field the program does not set survives overwrite");
            await assert.rejects(
                runtime.create({ name: "X", adopt: { by: "id", id: "5f0c1b2c3d4e5f6a7b8c9d0e" } }),
                /no user group with this id exists/,
            );
        });
    });

    it("after a connection reset on a committed POST, finds the group and adopts it (no duplicate)", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", path: "^/usergroups$", kind: "reset-after", count: 1 }]);
        const { result, requests } = await counted(() => runtime.create(EVERY_FIELD));
        assert.equal(methods(requests)[0], "POST");
        assert.ok(
            requests.slice(1).every((r) => r.method === "GET"),
            `only lookups follow: ${methods(requests)}`,
        );
        const groups = await storedGroups();
        assert.equal(groups.length, 1);
        assert.equal(groups[0]!.id, result.id);
        assert.equal((await runtime.diff(result.id, result.outs!, EVERY_FIELD)).changes, false);
    });

    it("after a connection reset before the POST, looks the name up and sends the POST again", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", path: "^/usergroups$", kind: "reset-before", count: 1 }]);
        const since = await simAdmin(sim.origin).lastSeq();
        const result = await runtime.create({ name: "Engineering" });
        const groups = await storedGroups();
        assert.deepEqual(
            groups.map((g) => g.id),
            [result.id],
        );
        const posts = (await simAdmin(sim.origin).requests(since)).filter((r) => r.method === "POST");
        assert.equal(posts.length, 2, "the reset POST and one more");
    });

    it("sends the POST again as often as jumpcloud:maxRetries allows, then gives up having created nothing", async () => {
        process.env.JUMPCLOUD_MAX_RETRIES = "2";
        try {
            await simAdmin(sim.origin).faults([
                { method: "POST", path: "^/usergroups$", kind: "reset-before", count: 3 },
            ]);
            const since = await simAdmin(sim.origin).lastSeq();
            await assert.rejects(
                runtime.create({ name: "Engineering" }),
                /failed on every attempt .*did not take effect/,
            );
            const posts = (await simAdmin(sim.origin).requests(since)).filter((r) => r.method === "POST");
            assert.equal(posts.length, 3, "the first POST and 2 retries");
            assert.equal((await storedGroups()).length, 0);
        } finally {
            delete process.env.JUMPCLOUD_MAX_RETRIES;
        }
    });

    it("after a 500 before anything was written, sends the POST again and creates the group once", async () => {
        await simAdmin(sim.origin).faults([{ method: "POST", path: "^/usergroups$", kind: "500", count: 2 }]);
        const result = await runtime.create({ name: "Engineering" });
        assert.deepEqual(
            (await storedGroups()).map((g) => g.id),
            [result.id],
        );
    });

    it("a per-resource orgId goes to every call as x-org-id", async () => {
        const second = "5f00000000000000000000aa";
        await simAdmin(sim.origin).seed({ orgs: [{ id: second, apiKeys: ["other-key", sim.apiKey] }] });
        const inputs: UserGroupInputs = { name: "Tenant group", orgId: second };
        const created = await runtime.create(inputs);
        const update = await counted(() =>
            runtime.update(created.id, created.outs as UserGroupOutputs, { ...inputs, description: "d" }),
        );
        const read = await counted(() => runtime.read(created.id, created.outs));
        assert.equal(read.result.inputs?.orgId, second);
        const del = await counted(() => runtime.delete(created.id, created.outs!));
        for (const r of [...update.requests, ...read.requests, ...del.requests]) assert.equal(r.orgId, second);
        assert.deepEqual(methods(del.requests), ["DELETE"]);
    });
});
