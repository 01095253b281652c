/**
 * The floor's provider as a module: the engine's minimum. A dynamic resource given a module's exports as its
 * provider gets a `__provider` of one `require(...)` line (about 270 bytes), because the closure serializer stores
 * a module under `node_modules` by reference; an object literal's methods are each written out with the serializer's
 * wrapper code (about 2.6 KB for seven methods).
 */
import type * as pulumi from "@pulumi/pulumi";
import * as runtime from "./runtime";
import * as settings from "./settings";

type Props = Record<string, unknown>;

function bare(props: Props): Props {
    if (props === null || typeof props !== "object" || !("__provider" in props)) return props;
    const { __provider: _, ...rest } = props;
    return rest;
}

/** Stores the stack-config getter, as the package's `configure()` does. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    settings.setConfigGetter((key) => req.config.get(`jumpcloud:${key}`));
}

/** Forwards to the no-op runtime. */
export const check = (olds: Props, news: Props) => runtime.check(bare(olds), bare(news));
/** Forwards to the no-op runtime. */
export const diff = (id: string, olds: Props, news: Props) => runtime.diff(id, bare(olds), bare(news));
/** Forwards to the no-op runtime. */
export const create = (inputs: Props) => runtime.create(bare(inputs));
/** Forwards to the no-op runtime. */
export const read = (id: string, props: Props) => runtime.read(id, bare(props ?? {}));
/** Forwards to the no-op runtime. */
export const update = (id: string, olds: Props, news: Props) => runtime.update(id, bare(olds), bare(news));
const remove = (id: string, props: Props) => runtime.delete(id, bare(props));

// `delete` is a reserved word for a binding name, not for an export name.
export { remove as delete };
