import assert from "node:assert/strict";
import { JumpCloudClient, RateBudget } from "../../../provider/client";
import { apiPath, objectId, safeId } from "../../../provider/client/paths";
import { fakeFetch, GROUP_ID, response } from "./fake-fetch";

describe("path parameters", () => {
    it("accepts ObjectIds of 24 hex characters in either case", () => {
        assert.equal(objectId("id", GROUP_ID), GROUP_ID);
        assert.equal(objectId("id", GROUP_ID.toUpperCase()), GROUP_ID.toUpperCase());
    });

    for (const bad of [
        "",
        "5f0c",
        `${GROUP_ID}0`,
        "5f0c1a2b3c4d5e6f7081920g",
        "../../users",
        `${GROUP_ID}/x`,
        " 5f0c1a2b3c4d5e6f7081920 ",
    ]) {
        it(`rejects ${JSON.stringify(bad)} as an ObjectId`, () => {
            assert.throws(
                () => objectId("user group id", bad),
                /user group id must be a 24-character hexadecimal ObjectId/,
            );
        });
    }

    it("rejects non-strings", () => {
        assert.throws(() => objectId("id", 5), TypeError);
        assert.throws(() => safeId("id", undefined), TypeError);
    });

    for (const good of ["job-1", "a_b.c", "5f0c1a2b3c4d5e6f70819203", "01HZX3"]) {
        it(`accepts ${JSON.stringify(good)} as an opaque id`, () => assert.equal(safeId("id", good), good));
    }
    for (const bad of ["", ".", "..", "../users", "a/b", "a?b=c", "a#b", "a%2Fb", "a b", "x".repeat(129)]) {
        it(`rejects ${JSON.stringify(bad.length > 20 ? `${bad.slice(0, 20)}…` : bad)} as an opaque id`, () => {
            assert.throws(() => safeId("push endpoint id", bad), /push endpoint id must be/);
        });
    }

    it("encodes interpolated segments", () => {
        assert.equal(apiPath`/a/${"b/c"}/d/${"?x"}`, "/a/b%2Fc/d/%3Fx");
    });

    it("a crafted id never reaches the network", async () => {
        const fake = fakeFetch([response(200, {})]);
        const c = new JumpCloudClient({
            apiKey: "k",
            apiUrl: "http://jc.test/api/v2",
            fetch: fake.fetch,
            rateBudget: new RateBudget(Number.POSITIVE_INFINITY),
        });
        const attempts: Array<() => Promise<unknown>> = [
            () => c.userGroups.get("../../users"),
            () => c.userGroups.replace("../../users", { name: "x" }),
            () => c.userGroups.delete(`${GROUP_ID}/../x`),
            () => c.pushEndpoints.list("../users"),
            () => c.pushEndpoints.get(GROUP_ID, "../../usergroups"),
            () => c.pushEndpoints.update(GROUP_ID, "..", { name: "n" }),
            () => c.pushEndpoints.delete("x", "pe1"),
            () => c.workdays.get("../usergroups"),
            () => c.workdays.authorize("a/b", { auth: {} }),
            () => c.workdays.startImport("w1/../..", []),
            () => c.workdays.importResults("w1", "../../x")[Symbol.asyncIterator]().next(),
            () => c.workdays.workers("..")[Symbol.asyncIterator]().next(),
        ];
        for (const attempt of attempts) {
            await assert.rejects(async () => attempt(), TypeError);
        }
        assert.equal(fake.calls.length, 0);
    });
});
