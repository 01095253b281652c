import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** Runs `script` in a new Node.js process (a fresh module cache) with ts-node, and parses what it prints. */
function inFreshProcess(script: string): unknown {
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
        cwd: repoRoot,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });
    return JSON.parse(out.toString().trim().split("\n").pop() ?? "null");
}

describe("start-up cost of a provider module", () => {
    it("loading the UserGroup provider loads no HTTP library; the first request does", function () {
        this.timeout(120_000);
        const script = `
            const http = require("node:http");
            const loaded = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/](node-fetch|whatwg-url|tr46)[\\\\/]/.test(k)).length;
            require("./provider/resources/user-group-provider");
            const { JumpCloudClient } = require("./provider/client");
            const atStart = loaded();
            const server = http.createServer((req, res) => res.end(JSON.stringify({ id: "0123456789abcdef01234567", name: "g" })));
            server.listen(0, "127.0.0.1", async () => {
                const url = "http://127.0.0.1:" + server.address().port + "/api/v2";
                const client = new JumpCloudClient({ apiKey: "k", apiUrl: url });
                const group = await client.userGroups.get("0123456789abcdef01234567");
                console.log(JSON.stringify({ atStart, afterRequest: loaded(), name: group.name }));
                server.close();
                process.exit(0);
            });`;
        const result = inFreshProcess(script) as { atStart: number; afterRequest: number; name: string };
        assert.equal(result.atStart, 0, "node-fetch, whatwg-url or tr46 loaded with the provider module");
        assert.ok(result.afterRequest >= 3, `the first request loaded ${result.afterRequest} of them`);
        assert.equal(result.name, "g");
    });
});
