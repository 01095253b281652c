/**
 * The WorkdayImport field table. A job cannot change: every field the API sees replaces it (a new job), and the
 * waiting options only steer `create`. A job belongs to the organisation's one Workday instance, so naming another
 * instance or organisation alone cannot succeed: those replacements are refused by the API, and the rows check that
 * the new job was sent where the program said.
 */
import { simAdmin } from "../../../simulator/admin-client";
import { interfaceMembers } from "./declared-types";
import type { FieldRow, Json, ResourceTable, TableContext } from "./table";

const ARGS = "provider/resources/workday-import.ts";
const ORG_B = "5f00000000000000000000b2";
/** An instance id that is not the organisation's instance. */
const OTHER_INSTANCE = "6a00000000000000000000aa";

/** The organisation's Workday instance, and a second organisation the key reaches. */
export interface WorkdayImportFixture {
    readonly workdayId: string;
    readonly orgA: string;
    readonly orgB: string;
}

const user = (name: string) => ({ email: `${name}@example.com`, username: name });

const rows: ReadonlyArray<FieldRow<WorkdayImportFixture>> = [
    {
        field: "workdayId",
        class: "replace",
        why: "documented on WorkdayImportArgs.workdayId: a new job; the organisation has one instance, so another is refused",
        value: () => OTHER_INSTANCE,
        refused: {
            error: /404/,
            sends: () => ({ method: "POST", path: new RegExp(`^/workdays/${OTHER_INSTANCE}/import$`) }),
        },
    },
    {
        field: "users",
        class: "replace",
        why: "documented on WorkdayImportArgs.users: a new job imports the new list",
        value: () => [user("imp2"), user("imp3")],
        noDrift: "a job's users cannot change after it started",
        engine: true,
    },
    {
        field: "waitForResults",
        class: "program-only",
        why: "steers create only",
        value: () => false,
        engine: true,
    },
    { field: "timeoutSeconds", class: "program-only", why: "steers create only", value: () => 60 },
    {
        field: "orgId",
        class: "replace",
        why: "documented on WorkdayImportArgs.orgId: a new job; the instance is not in the other organisation",
        before: (fx) => ({ orgId: fx.orgA }),
        value: (fx) => fx.orgB,
        refused: {
            error: /404/,
            sends: (fx) => ({ method: "POST", path: /^\/workdays\/[0-9a-f]{24}\/import$/, orgId: fx.orgB }),
        },
    },
];

/** The WorkdayImport table. */
export const workdayImportTable: ResourceTable<WorkdayImportFixture> = {
    resource: "WorkdayImport",
    rows,

    async agreements() {
        const { WORKDAY_IMPORT_INPUT_KEYS } = await import("../../../provider/model/workday-import");
        return [
            {
                what: "the inputs check accepts (WORKDAY_IMPORT_INPUT_KEYS)",
                actual: WORKDAY_IMPORT_INPUT_KEYS,
                expected: interfaceMembers(ARGS, "WorkdayImportArgs").properties,
            },
        ];
    },

    async runtime() {
        return import("../../../provider/runtime/workday-import");
    },

    async arrange(ctx: TableContext) {
        await simAdmin(ctx.sim.origin).seed({ orgs: [{ id: ORG_B, apiKeys: [ctx.sim.apiKey] }] });
        const instance = await ctx.api("POST", "/workdays", {
            name: "Workday Import",
            reportUrl: "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/JumpCloud?format=json",
            auth: { basic: { username: "ISU_FieldTable", password: "Wd-Pa55word-field-table" } },
        });
        return { workdayId: String(instance["id"]), orgA: ctx.sim.orgId, orgB: ORG_B };
    },

    base(fx) {
        return { workdayId: fx.workdayId, users: [user("imp1")], waitForResults: true, timeoutSeconds: 30 };
    },

    async observe(ctx, id, inputs) {
        const org = typeof inputs["orgId"] === "string" ? inputs["orgId"] : ctx.sim.orgId;
        const path = `/workdays/${String(inputs["workdayId"])}/import/${id}/results?limit=100`;
        const reply = await ctx.apiReply("GET", path, undefined, org);
        if (reply.status === 404) return undefined;
        type Fields = { email?: string; username?: string };
        const results = reply.json as Array<{ persistedFields?: Fields; meta?: Fields }>;
        // A user the job created is in `persistedFields`; one JumpCloud already had, in `meta` only.
        const users = results
            .map((r) => ({ ...r.meta, ...r.persistedFields }))
            .map((f) => ({ email: f.email, username: f.username }))
            .sort((a, b) => String(a.username).localeCompare(String(b.username)));
        return { workdayId: inputs["workdayId"], orgId: org, users } satisfies Json;
    },

    async consoleSet() {
        throw new Error("an import job cannot be changed in the console");
    },
};
