#!/usr/bin/env node
// Makes a fresh clone runnable: installs node modules when they are missing or older than package-lock.json.
// Plain CommonJS with no dependencies, because it runs before anything is installed.

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const lock = path.join(root, "package-lock.json");
// npm writes this file after every install; it is newer than the lock file when the install is current.
const marker = path.join(root, "node_modules", ".package-lock.json");

function stale() {
    if (!fs.existsSync(marker)) return "node_modules is missing";
    if (fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs)
        return "package-lock.json changed since the last install";
    return undefined;
}

const why = stale();
if (why) {
    process.stderr.write(`[bootstrap] ${why}: running npm ci\n`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
}
