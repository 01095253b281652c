#!/usr/bin/env node
// Installs the freshly built package into node_modules/pulumi-jumpcloud as real files (not a symlink), so the
// examples, tests and benchmarks consume it exactly as users do. Pulumi's closure serializer writes modules found
// under node_modules as require("pulumi-jumpcloud/dist/...") references; a symlink resolves to a path outside
// node_modules and would make every resource's __provider carry the whole library by value.

const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "node_modules", "pulumi-jumpcloud");
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
fs.cpSync(path.join(root, "dist"), path.join(target, "dist"), { recursive: true });
fs.copyFileSync(path.join(root, "package.json"), path.join(target, "package.json"));
