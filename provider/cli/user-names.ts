/**
 * Users named as a person reads them and as a group file's `members:` resolves them: the email address, else the
 * username, else the id. Built from one listing of the organisation's users (ids, usernames and emails only).
 */
import type { CallOptions } from "../client/call-options";
import type { JumpCloudClient } from "../client/client";
import { hasStatus } from "../client/errors";
import { OBJECT_ID } from "../client/paths";

/** What a user name is built from. */
export interface UserIdentity {
    readonly _id: string;
    readonly username?: string | undefined;
    readonly email?: string | undefined;
}

/**
 * A name per user id (lower-cased ids as keys). The email when the user has one that no other user shares
 * (ignoring case, as `members:` matches emails); else the username when it cannot be mistaken for an email or an id
 * (it holds no "@" and is not 24 hex digits) and no other user has it; else the id itself. Every name resolves back
 * to its user through `resolveGroupMembers`.
 */
export function userNames(users: Iterable<UserIdentity>): Map<string, string> {
    const list = [...users];
    const emailCount = new Map<string, number>();
    const usernameCount = new Map<string, number>();
    for (const u of list) {
        if (typeof u.email === "string" && u.email !== "") {
            const key = u.email.toLowerCase();
            emailCount.set(key, (emailCount.get(key) ?? 0) + 1);
        }
        if (typeof u.username === "string" && u.username !== "") {
            usernameCount.set(u.username, (usernameCount.get(u.username) ?? 0) + 1);
        }
    }
    const out = new Map<string, string>();
    for (const u of list) {
        const id = u._id.toLowerCase();
        const email = typeof u.email === "string" && u.email.includes("@") ? u.email : "";
        const username = typeof u.username === "string" ? u.username : "";
        if (email !== "" && emailCount.get(email.toLowerCase()) === 1) out.set(id, email);
        else if (
            username !== "" &&
            !username.includes("@") &&
            !OBJECT_ID.regex.test(username) &&
            usernameCount.get(username) === 1
        ) {
            out.set(id, username);
        } else out.set(id, id);
    }
    return out;
}

/** Lists every user of the organisation (⌊N/100⌋ + 1 requests for N users) and names them with {@link userNames}. */
export async function listUserNames(client: JumpCloudClient, options?: CallOptions): Promise<Map<string, string>> {
    const users: UserIdentity[] = [];
    for await (const u of client.users.list({ fields: ["username", "email"] }, options)) users.push(u);
    return userNames(users);
}

/** The name of one id: its entry in `names`, else the id itself. */
export function userName(names: ReadonlyMap<string, string>, id: string): string {
    return names.get(id.toLowerCase()) ?? id;
}

/** What to call one user: the email, else the username, else the id. */
export function displayName(u: UserIdentity): string {
    if (typeof u.email === "string" && u.email !== "") return u.email;
    if (typeof u.username === "string" && u.username !== "") return u.username;
    return u._id.toLowerCase();
}

/**
 * Names a few users by id: one GET each (email and username only), 8 at a time; a user that no longer exists keeps
 * its id. Cheaper than a listing of the organisation for the handful of users a drift report names.
 */
export async function fetchUserNames(
    client: JumpCloudClient,
    ids: readonly string[],
    options?: CallOptions,
): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < ids.length) {
            const id = (ids[next++] as string).toLowerCase();
            try {
                out.set(id, displayName(await client.users.get(id, { ...options, fields: ["username", "email"] })));
            } catch (e) {
                if (!hasStatus(e, 404)) throw e;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
    return out;
}
