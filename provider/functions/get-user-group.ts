/**
 * `getUserGroup`: looks up one user group by name (case-insensitively, as JumpCloud compares names) or by id.
 */
import * as pulumi from "@pulumi/pulumi";
import { type CallOptions, callOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { hasStatus } from "../client/errors";
import { filter } from "../client/filter";
import { OBJECT_ID } from "../client/paths";
import type { ApiUserGroup } from "../client/types";
import { Validator } from "../model/validation";
import { ObjectNotFoundError } from "../runtime/errors";
import { assertValid, programClient } from "./program-client";

/** Arguments of {@link getUserGroup}: exactly one of `name` and `id`. */
export type GetUserGroupArgs = ({ name: string; id?: undefined } | { id: string; name?: undefined }) & {
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
};

/** A user group as JumpCloud reports it. */
export type GetUserGroupResult = ApiUserGroup;

const FN = "getUserGroup";
/** How many near matches an error lists. */
const LISTED = 10;

/** Refuses anything but exactly one of a name and an ObjectId (and an optional orgId), naming each problem. */
function validate(args: unknown): asserts args is GetUserGroupArgs {
    const v = new Validator();
    if (v.inputs(args, ["name", "id", "orgId"], "must be an object: { name } or { id }")) {
        if ((args.name === undefined) === (args.id === undefined)) {
            v.fail("", 'give exactly one of "name" and "id", e.g. { name: "Engineering" }');
        }
        v.string("name", args.name, { maxLength: 255 });
        v.string("id", args.id, { pattern: OBJECT_ID, example: '"5f0c1b2c3d4e5f6a7b8c9d0e"' });
        v.string("orgId", args.orgId, { pattern: OBJECT_ID });
    }
    assertValid(FN, v.failures);
}

async function byName(client: JumpCloudClient, name: string, options: CallOptions | undefined): Promise<ApiUserGroup> {
    const found = await client.userGroups.findByName(name, options);
    if (found) return found;
    // Only for the message: the names that contain the one asked for, ignoring case (the same search, names only).
    const near: string[] = [];
    for await (const g of client.userGroups.list(
        { filter: filter.search("name", name), fields: ["id", "name"] },
        options,
    )) {
        if (near.length === LISTED) break;
        if (g.name !== undefined) near.push(g.name);
    }
    throw new ObjectNotFoundError(
        `${FN}: no user group is named "${name}" (compared case-insensitively); ` +
            (near.length > 0 ? `similar names: ${near.map((n) => `"${n}"`).join(", ")}` : "no similar name was found") +
            ".",
        `user group named "${name}"`,
    );
}

/** The lookup behind both forms: arguments are checked at run time, since an Output's cannot be at compile time. */
async function lookUp(args: unknown): Promise<GetUserGroupResult> {
    validate(args);
    const client = programClient();
    const options = callOptions(args.orgId);
    if (args.id === undefined) return byName(client, args.name, options);
    try {
        return await client.userGroups.get(args.id, options);
    } catch (e) {
        if (!hasStatus(e, 404)) throw e;
        throw new ObjectNotFoundError(`${FN}: no user group has the id ${args.id}.`, `user group ${args.id}`, e);
    }
}

/**
 * Looks up one user group, by `name` (compared ignoring case, as JumpCloud keeps names unique; none found is an
 * {@link ObjectNotFoundError} listing similar names) or by `id`. Runs at program time, in preview and in up;
 * settings come from the `jumpcloud:*` stack config, then the environment.
 */
export function getUserGroup(args: GetUserGroupArgs): Promise<GetUserGroupResult> {
    return lookUp(args);
}

/** {@link getUserGroup} for arguments that are Outputs (e.g. a name computed by another resource). */
export function getUserGroupOutput(
    args: pulumi.Input<{ name?: pulumi.Input<string>; id?: pulumi.Input<string>; orgId?: pulumi.Input<string> }>,
): pulumi.Output<GetUserGroupResult> {
    return pulumi.output(args).apply(lookUp);
}
