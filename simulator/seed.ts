/**
 * `POST /__sim/seed`: the data the API cannot create (orgs and keys, service accounts, users, push endpoints,
 * Workday workers, association targets) and, for convenience, groups with their members and associations. One
 * transaction: all of a seed document or, on any error, none of it.
 */

import type { SimulatorContext } from "./context";
import { badRequest } from "./errors";
import { checkEdgeAttributes } from "./graph-attributes";
import { isObjectId } from "./object-id";
import type { Store } from "./store";
import { MEMBER_TYPE } from "./store/graph-edges";
import { isAssociationTarget } from "./store/graph-targets";
import { DYNAMIC_AUTOMATED } from "./store/group-membership";
import type { UserGroupBody } from "./store/user-groups";
import { USER_STATES, USER_TEXT_FIELDS, type UserAttribute, type UserFields, type UserState } from "./store/users";

/** Seed documents may be large (benchmarks seed 100,000 groups or users in a few posts). */
export const SEED_BODY_LIMIT = 64 * 1024 * 1024;

/** A user to seed: its identity, its org, and any of the fields a user carries. */
export interface SeedUser {
    id?: string;
    username: string;
    email: string;
    orgId?: string;
    /** STAGED, ACTIVATED (the default) or SUSPENDED. */
    state?: string;
    attributes?: { name: string; value: string }[];
    /** ISO 8601 date-time. */
    created?: string;
    firstname?: string;
    lastname?: string;
    displayname?: string;
    middlename?: string;
    department?: string;
    company?: string;
    jobTitle?: string;
    location?: string;
    costCenter?: string;
    employeeType?: string;
    employeeIdentifier?: string;
    description?: string;
}

/** A group to seed: any group body field, plus its members (user ids) and its associations. */
export interface SeedUserGroup {
    name: string;
    id?: string;
    orgId?: string;
    members?: string[];
    associations?: { type: string; id: string; attributes?: Record<string, unknown> }[];
    [field: string]: unknown;
}

/** The body of POST /__sim/seed (the server checks every field; this type only helps callers). */
export interface SeedDocument {
    orgs?: { id: string; apiKeys?: string[] }[];
    serviceAccounts?: { clientId: string; clientSecret: string; orgId?: string }[];
    users?: SeedUser[];
    pushEndpoints?: {
        userId: string;
        id?: string;
        name: string;
        state: string;
        device?: Record<string, unknown>;
        enrollmentDate?: string;
        lastUsedDate?: string;
        orgId?: string;
    }[];
    workdayWorkers?: {
        username: string;
        email: string;
        firstName: string;
        lastName: string;
        attributes?: Record<string, unknown>;
        orgId?: string;
    }[];
    /** Association targets; `type` is one of the ten target types (system, system_group, application, …). */
    targets?: { type: string; name: string; id?: string; orgId?: string }[];
    userGroups?: SeedUserGroup[];
}

/** What POST /__sim/seed created. */
export interface SeedResult {
    orgs: string[];
    serviceAccounts: string[];
    users: string[];
    pushEndpoints: string[];
    targets: string[];
    userGroups: string[];
    /** Worker rows have no id; this is how many were added. */
    workdayWorkers: number;
}

type Json = Record<string, unknown>;

function list(body: Json, key: string, where = key): Json[] {
    const value = body[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw badRequest(`${where} must be an array`);
    return value.map((item, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) {
            throw badRequest(`${where}[${i}] must be an object`);
        }
        return item as Json;
    });
}

function text(item: Json, field: string, where: string): string {
    const value = item[field];
    if (typeof value !== "string" || value === "") throw badRequest(`${where}.${field} must be a non-empty string`);
    return value;
}

function optionalId(item: Json, field: string, where: string): string | undefined {
    const value = item[field];
    if (value === undefined) return undefined;
    if (!isObjectId(value)) throw badRequest(`${where}.${field} must be a 24-character hex ObjectId`);
    return value.toLowerCase();
}

const USER_SEED_KEYS = ["id", "orgId", "username", "email", "state", "attributes", "created", ...USER_TEXT_FIELDS];

/**
 * The user fields of a seed entry or an admin patch, checked: strings for the text fields, `state` one of
 * STAGED/ACTIVATED/SUSPENDED, `attributes` `[{name, value}]` of strings, `created` a date-time. Unknown keys are
 * refused so that a misspelt field never silently drops out of a test. `activated` and `suspended` follow `state`.
 */
export function userFields(item: Json, where: string, allowed: readonly string[] = USER_SEED_KEYS): UserFields {
    for (const key of Object.keys(item)) {
        if (!allowed.includes(key)) {
            throw badRequest(`${where}.${key} is not a user field that can be set (use one of: ${allowed.join(", ")})`);
        }
    }
    const fields: UserFields = {};
    for (const field of USER_TEXT_FIELDS) {
        const value = item[field];
        if (value === undefined) continue;
        if (typeof value !== "string") throw badRequest(`${where}.${field} must be a string`);
        fields[field] = value;
    }
    const state = item["state"];
    if (state !== undefined) {
        if (!(USER_STATES as readonly unknown[]).includes(state)) {
            throw badRequest(`${where}.state must be one of: ${USER_STATES.join(", ")}`);
        }
        fields.state = state as UserState;
    }
    const created = item["created"];
    if (created !== undefined) {
        if (typeof created !== "string" || Number.isNaN(Date.parse(created))) {
            throw badRequest(`${where}.created must be an ISO 8601 date-time`);
        }
        fields.created = new Date(created).toISOString();
    }
    const attributes = item["attributes"];
    if (attributes !== undefined) {
        if (!Array.isArray(attributes)) throw badRequest(`${where}.attributes must be an array of {name, value}`);
        fields.attributes = attributes.map((a: unknown, i): UserAttribute => {
            const { name, value } = (a ?? {}) as { name?: unknown; value?: unknown };
            if (typeof name !== "string" || name === "" || typeof value !== "string") {
                throw badRequest(`${where}.attributes[${i}] must be {name: non-empty string, value: string}`);
            }
            return { name, value };
        });
    }
    return fields;
}

/** The seed steps, in dependency order: what a later step refers to exists by then. */
class Seeder {
    readonly result: SeedResult = {
        orgs: [],
        serviceAccounts: [],
        users: [],
        pushEndpoints: [],
        targets: [],
        userGroups: [],
        workdayWorkers: 0,
    };
    /** Orgs that received users: their review groups' suggestion counts are refreshed at the end. */
    private readonly orgsWithNewUsers = new Set<string>();

    constructor(
        private readonly store: Store,
        private readonly defaultOrg: string,
    ) {}

    private orgFor(item: Json, where: string, fallback: string = this.defaultOrg): string {
        const orgId = optionalId(item, "orgId", where) ?? fallback;
        this.store.tenancy.ensureOrg(orgId);
        return orgId;
    }

    orgs(body: Json): void {
        list(body, "orgs").forEach((org, i) => {
            const id = optionalId(org, "id", `orgs[${i}]`);
            if (id === undefined) throw badRequest(`orgs[${i}].id is required`);
            this.store.tenancy.ensureOrg(id);
            const keys = org["apiKeys"] ?? [];
            if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string" || k === "")) {
                throw badRequest(`orgs[${i}].apiKeys must be an array of non-empty strings`);
            }
            for (const key of keys as string[]) this.store.tenancy.addKey(key, id);
            this.result.orgs.push(id);
        });
    }

    serviceAccounts(body: Json): void {
        list(body, "serviceAccounts").forEach((account, i) => {
            const where = `serviceAccounts[${i}]`;
            const clientId = text(account, "clientId", where);
            this.store.serviceAccounts.add({
                clientId,
                clientSecret: text(account, "clientSecret", where),
                orgId: this.orgFor(account, where),
            });
            this.result.serviceAccounts.push(clientId);
        });
    }

    users(body: Json): void {
        list(body, "users").forEach((user, i) => {
            const where = `users[${i}]`;
            const orgId = this.orgFor(user, where);
            const id = this.store.users.add(orgId, {
                ...userFields(user, where),
                id: optionalId(user, "id", where),
                username: text(user, "username", where),
                email: text(user, "email", where),
            });
            this.orgsWithNewUsers.add(orgId);
            this.result.users.push(id);
        });
    }

    pushEndpoints(body: Json): void {
        list(body, "pushEndpoints").forEach((endpoint, i) => {
            const where = `pushEndpoints[${i}]`;
            const userId = optionalId(endpoint, "userId", where);
            if (userId === undefined) throw badRequest(`${where}.userId is required`);
            const userOrg = this.store.users.orgOf(userId);
            const orgId = this.orgFor(endpoint, where, userOrg);
            // Endpoints may be seeded without their user: a placeholder user makes the path resolvable.
            if (userOrg === undefined) {
                this.store.users.add(orgId, { id: userId, username: `user-${userId}`, email: `${userId}@example.com` });
                this.orgsWithNewUsers.add(orgId);
            } else if (userOrg !== orgId) {
                throw badRequest(`${where}.orgId does not match the org of user ${userId}`);
            }
            const device = endpoint["device"];
            if (device !== undefined && (device === null || typeof device !== "object" || Array.isArray(device))) {
                throw badRequest(`${where}.device must be an object`);
            }
            const id = this.store.pushEndpoints.add(orgId, userId, {
                id: optionalId(endpoint, "id", where),
                name: text(endpoint, "name", where),
                state: text(endpoint, "state", where),
                device: device as Json | undefined,
                enrollmentDate: typeof endpoint["enrollmentDate"] === "string" ? endpoint["enrollmentDate"] : undefined,
                lastUsedDate: typeof endpoint["lastUsedDate"] === "string" ? endpoint["lastUsedDate"] : undefined,
            });
            this.result.pushEndpoints.push(id);
        });
    }

    workdayWorkers(body: Json): void {
        list(body, "workdayWorkers").forEach((worker, i) => {
            const where = `workdayWorkers[${i}]`;
            const attributes = worker["attributes"];
            if (attributes !== undefined && (attributes === null || typeof attributes !== "object")) {
                throw badRequest(`${where}.attributes must be an object`);
            }
            this.store.workdays.addWorker(this.orgFor(worker, where), {
                username: text(worker, "username", where),
                email: text(worker, "email", where),
                firstName: text(worker, "firstName", where),
                lastName: text(worker, "lastName", where),
                attributes: attributes as Json | undefined,
            });
            this.result.workdayWorkers += 1;
        });
    }

    targets(body: Json): void {
        list(body, "targets").forEach((target, i) => {
            const where = `targets[${i}]`;
            const type = target["type"];
            if (!isAssociationTarget(type)) {
                throw badRequest(`${where}.type must be one of the association targets (system, system_group, …)`);
            }
            const id = this.store.targets.add(this.orgFor(target, where), type, {
                id: optionalId(target, "id", where),
                name: text(target, "name", where),
            });
            this.result.targets.push(id);
        });
    }

    userGroups(body: Json): void {
        list(body, "userGroups").forEach((group, i) => {
            const where = `userGroups[${i}]`;
            const { orgId: _org, id: _id, members, associations, ...rest } = group;
            const name = text(group, "name", where);
            const orgId = this.orgFor(group, where);
            const json = this.store.userGroups.create(
                orgId,
                { ...rest, name } as UserGroupBody,
                optionalId(group, "id", where),
            );
            const id = (JSON.parse(json) as { id: string }).id;
            this.members(orgId, id, group, where);
            this.associations(orgId, id, group, where);
            this.store.userGroups.refreshGroup(orgId, id);
            this.result.userGroups.push(id);
        });
    }

    private members(orgId: string, groupId: string, group: Json, where: string): void {
        const members = group["members"];
        if (members === undefined) return;
        if (!Array.isArray(members)) throw badRequest(`${where}.members must be an array of user ids`);
        if (group["membershipMethod"] === DYNAMIC_AUTOMATED && members.length > 0) {
            throw badRequest(
                `${where}.members cannot be seeded: the members of a DYNAMIC_AUTOMATED group are its query's matches`,
            );
        }
        const seen = new Set<string>();
        members.forEach((member: unknown, j) => {
            if (!isObjectId(member)) throw badRequest(`${where}.members[${j}] must be a 24-character hex user id`);
            const userId = member.toLowerCase();
            if (!this.store.users.has(orgId, userId)) {
                throw badRequest(`${where}.members[${j}] is not a user of org ${orgId}: seed the user first`);
            }
            if (seen.has(userId)) throw badRequest(`${where}.members[${j}] lists user ${userId} twice`);
            seen.add(userId);
            this.store.edges.add(orgId, groupId, MEMBER_TYPE, userId);
        });
    }

    private associations(orgId: string, groupId: string, group: Json, where: string): void {
        list(group, "associations", `${where}.associations`).forEach((association, j) => {
            const at = `${where}.associations[${j}]`;
            const type = association["type"];
            if (!isAssociationTarget(type)) throw badRequest(`${at}.type must be one of the association targets`);
            const targetId = optionalId(association, "id", at);
            if (targetId === undefined || !this.store.targets.has(orgId, type, targetId)) {
                throw badRequest(`${at}.id must be a ${type} seeded in org ${orgId} (seed it under targets)`);
            }
            if (this.store.edges.has(groupId, type, targetId))
                throw badRequest(`${at} lists ${type} ${targetId} twice`);
            const attributes = checkEdgeAttributes(association["attributes"], `${at}.attributes`);
            this.store.edges.add(orgId, groupId, type, targetId, attributes);
        });
    }

    /** Review groups may now have new suggestions: users were added under them. */
    finish(): void {
        for (const orgId of this.orgsWithNewUsers) this.store.userGroups.refreshSuggestionCounts(orgId);
    }
}

/** Applies a seed document in one transaction: all of it or, on any error, none of it. */
export function seed(ctx: SimulatorContext, body: Json): SeedResult {
    const seeder = new Seeder(ctx.store, ctx.defaultOrgId);
    ctx.store.transaction(() => {
        seeder.orgs(body);
        seeder.serviceAccounts(body);
        seeder.users(body);
        seeder.pushEndpoints(body);
        seeder.workdayWorkers(body);
        seeder.targets(body);
        seeder.userGroups(body);
        seeder.finish();
    });
    return seeder.result;
}
