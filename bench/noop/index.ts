/**
 * Entry of the floor package: the no-op resource's provider, as a module's exports (the package passes its own
 * provider modules the same way), so the serializer writes a require() reference instead of copying functions.
 */
import * as moduleProvider from "./module-provider";

/** The provider as a module's exports: the smallest `__provider` the serializer can write. */
export const noopModuleProvider = moduleProvider;
