import assert from "node:assert/strict";
import { assertError, SimHarness } from "./support/sim-harness";

const TYPES = [
    "active_directory",
    "application",
    "g_suite",
    "idp_routing_policy",
    "ldap_server",
    "office_365",
    "password_manager_item",
    "radius_server",
    "system",
    "system_group",
] as const;

const ORG_B = "5f00000000000000000000b2";

interface Connection {
    to: { id: string; type: string };
    attributes?: Record<string, unknown>;
}

describe("simulator: user group associations", () => {
    const h = new SimHarness();
    let groupId: string;
    let targets: Record<string, string>;
    before(() => h.start());
    after(() => h.stop());
    beforeEach(async () => {
        await h.reset();
        const seeded = await h.seed({ targets: TYPES.map((type) => ({ type, name: `${type}-1` })) });
        targets = Object.fromEntries(TYPES.map((type, i) => [type, seeded.targets[i]!]));
        groupId = (await h.createGroup({ name: "g" })).id;
    });

    const post = (op: string, type: string, id: string, extra: Record<string, unknown> = {}) =>
        h.api("POST", `/usergroups/${groupId}/associations`, { body: { op, type, id, ...extra } });
    const list = async (targetsParam: string): Promise<Connection[]> => {
        const res = await h.api<Connection[]>("GET", `/usergroups/${groupId}/associations?targets=${targetsParam}`);
        assert.equal(res.status, 200, res.text);
        return res.body;
    };

    it("every documented target type can be seeded, associated, listed by its type and removed", async () => {
        for (const type of TYPES) assert.equal((await post("add", type, targets[type]!)).status, 204, type);
        for (const type of TYPES) {
            assert.deepEqual(await list(type), [{ to: { id: targets[type], type } }], type);
        }
        for (const type of TYPES) assert.equal((await post("remove", type, targets[type]!)).status, 204, type);
        for (const type of TYPES) assert.deepEqual(await list(type), [], type);
    });

    it("targets is required and must be a documented type (400 naming targets); several may be listed", async () => {
        assertError(await h.api("GET", `/usergroups/${groupId}/associations`), 400, "targets is required");
        assertError(await h.api("GET", `/usergroups/${groupId}/associations?targets=`), 400, "targets");
        assertError(
            await h.api("GET", `/usergroups/${groupId}/associations?targets=user`),
            400,
            /targets must be one of: .*system_group/,
        );
        await post("add", "system", targets["system"]!);
        await post("add", "system_group", targets["system_group"]!);
        await post("add", "application", targets["application"]!);
        const both = await list("system,system_group");
        assert.deepEqual(
            both.map((c) => c.to.type),
            ["system", "system_group"],
        );
        const repeated = await h.api<Connection[]>(
            "GET",
            `/usergroups/${groupId}/associations?targets=application&targets=system`,
        );
        assert.equal(repeated.body.length, 2);
    });

    it("system associations keep their sudo attributes and op update changes them", async () => {
        const sudo = { sudo: { enabled: true, withoutPassword: false } };
        assert.equal((await post("add", "system", targets["system"]!, { attributes: sudo })).status, 204);
        assert.deepEqual(await list("system"), [{ attributes: sudo, to: { id: targets["system"], type: "system" } }]);
        const stricter = { sudo: { enabled: true, withoutPassword: true } };
        assert.equal((await post("update", "system", targets["system"]!, { attributes: stricter })).status, 204);
        assert.deepEqual((await list("system"))[0]!.attributes, stricter);
        assertError(
            await post("update", "system", targets["system"]!, { attributes: { sudo: { enabled: "yes" } } }),
            400,
            "attributes.sudo.enabled",
        );
        assertError(
            await post("add", "system_group", targets["system_group"]!, { attributes: { sudo: true } }),
            400,
            "attributes.sudo",
        );
        assert.deepEqual((await list("system"))[0]!.attributes, stricter, "a refused update changes nothing");
    });

    it("observed: 409 on adding an existing association, 404 on removing or updating a missing one", async () => {
        await post("add", "radius_server", targets["radius_server"]!);
        const again = await post("add", "radius_server", targets["radius_server"]!);
        assertError(again, 409);
        assert.deepEqual(again.body, { code: 409, message: "Already Exists", status: "Conflict" });
        assertError(await post("remove", "ldap_server", targets["ldap_server"]!), 404, "not associated");
        assertError(await post("update", "ldap_server", targets["ldap_server"]!, { attributes: {} }), 404);
    });

    it("an unknown target, a target of another type or of another org is 404; bad bodies are 400", async () => {
        assertError(await post("add", "system", "5f0c0000000000000000ffff"), 404, "system");
        assertError(await post("add", "application", targets["system"]!), 404, "application");
        const [foreign] = (
            await h.seed({
                orgs: [{ id: ORG_B, apiKeys: ["key-b"] }],
                targets: [{ type: "system", name: "b", orgId: ORG_B }],
            })
        ).targets;
        assertError(await post("add", "system", foreign!), 404);
        assertError(await post("add", "user", targets["system"]!), 400, "body.type must be one of");
        assertError(await post("add", "system", "nope"), 400, "id");
        assertError(await post("link", "system", targets["system"]!), 400, "body.op");
        assertError(
            await h.api("POST", "/usergroups/5f0c0000000000000000eeee/associations", {
                body: { op: "add", type: "system", id: targets["system"] },
            }),
            404,
            "user group",
        );
        assertError(
            await h.api("GET", `/usergroups/${groupId}/associations?targets=system`, {
                headers: { "x-api-key": "key-b" },
            }),
            404,
        );
        assert.deepEqual(await list("system"), []);
    });

    it("pages associations with limit and skip and x-total-count; deleting the group deletes them", async () => {
        const many = (
            await h.seed({ targets: Array.from({ length: 120 }, (_, i) => ({ type: "system", name: `s${i}` })) })
        ).targets;
        const [seededGroup] = (
            await h.seed({
                userGroups: [
                    {
                        name: "seeded",
                        associations: many.map((id) => ({ type: "system", id })),
                    },
                ],
            })
        ).userGroups;
        const ids: string[] = [];
        for (let skip = 0; skip < 200; skip += 100) {
            const res = await h.api<Connection[]>(
                "GET",
                `/usergroups/${seededGroup}/associations?targets=system&limit=100&skip=${skip}`,
            );
            assert.equal(res.headers.get("x-total-count"), "120");
            ids.push(...res.body.map((c) => c.to.id));
        }
        assert.deepEqual(ids, many);
        assert.equal((await h.api("DELETE", `/usergroups/${seededGroup}`)).status, 204);
        const dump = (await h.admin<{ groupEdges: unknown[] }>("GET", "/store")).body;
        assert.deepEqual(dump.groupEdges, []);
    });

    it("seeding refuses unknown target types, associations to unseeded targets and bad sudo attributes", async () => {
        for (const [doc, message] of [
            [{ targets: [{ type: "printer", name: "p" }] }, "targets[0].type"],
            [{ targets: [{ type: "system" }] }, "targets[0].name"],
            [
                { userGroups: [{ name: "x", associations: [{ type: "system", id: "5f0c0000000000000000ffff" }] }] },
                "associations[0].id",
            ],
            [
                {
                    userGroups: [
                        {
                            name: "x",
                            associations: [{ type: "system", id: targets["system"], attributes: { sudo: {} } }],
                        },
                    ],
                },
                "sudo.enabled",
            ],
        ] as const) {
            const res = await h.admin<{ message: string }>("POST", "/seed", doc);
            assert.equal(res.status, 400, JSON.stringify(res.body));
            assert.ok(res.body.message.includes(message), res.body.message);
        }
    });
});
