/**
 * UserPushEndpoint: the failure for inputs that are not an object, and `read` on state written before the provider
 * recorded `managedFields` (nothing counts as managed, so nothing shows as drift).
 */
import * as assert from "node:assert/strict";
import { projectPushEndpointInputs, validatePushEndpoint } from "../../../provider/model/push-endpoint";

describe("UserPushEndpoint edges", () => {
    it("inputs that are not an object", () => {
        assert.deepEqual(validatePushEndpoint(5), [
            { property: "", reason: "the inputs must be an object with userId and pushEndpointId" },
        ]);
    });

    it("state without managedFields projects only the ids", () => {
        const live = { userId: "u", pushEndpointId: "p", name: "phone", state: "active" };
        assert.deepEqual(projectPushEndpointInputs(live as Parameters<typeof projectPushEndpointInputs>[0]), {
            userId: "u",
            pushEndpointId: "p",
        });
    });
});
