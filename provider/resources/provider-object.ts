/**
 * The dynamic-provider objects the engine stores in state (`__provider`, twice per resource).
 *
 * For each resource type a tiny module (`<type>-provider.ts`) exports the seven provider methods built here, and
 * that module's exports object *is* the provider handed to the engine. The closure serializer writes a module
 * found under `node_modules` as a single `require("pulumi-jumpcloud/dist/resources/<type>-provider.js")`, so the
 * stored text is about 300 bytes, holds no credential or URL, and runs whatever version of the package is installed
 * when the engine calls it (an upgrade takes effect for existing resources without an update). A plain object
 * literal would instead be serialized method by method (about 2.7 KB per copy). Settings reach the runtime
 * through `configure()`, never through a capture.
 */
import type * as pulumi from "@pulumi/pulumi";
// Not named `context`: mocha defines a global of that name, and the closure serializer does not capture a name that
// resolves to a global, so a provider serialized under mocha would fail in the engine.
import * as providerContext from "../runtime/context";
import type { RuntimeProvider } from "../runtime/types";

/**
 * The provider methods of one runtime implementation: a runtime's methods plus `configure`. They are what
 * `pulumi.dynamic.ResourceProvider` asks for, typed by the runtime's own results (that interface types the inputs
 * `read` returns as outputs, which they are not).
 */
export type ProviderMethods<I, O, R> = RuntimeProvider<I, O, R> & {
    configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
};

/** Binds the provider methods to a runtime; a `<type>-provider.ts` module re-exports them. */
export function bindProvider<I, O, R>(runtime: RuntimeProvider<I, O, R>): ProviderMethods<I, O, R> {
    return {
        async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
            // The stack config arrives namespaced ("jumpcloud:apiKey"); the runtime asks for bare keys.
            providerContext.setConfigGetter((key) => req.config.get(`jumpcloud:${key}`));
        },
        check: (olds, news) => runtime.check(bare(olds), bare(news)),
        diff: (id, olds, news) => runtime.diff(id, bare(olds), bare(news)),
        create: (inputs) => runtime.create(bare(inputs)),
        read: (id, props) => runtime.read(id, props && bare(props)),
        update: (id, olds, news) => runtime.update(id, bare(olds), bare(news)),
        delete: (id, props) => runtime.delete(id, bare(props)),
    };
}

/**
 * The engine hands every method the serialized provider itself under `__provider` (and adds it back to whatever
 * is returned); the runtime never needs to see it.
 */
function bare<T>(props: T): T {
    if (props === null || typeof props !== "object" || !("__provider" in props)) return props;
    const { __provider: _, ...rest } = props as Record<string, unknown>;
    return rest as T;
}
