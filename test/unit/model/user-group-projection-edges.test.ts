/**
 * `read`'s inputs for a UserGroup at the edges: a managed attribute the live group no longer has leaves no empty
 * `attributes` object behind, and a live group without a name reads as "".
 */
import * as assert from "node:assert/strict";
import { projectInputs } from "../../../provider/model/user-group-projection";

describe("UserGroup read projection edges", () => {
    it("a managed attribute missing live gives no attributes at all", () => {
        const inputs = projectInputs({ id: "g", name: "Eng" }, ["attributes.sudo"]);
        assert.deepEqual(inputs, { name: "Eng" });
    });

    it("a live group without a name reads as an empty name", () => {
        assert.deepEqual(projectInputs({ id: "g" }, []), { name: "" });
    });
});
