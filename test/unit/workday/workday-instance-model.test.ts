import * as assert from "node:assert/strict";
import { UNKNOWN_VALUE } from "../../../provider/model/validation";
import {
    authStatusOf,
    credentialFingerprint,
    fingerprintMatches,
    normalizeWorkdayInstanceInputs,
    projectWorkdayInputs,
    toWorkdayOutputs,
    validateWorkdayInstance,
    type WorkdayInstanceInputs,
    workdayChanges,
} from "../../../provider/model/workday-instance";

const URL_OK = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
const PASSWORD = "Sup3r-Secr3t-Pa55";
const base = { reportUrl: URL_OK, username: "ISU_JumpCloud", password: PASSWORD };

type Case = [label: string, inputs: Record<string, unknown>, failing: string[]];

const cases: Case[] = [
    ["minimal", base, []],
    [
        "every field",
        { ...base, name: "Workday Import", adopt: true, orgId: "5f0000000000000000000001", authorized: true },
        [],
    ],
    ["engine bookkeeping key ignored", { ...base, __provider: "x" }, []],
    ["unknown reportUrl at preview", { ...base, reportUrl: UNKNOWN_VALUE }, []],
    ["unknown password at preview", { ...base, password: UNKNOWN_VALUE }, []],
    ["unknown username at preview", { ...base, username: UNKNOWN_VALUE }, []],
    ["missing reportUrl", { username: "u", password: "p" }, ["reportUrl"]],
    ["missing username", { reportUrl: URL_OK, password: "p" }, ["username"]],
    ["missing password", { reportUrl: URL_OK, username: "u" }, ["password"]],
    ["http reportUrl", { ...base, reportUrl: "http://wd5.example.com/report" }, ["reportUrl"]],
    ["relative reportUrl", { ...base, reportUrl: "/ccx/service" }, ["reportUrl"]],
    ["reportUrl with credentials", { ...base, reportUrl: "https://u:pw@wd5.example.com/r" }, ["reportUrl"]],
    ["reportUrl not a string", { ...base, reportUrl: 5 }, ["reportUrl"]],
    ["reportUrl too long", { ...base, reportUrl: `https://a.example.com/${"x".repeat(2100)}` }, ["reportUrl"]],
    ["empty username", { ...base, username: "" }, ["username"]],
    ["username with space", { ...base, username: "ISU Jump" }, ["username"]],
    ["password not a string", { ...base, password: 1234 }, ["password"]],
    ["empty password", { ...base, password: "" }, ["password"]],
    ["password too long", { ...base, password: "p".repeat(1025) }, ["password"]],
    ["other name", { ...base, name: "Workday2" }, ["name"]],
    ["adopt not boolean", { ...base, adopt: "yes" }, ["adopt"]],
    ["orgId malformed", { ...base, orgId: "../../x" }, ["orgId"]],
    ["authorized false", { ...base, authorized: false }, ["authorized"]],
    ["unknown key with near miss", { ...base, reportURL: URL_OK }, ["reportURL"]],
    ["not an object", [] as unknown as Record<string, unknown>, [""]],
];

describe("WorkdayInstance check", () => {
    for (const [label, inputs, failing] of cases) {
        it(`${failing.length ? "rejects" : "accepts"}: ${label}`, () => {
            const failures = validateWorkdayInstance(inputs);
            assert.deepEqual(
                [...new Set(failures.map((f) => f.property))].sort(),
                [...failing].sort(),
                JSON.stringify(failures),
            );
        });
    }

    it("never quotes the password in a reason", () => {
        const secret = "hunter2-but-long";
        for (const password of [secret, `${secret}${"x".repeat(2000)}`]) {
            const failures = validateWorkdayInstance({
                ...base,
                password,
                reportUrl: `https://u:${secret}@h.example.com`,
            });
            assert.ok(failures.length > 0);
            assert.ok(!JSON.stringify(failures).includes(secret), JSON.stringify(failures));
        }
    });

    it("fills in the defaults", () => {
        const n = normalizeWorkdayInstanceInputs(Object.assign({ __provider: "x" }, base));
        assert.deepEqual(n, { ...base, name: "Workday Import", adopt: false, authorized: true });
    });
});

describe("WorkdayInstance credential fingerprint", () => {
    it("matches the same credentials and nothing else", () => {
        const fp = credentialFingerprint("u", PASSWORD);
        assert.ok(fingerprintMatches(fp, "u", PASSWORD));
        assert.ok(!fingerprintMatches(fp, "u", `${PASSWORD}!`));
        assert.ok(!fingerprintMatches(fp, "v", PASSWORD));
        // The separator keeps the boundary between username and password.
        assert.ok(!fingerprintMatches(credentialFingerprint("ab", "c"), "a", "bc"));
    });

    it("is salted (two fingerprints of the same credentials differ) and holds no password", () => {
        const a = credentialFingerprint("u", PASSWORD);
        const b = credentialFingerprint("u", PASSWORD);
        assert.notEqual(a, b);
        assert.ok(!a.includes(PASSWORD));
        assert.match(a, /^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    });

    it("rejects malformed fingerprints", () => {
        for (const fp of [undefined, "", "scrypt$", "md5$a$b", 42])
            assert.equal(fingerprintMatches(fp, "u", "p"), false);
        // The right salt and hash under another scheme's name are not taken for a scrypt fingerprint.
        const [, salt, hash] = credentialFingerprint("u", "p").split("$");
        assert.equal(fingerprintMatches(`md5$${salt}$${hash}`, "u", "p"), false);
    });
});

describe("WorkdayInstance diff and projection", () => {
    const inputs: WorkdayInstanceInputs = { ...base, name: "Workday Import", adopt: false, authorized: true };
    const fp = credentialFingerprint(base.username, PASSWORD);
    const olds = { reportUrl: URL_OK, authorized: true, credentialFingerprint: fp };

    const diffCases: Array<
        [string, Record<string, unknown>, Partial<WorkdayInstanceInputs>, { reportUrl: boolean; credentials: boolean }]
    > = [
        ["nothing changed", olds, {}, { reportUrl: false, credentials: false }],
        ["report URL changed", olds, { reportUrl: `${URL_OK}&x=1` }, { reportUrl: true, credentials: false }],
        ["password rotated", olds, { password: "new-password" }, { reportUrl: false, credentials: true }],
        ["username changed", olds, { username: "ISU_Other" }, { reportUrl: false, credentials: true }],
        ["deauthorised in the console", { ...olds, authorized: false }, {}, { reportUrl: false, credentials: true }],
        [
            "no fingerprint recorded",
            { ...olds, credentialFingerprint: "" },
            {},
            { reportUrl: false, credentials: true },
        ],
        ["unknown password", olds, { password: UNKNOWN_VALUE }, { reportUrl: false, credentials: true }],
        ["unknown report URL", olds, { reportUrl: UNKNOWN_VALUE }, { reportUrl: true, credentials: false }],
    ];
    for (const [label, o, change, expected] of diffCases) {
        it(label, () => assert.deepEqual(workdayChanges(o, { ...inputs, ...change }), expected));
    }

    it("reports missing credentials as invalid", () => {
        assert.deepEqual(authStatusOf({ id: "x" }), { isValid: false });
        assert.deepEqual(authStatusOf({ id: "x", auth: { basic: { isValid: true, expiry: "", message: "ok" } } }), {
            isValid: true,
            message: "ok",
        });
    });

    it("builds outputs with no credential, and projects the live state onto the inputs", () => {
        const live = {
            id: "6a0000000000000000000001",
            name: "Workday Import",
            reportUrl: "https://b.example.com/r",
            lastImport: "2026-01-01",
            auth: { basic: { isValid: false, message: "deauthorized" } },
        };
        const outs = toWorkdayOutputs(live, { adopt: true, adopted: false, credentialFingerprint: fp });
        assert.equal(outs.authorized, false);
        assert.equal(outs.lastImport, "2026-01-01");
        assert.ok(!JSON.stringify(outs).includes(PASSWORD));
        assert.ok(!("username" in outs) && !("password" in outs));
        const projected = projectWorkdayInputs(live, outs);
        assert.deepEqual(projected, {
            reportUrl: "https://b.example.com/r",
            name: "Workday Import",
            adopt: true,
            authorized: false,
        });
    });
});
