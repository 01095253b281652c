/**
 * The package's public surface, as a user's project sees the built package: the root exports exactly the names
 * listed here (resources, functions, the GitOps loader, the errors a program may catch and the API types these
 * mention), and the API client is reachable as `pulumi-jumpcloud/client`, for code and for types under both of
 * TypeScript's Node.js module resolutions. A new export must be added here on purpose.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";

const installed = path.join(__dirname, "..", "..", "..", "node_modules", "pulumi-jumpcloud");

const ROOT_VALUES = [
    "AdoptMismatchError",
    "BadRequestError",
    "DynamicGroupError",
    "ConflictError",
    "ForbiddenError",
    "GitOpsValidationError",
    "InvalidArgumentsError",
    "JumpCloudError",
    "NetworkError",
    "NotFoundError",
    "RateLimitedError",
    "ServerError",
    "SettingsError",
    "TimeoutError",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "UserGroup",
    "UserGroupAssociation",
    "UserGroupMember",
    "UserGroupMembership",
    "UserPushEndpoint",
    "WorkdayImport",
    "WorkdayInstance",
    "checkGroupFolder",
    "formatProblem",
    "getUser",
    "getUserGroup",
    "getUserGroupMembers",
    "getUserGroupMembersOutput",
    "getUserGroupOutput",
    "getUserOutput",
    "getUsers",
    "getUsersOutput",
    "getUserPushEndpoints",
    "getUserPushEndpointsOutput",
    "getWorkdayImportResults",
    "getWorkdayImportResultsOutput",
    "getWorkdayWorkers",
    "getWorkdayWorkersOutput",
    "isGitOpsValidationError",
    "isJumpCloudError",
    "isProviderError",
    "loadGroupFolder",
    "NameTakenError",
    "ObjectNotFoundError",
    "parseGroupFile",
    "ProviderError",
    "resolveGroupMembers",
    "resourceNameForFile",
];

const ROOT_TYPES = [
    "AdoptArgs",
    "AdoptOptions",
    "AlreadyImportedUser",
    "ApiBulkUser",
    "ApiAssociationTargetType",
    "ApiFilterMemberQuery",
    "ApiFilterQueryMemberQuery",
    "ApiGraphAttributes",
    "ApiGraphObject",
    "ApiGroupAttributes",
    "ApiImportResult",
    "ApiMemberFilter",
    "ApiMemberQuery",
    "ApiPushEndpoint",
    "ApiPushEndpointDevice",
    "ApiRadiusReply",
    "ApiSearchMemberQuery",
    "ApiSudoAttributes",
    "ApiSuggestionCounts",
    "ApiSystemUser",
    "ApiUserAttribute",
    "ApiUserGroup",
    "ApiUserState",
    "ApiWorkdayWorker",
    "BulkUserArgs",
    "BulkUserAttributeArgs",
    "FailedImportUser",
    "FailedImportUserOutput",
    "FilterOperator",
    "GetUserArgs",
    "GetUserGroupArgs",
    "GetUserGroupMembersArgs",
    "GetUserGroupMembersResult",
    "GetUserGroupResult",
    "GetUserResult",
    "GetUsersArgs",
    "GetUsersResult",
    "GetUserPushEndpointsArgs",
    "GetUserPushEndpointsResult",
    "GetWorkdayImportResultsArgs",
    "GetWorkdayImportResultsResult",
    "GetWorkdayWorkersArgs",
    "GetWorkdayWorkersResult",
    "GitOpsAssociation",
    "GitOpsGroup",
    "GitOpsMember",
    "GitOpsProblem",
    "GroupFolderCheck",
    "GroupMembersToResolve",
    "ImportSummary",
    "LoadGroupsOptions",
    "MemberQueryArgs",
    "MemberQueryExemptionInput",
    "MemberQueryFilterArgs",
    "MemberQueryInput",
    "MembershipMethod",
    "ParsedGroupFile",
    "ProviderErrorCode",
    "PushEndpointInputs",
    "PushEndpointOutputs",
    "ResolveGroupMembersOptions",
    "SudoArgs",
    "SudoInput",
    "UserGroupArgs",
    "UserGroupAttributesArgs",
    "UserGroupAttributesInput",
    "UserGroupAssociationArgs",
    "UserGroupAssociationInputs",
    "UserGroupAssociationOutputs",
    "UserGroupInputs",
    "UserGroupMemberArgs",
    "UserGroupMemberInputs",
    "UserGroupMemberOutputs",
    "UserGroupMembershipArgs",
    "UserGroupMembershipInputs",
    "UserGroupMembershipOutputs",
    "UserGroupOutputs",
    "UserPushEndpointArgs",
    "WorkdayAuthStatus",
    "WorkdayAuthStatusOutput",
    "WorkdayImportArgs",
    "WorkdayImportInputs",
    "WorkdayImportOutputs",
    "WorkdayInstanceArgs",
    "WorkdayInstanceInputs",
    "WorkdayInstanceOutputs",
];

/** Every name a declaration file exports (types and values), sorted. */
function exportedNames(declarationFile: string): string[] {
    const program = ts.createProgram([declarationFile], { strict: true, skipLibCheck: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(declarationFile);
    const symbol = source && checker.getSymbolAtLocation(source);
    assert.ok(symbol, `${declarationFile} is a module`);
    return checker
        .getExportsOfModule(symbol)
        .map((s) => s.name)
        .sort();
}

describe("public exports of the built package", () => {
    it("the root exports exactly the listed values", () => {
        assert.deepEqual(Object.keys(require(installed)).sort(), [...ROOT_VALUES].sort());
    });

    it("the root's type declarations export exactly the listed values and types", function () {
        this.timeout(60_000);
        assert.deepEqual(
            exportedNames(path.join(installed, "dist", "index.d.ts")),
            [...ROOT_VALUES, ...ROOT_TYPES].sort(),
        );
    });

    describe("pulumi-jumpcloud/client, from a project outside this repository", () => {
        let project = "";
        before(() => {
            project = fs.mkdtempSync(path.join(os.tmpdir(), "jumpcloud-exports-"));
            fs.mkdirSync(path.join(project, "node_modules"));
            fs.symlinkSync(installed, path.join(project, "node_modules", "pulumi-jumpcloud"), "dir");
            fs.writeFileSync(
                path.join(project, "index.ts"),
                [
                    'import { JumpCloudClient, type ApiUserGroup } from "pulumi-jumpcloud/client";',
                    'import { UserGroup } from "pulumi-jumpcloud";',
                    "export const made: [typeof JumpCloudClient, typeof UserGroup] = [JumpCloudClient, UserGroup];",
                    "export type Group = ApiUserGroup;",
                    "",
                ].join("\n"),
            );
        });
        after(() => fs.rmSync(project, { recursive: true, force: true }));

        it("loads through the package's exports map", () => {
            const out = execFileSync(
                process.execPath,
                ["-e", 'console.log(typeof require("pulumi-jumpcloud/client").JumpCloudClient)'],
                { cwd: project, encoding: "utf8" },
            );
            assert.equal(out.trim(), "function");
        });

        for (const [label, moduleResolution, module] of [
            ["node10 (typesVersions)", ts.ModuleResolutionKind.Node10, ts.ModuleKind.CommonJS],
            ["node16 (exports)", ts.ModuleResolutionKind.Node16, ts.ModuleKind.Node16],
        ] as const) {
            it(`type-checks an import of it under moduleResolution ${label}`, function () {
                this.timeout(60_000);
                const program = ts.createProgram([path.join(project, "index.ts")], {
                    strict: true,
                    skipLibCheck: true,
                    noEmit: true,
                    types: [],
                    moduleResolution,
                    module,
                });
                const errors = ts
                    .getPreEmitDiagnostics(program)
                    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
                assert.deepEqual(errors, []);
            });
        }
    });
});
