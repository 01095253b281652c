/**
 * WorkdayInstance: the exact failures `check` gives for bad inputs, and how a live instance is reported
 * (empty strings from the API count as absent).
 */
import * as assert from "node:assert/strict";
import {
    authStatusOf,
    changedWorkdayFields,
    credentialFingerprint,
    fingerprintMatches,
    PASSWORD_MAX_LENGTH,
    projectWorkdayInputs,
    toWorkdayOutputs,
    validateWorkdayInstance,
} from "../../../provider/model/workday-instance";

const URL_OK = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json";
const good = { reportUrl: URL_OK, username: "ISU_JumpCloud", password: "s3cret" };

describe("check messages: WorkdayInstance", () => {
    it("inputs that are not an object", () => {
        assert.deepEqual(validateWorkdayInstance(5), [
            { property: "", reason: "the inputs must be an object with reportUrl, username and password" },
        ]);
    });

    it("a username that is not a string quotes the example", () => {
        assert.deepEqual(validateWorkdayInstance({ ...good, username: 5 }), [
            { property: "username", reason: 'must be a string, got an integer — e.g. "ISU_JumpCloud"' },
        ]);
    });

    it("a password of exactly the maximum length passes, one more is refused without quoting it", () => {
        assert.deepEqual(validateWorkdayInstance({ ...good, password: "p".repeat(PASSWORD_MAX_LENGTH) }), []);
        assert.deepEqual(validateWorkdayInstance({ ...good, password: "p".repeat(PASSWORD_MAX_LENGTH + 1) }), [
            { property: "password", reason: `must be at most ${PASSWORD_MAX_LENGTH} characters long` },
        ]);
    });

    it("orgId and authorized", () => {
        assert.deepEqual(validateWorkdayInstance({ ...good, orgId: "z", authorized: "yes" }), [
            {
                property: "orgId",
                reason: 'must be a 24-character hexadecimal ObjectId, got "z" — e.g. "5f0000000000000000000001"',
            },
            { property: "authorized", reason: "must be true or false, got a string" },
        ]);
        assert.deepEqual(validateWorkdayInstance({ ...good, authorized: false }), [
            { property: "authorized", reason: "can only be true (the desired state of the credentials): remove it" },
        ]);
    });
});

describe("WorkdayInstance: live state as reported", () => {
    it("a fingerprint whose hash has another length does not match (and does not throw)", () => {
        const fp = credentialFingerprint("u", "p");
        assert.equal(fingerprintMatches(fp, "u", "p"), true);
        const [prefix, salt] = fp.split("$");
        assert.equal(fingerprintMatches(`${prefix}$${salt}$AAAA`, "u", "p"), false);
    });

    it("empty message, expiry and lastImport from the API are left out; a missing reportUrl reads as empty", () => {
        assert.deepEqual(authStatusOf({ id: "w", auth: { basic: { isValid: false, message: "", expiry: "" } } }), {
            isValid: false,
        });
        const out = toWorkdayOutputs(
            { id: "w", lastImport: "" },
            { adopt: false, adopted: false, credentialFingerprint: "f" },
        );
        assert.equal(out.reportUrl, "");
        assert.equal("lastImport" in out, false);
    });

    it("invalid live credentials show as a change of `authorized`", () => {
        assert.deepEqual(
            changedWorkdayFields(
                { reportUrl: URL_OK, authorized: false },
                { ...good, name: "Workday Import", adopt: false, authorized: true },
            ),
            ["authorized"],
        );
    });

    it("an imported instance (no previous state) reads as not adopted, with an empty reportUrl if the API has none", () => {
        assert.deepEqual(projectWorkdayInputs({ id: "w", name: "Workday Import" }, {}), {
            reportUrl: "",
            name: "Workday Import",
            adopt: false,
            authorized: false,
        });
    });
});
