/**
 * GitOps for user groups: one YAML file per group, validated as a whole before anything is declared.
 */
export { exportFileNames, MAX_SLUG_LENGTH, slugify } from "./export-file-names";
export { type GroupDocumentOptions, groupDocument, groupFileText } from "./group-document";
export { GROUP_FILE_KEYS, type ParsedGroupFile, parseGroupFile } from "./group-file";
export { type GitOpsAssociation, type GitOpsMember, GROUP_GRAPH_KEYS, validateGroupGraph } from "./group-graph";
export {
    checkGroupFolder,
    type GitOpsGroup,
    type GroupFolderCheck,
    type LoadGroupsOptions,
    listGroupFiles,
    loadGroupFolder,
} from "./load-groups";
export { formatProblem, type GitOpsProblem, GitOpsValidationError, isGitOpsValidationError } from "./problem";
export { parsePropertyPath, valueAtPath } from "./property-path";
export { GROUP_FILE_EXTENSIONS, resourceNameForFile } from "./resource-name";
