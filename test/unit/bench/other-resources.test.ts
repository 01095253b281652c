import * as assert from "node:assert/strict";
import { OPS } from "../../../bench/lib/lifecycle";
import {
    attribute,
    type OtherOpRun,
    type OtherResourcesResult,
    perResource,
    typeOfPath,
} from "../../../bench/lib/other-resources";
import { otherCallsHold, otherTargetRows, renderOtherResources } from "../../../bench/lib/report-other";

const call = (method: string, path: string) => ({ seq: 1, method, path, status: 200 });
const ID = "5f0c1a2b3c4d5e6f70819203";

/** A result where every operation cost exactly what the runtimes document, with 4 push endpoints. */
function documented(): OtherResourcesResult {
    const ep = (method: string) => call(method, `/users/${ID}/pushendpoints/${ID}`);
    const per: Record<(typeof OPS)[number], ReturnType<typeof call>[]> = {
        "up-create": [
            ...Array.from({ length: 4 }, () => [ep("GET"), ep("PATCH")]).flat(),
            call("POST", "/workdays"),
            call("POST", `/workdays/${ID}/import`),
            call("GET", `/workdays/${ID}/import/${ID}/results`),
        ],
        preview: [],
        "preview-refresh": [
            ...Array.from({ length: 4 }, () => ep("GET")),
            call("GET", `/workdays/${ID}`),
            call("GET", `/workdays/${ID}/import/${ID}/results`),
        ],
        "up-update": [...Array.from({ length: 4 }, () => ep("PATCH")), call("PUT", `/workdays/${ID}`)],
        destroy: [...Array.from({ length: 4 }, () => ep("DELETE")), call("DELETE", `/workdays/${ID}/auth`)],
    };
    const runs = Object.fromEntries(OPS.map((op) => [op, [{ wallMs: 1500, calls: attribute(per[op]) }]])) as Record<
        (typeof OPS)[number],
        OtherOpRun[]
    >;
    const state = { resources: 1, bytesPerResource: 2000, providerBytes: 300, providerBytesPerResource: 600 };
    return {
        n: 4,
        runs,
        state: {
            UserPushEndpoint: { ...state, resources: 4, providerCopies: 2, leaks: [] },
            WorkdayInstance: { ...state, providerCopies: 2, leaks: [] },
        },
        errors: [],
    };
}

describe("bench scenario 8: the other resources", () => {
    it("attributes a request to the resource type whose path it hit", () => {
        assert.equal(typeOfPath(`/users/${ID}/pushendpoints`), "UserPushEndpoint");
        assert.equal(typeOfPath(`/users/${ID}/pushendpoints/${ID}`), "UserPushEndpoint");
        assert.equal(typeOfPath("/workdays"), "WorkdayInstance");
        assert.equal(typeOfPath(`/workdays/${ID}/auth`), "WorkdayInstance");
        assert.equal(typeOfPath(`/workdays/${ID}/import`), "WorkdayImport");
        assert.equal(typeOfPath(`/workdays/${ID}/import/${ID}/results`), "WorkdayImport");
        assert.equal(typeOfPath("/usergroups"), "other");
    });

    it("counts per resource: push endpoints divide by N, the singletons do not", () => {
        const run = documented().runs["up-create"][0]!;
        assert.equal(perResource(run, "UserPushEndpoint", 4), 2);
        assert.equal(perResource(run, "WorkdayInstance", 4), 1);
        assert.equal(perResource(run, "WorkdayImport", 4), 2);
    });

    it("holds when every operation costs what is documented, and renders the tables", () => {
        const result = documented();
        for (const type of ["UserPushEndpoint", "WorkdayInstance", "WorkdayImport"] as const) {
            assert.equal(otherCallsHold(result, type), true, type);
        }
        const md = renderOtherResources(result);
        assert.match(md, /\| up-create \| UserPushEndpoint \| 4 \| GET \+ PATCH .* \| 2 \| GET 4, PATCH 4 \| holds \|/);
        assert.match(
            md,
            /\| destroy \| WorkdayImport \| 1 \| none \(jobs cannot be deleted\) \| 0 \| none \| holds \|/,
        );
        assert.match(md, /\| up-update \| 1\.50 \| 1\.50-1\.50 \| 1 \| - \|/);
        assert.match(md, /\| UserPushEndpoint \| 4 \| 2000 \| 300 \| 600 \(2 copies\) \| none \|/);
        const rows = otherTargetRows(result).map((r) => r.join(" | "));
        assert.equal(rows.length, 5, "three call rows, two state rows (no WorkdayImport state measured)");
        assert.ok(
            rows.every((r) => r.endsWith("holds")),
            rows.join("\n"),
        );
    });

    it("misses when a preview calls the API, when a GET is added, or when a request hits another API", () => {
        const extraGet = documented();
        extraGet.runs["up-update"][0]!.calls.UserPushEndpoint = { GET: 4, PATCH: 4 };
        assert.equal(otherCallsHold(extraGet, "UserPushEndpoint"), false);
        assert.match(
            renderOtherResources(extraGet),
            /\| up-update \| UserPushEndpoint \| 4 \| PATCH \(new name\) \| 2 \| GET 4, PATCH 4 \| \*\*misses\*\* \|/,
        );

        const previewCalls = documented();
        previewCalls.runs.preview[0]!.calls.WorkdayInstance = { GET: 1 };
        assert.equal(otherCallsHold(previewCalls, "WorkdayInstance"), false);

        const stray = documented();
        stray.runs.destroy[0]!.calls.other = { GET: 1 };
        assert.equal(otherCallsHold(stray, "WorkdayImport"), false);

        const leaky = documented();
        leaky.state.WorkdayInstance!.leaks = ["Workday password"];
        assert.match(
            otherTargetRows(leaky)
                .map((r) => r.join(" | "))
                .join("\n"),
            /WorkdayInstance .* \| 600; contains Workday password \| \*\*misses\*\*/,
        );
    });

    it("has no verdict before anything ran", () => {
        const empty = documented();
        for (const op of OPS) empty.runs[op] = [];
        assert.equal(otherCallsHold(empty, "WorkdayImport"), undefined);
    });
});
