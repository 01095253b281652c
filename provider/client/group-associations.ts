/**
 * A user group's direct associations (API v2 graph): `GET /usergroups/{group_id}/associations?targets=<type>` and
 * `POST /usergroups/{group_id}/associations` `{op, type, id, attributes?}`: the systems, system groups,
 * applications, directories, RADIUS and LDAP servers, policies and password items the group is bound to.
 */
import type { CallOptions } from "./call-options";
import {
    addEdge,
    callOptionsOf,
    type EdgeAddOutcome,
    type EdgeChange,
    type EdgeOptions,
    type EdgeRemoveOutcome,
    type GraphOperationBody,
    removeEdge,
    updateEdge,
} from "./graph-edges";
import { listAll } from "./pagination";
import { apiPath, objectId } from "./paths";
import type { RequestExecutor } from "./request-executor";
import {
    type ApiAssociationTargetType,
    type ApiGraphAttributes,
    type ApiGraphConnection,
    ASSOCIATION_TARGET_TYPES,
} from "./types";

/** The other end of an association: its type and id. */
export interface AssociationTarget {
    type: ApiAssociationTargetType;
    /** ObjectId of the system, application, ... */
    id: string;
}

/** Returns `type` if it is an association target type; a `TypeError` listing them otherwise (before any request). */
export function associationTargetType(type: unknown): ApiAssociationTargetType {
    if (!(ASSOCIATION_TARGET_TYPES as readonly unknown[]).includes(type)) {
        throw new TypeError(
            `association target type must be one of ${ASSOCIATION_TARGET_TYPES.join(", ")}; got ${JSON.stringify(type)}`,
        );
    }
    return type as ApiAssociationTargetType;
}

function associationsPath(groupId: string): string {
    return apiPath`/usergroups/${objectId("user group id", groupId)}/associations`;
}

function operation(op: GraphOperationBody["op"], target: AssociationTarget, attributes?: ApiGraphAttributes) {
    const type = associationTargetType(target?.type);
    const id = objectId(`${type} id`, target.id);
    return { op, type, id, ...(attributes === undefined ? {} : { attributes }) };
}

/** `client.userGroups.associations`. */
export class GroupAssociationsApi {
    constructor(private readonly http: RequestExecutor) {}

    /**
     * The group's associations with objects of one type (`GraphConnection`, `to: {id, type}`, with `attributes` such
     * as a system's `sudo`), over all pages of 100. The API requires the type (`targets`).
     */
    list(groupId: string, type: ApiAssociationTargetType, options?: CallOptions): AsyncIterable<ApiGraphConnection> {
        const targets = associationTargetType(type);
        const path = associationsPath(groupId);
        return listAll(this.http, path, (skip, limit) => ({ targets, limit, skip }), options);
    }

    /**
     * Associates the group with a target. Resolves `added`, or `already-present` when the association exists (the
     * API's 409); see `EdgeChange`. An unknown group or target is a `NotFoundError`.
     */
    add(groupId: string, target: AssociationTarget, options?: EdgeOptions): Promise<EdgeChange<EdgeAddOutcome>> {
        const body = operation("add", target, options?.attributes);
        return addEdge(this.http, associationsPath(groupId), body, callOptionsOf(options));
    }

    /** Removes an association. Resolves `removed`, or `already-absent` (the API's 404); see `EdgeChange`. */
    remove(groupId: string, target: AssociationTarget, options?: CallOptions): Promise<EdgeChange<EdgeRemoveOutcome>> {
        return removeEdge(this.http, associationsPath(groupId), operation("remove", target), options);
    }

    /**
     * Replaces an association's attributes (e.g. `{sudo: {enabled: true, withoutPassword: false}}` on a system);
     * `NotFoundError` when the association does not exist.
     */
    update(
        groupId: string,
        target: AssociationTarget,
        attributes: ApiGraphAttributes,
        options?: CallOptions,
    ): Promise<void> {
        return updateEdge(this.http, associationsPath(groupId), operation("update", target, attributes), options);
    }
}
