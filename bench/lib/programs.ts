/**
 * The benchmark programs: N user groups from the installed package ("ours"), or N no-op resources of the same shape
 * (the floor). Both read their description from a mutable holder, so one stack can be updated in place.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { repoRoot } from "../../scripts/lib/engine";

/** Which implementation a stack runs: our UserGroup, or the floor (a no-op provider given as a module). */
export type Variant = "ours" | "floor";

/** Every variant, in table order. */
export const VARIANTS: readonly Variant[] = ["ours", "floor"];

/** How tables name each variant. */
export const VARIANT_LABELS: Record<Variant, string> = {
    ours: "UserGroup (pulumi-jumpcloud)",
    floor: "floor: no-op provider",
};

/** What the program declares; change `description` between runs to update every resource. */
export interface ProgramShape {
    /** How many resources. */
    n: number;
    /** Prefix of every group name; unique per stack so stacks sharing a simulator never collide. */
    namePrefix: string;
    /** The description of every group. */
    description: string;
}

/** The inputs both variants take (the subset of UserGroupArgs the benchmark sets). */
interface GroupArgs {
    name: string;
    description: string;
}

type GroupConstructor = new (name: string, args: GroupArgs) => pulumi.CustomResource;

/**
 * The UserGroup class of the package installed in node_modules, as a user's program loads it (never the sources).
 *
 * Why the absolute path: inside this repository `require("pulumi-jumpcloud")` resolves to the repository's own
 * dist/ (Node.js package self-reference: the root package.json has that name and an "exports" map), which lies
 * outside node_modules, so the closure serializer would copy the library into every `__provider` (or fail on it).
 */
export function installedUserGroup(): GroupConstructor {
    const pkg = require(path.join(repoRoot, "node_modules", "pulumi-jumpcloud")) as { UserGroup?: GroupConstructor };
    if (typeof pkg.UserGroup !== "function") {
        throw new Error("the installed pulumi-jumpcloud does not export UserGroup yet");
    }
    return pkg.UserGroup;
}

/** The floor resource class: same inputs and output-only fields as UserGroup, over a no-op provider. */
export function noopGroupClass(provider: pulumi.dynamic.ResourceProvider): GroupConstructor {
    return class NoopGroup extends pulumi.dynamic.Resource {
        constructor(name: string, args: GroupArgs) {
            const outputsOnly = {
                type: undefined,
                suggestionCounts: undefined,
                memberQueryErrorFlags: undefined,
                organizationObjectId: undefined,
            };
            super(provider, name, { ...outputsOnly, ...args }, undefined, "jumpcloud-bench", "NoopGroup");
        }
    };
}

/** The type token each variant's resources get in state. */
export const TYPE_TOKENS: Record<Variant, string> = {
    ours: "pulumi-nodejs:dynamic/jumpcloud:UserGroup",
    floor: "pulumi-nodejs:dynamic/jumpcloud-bench:NoopGroup",
};

/** An inline program declaring `shape.n` groups of class `Group`, reading `shape` each time it runs. */
export function groupsProgram(Group: GroupConstructor, shape: ProgramShape): PulumiFn {
    return async () => {
        for (let i = 0; i < shape.n; i++) {
            new Group(`group-${i}`, { name: `${shape.namePrefix}-${i}`, description: shape.description });
        }
        return {};
    };
}
