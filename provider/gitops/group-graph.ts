/**
 * The graph part of a group file: `members` (users named by email, username or id, resolved to ids at program
 * time) and `associations` (`{type, id, attributes?}` entries). Validated here with property paths, as the group's
 * own fields are.
 */
import type { ApiAssociationTargetType, ApiGraphAttributes } from "../client/types";
import { validateAssociationEntry } from "../model/user-group-association";
import { type CheckFailure, Validator } from "../model/validation";

/** The keys of a group file beyond the UserGroup inputs. */
export const GROUP_GRAPH_KEYS = ["members", "associations"] as const;

/** One member as the file names it, with its line (for messages at program time). */
export interface GitOpsMember {
    /** An email address, a username or a user id, as written. */
    readonly value: string;
    /** 1-based line of the entry, when known. */
    readonly line?: number;
}

/** One association of the group. */
export interface GitOpsAssociation {
    readonly type: ApiAssociationTargetType;
    /** The target's ObjectId. */
    readonly id: string;
    /** The association's attributes (e.g. `sudo`), when the file sets them. */
    readonly attributes?: ApiGraphAttributes;
}

/** Every rule for `members` and `associations` that can be known without the API. */
export function validateGroupGraph(value: Record<string, unknown>): CheckFailure[] {
    const v = new Validator();
    const example = "members:\n  - alice@example.com\n  - bob";
    if (v.array("members", value.members, { example })) {
        value.members.forEach((m, i) => {
            v.string(`members[${i}]`, m, {
                required: true,
                maxLength: 1024,
                example: "an email address, a username or a user id",
            });
        });
        v.unique("members", value.members, (m) => (typeof m === "string" ? m.toLowerCase() : undefined), "member");
    }
    if (v.array("associations", value.associations, { example: "[{ type: system, id: <system id> }]" })) {
        v.eachObject("associations", value.associations, "{ type: system, id: 5f0c1b2c3d4e5f6a7b8c9d0e }", (p, a) =>
            validateAssociationEntry(v, p, a),
        );
        v.unique(
            "associations",
            value.associations,
            (a) => {
                const o = a as { type?: unknown; id?: unknown };
                return `${String(o.type)}/${String(o.id).toLowerCase()}`;
            },
            "association",
        );
    }
    return v.failures;
}

/** The associations of a file that {@link validateGroupGraph} accepted. */
export function associationsOf(value: Record<string, unknown>): GitOpsAssociation[] {
    const list = Array.isArray(value.associations) ? (value.associations as Array<Record<string, unknown>>) : [];
    return list.map((a) => ({
        type: a.type as ApiAssociationTargetType,
        id: String(a.id).toLowerCase(),
        ...(a.attributes === undefined ? {} : { attributes: a.attributes as ApiGraphAttributes }),
    }));
}
