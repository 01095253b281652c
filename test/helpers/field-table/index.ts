/**
 * Every resource type's field table, in one list: test/contract/field-table.test.ts runs every row of each, and
 * test/e2e/field-table.test.ts the rows marked `engine`. A new resource type adds its table file beside these and
 * one entry here; the contract test fails until every dynamic resource of provider/resources/ has one.
 */
import type { ResourceTable } from "./table";
import { userGroupTable } from "./user-group";
import { pushEndpointTable } from "./user-push-endpoint";
import { workdayImportTable } from "./workday-import";
import { workdayInstanceTable } from "./workday-instance";

/** The tables, one per resource type. */
export const FIELD_TABLES: ReadonlyArray<ResourceTable<unknown>> = [
    userGroupTable,
    workdayInstanceTable,
    workdayImportTable,
    pushEndpointTable,
];
