/**
 * Users (API v1) and the group graph over a scripted fetch: the URLs and bodies the client sends, the v1 envelope
 * and its total, and the add/remove outcomes after ambiguous failures, in virtual time.
 */
import assert from "node:assert/strict";
import sinon from "sinon";
import {
    BadRequestError,
    collect,
    filter,
    isUserLookupError,
    JumpCloudClient,
    type JumpCloudClientOptions,
    NotFoundError,
    RateBudget,
    ServerError,
    userFilter,
} from "../../../provider/client";
import { API_KEY, type FakeFetch, fakeFetch, GROUP_ID, networkError, response, type Step } from "./fake-fetch";

const USER = "5f0c00000000000000000abc";
const SYSTEM = "5f0c00000000000000000def";

function user(n: number): { _id: string; username: string } {
    return { _id: n.toString(16).padStart(24, "0"), username: `user-${n}` };
}

describe("JumpCloudClient users and graph requests", () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
        clock = sinon.useFakeTimers({ now: 1_700_000_000_000 });
    });
    afterEach(() => clock.restore());

    function client(fake: FakeFetch, extra: Partial<JumpCloudClientOptions> = {}): JumpCloudClient {
        return new JumpCloudClient({
            apiKey: API_KEY,
            apiUrl: "http://jc.test/api/v2",
            fetch: fake.fetch,
            rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
            retry: { baseDelayMs: 10, random: () => 0.5 },
            ...extra,
        });
    }

    async function run<T>(promise: Promise<T>): Promise<T> {
        const settled = promise.then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
        );
        await clock.tickAsync(60_000);
        const outcome = await settled;
        if ("error" in outcome) throw outcome.error;
        return outcome.value;
    }

    const query = (url: string): string => decodeURIComponent(url.slice(url.indexOf("?") + 1).replace(/\+/g, " "));

    describe("users (API v1)", () => {
        it("lists from the v1 base, sorted by _id, 100 per page, until the envelope's total", async () => {
            const all = Array.from({ length: 200 }, (_, i) => user(i + 1));
            const fake = fakeFetch((call) => {
                const skip = Number(new URL(call.url).searchParams.get("skip"));
                return response(200, { totalCount: 200, results: all.slice(skip, skip + 100) });
            });
            const users = await run(collect(client(fake).users.list()));
            assert.equal(users.length, 200);
            assert.deepEqual(
                fake.calls.map((c) => c.url),
                [
                    "http://jc.test/api/systemusers?limit=100&skip=0&sort=_id",
                    "http://jc.test/api/systemusers?limit=100&skip=100&sort=_id",
                ],
                "the stated total saves a third, empty request",
            );
        });

        it("sends one filter plainly, several in the indexed form, space-separated sort and fields", async () => {
            const fake = fakeFetch([response(200, { totalCount: 0, results: [] })]);
            const c = client(fake);
            await run(collect(c.users.list({ filter: userFilter.eq("email", "a+b@example.com") })));
            await run(
                collect(
                    c.users.list({
                        filter: [userFilter.eq("department", "Sales"), userFilter.ne("state", "SUSPENDED")],
                        anyOf: [userFilter.ge("created", "2026-01-01"), userFilter.lt("employeeType", "b")],
                        sort: ["-department", "username"],
                        fields: ["email", "username"],
                    }),
                ),
            );
            assert.deepEqual(
                fake.calls.map((c) => query(c.url)),
                [
                    "limit=100&skip=0&filter=email:$eq:a+b@example.com&sort=_id",
                    "limit=100&skip=0&filter[0]=department:$eq:Sales&filter[1]=state:$ne:SUSPENDED" +
                        "&filter[or][0]=created:$gte:2026-01-01&filter[or][1]=employeeType:$lt:b" +
                        "&sort=-department username _id&fields=email username",
                ],
            );
            // The + of the address travels encoded, not as a space.
            assert.match(fake.calls[0]?.url ?? "", /a%2Bb%40example\.com/);
        });

        it("without a total, stops at the first short page", async () => {
            const fake = fakeFetch([response(200, { results: [user(1)] })]);
            assert.equal((await run(collect(client(fake).users.list()))).length, 1);
            assert.equal(fake.calls.length, 1);
        });

        it("an answer without a results array is an UnexpectedResponseError", async () => {
            const fake = fakeFetch([response(200, { totalCount: 1 }), response(200, [user(1)])]);
            await assert.rejects(run(collect(client(fake).users.list())), /response has no results array/);
            await assert.rejects(run(collect(client(fake).users.list())), /response is not a JSON object/);
        });

        it("gets one user with a projection", async () => {
            const fake = fakeFetch([response(200, { _id: USER, email: "a@example.com" })]);
            const got = await run(client(fake).users.get(USER, { fields: ["email"] }));
            assert.equal(got.email, "a@example.com");
            assert.equal(fake.calls[0]?.url, `http://jc.test/api/systemusers/${USER}?fields=email`);
        });

        it("needs apiV1Url when apiUrl does not end in /v2, and refuses v1 calls before any request", async () => {
            const fake = fakeFetch([response(200, { totalCount: 0, results: [] })]);
            const odd = client(fake, { apiUrl: "http://proxy.test/jumpcloud" });
            await assert.rejects(
                run(odd.users.get(USER)),
                /apiUrl "http:\/\/proxy\.test\/jumpcloud" does not end in "\/v2": pass apiV1Url/,
            );
            assert.equal(fake.calls.length, 0);
            await run(
                client(fake, { apiUrl: "http://proxy.test/jc2", apiV1Url: "http://proxy.test/jc1/" }).users.get(USER),
            );
            assert.equal(fake.calls[0]?.url, `http://proxy.test/jc1/systemusers/${USER}`);
        });

        it("findByEmail and findByUsername: exactly one match in one request, else a UserLookupError listing them", async () => {
            const answers: Step[] = [
                response(200, { totalCount: 1, results: [user(1)] }),
                response(200, { totalCount: 0, results: [] }),
                response(200, { totalCount: 2, results: [user(1), { ...user(2), email: "x@example.com" }] }),
            ];
            const fake = fakeFetch(answers);
            const c = client(fake);
            assert.equal((await run(c.users.findByUsername("user-1")))._id, user(1)._id);
            await assert.rejects(run(c.users.findByEmail("Ada@Example.com")), (e: unknown) => {
                assert.ok(isUserLookupError(e));
                assert.equal(e.matches.length, 0);
                assert.match(
                    e.message,
                    /No JumpCloud user has email "Ada@Example.com" \(the API compares it case-sensitively/,
                );
                return true;
            });
            await assert.rejects(run(c.users.findByEmail("x@example.com")), (e: unknown) => {
                assert.ok(isUserLookupError(e));
                assert.equal(e.field, "email");
                assert.match(
                    e.message,
                    /^2 JumpCloud users have email "x@example.com": 0+1 \(user-1\); 0+2 \(user-2, x@example.com\)/,
                );
                return true;
            });
            assert.deepEqual(
                fake.calls.map((c) => new URL(c.url).searchParams.get("filter")),
                ["username:$eq:user-1", "email:$eq:Ada@Example.com", "email:$eq:x@example.com"],
            );
            assert.throws(() => userFilter.eq("a:b", 1), /filter field/);
        });

        it("memberOf lists the user's groups from the v2 base, with the caller's filter and sort only", async () => {
            const fake = fakeFetch([response(200, [{ id: GROUP_ID, type: "user_group", paths: [] }])]);
            const c = client(fake);
            await run(collect(c.users.memberOf(USER)));
            await run(collect(c.users.memberOf(USER, { filter: filter.eq("object_id", GROUP_ID), sort: "-type" })));
            assert.deepEqual(
                fake.calls.map((x) => x.url.replace(/\?.*/, "")),
                [`http://jc.test/api/v2/users/${USER}/memberof`, `http://jc.test/api/v2/users/${USER}/memberof`],
            );
            assert.deepEqual(
                fake.calls.map((x) => query(x.url)),
                ["limit=100&skip=0", `limit=100&skip=0&filter=object_id:eq:${GROUP_ID}&sort=-type`],
            );
        });
    });

    describe("group members and associations: idempotent by meaning", () => {
        const path = `http://jc.test/api/v2/usergroups/${GROUP_ID}/members`;

        it("add sends the documented operation; 204 is added, 409 is already-present", async () => {
            const fake = fakeFetch([response(204), response(409, { message: "Already Exists" })]);
            const c = client(fake);
            assert.deepEqual(await run(c.userGroups.members.add(GROUP_ID, USER)), {
                outcome: "added",
                afterAmbiguousFailure: false,
                attempts: 1,
            });
            assert.deepEqual(await run(c.userGroups.members.add(GROUP_ID, USER)), {
                outcome: "already-present",
                afterAmbiguousFailure: false,
                attempts: 1,
            });
            assert.equal(fake.calls[0]?.url, path);
            assert.equal(fake.calls[0]?.method, "POST");
            assert.deepEqual(JSON.parse(fake.calls[0]?.body ?? ""), { op: "add", type: "user", id: USER });
        });

        it("an add whose answer was lost is sent again; the 409 that follows is this call's own add", async () => {
            for (const lost of [response(502), networkError("ECONNRESET"), "hang" as const]) {
                const fake = fakeFetch([lost, response(409, { message: "Already Exists" })]);
                const result = await run(client(fake, { timeoutMs: 1000 }).userGroups.members.add(GROUP_ID, USER));
                assert.deepEqual(result, { outcome: "already-present", afterAmbiguousFailure: true, attempts: 2 });
            }
        });

        it("a remove: 204 is removed, 404 already-absent, also after a lost answer", async () => {
            const fake = fakeFetch([response(204), response(404), response(500), response(404)]);
            const c = client(fake);
            assert.equal((await run(c.userGroups.members.remove(GROUP_ID, USER))).outcome, "removed");
            assert.deepEqual(await run(c.userGroups.members.remove(GROUP_ID, USER)), {
                outcome: "already-absent",
                afterAmbiguousFailure: false,
                attempts: 1,
            });
            assert.deepEqual(await run(c.userGroups.members.remove(GROUP_ID, USER)), {
                outcome: "already-absent",
                afterAmbiguousFailure: true,
                attempts: 2,
            });
            assert.deepEqual(JSON.parse(fake.calls[0]?.body ?? ""), { op: "remove", type: "user", id: USER });
        });

        it("other answers stay errors: 404 to an add, 400 from a dynamic group, 409 to a remove, exhausted 5xx", async () => {
            const c = (steps: Step[]) => client(fakeFetch(steps), { retry: { maxRetries: 1, baseDelayMs: 1 } });
            await assert.rejects(run(c([response(404)]).userGroups.members.add(GROUP_ID, USER)), NotFoundError);
            await assert.rejects(run(c([response(400)]).userGroups.members.add(GROUP_ID, USER)), BadRequestError);
            await assert.rejects(run(c([response(409)]).userGroups.members.remove(GROUP_ID, USER)), /409/);
            await assert.rejects(run(c([response(503)]).userGroups.members.add(GROUP_ID, USER)), ServerError);
            await assert.rejects(run(c([response(404)]).userGroups.members.update(GROUP_ID, USER, {})), NotFoundError);
        });

        it("refuses malformed ids and target types before any request", async () => {
            const fake = fakeFetch([response(204)]);
            const c = client(fake);
            assert.throws(() => c.userGroups.members.add(GROUP_ID, "../x"), /user id must be a 24-character/);
            assert.throws(() => c.userGroups.members.list("nope"), /user group id/);
            assert.throws(
                // @ts-expect-error: a type the API does not know
                () => c.userGroups.associations.add(GROUP_ID, { type: "printer", id: SYSTEM }),
                /association target type must be one of active_directory, application, .*system_group; got "printer"/,
            );
            // @ts-expect-error: the same, for a list
            assert.throws(() => c.userGroups.associations.list(GROUP_ID, "systems"), /got "systems"/);
            assert.equal(fake.calls.length, 0);
        });

        it("associations: the targets parameter, the operation with attributes, update", async () => {
            const fake = fakeFetch([
                response(200, [{ to: { id: SYSTEM, type: "system" } }]),
                response(204),
                response(204),
            ]);
            const c = client(fake);
            await run(collect(c.userGroups.associations.list(GROUP_ID, "system")));
            const sudo = { sudo: { enabled: true, withoutPassword: false } };
            await run(c.userGroups.associations.add(GROUP_ID, { type: "system", id: SYSTEM }, { attributes: sudo }));
            await run(c.userGroups.associations.update(GROUP_ID, { type: "system", id: SYSTEM }, sudo));
            assert.equal(
                fake.calls[0]?.url,
                `http://jc.test/api/v2/usergroups/${GROUP_ID}/associations?targets=system&limit=100&skip=0`,
            );
            assert.deepEqual(JSON.parse(fake.calls[1]?.body ?? ""), {
                op: "add",
                type: "system",
                id: SYSTEM,
                attributes: sudo,
            });
            assert.deepEqual(JSON.parse(fake.calls[2]?.body ?? ""), {
                op: "update",
                type: "system",
                id: SYSTEM,
                attributes: sudo,
            });
        });
    });

    describe("suggestions", () => {
        it("apply merges the API's result array; an empty list sends nothing", async () => {
            const fake = fakeFetch([
                response(200, [
                    { suggestions_found: [USER], suggestions_not_found: [] },
                    { suggestions_not_found: [GROUP_ID] },
                ]),
            ]);
            const c = client(fake);
            assert.deepEqual(await run(c.userGroups.suggestions.apply(GROUP_ID, [])), { found: [], notFound: [] });
            assert.equal(fake.calls.length, 0);
            assert.deepEqual(await run(c.userGroups.suggestions.apply(GROUP_ID, [USER, GROUP_ID, USER])), {
                found: [USER],
                notFound: [GROUP_ID],
            });
            assert.deepEqual(JSON.parse(fake.calls[0]?.body ?? ""), { user_ids: [USER, GROUP_ID] });
        });
    });
});
