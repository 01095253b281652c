import * as assert from "node:assert/strict";
import { userName, userNames } from "../../../provider/cli/user-names";

describe("cli: user names (email, else username, else id)", () => {
    const id = (n: number) => `5F2D${String(n).padStart(20, "0")}`;

    it("names each user by a name that resolves back to it alone", () => {
        const names = userNames([
            { _id: id(1), username: "alice", email: "Alice@Example.com" },
            { _id: id(2), username: "bob" },
            { _id: id(3), username: "carol", email: "" },
            { _id: id(4) },
            { _id: id(5), username: "dave@corp", email: "not-an-email" },
            { _id: id(6), username: "5f2d00000000000000000099" },
            // Two users share an email (ignoring case) and two a username: neither name would resolve to one user.
            { _id: id(7), username: "erin", email: "team@example.com" },
            { _id: id(8), username: "frank", email: "TEAM@example.com" },
            { _id: id(9), username: "twin" },
            { _id: id(10), username: "twin" },
        ]);
        assert.deepEqual(Object.fromEntries(names), {
            [id(1).toLowerCase()]: "Alice@Example.com",
            [id(2).toLowerCase()]: "bob",
            [id(3).toLowerCase()]: "carol",
            [id(4).toLowerCase()]: id(4).toLowerCase(),
            [id(5).toLowerCase()]: id(5).toLowerCase(),
            [id(6).toLowerCase()]: id(6).toLowerCase(),
            [id(7).toLowerCase()]: "erin",
            [id(8).toLowerCase()]: "frank",
            [id(9).toLowerCase()]: id(9).toLowerCase(),
            [id(10).toLowerCase()]: id(10).toLowerCase(),
        });
    });

    it("falls back to the id for a user not in the listing, whatever its case", () => {
        const names = userNames([{ _id: id(1), email: "a@example.com" }]);
        assert.equal(userName(names, id(1)), "a@example.com");
        assert.equal(userName(names, id(2)), id(2));
    });
});
