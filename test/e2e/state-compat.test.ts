/**
 * State compatibility across an upgrade, through the real engine against the simulator: a stack created by the
 * package as it was built before its internals were reorganised (every resource type, from a commit in git
 * history) is refreshed, updated and destroyed after the current build replaced it in the project's node_modules,
 * as `npm install` does. Existing state stores `require("pulumi-jumpcloud/dist/resources/<type>-provider.js")`
 * and the outputs the old build wrote; both must keep working with no change shown.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { simAdmin } from "../../simulator/admin-client";
import { type ApiCall, apiCaller } from "../../simulator/api-caller";
import { type E2E, startE2E } from "../helpers/e2e";
import { countRequests } from "../helpers/logged-requests";
import { currentPackage, installPackage, loadPackage, packageBuiltAt } from "../helpers/package-build";

type Json = Record<string, unknown>;

/** The last commit before the reorganisation: public exports listed, runtimes reshaped, request executor split. */
const BEFORE = "d21a00fb07942487f72c4db9db81240371b6d736";

const TYPES = ["UserGroup", "WorkdayInstance", "WorkdayImport", "UserPushEndpoint"] as const;
const PROVIDER_MODULE: Record<(typeof TYPES)[number], string> = {
    UserGroup: "user-group-provider",
    WorkdayInstance: "workday-instance-provider",
    WorkdayImport: "workday-import-provider",
    UserPushEndpoint: "user-push-endpoint-provider",
};
const REPORT_URL = "https://wd5-services1.myworkday.com/ccx/service/customreport2/acme/ISU/Compat?format=json";

/** The part of the package's surface the program uses, in every version. */
interface Package {
    UserGroup: new (name: string, args: Json) => { id: unknown };
    WorkdayInstance: new (name: string, args: Json) => { id: unknown };
    WorkdayImport: new (name: string, args: Json) => { id: unknown };
    UserPushEndpoint: new (name: string, args: Json) => { id: unknown };
}

describe("state compatibility: a stack made by the previous build, run by the current one (real engine)", function () {
    this.timeout(900_000);
    let e2e: E2E;
    let api: ApiCall;
    let pkg: Package;
    let installed = "";
    let userId = "";
    let deviceId = "";
    /** What the program declares; the update step changes it. */
    const desired = { description: "Created by the previous build", deviceName: "Compat phone", version: 1 };

    before(async () => {
        const previous = packageBuiltAt(BEFORE);
        e2e = await startE2E({
            project: "state-compat",
            program: async () => {
                const eng = new pkg.UserGroup("engineering", {
                    name: "Compat Engineering",
                    description: desired.description,
                    attributes: {
                        sudo: { enabled: true, withoutPassword: false },
                        posixGroups: [{ id: 5001, name: "eng" }],
                        customTeam: "platform",
                    },
                });
                const sales = new pkg.UserGroup("sales", {
                    name: "Compat Sales",
                    membershipMethod: "DYNAMIC_REVIEW_REQUIRED",
                    memberQuery: {
                        queryType: "FilterQuery",
                        filters: [{ field: "department", operator: "eq", value: "Sales" }],
                    },
                    memberSuggestionsNotify: true,
                });
                const workday = new pkg.WorkdayInstance("workday", {
                    reportUrl: desired.version === 1 ? REPORT_URL : REPORT_URL.replace("Compat", "Compat2"),
                    username: "ISU_Compat",
                    password: "compat-Workday-Pa55",
                });
                new pkg.WorkdayImport("hires", {
                    workdayId: workday.id,
                    users: [
                        { email: "compat.ada@example.com", username: "compat.ada", firstname: "Ada" },
                        { email: "compat.alan@example.com", username: "compat.alan", firstname: "Alan" },
                    ],
                });
                new pkg.UserPushEndpoint("phone", {
                    userId,
                    pushEndpointId: deviceId,
                    name: desired.deviceName,
                    state: "active",
                });
                return { engineering: eng.id, sales: sales.id, workday: workday.id };
            },
        });
        api = apiCaller(e2e.sim);
        const seeded = await simAdmin(e2e.sim.origin).seed({
            users: [{ username: "compat.owner", email: "compat.owner@example.com" }],
        });
        userId = seeded.users[0]!;
        const devices = await simAdmin(e2e.sim.origin).seed({
            pushEndpoints: [{ userId, name: "Phone", state: "inactive", device: { make: "Apple", model: "iPhone" } }],
        });
        deviceId = devices.pushEndpoints[0]!;
        installed = installPackage(previous, e2e.engine.dir);
        pkg = loadPackage<Package>(installed);
    });
    after(async () => e2e?.close());

    /** The text of a package folder's entry module: tells two builds apart. */
    const indexOf = (dir: string): string => fs.readFileSync(path.join(dir, "dist", "index.js"), "utf8");

    /** The `__provider` text of every resource of ours in the state, by type. */
    async function providers(): Promise<Record<string, string[]>> {
        const out: Record<string, string[]> = {};
        for (const r of (await e2e.engine.exportState()).deployment.resources ?? []) {
            const type = String(r["type"]).split(":").pop() ?? "";
            if (!(TYPES as readonly string[]).includes(type)) continue;
            const text = String((r["outputs"] as Json | undefined)?.["__provider"] ?? "");
            out[type] = [...(out[type] ?? []), text];
        }
        return out;
    }

    it("the previous build creates every resource type; state refers to the provider modules by path", async () => {
        assert.equal(indexOf(installed), indexOf(packageBuiltAt(BEFORE)), "the previous build is installed");
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal(up.summary.resourceChanges?.["create"], 6, JSON.stringify(up.summary.resourceChanges));
        const byType = await providers();
        for (const type of TYPES) {
            for (const text of byType[type] ?? assert.fail(`no ${type} in the state`)) {
                assert.match(
                    text,
                    new RegExp(`require\\("pulumi-jumpcloud/dist/resources/${PROVIDER_MODULE[type]}\\.js"\\)`),
                );
            }
        }
    });

    it("after the upgrade, a refresh finds every resource and changes nothing; a preview shows no change", async () => {
        installed = installPackage(currentPackage(), e2e.engine.dir);
        pkg = loadPackage<Package>(installed);
        assert.equal(indexOf(installed), indexOf(currentPackage()), "the current build is installed");

        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const refresh = await e2e.engine.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        assert.deepEqual(Object.keys(refresh.summary.resourceChanges ?? {}), ["same"], JSON.stringify(refresh.summary));
        // Two groups: the first read is a lone GET, the second probes the listing, which serves it (batched refresh).
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /usergroups/:id": 1,
            "GET /usergroups": 1,
            "GET /workdays/:id": 1,
            "GET /workdays/:id/import/:id/results": 1,
            "GET /users/:id/pushendpoints/:id": 1,
        });
        const preview = await e2e.engine.preview();
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary));
    });

    it("updates what the program changes, in place, with the calls the current build documents", async () => {
        desired.description = "Updated by the current build";
        desired.deviceName = "Compat phone v2";
        desired.version = 2;
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const up = await e2e.engine.up();
        assert.equal(up.summary.result, "succeeded");
        assert.equal(up.summary.resourceChanges?.["update"], 3, JSON.stringify(up.summary.resourceChanges));
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "GET /usergroups/:id": 1,
            "PUT /usergroups/:id": 1,
            "PUT /workdays/:id": 1,
            "PATCH /users/:id/pushendpoints/:id": 1,
        });
        const group = await api("GET", `/usergroups/${String(up.outputs["engineering"]?.value)}`);
        assert.equal(group["description"], "Updated by the current build");
        assert.equal((group["attributes"] as Json)["customTeam"], "platform", "the custom attribute is kept");
        const device = await api("GET", `/users/${userId}/pushendpoints/${deviceId}`);
        assert.equal(device["name"], "Compat phone v2");
        for (const texts of Object.values(await providers())) {
            for (const text of texts)
                assert.match(text, /require\("pulumi-jumpcloud\/dist\/resources\/[a-z-]+-provider\.js"\)/);
        }
    });

    it("destroys every resource: groups and the device deleted, the Workday credentials removed", async () => {
        const groups = await providers();
        assert.equal(groups["UserGroup"]?.length, 2);
        const since = await simAdmin(e2e.sim.origin).lastSeq();
        const destroy = await e2e.engine.destroy();
        assert.equal(destroy.summary.result, "succeeded");
        assert.deepEqual(countRequests(await simAdmin(e2e.sim.origin).requests(since)), {
            "DELETE /usergroups/:id": 2,
            "DELETE /workdays/:id/auth": 1,
            "DELETE /users/:id/pushendpoints/:id": 1,
        });
        const left = (await fetch(`${e2e.sim.url}/usergroups`, { headers: { "x-api-key": e2e.sim.apiKey } }).then((r) =>
            r.json(),
        )) as Json[];
        assert.deepEqual(left, []);
    });
});
