/**
 * JSON schemas derived from the JumpCloud API v2 spec (types, required, enums; no prose), committed with the
 * simulator so nothing reads the spec files at run time. See README.md beside this file for how they were made.
 */
import authInputObject from "./auth-input-object.json";
import bulkUserCreate from "./bulk-user-create.json";
import error from "./error.json";
import jobId from "./job-id.json";
import jobWorkresult from "./job-workresult.json";
import pushEndpoint from "./push-endpoint.json";
import pushEndpointPatch from "./push-endpoint-patch.json";
import userGroup from "./user-group.json";
import userGroupPost from "./user-group-post.json";
import userGroupPut from "./user-group-put.json";
import workdayFields from "./workday-fields.json";
import workdayInput from "./workday-input.json";
import workdayOutput from "./workday-output.json";
import workdayWorker from "./workday-worker.json";

/** A JSON schema document as loaded from disk. */
export type JsonSchema = Record<string, unknown>;

/** Every derived schema by its spec name (kebab-case). */
export const schemas: Readonly<Record<string, JsonSchema>> = {
    "auth-input-object": authInputObject,
    "bulk-user-create": bulkUserCreate,
    error,
    "job-id": jobId,
    "job-workresult": jobWorkresult,
    "push-endpoint": pushEndpoint,
    "push-endpoint-patch": pushEndpointPatch,
    "user-group": userGroup,
    "user-group-post": userGroupPost,
    "user-group-put": userGroupPut,
    "workday-fields": workdayFields,
    "workday-input": workdayInput,
    "workday-output": workdayOutput,
    "workday-worker": workdayWorker,
};

/** Looks a schema up by name; throws for a name that does not exist (a programming error). */
export function schema(name: string): JsonSchema {
    const found = schemas[name];
    if (!found) throw new Error(`unknown schema ${name}`);
    return found;
}
