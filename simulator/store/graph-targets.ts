/**
 * The objects a user group can be associated with (systems, applications, directories…). The simulator manages
 * none of them through the API, so they are seeded: an id and a name per object, in an org.
 */
import { ApiError } from "../errors";
import { newObjectId } from "../object-id";
import type { StatementCache } from "./statement-cache";

/**
 * The target types of `GET /usergroups/{group_id}/associations?targets=` and of the association POST body
 * (JumpCloud API v2 spec, parameter trait `graphTargetsUserGroup` and definition `GraphOperation-UserGroup`,
 * TheJumpCloud/jcapi-powershell, SwaggerSpecs/JumpCloud.SDK.V2.json).
 */
export const ASSOCIATION_TARGETS = [
    "active_directory",
    "application",
    "g_suite",
    "idp_routing_policy",
    "ldap_server",
    "office_365",
    "password_manager_item",
    "radius_server",
    "system",
    "system_group",
] as const;

/** One of {@link ASSOCIATION_TARGETS}. */
export type AssociationTarget = (typeof ASSOCIATION_TARGETS)[number];

/** True when the text is one of {@link ASSOCIATION_TARGETS}. */
export function isAssociationTarget(text: unknown): text is AssociationTarget {
    return (ASSOCIATION_TARGETS as readonly unknown[]).includes(text);
}

/** Seeded association targets. */
export class GraphTargetStore {
    constructor(private readonly sql: StatementCache) {}

    /** Adds a target; returns its id. 409 when a target of this type already has the id. */
    add(orgId: string, type: AssociationTarget, target: { id?: string; name: string }): string {
        const id = target.id ?? newObjectId();
        if (this.sql.get("SELECT 1 FROM graph_targets WHERE type = ? AND id = ?").get(type, id) !== undefined) {
            throw new ApiError(409, `a ${type} with id ${id} already exists`);
        }
        this.sql
            .get("INSERT INTO graph_targets (id, org_id, type, name) VALUES (?, ?, ?, ?)")
            .run(id, orgId, type, target.name);
        return id;
    }

    /** True when the org has a target of this type with this id. */
    has(orgId: string, type: string, id: string): boolean {
        return (
            this.sql
                .get("SELECT 1 FROM graph_targets WHERE type = ? AND id = ? AND org_id = ?")
                .get(type, id, orgId) !== undefined
        );
    }
}
