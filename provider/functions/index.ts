/**
 * The lookup functions: read-only, run in the program's process at program time (preview and up), never stored.
 */
export * from "./get-user-group";
export * from "./get-user-push-endpoints";
export * from "./get-workday-import-results";
export * from "./get-workday-workers";
export { InvalidArgumentsError } from "./program-client";
