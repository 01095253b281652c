/**
 * `getUser` and `getUsers`: JumpCloud users (API v1 `/systemusers`), every page, at program time.
 */
import * as pulumi from "@pulumi/pulumi";
import { type CallOptions, callOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { hasStatus } from "../client/errors";
import { OBJECT_ID } from "../client/paths";
import type { ApiSystemUser } from "../client/types";
import { isUserLookupError } from "../client/user-lookup-error";
import { Validator } from "../model/validation";
import { ObjectNotFoundError } from "../runtime/errors";
import { assertValid, programClient } from "./program-client";

/** Arguments of {@link getUser}: exactly one of `email`, `username` and `id`. */
export type GetUserArgs = (
    | { email: string; username?: undefined; id?: undefined }
    | { username: string; email?: undefined; id?: undefined }
    | { id: string; email?: undefined; username?: undefined }
) & {
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
};

/** A user as JumpCloud reports it (API v1, `_id` kept), with its ObjectId also as `id`. */
export type GetUserResult = ApiSystemUser & { readonly id: string };

/** Arguments of {@link getUsers}. */
export interface GetUsersArgs {
    /**
     * API v1 filters, `<field>:$<operator>:<value>` with $eq, $ne, $gt, $gte, $lt or $lte (several are ANDed), e.g.
     * `"department:$eq:Engineering"`. Values are compared case-sensitively. @default every user
     */
    filter?: string | string[];
    /** The organisation (`x-org-id`) for multi-tenant admins. @default jumpcloud:orgId */
    orgId?: string;
}

/** The result of {@link getUsers}. */
export interface GetUsersResult {
    /** Every matching user, ordered by id. */
    readonly users: GetUserResult[];
}

/** A v1 filter: a field, a `$` operator, a value. */
const V1_FILTER = /^[A-Za-z_][A-Za-z0-9_.]*:\$(eq|ne|gt|gte|lt|lte):/;

function withId(user: ApiSystemUser): GetUserResult {
    return { ...user, id: user._id };
}

function validateGetUser(args: unknown): asserts args is GetUserArgs {
    const v = new Validator();
    if (v.inputs(args, ["email", "username", "id", "orgId"], "must be an object: { email }, { username } or { id }")) {
        const given = ["email", "username", "id"].filter((k) => args[k] !== undefined);
        if (given.length !== 1) {
            v.fail(
                "",
                `give exactly one of "email", "username" and "id" (got ${given.length}), e.g. { email: "alice@example.com" }`,
            );
        }
        v.string("email", args.email, { maxLength: 1024 });
        v.string("username", args.username, { maxLength: 1024 });
        v.string("id", args.id, { pattern: OBJECT_ID, example: '"5f0c1b2c3d4e5f6a7b8c9d0e"' });
        v.string("orgId", args.orgId, { pattern: OBJECT_ID });
    }
    assertValid("getUser", v.failures);
}

async function findUser(client: JumpCloudClient, args: GetUserArgs, options: CallOptions | undefined) {
    if (args.id !== undefined) {
        try {
            return await client.users.get(args.id, options);
        } catch (e) {
            if (!hasStatus(e, 404)) throw e;
            throw new ObjectNotFoundError(`getUser: no user has the id ${args.id}.`, `user ${args.id}`, e);
        }
    }
    const [field, value] = args.email !== undefined ? ["email", args.email] : ["username", args.username ?? ""];
    try {
        return field === "email"
            ? await client.users.findByEmail(value, options)
            : await client.users.findByUsername(value, options);
    } catch (e) {
        // None found is "not found"; several found stays the client's error, which lists them.
        if (isUserLookupError(e) && e.matches.length === 0) {
            throw new ObjectNotFoundError(`getUser: ${e.message}.`, `user with ${field} "${value}"`, e);
        }
        throw e;
    }
}

async function lookUpUser(args: unknown): Promise<GetUserResult> {
    validateGetUser(args);
    return withId(await findUser(programClient(), args, callOptions(args.orgId)));
}

/**
 * Looks up the one user with this `email` or `username` (one request; compared case-sensitively, as the API does),
 * or this `id`. None found is an {@link ObjectNotFoundError}; several found is an error listing them. Runs at
 * program time, in preview and in up.
 */
export function getUser(args: GetUserArgs): Promise<GetUserResult> {
    return lookUpUser(args);
}

/** {@link getUser} for arguments that are Outputs. */
export function getUserOutput(
    args: pulumi.Input<{
        email?: pulumi.Input<string>;
        username?: pulumi.Input<string>;
        id?: pulumi.Input<string>;
        orgId?: pulumi.Input<string>;
    }>,
): pulumi.Output<GetUserResult> {
    return pulumi.output(args).apply(lookUpUser);
}

function validateGetUsers(args: unknown): asserts args is GetUsersArgs {
    const v = new Validator();
    if (v.inputs(args, ["filter", "orgId"], 'must be an object, e.g. {} or { filter: "department:$eq:Sales" }')) {
        const filters: unknown = typeof args.filter === "string" ? [args.filter] : args.filter;
        if (filters !== undefined && !Array.isArray(filters)) {
            v.fail("filter", 'must be a string or a list of strings, e.g. "department:$eq:Sales"');
        }
        if (Array.isArray(filters)) {
            filters.forEach((f: unknown, i: number) => {
                const path = typeof args.filter === "string" ? "filter" : `filter[${i}]`;
                if (v.string(path, f, { required: true }) && !V1_FILTER.test(f)) {
                    v.fail(
                        path,
                        `must be "<field>:$<operator>:<value>" with $eq, $ne, $gt, $gte, $lt or $lte, got ${JSON.stringify(f)} — e.g. "department:$eq:Sales"`,
                    );
                }
            });
        }
        v.string("orgId", args.orgId, { pattern: OBJECT_ID });
    }
    assertValid("getUsers", v.failures);
}

async function listUsers(args: unknown): Promise<GetUsersResult> {
    const given = args ?? {};
    validateGetUsers(given);
    const users: GetUserResult[] = [];
    const query = given.filter === undefined ? undefined : { filter: given.filter };
    for await (const u of programClient().users.list(query, callOptions(given.orgId))) users.push(withId(u));
    return { users };
}

/** Every user matching `filter` (every page: ⌊N/100⌋ + 1 requests), ordered by id. Runs at program time. */
export function getUsers(args?: GetUsersArgs): Promise<GetUsersResult> {
    return listUsers(args);
}

/** {@link getUsers} for arguments that are Outputs. */
export function getUsersOutput(
    args?: pulumi.Input<{ filter?: pulumi.Input<string | pulumi.Input<string>[]>; orgId?: pulumi.Input<string> }>,
): pulumi.Output<GetUsersResult> {
    return pulumi.output(args ?? {}).apply(listUsers);
}
