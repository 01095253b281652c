/**
 * The thin dynamic-provider objects the engine stores in state (`__provider`) for every resource.
 *
 * Each method only forwards to a runtime module. The closure serializer writes a module that lives under
 * `node_modules` as `require("pulumi-jumpcloud/dist/...")`, so the stored text stays tiny, holds no credential or URL,
 * and runs whatever version of the package is installed when the engine calls it (an upgrade takes effect for
 * existing resources without an update). Settings reach the runtime through `configure()`, never through a capture.
 */
import type * as pulumi from "@pulumi/pulumi";
// Not named `context`: mocha defines a global of that name, and the closure serializer does not capture a name that
// resolves to a global, so the provider would fail in the engine only when the program runs under mocha.
import * as providerContext from "../runtime/context";
import type { RuntimeProvider } from "../runtime/types";

/** Builds the provider object for one runtime implementation; call it once per resource type, at module level. */
export function providerObject<I, O>(runtime: RuntimeProvider<I, O>): pulumi.dynamic.ResourceProvider<I, O> {
    return {
        async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
            // The stack config arrives namespaced ("jumpcloud:apiKey"); the runtime asks for bare keys.
            providerContext.setConfigGetter((key) => req.config.get(`jumpcloud:${key}`));
        },
        check: (olds, news) => runtime.check(bare(olds), bare(news)) as Promise<pulumi.dynamic.CheckResult<I>>,
        diff: (id, olds, news) => runtime.diff(id, bare(olds), bare(news)),
        create: (inputs) => runtime.create(bare(inputs)),
        read: (id, props) => runtime.read(id, props && bare(props)) as Promise<pulumi.dynamic.ReadResult<O>>,
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
