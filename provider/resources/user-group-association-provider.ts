/**
 * The UserGroupAssociation dynamic provider: this module's exports are the provider object the engine serializes,
 * as one `require()` of this file (see provider-object.ts).
 */
import * as associationRuntime from "../runtime/user-group-association";
import { bindProvider } from "./provider-object";

const bound = bindProvider(associationRuntime);
export const { configure, check, diff, create, read, update } = bound;
const remove = bound.delete;

export { remove as delete };
