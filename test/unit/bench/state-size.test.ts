import * as assert from "node:assert/strict";
import { measureState } from "../../../bench/lib/state-size";

const TOKEN = "pulumi-nodejs:dynamic/jumpcloud:UserGroup";

describe("bench state size", () => {
    it("averages entry and __provider bytes over the resources of one type, both copies counted", () => {
        const resource = (provider: string) => ({
            type: TOKEN,
            inputs: { name: "a", __provider: provider },
            outputs: { name: "a", __provider: provider },
        });
        const sizes = measureState(
            [resource("x".repeat(100)), resource("y".repeat(300)), { type: "pulumi:pulumi:Stack" }],
            TOKEN,
        );
        assert.equal(sizes.resources, 2);
        assert.equal(sizes.providerBytes, 200);
        assert.equal(sizes.providerBytesPerResource, 400);
        assert.equal(sizes.providerCopies, 2);
        const entryBytes =
            (JSON.stringify(resource("x".repeat(100))).length + JSON.stringify(resource("y".repeat(300))).length) / 2;
        assert.equal(sizes.bytesPerResource, entryBytes);
        assert.deepEqual(sizes.leaks, []);
    });

    it("names every forbidden string found in a __provider", () => {
        const sizes = measureState(
            [
                {
                    type: TOKEN,
                    outputs: { __provider: 'const url = "http://127.0.0.1:4000/api/v2"; const k = "sim-key";' },
                },
            ],
            TOKEN,
            {
                "API key": "sim-key",
                "API URL": "http://127.0.0.1:4000/api/v2",
                "simulator host": "127.0.0.1:4000",
                empty: "",
            },
        );
        assert.deepEqual(sizes.leaks, ["API URL", "API key", "simulator host"]);
    });

    it("returns zeros when no resource has the type", () => {
        const sizes = measureState([{ type: "other" }], TOKEN);
        assert.equal(sizes.resources, 0);
        assert.equal(sizes.bytesPerResource, 0);
        assert.equal(sizes.providerBytesPerResource, 0);
    });
});
