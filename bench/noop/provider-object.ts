/**
 * The floor's provider object, built the same way as the package's (provider/resources/provider-object.ts): every
 * method forwards to a runtime module and strips `__provider`. It is installed as a package under a `node_modules`
 * folder (see bench/lib/noop-package.ts), so the closure serializer stores it as a few `require(...)` lines, like the
 * real resources, and the floor pays the same serialization and deserialization cost.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as settings from "./settings";

/** The methods a runtime implements (plain inputs and outputs, no `__provider`). */
export interface NoopRuntime {
    check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
    diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult>;
    create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult>;
    read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult>;
    update(
        id: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<pulumi.dynamic.UpdateResult>;
    delete(id: string, props: Record<string, unknown>): Promise<void>;
}

/** Builds the provider object for one runtime; called once, at module level. */
export function providerObject(runtime: NoopRuntime): pulumi.dynamic.ResourceProvider {
    return {
        async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
            settings.setConfigGetter((key) => req.config.get(`jumpcloud:${key}`));
        },
        check: (olds, news) => runtime.check(bare(olds), bare(news)),
        diff: (id, olds, news) => runtime.diff(id, bare(olds), bare(news)),
        create: (inputs) => runtime.create(bare(inputs)),
        read: (id, props) => runtime.read(id, bare(props ?? {})),
        update: (id, olds, news) => runtime.update(id, bare(olds), bare(news)),
        delete: (id, props) => runtime.delete(id, bare(props)),
    };
}

function bare(props: Record<string, unknown>): Record<string, unknown> {
    if (props === null || typeof props !== "object" || !("__provider" in props)) return props;
    const { __provider: _, ...rest } = props;
    return rest;
}
