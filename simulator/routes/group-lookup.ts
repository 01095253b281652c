/**
 * The user group named by a graph route's `{group_id}`, in the caller's org (404 otherwise, as for any object of
 * another org).
 */
import type { FastifyRequest } from "fastify";
import { orgOf, type SimulatorContext } from "../context";
import { notFound } from "../errors";
import type { GroupDoc } from "../store/user-groups";
import { objectIdParam } from "./reply-helpers";

/** The caller's org and the group of the path. */
export function groupOf(ctx: SimulatorContext, request: FastifyRequest): { orgId: string; group: GroupDoc } {
    const id = objectIdParam(request.params, "group_id");
    const orgId = orgOf(request);
    const group = ctx.store.userGroups.load(orgId, id);
    if (!group) throw notFound("user group");
    return { orgId, group };
}

/** The group loaded again inside a write, so a group deleted meanwhile is a 404 rather than a dangling edge. */
export function reloadGroup(ctx: SimulatorContext, orgId: string, id: string): GroupDoc {
    const group = ctx.store.userGroups.load(orgId, id);
    if (!group) throw notFound("user group");
    return group;
}
