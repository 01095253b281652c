/**
 * Entry of the floor package: the no-op resource's provider in the two shapes the benchmark compares.
 */
// The module objects themselves are used (as the package passes its runtime modules), so the serializer writes
// require() references to them instead of copying their functions.
import * as moduleProvider from "./module-provider";
import { providerObject } from "./provider-object";
import * as runtime from "./runtime";

/** A module-level provider object built like the package's `providerObject(runtime)`: seven forwarding methods. */
export const noopProvider = providerObject(runtime);

/** The provider as a module's exports: the smallest `__provider` the serializer can write. */
export const noopModuleProvider = moduleProvider;
