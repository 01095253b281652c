/**
 * Every resource type's field table, in one list: test/contract/field-table.test.ts runs every row of each, and
 * test/e2e/field-table.test.ts the rows marked `engine`. A new resource type adds its table file beside these and
 * one entry here; the contract test fails until every dynamic resource of provider/resources/ has one.
 */
import type { ResourceTable } from "./table";
import { userGroupTable } from "./user-group";
import { associationTable } from "./user-group-association";
import { memberTable } from "./user-group-member";
import { membershipTable } from "./user-group-membership";
import { pushEndpointTable } from "./user-push-endpoint";
import { workdayImportTable } from "./workday-import";
import { workdayInstanceTable } from "./workday-instance";

/** The tables, one per resource type. */
export const FIELD_TABLES: ReadonlyArray<ResourceTable<unknown>> = [
    userGroupTable,
    workdayInstanceTable,
    workdayImportTable,
    pushEndpointTable,
    membershipTable,
    memberTable,
    associationTable,
];

/**
 * Resource types that have no field table yet, named so that the gap is visible and bounded: the contract test
 * requires the tables plus this list to be exactly the dynamic resources of provider/resources/, so a new resource
 * without a table still fails it. Every resource type has one now.
 */
export const RESOURCES_WITHOUT_TABLES: readonly string[] = [];
