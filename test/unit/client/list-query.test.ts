/**
 * The query string of one page of a list: what the API is asked for decides what the program sees, so an empty
 * field list must not ask for objects without fields, and every page must be in a stable order.
 */
import * as assert from "node:assert/strict";
import { listParams } from "../../../provider/client/list-query";

describe("list page parameters", () => {
    it("sends limit and skip, and sorts by id last so that pages never overlap", () => {
        assert.deepEqual(listParams(undefined, 100, 100), { limit: 100, skip: 100, sort: "id" });
        assert.deepEqual(listParams({ sort: "-name" }, 0, 10), { limit: 10, skip: 0, sort: "-name,id" });
        assert.deepEqual(listParams({ sort: ["-id"] }, 0, 10), { limit: 10, skip: 0, sort: "-id" });
        assert.deepEqual(listParams(undefined, 0, 10, false), { limit: 10, skip: 0 });
    });

    it("sends filters as a list and fields only when some are asked for", () => {
        assert.deepEqual(listParams({ filter: "name:eq:Eng", fields: [] }, 0, 10, false), {
            limit: 10,
            skip: 0,
            filter: ["name:eq:Eng"],
        });
        assert.deepEqual(listParams({ fields: ["name", "id"] }, 0, 10, false), {
            limit: 10,
            skip: 0,
            fields: "name,id",
        });
    });
});
