/**
 * JSON schemas derived from JumpCloud's API specs (v2, v1) and, for the token endpoint, from RFC 6749 (types,
 * required, enums; no prose), committed with the simulator so nothing reads a spec at run time. See README.md beside
 * this file for how they were made.
 */
import authInputObject from "./auth-input-object.json";
import bulkUserCreate from "./bulk-user-create.json";
import error from "./error.json";
import graphConnection from "./graph-connection.json";
import graphObjectWithPaths from "./graph-object-with-paths.json";
import graphOperationUserGroup from "./graph-operation-user-group.json";
import graphOperationUserGroupMember from "./graph-operation-user-group-member.json";
import jobId from "./job-id.json";
import jobWorkresult from "./job-workresult.json";
import memberSuggestion from "./member-suggestion.json";
import memberSuggestionsPostResult from "./member-suggestions-post-result.json";
import oauthError from "./oauth-error.json";
import oauthToken from "./oauth-token.json";
import pushEndpoint from "./push-endpoint.json";
import pushEndpointPatch from "./push-endpoint-patch.json";
import systemuserReturn from "./systemuser-return.json";
import systemusersList from "./systemusers-list.json";
import userGroup from "./user-group.json";
import userGroupPost from "./user-group-post.json";
import userGroupPut from "./user-group-put.json";
import userGroupSuggestionsPost from "./user-group-suggestions-post.json";
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
    "graph-connection": graphConnection,
    "graph-object-with-paths": graphObjectWithPaths,
    "graph-operation-user-group": graphOperationUserGroup,
    "graph-operation-user-group-member": graphOperationUserGroupMember,
    "job-id": jobId,
    "job-workresult": jobWorkresult,
    "member-suggestion": memberSuggestion,
    "member-suggestions-post-result": memberSuggestionsPostResult,
    "oauth-error": oauthError,
    "oauth-token": oauthToken,
    "push-endpoint": pushEndpoint,
    "push-endpoint-patch": pushEndpointPatch,
    "user-group": userGroup,
    "user-group-post": userGroupPost,
    "user-group-put": userGroupPut,
    "user-group-suggestions-post": userGroupSuggestionsPost,
    "systemuser-return": systemuserReturn,
    "systemusers-list": systemusersList,
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
