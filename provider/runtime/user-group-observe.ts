/**
 * What `observeMembers` and `applySuggestions` add to a UserGroup: counting the group's direct members, listing the
 * pending suggestions of a `DYNAMIC_REVIEW_REQUIRED` group, and approving them.
 *
 * API calls: observing costs the member pages (⌊L/100⌋ + 1 GETs for L direct members) plus, for a review-required
 * group, the suggestion pages (⌊S/100⌋ + 1 GETs for S pending suggestions); approving costs one POST.
 */
import type { CallOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import type { ApiUserGroup } from "../client/types";
import type { ObservedMembers, PendingSuggestions } from "../model/user-group";
import { liveMemberIds } from "./group-members";

/** The group's pending suggestions, every page, as sorted user ids to add and to remove. */
async function pendingSuggestions(
    client: JumpCloudClient,
    groupId: string,
    options: CallOptions | undefined,
): Promise<PendingSuggestions> {
    const add: string[] = [];
    const remove: string[] = [];
    for await (const s of client.userGroups.suggestions.list(groupId, options)) {
        (s.op === "remove" ? remove : add).push(s.object.id.toLowerCase());
    }
    return { add: add.sort(), remove: remove.sort() };
}

/** The member count of a group and, for a review-required one, its pending suggestions. */
export async function observeMembers(
    client: JumpCloudClient,
    group: ApiUserGroup,
    options: CallOptions | undefined,
): Promise<ObservedMembers> {
    const memberCount = (await liveMemberIds(client, group.id, options)).length;
    if (group.membershipMethod !== "DYNAMIC_REVIEW_REQUIRED") return { memberCount };
    return { memberCount, pendingSuggestions: await pendingSuggestions(client, group.id, options) };
}

/**
 * Approves these suggestions (the ones the preview showed, recorded by the last read): one POST with their user ids.
 * A suggestion that is gone by now (approved in the console, or the user changed) is reported by the API as not
 * found and changes nothing.
 */
export async function approveSuggestions(
    client: JumpCloudClient,
    groupId: string,
    pending: PendingSuggestions,
    options: CallOptions | undefined,
): Promise<void> {
    await client.userGroups.suggestions.apply(groupId, [...pending.add, ...pending.remove], options);
}
