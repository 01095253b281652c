/**
 * The plain shapes the runtime implementations return. They match `@pulumi/pulumi`'s dynamic-provider result
 * interfaces structurally, so the thin provider objects in `resources/` pass them through unchanged, while this
 * layer stays free of any Pulumi import (testable without an engine).
 */

import type { CheckFailure } from "../model/validation";

export interface CheckResult<Inputs> {
    readonly inputs?: Inputs;
    readonly failures?: CheckFailure[];
}

export interface DiffResult {
    readonly changes?: boolean;
    /**
     * The inputs that differ, by property path ("email", "attributes.sudo"), replacing ones included. The engine's
     * dynamic-provider host does not read it (the preview shows the engine's own comparison of old and new inputs);
     * it says what this provider judged changed, for tests and tools.
     */
    readonly changedFields?: string[];
    readonly replaces?: string[];
    readonly stables?: string[];
    readonly deleteBeforeReplace?: boolean;
}

export interface CreateResult<Outputs> {
    readonly id: string;
    readonly outs?: Outputs;
}

export interface ReadResult<Outputs, Inputs> {
    /** Empty when the object is gone: the engine then drops the resource from state. */
    readonly id?: string;
    readonly props?: Outputs;
    readonly inputs?: Inputs;
}

export interface UpdateResult<Outputs> {
    readonly outs?: Outputs;
}

/**
 * The methods every runtime implementation offers; `resources/` wraps one per resource type. `ReadInputs` is what
 * `read` reports as the inputs: the live state in the inputs' shape, which need not be valid inputs (a console edit
 * may break a rule `check` enforces). @default Inputs
 */
export interface RuntimeProvider<Inputs, Outputs, ReadInputs = Inputs> {
    check(olds: unknown, news: unknown): Promise<CheckResult<Inputs>>;
    diff(id: string, olds: Outputs, news: Inputs): Promise<DiffResult>;
    create(inputs: Inputs): Promise<CreateResult<Outputs>>;
    read(id: string, props?: Outputs): Promise<ReadResult<Outputs, ReadInputs>>;
    update(id: string, olds: Outputs, news: Inputs): Promise<UpdateResult<Outputs>>;
    delete(id: string, props: Outputs): Promise<void>;
}
