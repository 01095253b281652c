import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { SettingsError } from "../../../provider/config";
import {
    getUserGroup,
    getUserPushEndpoints,
    getWorkdayImportResults,
    getWorkdayWorkers,
    InvalidArgumentsError,
} from "../../../provider/functions";

const ID = "5f0c1b2c3d4e5f6a7b8c9d0e";

/** Argument errors come before any settings lookup or request: no API key is configured in unit tests. */
async function rejects(call: () => Promise<unknown>, property: RegExp): Promise<void> {
    await assert.rejects(call, (e: unknown) => {
        assert.ok(e instanceof InvalidArgumentsError, String(e));
        // The engine prints a RunError's message alone, without a stack trace of the program.
        assert.ok(pulumi.RunError.isInstance(e), "a pulumi.RunError");
        assert.match((e as Error).message, property);
        return true;
    });
}

describe("lookup function arguments", () => {
    const saved = process.env["JUMPCLOUD_API_KEY"];
    before(() => {
        delete process.env["JUMPCLOUD_API_KEY"];
    });
    after(() => {
        if (saved !== undefined) process.env["JUMPCLOUD_API_KEY"] = saved;
    });

    it("getUserGroup needs exactly one of name and id", async () => {
        await rejects(() => getUserGroup({} as never), /exactly one of "name" and "id"/);
        await rejects(() => getUserGroup({ name: "a", id: ID } as never), /exactly one/);
    });
    it("getUserGroup rejects a path-like id and an empty name", async () => {
        await rejects(
            () => getUserGroup({ id: "../../users" }),
            /^getUserGroup: invalid arguments: id must be a 24-character/,
        );
        await rejects(() => getUserGroup({ name: "" }), /name must not be empty/);
        await rejects(() => getUserGroup({ name: "x", nmae: "y" } as never), /nmae is not a known property/);
    });
    it("getWorkdayWorkers rejects a missing or path-like workdayId", async () => {
        await rejects(() => getWorkdayWorkers({} as never), /workdayId is required/);
        await rejects(() => getWorkdayWorkers({ workdayId: "../../users" }), /workdayId must be a 24-character/);
    });
    it("getWorkdayImportResults validates both ids", async () => {
        await rejects(() => getWorkdayImportResults({ workdayId: ID } as never), /jobId is required/);
        await rejects(() => getWorkdayImportResults({ workdayId: ID, jobId: "../x" }), /jobId must be an id of 1-128/);
    });
    it("getUserPushEndpoints rejects a path-like userId", async () => {
        await rejects(() => getUserPushEndpoints({ userId: "../../users" }), /userId must be a 24-character/);
        await rejects(() => getUserPushEndpoints(null as never), /must be an object/);
    });
    it("valid arguments without an API key fail with the settings error, not an argument error", async () => {
        await assert.rejects(
            () => getUserPushEndpoints({ userId: ID }),
            (e: Error) =>
                /No JumpCloud API key/.test(e.message) &&
                pulumi.RunError.isInstance(e) &&
                e.cause instanceof SettingsError &&
                !(e instanceof InvalidArgumentsError),
        );
    });
});
