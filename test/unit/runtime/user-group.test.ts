/**
 * The UserGroup runtime over a fake client (sinon stubs): which calls each operation makes, how conflicts,
 * ambiguous failures and adoption are handled, and that check/diff never reach the API.
 */
import * as assert from "node:assert/strict";
import * as sinon from "sinon";
import type { JumpCloudClient } from "../../../provider/client";
import {
    BadRequestError,
    ConflictError,
    NetworkError,
    NotFoundError,
    ServerError,
    TimeoutError,
} from "../../../provider/client";
import type { CallOptions } from "../../../provider/client/call-options";
import { createAtMostOnce } from "../../../provider/client/create-at-most-once";
import type { RequestExecutor } from "../../../provider/client/request-executor";
import type { ApiUserGroup, ApiUserGroupBody } from "../../../provider/client/types";
import { UserGroupsApi } from "../../../provider/client/user-groups";
import type { JumpCloudSettings } from "../../../provider/config";
import { toOutputs, type UserGroupInputs, type UserGroupOutputs } from "../../../provider/model/user-group";
import { credentialFingerprint, toWorkdayOutputs } from "../../../provider/model/workday-instance";
import * as context from "../../../provider/runtime/context";
import { AdoptMismatchError, isProviderError, NameTakenError } from "../../../provider/runtime/errors";
import * as pushEndpointRuntime from "../../../provider/runtime/push-endpoint";
import type { RuntimeProvider } from "../../../provider/runtime/types";
import * as runtime from "../../../provider/runtime/user-group";
import * as workdayImportRuntime from "../../../provider/runtime/workday-import";
import * as workdayInstanceRuntime from "../../../provider/runtime/workday-instance";

const ID = "5f0c1b2c3d4e5f6a7b8c9d0e";
const OTHER = "5f0c1b2c3d4e5f6a7b8c9d0f";
const ORG = "5f0000000000000000000002";

function group(body: Partial<ApiUserGroup>): ApiUserGroup {
    return { id: ID, type: "user_group", suggestionCounts: { add: 0, remove: 0, total: 0 }, ...body };
}

interface Fake {
    client: JumpCloudClient;
    list: sinon.SinonStub;
    get: sinon.SinonStub;
    create: sinon.SinonStub;
    replace: sinon.SinonStub;
    del: sinon.SinonStub;
}

function fakeClient(groups: ApiUserGroup[] = []): Fake {
    const list = sinon.stub().callsFake((query?: { filter?: string }) => {
        const f = String(query?.filter ?? "");
        const [, op, value] = /^name:(eq|search):(.*)$/.exec(f) ?? [];
        const hits = groups.filter((g) =>
            op === "eq" ? g.name === value : (g.name ?? "").toLowerCase().includes(String(value).toLowerCase()),
        );
        return (async function* () {
            yield* hits;
        })();
    });
    const get = sinon.stub();
    const create = sinon.stub();
    const replace = sinon.stub().callsFake(async (id: string, body: ApiUserGroupBody) => group({ id, ...body }));
    const del = sinon.stub().resolves(undefined);
    // The real at-most-once loop over an executor with the policy's retries (2 here) and no wait.
    const executor = { maxRetries: 2, backoff: async () => undefined } as unknown as RequestExecutor;
    // The real name lookup (eq, then search) over the stubbed list.
    const findByName = (name: string, options?: CallOptions) =>
        UserGroupsApi.prototype.findByName.call({ list } as unknown as UserGroupsApi, name, options);
    const client = {
        // `read` (batched in the real client) answers as a GET does, so the same stub serves both.
        userGroups: { list, get, read: get, create, replace, delete: del, findByName },
        createAtMostOnce: (steps: Parameters<typeof createAtMostOnce>[1]) => createAtMostOnce(executor, steps),
    } as unknown as JumpCloudClient;
    return { client, list, get, create, replace, del };
}

const err = { method: "POST", path: "/usergroups" };
/** A failed POST as the client reports one the server may have acted on. */
const ambiguous = { ...err, mayHaveBeenApplied: true };

describe("UserGroup runtime", () => {
    const sandbox = sinon.createSandbox();
    let fake: Fake;
    let getClient: sinon.SinonStub;

    function use(groups: ApiUserGroup[] = []): Fake {
        fake = fakeClient(groups);
        getClient.returns(fake.client);
        return fake;
    }

    beforeEach(() => {
        getClient = sandbox.stub(context, "getClient");
        sandbox.stub(context, "getSettings").returns({ adoptExactMatches: false } as JumpCloudSettings);
        use();
    });
    afterEach(() => sandbox.restore());

    it("every runtime has one shape: a module exporting check, diff, create, read, update and delete", () => {
        // Compile-time half: each module as a whole is a RuntimeProvider.
        const shaped = <I, O, R>(module: RuntimeProvider<I, O, R>) => module;
        const modules = [
            ["UserGroup", shaped(runtime)],
            ["UserPushEndpoint", shaped(pushEndpointRuntime)],
            ["WorkdayImport", shaped(workdayImportRuntime)],
            ["WorkdayInstance", shaped(workdayInstanceRuntime)],
        ] as const;
        for (const [name, module] of modules) {
            for (const method of ["check", "diff", "create", "read", "update", "delete"] as const) {
                assert.equal(typeof module[method], "function", `${name}.${method}`);
            }
        }
    });

    describe("check", () => {
        it("returns failures and makes no API call", async () => {
            const res = await runtime.check({}, { name: "" });
            assert.equal(res.failures?.[0]?.property, "name");
            assert.equal(getClient.called, false);
        });

        it("returns normalised inputs", async () => {
            const res = await runtime.check(
                {},
                { name: "a", memberQuery: { queryType: "Search", searchFilters: { filter: {} } } },
            );
            assert.deepEqual(res.inputs, {
                name: "a",
                memberQuery: { queryType: "Search", searchFilters: '{"filter":{}}' },
            });
            assert.equal(getClient.called, false);
        });
    });

    describe("diff", () => {
        const olds = toOutputs(
            group({
                name: "Eng",
                description: "d",
                attributes: { sudo: { enabled: true, withoutPassword: false }, extra: 1 },
            }),
            ["name", "description", "attributes.sudo"],
        );

        it("another orgId is a replacement, created before the old group is deleted, with no stable outputs", async () => {
            const res = await runtime.diff(ID, olds, {
                name: "Eng",
                description: "d",
                attributes: { sudo: { enabled: true } },
                orgId: ORG,
            });
            assert.deepEqual([res.changes, res.replaces, res.changedFields], [true, ["orgId"], ["orgId"]]);
            assert.deepEqual(res.stables, []);
            assert.equal(res.deleteBeforeReplace, false);
        });

        it("reports no change for equivalent inputs, and makes no API call", async () => {
            const res = await runtime.diff(ID, olds, {
                name: "Eng",
                description: "d",
                attributes: { sudo: { enabled: true } },
                membershipMethod: "NOTSET",
            });
            assert.equal(res.changes, false);
            assert.deepEqual(res.replaces, []);
            assert.deepEqual(res.stables, ["type", "organizationObjectId"]);
            assert.equal(getClient.called, false);
        });

        it("treats a rename as an update, not a replace", async () => {
            const res = await runtime.diff(ID, olds, {
                name: "Engineering",
                description: "d",
                attributes: { sudo: { enabled: true } },
            });
            assert.equal(res.changes, true);
            assert.deepEqual(res.replaces, []);
        });

        it("replaces when orgId changes", async () => {
            const res = await runtime.diff(ID, olds, {
                name: "Eng",
                description: "d",
                attributes: { sudo: { enabled: true } },
                orgId: ORG,
            });
            assert.equal(res.changes, true);
            assert.deepEqual(res.replaces, ["orgId"]);
        });

        it("ignores a change of adopt alone", async () => {
            const res = await runtime.diff(ID, olds, {
                name: "Eng",
                description: "d",
                attributes: { sudo: { enabled: true } },
                adopt: { by: "name", mode: "overwrite" },
            });
            assert.equal(res.changes, false);
        });

        it("sees a field dropped from the program as a change (it will be cleared)", async () => {
            const res = await runtime.diff(ID, olds, { name: "Eng", attributes: { sudo: { enabled: true } } });
            assert.equal(res.changes, true);
        });

        it("ignores unmanaged fields of the outputs", async () => {
            const res = await runtime.diff(
                ID,
                { ...olds, email: "console@example.com" },
                {
                    name: "Eng",
                    description: "d",
                    attributes: { sudo: { enabled: true } },
                },
            );
            assert.equal(res.changes, false);
        });
    });

    describe("create", () => {
        it("makes one POST with the inputs' body and returns the outputs", async () => {
            fake.create.callsFake(async (body: ApiUserGroupBody) => group(body));
            const res = await runtime.create({
                name: "Eng",
                email: "e@x.io",
                orgId: ORG,
                adopt: undefined,
            } as UserGroupInputs);
            assert.equal(res.id, ID);
            sinon.assert.calledOnceWithExactly(fake.create, { name: "Eng", email: "e@x.io" }, { orgId: ORG });
            assert.equal(fake.list.called || fake.get.called || fake.replace.called, false);
            assert.deepEqual(res.outs?.managedFields, ["name", "email"]);
            assert.equal(res.outs?.orgId, ORG);
        });

        it("turns a 409 into an error naming the existing id and the adopt option", async () => {
            use([group({ id: OTHER, name: "eng" })]);
            const conflict = new ConflictError({ ...err, status: 409, apiMessage: "Already Exists" });
            fake.create.rejects(conflict);
            await assert.rejects(runtime.create({ name: "Eng" }), (e: Error) => {
                assert.equal(
                    e.message,
                    `A user group "eng" (id ${OTHER}) already exists in JumpCloud (group names are unique ` +
                        'case-insensitively). To manage it with this resource, add adopt: { by: "name", mode: "verify" } ' +
                        '(or mode: "overwrite" to replace its fields with the program\'s); otherwise choose another name.',
                );
                // A typed error a caller can tell apart, keeping the API's answer.
                assert.ok(isProviderError(e, "NAME_TAKEN") && e instanceof NameTakenError);
                assert.deepEqual([e.takenName, e.existingId, e.cause], ["Eng", OTHER, conflict]);
                return true;
            });
        });

        for (const [label, error] of [
            [
                "a connection reset",
                new NetworkError({ ...ambiguous, cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) }),
            ],
            ["a 500", new ServerError({ ...ambiguous, status: 500 })],
            ["a 502", new ServerError({ ...ambiguous, status: 502 })],
            ["a 504", new ServerError({ ...ambiguous, status: 504 })],
            ["a timeout", new TimeoutError({ ...ambiguous, timeoutMs: 10, deadline: false })],
        ] as const) {
            it(`after ${label}, adopts the group if it is exactly what was sent`, async () => {
                use([group({ name: "Eng", description: "d" })]);
                fake.create.rejects(error);
                const res = await runtime.create({ name: "Eng", description: "d" });
                assert.equal(res.id, ID);
                assert.equal(fake.list.firstCall.args[0].filter, "name:eq:Eng");
            });
        }

        it("after an ambiguous failure, refuses a look-alike that differs", async () => {
            use([group({ name: "Eng", description: "someone else's" })]);
            fake.create.rejects(new ServerError({ ...ambiguous, status: 502 }));
            await assert.rejects(runtime.create({ name: "Eng", description: "d" }), (e: Error) => {
                assert.match(
                    e.message,
                    new RegExp(
                        `^Creating user group "Eng" failed \\(.+\\); a group with this name exists \\(id ${ID}\\) but ` +
                            "differs from what was sent in description, so it was not created by this request\\. " +
                            'Adopt it with adopt: \\{ by: "name", mode: "verify" \\| "overwrite" \\}, or choose another name\\.$',
                    ),
                );
                assert.ok(isProviderError(e, "NAME_TAKEN"));
                assert.ok(e.cause instanceof ServerError, "the failed POST is the cause");
                return true;
            });
        });

        it("after an ambiguous failure, refuses a look-alike with extra fields", async () => {
            use([group({ name: "Eng", attributes: { custom: 1 } })]);
            fake.create.rejects(new ServerError({ ...ambiguous, status: 500 }));
            await assert.rejects(runtime.create({ name: "Eng" }), /attributes\.custom/);
        });

        it("after an ambiguous failure with no group found, sends the POST again, as often as the policy retries", async () => {
            fake.create.rejects(new ServerError({ ...ambiguous, status: 504 }));
            await assert.rejects(runtime.create({ name: "Eng" }), (e: Error) => {
                assert.match(e.message, /failed on every attempt .*did not take effect/);
                assert.ok(e.cause instanceof ServerError, "the last failed POST is the cause");
                return true;
            });
            assert.equal(fake.create.callCount, 3, "the first POST and the policy's 2 retries");
            assert.equal(fake.list.callCount, 6, "each failure looked the name up (eq, then search)");
        });

        it("after an ambiguous failure with no group found, a second POST that succeeds creates it once", async () => {
            fake.create.onFirstCall().rejects(new ServerError({ ...ambiguous, status: 502 }));
            fake.create.onSecondCall().callsFake(async (body: ApiUserGroupBody) => group(body));
            const result = await runtime.create({ name: "Eng" });
            assert.equal(result.outs?.name, "Eng");
            assert.equal(fake.create.callCount, 2);
        });

        it("does not look anything up after a failure the client says had no effect (503, refused)", async () => {
            fake.create.rejects(new ServerError({ ...err, status: 503, attempts: 6 }));
            await assert.rejects(runtime.create({ name: "Eng" }), ServerError);
            assert.equal(fake.list.called, false);
            assert.equal(fake.create.callCount, 1);
        });

        it("does not look anything up after a 400", async () => {
            fake.create.rejects(new BadRequestError({ ...err, status: 400 }));
            await assert.rejects(runtime.create({ name: "Eng" }), BadRequestError);
            assert.equal(fake.list.called, false);
        });
    });

    describe("create with adopt", () => {
        it("verify: takes a matching group (found case-insensitively) with zero writes", async () => {
            use([group({ name: "Eng", description: "d", email: "console@x.io" })]);
            const res = await runtime.create({ name: "Eng", description: "d", adopt: { by: "name", mode: "verify" } });
            assert.equal(res.id, ID);
            assert.equal(fake.create.called || fake.replace.called, false);
            assert.equal(res.outs?.email, "console@x.io");
            assert.deepEqual(res.outs?.adopt, { by: "name", mode: "verify" }, "the adopt input stays in the outputs");
        });

        it("verify: finds a differently cased name through the search fallback, and fails listing the differences", async () => {
            use([group({ name: "eng", description: "old" })]);
            await assert.rejects(
                runtime.create({ name: "Eng", description: "new", adopt: { by: "name", mode: "verify" } }),
                (e: Error) => {
                    assert.match(e.message, /differs from the program in name, description/);
                    assert.match(e.message, /mode: "overwrite"/);
                    assert.ok(e instanceof AdoptMismatchError && isProviderError(e, "ADOPT_MISMATCH"));
                    assert.deepEqual([e.existingId, e.fields], [ID, ["name", "description"]]);
                    return true;
                },
            );
            assert.equal(fake.list.callCount, 2);
            assert.equal(fake.replace.called, false);
        });

        it("verify: quotes both values of each differing field, long ones cut at 80 characters", async () => {
            use([group({ name: "Eng", description: "x".repeat(100) })]);
            await assert.rejects(
                runtime.create({ name: "Eng", description: "short", adopt: { by: "name", mode: "verify" } }),
                (e: Error) => {
                    assert.ok(
                        e.message.includes(`description (program: "short", JumpCloud: "${"x".repeat(79)}…)`),
                        e.message,
                    );
                    return true;
                },
            );
        });

        it("overwrite: PUTs the desired state over the existing group, keeping unmanaged fields", async () => {
            use([group({ name: "Eng", description: "old", attributes: { custom: 1 } })]);
            const res = await runtime.create({
                name: "Eng",
                description: "new",
                adopt: { by: "name", mode: "overwrite" },
            });
            sinon.assert.calledOnceWithExactly(
                fake.replace,
                ID,
                { name: "Eng", description: "new", attributes: { custom: 1 } },
                undefined,
            );
            assert.equal(res.outs?.description, "new");
        });

        it("by id: gets the group by its id", async () => {
            fake.get.resolves(group({ id: OTHER, name: "Eng" }));
            const res = await runtime.create({ name: "Eng", adopt: { by: "id", id: OTHER, mode: "verify" } });
            assert.equal(res.id, OTHER);
            sinon.assert.calledOnceWithExactly(fake.get, OTHER, undefined);
        });

        it("by id: a missing group is a clear error", async () => {
            const notFound = new NotFoundError({ method: "GET", path: `/usergroups/${OTHER}`, status: 404 });
            fake.get.rejects(notFound);
            await assert.rejects(runtime.create({ name: "Eng", adopt: { by: "id", id: OTHER } }), (e: Error) => {
                assert.equal(
                    e.message,
                    `adopt.id "${OTHER}": no user group with this id exists in JumpCloud — check the id, use ` +
                        'adopt: { by: "name" } to find the group by its name, or remove adopt to create a new group',
                );
                assert.ok(isProviderError(e, "NOT_FOUND"));
                assert.equal(e.cause, notFound);
                return true;
            });
        });

        it("by id: any other failure is the API's error, not a missing group", async () => {
            const down = new ServerError({ method: "GET", path: `/usergroups/${OTHER}`, status: 503 });
            fake.get.rejects(down);
            await assert.rejects(
                runtime.create({ name: "Eng", adopt: { by: "id", id: OTHER } }),
                (e: Error) => e === down,
            );
        });

        it("by name: creates the group when none exists", async () => {
            fake.create.callsFake(async (body: ApiUserGroupBody) => group(body));
            const res = await runtime.create({ name: "Eng", adopt: { by: "name", mode: "verify" } });
            assert.equal(res.id, ID);
            sinon.assert.calledOnce(fake.create);
        });
    });

    describe("read", () => {
        it("returns an empty result when the group is gone", async () => {
            fake.get.rejects(new NotFoundError({ method: "GET", path: `/usergroups/${ID}`, status: 404 }));
            assert.deepEqual(await runtime.read(ID, toOutputs(group({ name: "Eng" }), ["name"])), {});
        });

        it("returns props and the live values projected onto managed inputs", async () => {
            fake.get.resolves(group({ name: "Eng", description: "drifted", email: "unmanaged@x.io" }));
            const props: UserGroupOutputs = {
                ...toOutputs(group({ name: "Eng", description: "d" }), ["name", "description"]),
                orgId: ORG,
            };
            const res = await runtime.read(ID, props);
            assert.equal(res.id, ID);
            assert.equal(res.props?.email, "unmanaged@x.io");
            assert.deepEqual(res.props?.managedFields, ["name", "description"]);
            assert.deepEqual(res.inputs, { name: "Eng", description: "drifted", orgId: ORG });
            sinon.assert.calledOnceWithExactly(fake.get, ID, { orgId: ORG });
        });
    });

    describe("update", () => {
        it("GETs, overlays the managed fields (clearing dropped ones) and PUTs the whole object", async () => {
            fake.get.resolves(
                group({
                    name: "Eng",
                    description: "d",
                    email: "e@x.io",
                    attributes: { sudo: { enabled: true, withoutPassword: false }, custom: 1 },
                }),
            );
            const olds = toOutputs(group({ name: "Eng" }), ["name", "email", "attributes.sudo"]);
            const res = await runtime.update(ID, olds, { name: "Engineering", attributes: { sambaEnabled: true } });
            sinon.assert.calledOnce(fake.get);
            sinon.assert.calledOnceWithExactly(
                fake.replace,
                ID,
                { name: "Engineering", description: "d", attributes: { custom: 1, sambaEnabled: true } },
                undefined,
            );
            assert.deepEqual(res.outs?.managedFields, ["name", "attributes.sambaEnabled"]);
        });

        it("any failure of the PUT other than 409 is the API's error, not a taken name", async () => {
            fake.get.resolves(group({ name: "Eng" }));
            const down = new ServerError({ method: "PUT", path: `/usergroups/${ID}`, status: 503 });
            fake.replace.rejects(down);
            await assert.rejects(
                runtime.update(ID, toOutputs(group({ name: "Eng" }), ["name"]), { name: "Renamed" }),
                (e: Error) => e === down,
            );
        });

        it("keeps orgId and adopt in the outputs", async () => {
            fake.get.resolves(group({ name: "Eng" }));
            const adopt = { by: "name", mode: "verify" } as const;
            const olds = { ...toOutputs(group({ name: "Eng" }), ["name"]), orgId: ORG };
            const res = await runtime.update(ID, olds, { name: "Renamed", orgId: ORG, adopt });
            assert.deepEqual([res.outs?.orgId, res.outs?.adopt], [ORG, adopt]);
        });

        it("names the group that holds a name a rename collides with", async () => {
            use([group({ id: OTHER, name: "Taken" })]);
            fake.get.resolves(group({ name: "Eng" }));
            fake.replace.rejects(new ConflictError({ method: "PUT", path: `/usergroups/${ID}`, status: 409 }));
            await assert.rejects(
                runtime.update(ID, toOutputs(group({ name: "Eng" }), ["name"]), { name: "Taken" }),
                (e: Error) => {
                    assert.equal(
                        e.message,
                        `Cannot rename user group ${ID} to "Taken": group ${OTHER} ("Taken") already has this name ` +
                            "(names are unique case-insensitively) — choose another name.",
                    );
                    assert.ok(e instanceof NameTakenError && e.existingId === OTHER);
                    assert.ok(e.cause instanceof ConflictError);
                    return true;
                },
            );
        });
    });

    describe("delete", () => {
        // A state written without outputs (an interrupted create) still deletes, in the default organisation.
        it("deletes with no outputs in the state, for every resource type", async () => {
            await runtime.delete(ID, undefined as unknown as UserGroupOutputs);
            sinon.assert.calledOnceWithExactly(fake.del, ID, undefined);
            const deletePush = sinon.stub().resolves(undefined);
            const deauthorize = sinon.stub().resolves(undefined);
            getClient.returns({ pushEndpoints: { delete: deletePush }, workdays: { deauthorize } });
            await pushEndpointRuntime.delete(`${ID}/abc`, undefined as never);
            sinon.assert.calledOnceWithExactly(deletePush, ID, "abc", undefined);
            await workdayInstanceRuntime.delete("w1", undefined as never);
            sinon.assert.calledOnceWithExactly(deauthorize, "w1", undefined);
        });

        it("makes one DELETE with the resource's orgId", async () => {
            await runtime.delete(ID, { ...toOutputs(group({ name: "Eng" }), ["name"]), orgId: ORG });
            sinon.assert.calledOnceWithExactly(fake.del, ID, { orgId: ORG });
        });

        it("treats a group that is already gone as deleted", async () => {
            fake.del.rejects(new NotFoundError({ method: "DELETE", path: `/usergroups/${ID}`, status: 404 }));
            await runtime.delete(ID, toOutputs(group({ name: "Eng" }), ["name"]));
        });

        it("reports other failures", async () => {
            fake.del.rejects(new ServerError({ method: "DELETE", path: `/usergroups/${ID}`, status: 500 }));
            await assert.rejects(runtime.delete(ID, toOutputs(group({ name: "Eng" }), ["name"])), ServerError);
        });
    });
});

describe("isProviderError", () => {
    it("is true for this package's errors, of the code asked for, and false for anything else", () => {
        const e = new NameTakenError("the name is taken", "Eng", ID);
        assert.equal(isProviderError(e), true);
        assert.equal(isProviderError(e, "NAME_TAKEN"), true);
        assert.equal(isProviderError(e, "NOT_FOUND"), false);
        for (const other of [new Error("x"), null, undefined, "NAME_TAKEN", { code: "NAME_TAKEN" }])
            assert.equal(isProviderError(other), false, String(other));
    });
});

describe("UserPushEndpoint runtime (stubbed client)", () => {
    const sandbox = sinon.createSandbox();
    const USER = "5f0c1b2c3d4e5f6a7b8c9d0e";
    const inputs = { userId: USER, pushEndpointId: "abc", state: "active" as const };
    let get: sinon.SinonStub;
    let update: sinon.SinonStub;

    beforeEach(() => {
        get = sinon.stub().resolves({ id: "abc", name: "Phone", state: "active" });
        update = sinon.stub().callsFake(async (_u: string, _p: string, patch: object) => ({ id: "abc", ...patch }));
        sandbox.stub(context, "getClient").returns({ pushEndpoints: { get, update } } as unknown as JumpCloudClient);
    });
    afterEach(() => sandbox.restore());

    it("create: a device that does not exist is explained, with where to find the ids", async () => {
        const notFound = new NotFoundError({ method: "GET", path: "/users/x/pushendpoints/abc", status: 404 });
        get.rejects(notFound);
        await assert.rejects(pushEndpointRuntime.create(inputs), (e: Error) => {
            assert.equal(
                e.message,
                `User ${USER} has no push endpoint "abc": the API cannot create one (devices enrol through the ` +
                    "JumpCloud Protect app). List the user's devices with getUserPushEndpoints({ userId }) and set " +
                    "pushEndpointId to one of their ids.",
            );
            assert.ok(isProviderError(e, "NOT_FOUND") && e.cause === notFound);
            return true;
        });
    });

    it('create: a failure other than 404 is the API\'s error, not "no such device"', async () => {
        const down = new ServerError({ method: "GET", path: "/users/x/pushendpoints/abc", status: 503 });
        get.rejects(down);
        await assert.rejects(pushEndpointRuntime.create(inputs), (e: Error) => e === down);
    });

    it("update: nothing to change reads the device with one GET and sends no PATCH", async () => {
        const outs = { ...inputs, name: "Phone", managedFields: ["state" as const] };
        const res = await pushEndpointRuntime.update(`${USER}/abc`, outs, inputs);
        assert.equal(update.called, false);
        sinon.assert.calledOnce(get);
        assert.equal(res.outs?.state, "active");
    });
});

describe("WorkdayInstance runtime (stubbed client)", () => {
    const sandbox = sinon.createSandbox();
    afterEach(() => sandbox.restore());

    it("update: an adopted instance stays adopted", async () => {
        const reportUrl = "https://wd5.example.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
        const news = {
            reportUrl,
            username: "ISU",
            password: "pw",
            name: "Workday Import",
            adopt: true,
            authorized: true,
        };
        const get = sinon
            .stub()
            .resolves({ id: "w1", name: "Workday Import", reportUrl, auth: { basic: { isValid: true } } });
        sandbox.stub(context, "getClient").returns({ workdays: { get } } as unknown as JumpCloudClient);
        const olds = toWorkdayOutputs(await get(), {
            adopt: true,
            adopted: true,
            credentialFingerprint: credentialFingerprint("ISU", "pw"),
        });
        const res = await workdayInstanceRuntime.update("w1", olds, news);
        assert.equal(res.outs?.adopted, true);
    });
});
