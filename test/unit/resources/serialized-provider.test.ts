/**
 * The provider text the engine stores in state for every resource: tiny, nothing captured, bound to whatever
 * version of the package is installed. Runs against the built package in node_modules, as the engine does.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const installed = path.join(__dirname, "..", "..", "..", "node_modules", "pulumi-jumpcloud", "dist", "resources");
const providers = [
    "user-group-provider",
    "workday-instance-provider",
    "workday-import-provider",
    "user-push-endpoint-provider",
    "user-group-membership-provider",
    "user-group-member-provider",
    "user-group-association-provider",
];

describe("serialized providers", () => {
    for (const name of providers) {
        describe(name, () => {
            let text = "";
            let provider: Record<string, unknown>;

            before(async () => {
                provider = require(path.join(installed, `${name}.js`));
                // dynamic.Resource serializes exactly this: a closure returning the provider object.
                text = (await pulumi.runtime.serializeFunction(() => provider)).text;
            });

            it("is a single require() of the installed module, well under 2 KB per copy", () => {
                assert.ok(Buffer.byteLength(text) < 2048, `${Buffer.byteLength(text)} bytes`);
                assert.match(text, new RegExp(`require\\("pulumi-jumpcloud/dist/resources/${name}\\.js"\\)`));
                assert.doesNotMatch(text, /function __f1/, "no method is serialized by value");
            });

            it("captures no URL, credential or setting", () => {
                assert.doesNotMatch(text, /https?:|apiKey|x-api-key|clientId|clientSecret|oauth|[Bb]earer|JUMPCLOUD_/);
            });

            it("loads the installed package's own module when the engine runs it", () => {
                const requireFromString = require("require-from-string") as (
                    code: string,
                    file?: string,
                ) => {
                    handler: () => unknown;
                };
                const loaded = requireFromString(text, path.join(installed, "..", "..", "probe.js")).handler();
                // The very same exports object: a newer installed version is what existing resources run.
                assert.equal(loaded, provider);
                for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
                    assert.equal(typeof (loaded as Record<string, unknown>)[m], "function", m);
                }
            });
        });
    }
});
