/**
 * The WorkdayInstance field table. The credentials are write-only: the API takes them and never returns them, so
 * the rows see what the update sent (through the recording proxy) and that the instance is authorised after it.
 */
import { simAdmin } from "../../../simulator/admin-client";
import { schema } from "../../../simulator/schemas";
import { interfaceMembers } from "./declared-types";
import type { FieldRow, Json, ResourceTable, TableContext } from "./table";

const ARGS = "provider/resources/workday-instance.ts";
const ORG_B = "5f00000000000000000000b2";
const REPORT = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU";
const USERNAME = "ISU_FieldTable";
const PASSWORD = "Wd-Pa55word-field-table-1";
const AUTH_PATH = /^\/workdays\/[0-9a-f]{24}\/auth$/;
const WHY_CREDENTIALS =
    "write-only: the provider keeps one fingerprint of both halves of the credentials (never the values), so diff " +
    "knows they changed, not which half";

/** The organisations: the key reaches a second one (for the `orgId` row). */
export interface WorkdayInstanceFixture {
    readonly orgA: string;
    readonly orgB: string;
}

const credentials = (username: string, password: string) => ({ auth: { basic: { username, password } } });

const rows: ReadonlyArray<FieldRow<WorkdayInstanceFixture>> = [
    {
        field: "reportUrl",
        class: "update",
        value: () => `${REPORT}/Moved?format=json`,
        drift: () => `${REPORT}/Console?format=json`,
        engine: true,
    },
    {
        field: "username",
        class: "write-only",
        why: WHY_CREDENTIALS,
        value: () => "ISU_Rotated",
        reports: ["username", "password"],
        sends: () => ({ method: "POST", path: AUTH_PATH, body: credentials("ISU_Rotated", PASSWORD) }),
        noDrift: "the API never returns credentials",
    },
    {
        field: "password",
        class: "write-only",
        why: WHY_CREDENTIALS,
        value: () => "Wd-Pa55word-field-table-2",
        reports: ["username", "password"],
        sends: () => ({ method: "POST", path: AUTH_PATH, body: credentials(USERNAME, "Wd-Pa55word-field-table-2") }),
        noDrift: "the API never returns credentials",
    },
    {
        field: "name",
        class: "fixed",
        why: 'JumpCloud accepts "Workday Import" only',
        value: () => "Workday Import",
    },
    {
        field: "adopt",
        class: "program-only",
        why: "how create treats an existing instance; once the instance is managed it changes nothing",
        value: () => true,
    },
    {
        field: "orgId",
        class: "replace",
        why: "documented on WorkdayInstanceArgs.orgId: each organisation has its own instance",
        before: (fx) => ({ orgId: fx.orgA }),
        value: (fx) => fx.orgB,
        noDrift: "the console cannot move an instance to another organisation",
    },
];

/** The WorkdayInstance table. */
export const workdayInstanceTable: ResourceTable<WorkdayInstanceFixture> = {
    resource: "WorkdayInstance",
    notReadBack: ["password", "username"],
    classInputs: {
        authorized:
            "set to true by the resource class: the desired validity of the credentials (read reports the live one)",
    },
    rows,

    async agreements() {
        const { WORKDAY_INSTANCE_INPUT_KEYS } = await import("../../../provider/model/workday-instance");
        const body = schema("workday-input") as {
            properties: { auth: { properties: { basic: { properties: Json } } } } & Json;
        };
        const sent = rows.filter((r) => r.class !== "program-only" && r.class !== "replace").map((r) => r.field);
        return [
            {
                what: "the inputs check accepts (WORKDAY_INSTANCE_INPUT_KEYS)",
                actual: WORKDAY_INSTANCE_INPUT_KEYS,
                expected: [...interfaceMembers(ARGS, "WorkdayInstanceArgs").properties, "authorized"],
            },
            {
                what: "the API's workday-input body (name, reportUrl and the basic credentials)",
                actual: [
                    ...Object.keys(body.properties).filter((k) => k !== "auth"),
                    ...Object.keys(body.properties.auth.properties.basic.properties),
                ],
                expected: sent,
            },
        ];
    },

    async runtime() {
        return import("../../../provider/runtime/workday-instance");
    },

    async arrange(ctx: TableContext) {
        await simAdmin(ctx.sim.origin).seed({ orgs: [{ id: ORG_B, apiKeys: [ctx.sim.apiKey] }] });
        return { orgA: ctx.sim.orgId, orgB: ORG_B };
    },

    base() {
        return {
            reportUrl: `${REPORT}/JumpCloud?format=json`,
            username: USERNAME,
            password: PASSWORD,
            authorized: true,
        };
    },

    async observe(ctx, id, inputs) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : ctx.sim.orgId;
        const reply = await ctx.apiReply("GET", `/workdays/${id}`, undefined, org);
        if (reply.status === 404) return undefined;
        const live = reply.json as { name?: string; reportUrl?: string; auth?: { basic?: { isValid?: boolean } } };
        // The organisation is where the instance was found; `authorized` is what the credentials' fields add up to.
        return { name: live.name, reportUrl: live.reportUrl, authorized: live.auth?.basic?.isValid, orgId: org };
    },

    async consoleSet(ctx, id, inputs, field, value) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : undefined;
        const live = await ctx.api("GET", `/workdays/${id}`, undefined, org);
        await ctx.api(
            "PUT",
            `/workdays/${id}`,
            { name: live["name"], reportUrl: live["reportUrl"], [field]: value },
            org,
        );
    },
};
