/**
 * UserGroup through the real engine against the simulator: every field, drift detection with no false diffs,
 * repair by full PUT that keeps unmanaged fields, rename in place, out-of-band delete, adoption, destroy, secrets
 * kept out of state, and the API calls each operation costs (from the simulator's request log).
 */
import * as assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, jumpcloud, startE2E } from "../helpers/e2e";
import { countRequests, writes } from "../helpers/logged-requests";

type Json = Record<string, unknown>;

const EXEMPT_USER = "5f3000000000000000000001";

function everyField(name: string): Json {
    return {
        name,
        description: "All engineers",
        email: "eng@example.com",
        attributes: {
            sudo: { enabled: true, withoutPassword: false },
            ldapGroups: [{ name: "eng" }, { name: "staff" }],
            posixGroups: [{ id: 5001, name: "eng" }],
            radius: { reply: [{ name: "Filter-Id", value: "eng" }] },
            sambaEnabled: false,
            customTeam: "platform",
        },
        membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
        memberQuery: {
            queryType: "FilterQuery",
            filters: [
                { field: "department", operator: "eq", value: "Engineering" },
                { field: "userState", operator: "in", value: "active|staged" },
            ],
        },
        memberQueryExemptions: [{ id: EXEMPT_USER, type: "user" }],
        memberSuggestionsNotify: true,
    };
}

/**
 * The fields each changing UserGroup shows in the preview, by logical name: the top-level inputs that differ between
 * the state's inputs (after a refresh, the live values projected by read) and the program's checked inputs. That
 * is what `pulumi preview --diff` prints, since the dynamic provider reports no detailed diff of its own.
 */
function changedFields(events: EngineEvent[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (m?.type !== "pulumi-nodejs:dynamic/jumpcloud:UserGroup" || m.op === "same" || m.op === "refresh") continue;
        const name = m.urn.split("::").pop() ?? m.urn;
        const olds = (m.old?.inputs ?? {}) as Json;
        const news = (m.new?.inputs ?? {}) as Json;
        const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
        keys.delete("__provider");
        out[name] = [...keys].filter((k) => !isDeepStrictEqual(olds[k], news[k])).sort();
    }
    return out;
}

describe("UserGroup end to end (real engine, simulator)", function () {
    this.timeout(600_000);
    let e2e: E2E;
    let desired: Record<string, Json> = {};
    let api: ApiCall;

    before(async () => {
        e2e = await startE2E({
            project: "usergroup-e2e",
            program: async () => {
                const { UserGroup } = jumpcloud();
                const ids: Record<string, unknown> = {};
                for (const [name, args] of Object.entries(desired)) {
                    ids[name] = new UserGroup(name, args as never).id;
                }
                return ids;
            },
        });
        api = apiCaller(e2e.sim);
    });
    after(async () => e2e?.close());

    let id = "";

    it("creates a group using every field with one POST, and the simulator holds exactly that object", async () => {
        desired = { eng: everyField("Engineering") };
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        id = String(up.outputs["eng"]?.value);
        assert.match(id, /^[0-9a-f]{24}$/);
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), { "POST /usergroups": 1 });

        const live = await api("GET", `/usergroups/${id}`);
        const { id: _id, type, suggestionCounts, memberQueryErrorFlags, organizationObjectId, ...rest } = live;
        assert.equal(type, "user_group");
        assert.deepEqual(suggestionCounts, { add: 0, remove: 0, total: 0 });
        assert.deepEqual(memberQueryErrorFlags, []);
        assert.equal(organizationObjectId, e2e.sim.orgId);
        assert.deepEqual(rest, everyField("Engineering"));
    });

    it("previews no changes, with zero API calls; an up with no changes makes none either", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        const up = await e2e.engine.up();
        assert.deepEqual(Object.keys(up.summary.resourceChanges ?? {}), ["same"]);
        assert.deepEqual(await simAdmin(e2e.sim.origin).requests(since), []);
    });

    it("refresh of an unchanged group costs one GET and shows no changes (no false diffs)", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const events: EngineEvent[] = [];
        const preview = await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), { "GET /usergroups/:id": 1 });
    });

    it("reports each out-of-band change by field, and only those fields", async () => {
        const live = await api("GET", `/usergroups/${id}`);
        const attrs = live["attributes"] as Json;
        // Equivalent but differently ordered or formatted values must not show as drift...
        const reordered = {
            ...attrs,
            ldapGroups: [{ name: "staff" }, { name: "eng" }],
        };
        await api("PUT", `/usergroups/${id}`, { ...strip(live), attributes: reordered });
        let events: EngineEvent[] = [];
        await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        assert.deepEqual(changedFields(events), {}, "a reordered set is not drift");

        // ...while real changes in each field family are, and nothing else.
        await api("PUT", `/usergroups/${id}`, {
            ...strip(live),
            description: "changed in the console",
            memberSuggestionsNotify: false,
            attributes: { ...attrs, sudo: { enabled: true, withoutPassword: true }, consoleOnly: "kept" },
            memberQuery: {
                queryType: "FilterQuery",
                filters: [{ field: "department", operator: "eq", value: "Sales" }],
            },
        });
        events = [];
        const preview = await e2e.engine.preview({ refresh: true, onEvent: (e) => events.push(e) });
        assert.equal(preview.changeSummary["update"], 1);
        assert.deepEqual(changedFields(events), {
            eng: ["attributes", "description", "memberQuery", "memberSuggestionsNotify"],
        });
    });

    it("up --refresh restores the managed fields with GET + PUT and keeps the unmanaged attribute", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up({ refresh: true });
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        // refresh 1 GET, update GET + PUT
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /usergroups/:id": 2,
            "PUT /usergroups/:id": 1,
        });
        const live = await api("GET", `/usergroups/${id}`);
        const expected = everyField("Engineering");
        assert.equal(live["description"], expected["description"]);
        assert.equal(live["memberSuggestionsNotify"], true);
        assert.deepEqual(live["memberQuery"], expected["memberQuery"]);
        const attrs = live["attributes"] as Json;
        assert.deepEqual(attrs["sudo"], { enabled: true, withoutPassword: false });
        assert.equal(attrs["consoleOnly"], "kept", "an attribute the program never set survives the full PUT");
        const after = await e2e.engine.preview({ refresh: true });
        assert.deepEqual(Object.keys(after.changeSummary), ["same"]);
    });

    it("renames in place (same id), and a field dropped from the program is cleared", async () => {
        const next = everyField("Engineering Team");
        delete next["email"];
        desired = { eng: next };
        const up = await e2e.engine.up();
        assert.equal(up.summary.resourceChanges?.["update"], 1);
        assert.equal(up.outputs["eng"]?.value, id, "a rename is an update, never a replace");
        const live = await api("GET", `/usergroups/${id}`);
        assert.equal(live["name"], "Engineering Team");
        assert.equal(live["email"] ?? "", "", "email is no longer managed and was cleared");
    });

    it("a group deleted out of band drops from state on refresh and is recreated by up", async () => {
        await api("DELETE", `/usergroups/${id}`);
        const refresh = await e2e.engine.refresh();
        assert.equal(refresh.summary.resourceChanges?.["delete"], 1);
        const up = await e2e.engine.up();
        assert.equal(up.summary.resourceChanges?.["create"], 1);
        const newId = String(up.outputs["eng"]?.value);
        assert.notEqual(newId, id);
        id = newId;
    });

    it("adopts an existing group by name: verify refuses a differing group, overwrite takes it with a PUT", async () => {
        const existing = await api("POST", "/usergroups", { name: "Finance", description: "made in the console" });
        desired = {
            ...desired,
            finance: { name: "finance", description: "money", adopt: { by: "name", mode: "verify" } },
        };
        await assert.rejects(e2e.engine.up(), /description/);
        assert.equal((await api("GET", `/usergroups/${existing["id"]}`))["description"], "made in the console");

        desired = {
            ...desired,
            finance: { name: "Finance", description: "money", adopt: { by: "name", mode: "overwrite" } },
        };
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.outputs["finance"]?.value, existing["id"], "the existing group is adopted, not duplicated");
        assert.equal((await api("GET", `/usergroups/${existing["id"]}`))["description"], "money");
        assert.equal(
            writes(await simAdmin(e2e.sim.origin).requests(since)).filter((r) => r.method === "POST").length,
            0,
        );

        const verifyOnly = await api("POST", "/usergroups", { name: "Legal", description: "same" });
        desired = { ...desired, legal: { name: "Legal", description: "same", adopt: { by: "name", mode: "verify" } } };
        const since2 = await simAdmin(e2e.sim.origin).lastSeq();
        const up2 = await e2e.engine.up();
        assert.equal(up2.outputs["legal"]?.value, verifyOnly["id"]);
        assert.deepEqual(
            writes(await simAdmin(e2e.sim.origin).requests(since2)),
            [],
            "verify with no difference writes nothing",
        );
    });

    it("never puts the API key into the state files or the exported stack", async () => {
        const exported = JSON.stringify(await e2e.engine.exportState());
        assert.ok(exported.includes("pulumi-nodejs:dynamic/jumpcloud:UserGroup"));
        assert.ok(!exported.includes(e2e.sim.apiKey), "API key in pulumi stack export");
        assert.ok(!e2e.engine.stateFilesText().includes(e2e.sim.apiKey), "API key in the state files");
        const resources = (await e2e.engine.exportState()).deployment.resources ?? [];
        for (const r of resources.filter((x) => String(x["type"]).includes("UserGroup"))) {
            // The engine keeps the provider twice per resource: in the inputs and in the outputs.
            const copies = [(r["inputs"] as Json)["__provider"], (r["outputs"] as Json)["__provider"]].map(String);
            const bytes = copies.reduce((n, c) => n + Buffer.byteLength(c), 0);
            assert.ok(bytes <= 4096, `__provider takes ${bytes} bytes per resource`);
            for (const provider of copies) {
                assert.ok(!provider.includes("http") && !provider.includes(e2e.sim.apiKey));
                assert.match(provider, /require\("pulumi-jumpcloud\/dist\/resources\/user-group-provider\.js"\)/);
            }
        }
    });

    it("destroy deletes every group with one DELETE each", async () => {
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const destroy = await e2e.engine.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "DELETE /usergroups/:id": 3,
        });
        const left = (await fetch(`${e2e.sim.url}/usergroups`, { headers: { "x-api-key": e2e.sim.apiKey } }).then((r) =>
            r.json(),
        )) as unknown[];
        assert.deepEqual(left, []);
    });
});

/** The writable fields of a live group, as a PUT body. */
function strip(live: Json): Json {
    const {
        id: _i,
        type: _t,
        suggestionCounts: _s,
        memberQueryErrorFlags: _m,
        organizationObjectId: _o,
        ...rest
    } = live;
    return rest;
}
