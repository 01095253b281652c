/**
 * Full invalid-input run (`npm run test:reliability`): every row of the table through the real engine's preview.
 */

import { previewRows } from "./support/bad-input-scenario";
import { BAD_INPUTS } from "./support/bad-input-table";

describe("reliability (full): every invalid input fails at pulumi preview", function () {
    this.timeout(1_200_000);

    it(`all ${BAD_INPUTS.length} rows: preview fails naming the property, no API write`, async () => {
        await previewRows("full", BAD_INPUTS, 3);
    });
});
