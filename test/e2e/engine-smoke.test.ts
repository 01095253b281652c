/**
 * The real Pulumi engine, offline, on a tiny fixture dynamic resource (not product code): proves the toolchain
 * (CLI build, launcher on PATH, file backend, passphrase, inline program) before any product test relies on it.
 * Also pins down the file backend's one non-atomic write, which this project's backend URL turns off.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { EngineStack } from "../../scripts/lib/engine";

// Serialized by value into state; it captures nothing.
const fixtureProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: { label: string }) {
        return { id: `fixture-${inputs.label}`, outs: { label: inputs.label, length: inputs.label.length } };
    },
    async read(id: string, props: { label: string; length: number }) {
        return { id, props };
    },
    async diff(_id: string, olds: { label: string }, news: { label: string }) {
        return { changes: olds.label !== news.label };
    },
};

class Fixture extends pulumi.dynamic.Resource {
    declare readonly length: pulumi.Output<number>;
    constructor(name: string, label: string) {
        super(fixtureProvider, name, { label, length: undefined }, undefined, "fixture", "Fixture");
    }
}

describe("engine smoke test (real pulumi CLI, file backend, inline program)", function () {
    this.timeout(300_000);
    let engine: EngineStack;

    before(async () => {
        engine = await EngineStack.create({
            project: "engine-smoke",
            program: async () => {
                const f = new Fixture("one", "hello");
                return { length: f.length };
            },
        });
    });
    after(() => engine?.remove());

    it("goes preview -> up -> preview (no changes) -> refresh (no changes) -> destroy", async () => {
        const first = await engine.preview();
        assert.equal(first.changeSummary["create"], 2, "the stack and the fixture are created");

        const up = await engine.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal(up.outputs["length"]?.value, 5);

        const again = await engine.preview();
        assert.deepEqual(Object.keys(again.changeSummary), ["same"], JSON.stringify(again.changeSummary));

        const refresh = await engine.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        assert.deepEqual(Object.keys(refresh.summary.resourceChanges ?? {}), ["same"]);

        const state = await engine.exportState();
        const fixture = state.deployment.resources?.find((r) => r["type"] === "pulumi-nodejs:dynamic/fixture:Fixture");
        assert.ok(fixture, "the fixture is in the exported state with its module-qualified type token");
        assert.equal(fixture["id"], "fixture-hello");
        const outputs = fixture["outputs"] as Record<string, unknown>;
        assert.equal(outputs["length"], 5);
        assert.match(String(outputs["__provider"]), /exports\.handler/);

        const destroy = await engine.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        const after = await engine.exportState();
        assert.equal((after.deployment.resources ?? []).length, 0, "nothing is left in state");
    });

    it("writes no metadata sidecar; an empty one (what kill -9 can leave by default) breaks the stack until deleted", async () => {
        const files = engine.backendFiles();
        const checkpoint = path.join(engine.backendDir, ".pulumi", "stacks", "engine-smoke", "dev.json");
        assert.ok(files.includes(checkpoint), `the checkpoint is ${checkpoint}: ${files.join(", ")}`);
        assert.ok(files.length >= 4, `checkpoint, backup, history and meta were written: ${files.join(", ")}`);
        assert.deepEqual(
            files.filter((f) => f.endsWith(".attrs")),
            [],
            "the backend URL has metadata=skip, so no .attrs sidecar is written in place",
        );

        // A default file backend rewrites `dev.json.attrs` in place (truncate, then write) on every checkpoint;
        // a kill -9 between the two leaves it empty. The checkpoint itself is intact, yet every command fails.
        const before = await engine.exportState();
        const sidecar = `${checkpoint}.attrs`;
        fs.writeFileSync(sidecar, "");
        try {
            await assert.rejects(engine.exportState(), /failed to load checkpoint: EOF/);
        } finally {
            // The documented repair (README, Troubleshooting): delete the empty sidecar.
            fs.rmSync(sidecar);
        }
        assert.deepEqual(await engine.exportState(), before, "the same state is back, nothing lost");
    });
});
