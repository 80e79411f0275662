import type { Indexes, NamedTableInfo, Query } from "convex/server";
import type { DataModel, Doc, TableNames } from "../_generated/dataModel";
import type { DatabaseReader } from "../_generated/server";
import { BATCH_SIZE, NOTE_BATCH_SIZE } from "./limits";

/*
 * Every table that holds someone's rows, with how each is read, exported
 * and deleted. "Export my data" and "delete my data" walk this registry, so
 * a new table is part of both once it is listed here, and
 * `userTables.test.ts` fails while a table with a `userId` is missing.
 * (The rate-limit buckets of convex-helpers key rows by `key`, not
 * `userId`: "delete my data" removes them by name, lib/rateLimits.)
 * Types only besides the limits: the frontend imports the export list.
 */

/** Tables whose documents carry a `userId`: rows that belong to someone. */
export type UserTableName = {
  [T in TableNames]: Doc<T> extends { userId: string } ? T : never;
}[TableNames];

type IndexesOf<T extends TableNames> = Indexes<NamedTableInfo<DataModel, T>>;

/** The indexes of `T` whose first field is `userId`. */
type UserIndex<T extends TableNames> = {
  [I in keyof IndexesOf<T>]: IndexesOf<T>[I] extends ["userId", ...string[]]
    ? I
    : never;
}[keyof IndexesOf<T>];

type UserTable<T extends TableNames> = {
  /** Reads of a user's rows range over this index and nothing wider. */
  index: UserIndex<T>;
  /**
   * Rows per page of "export my data", sized to keep a page far below the
   * read limits; null: not part of the export.
   */
  exportPageSize: number | null;
  /**
   * Rows per batch of "delete my data"; null: not deleted by its batches.
   */
  deleteBatchSize: number | null;
  /** Exported only when the person asks for it ("Recently deleted"). */
  exportOnRequest?: true;
};

/**
 * In export order (the profile first). Deletion walks it backwards, so
 * content goes before the day summaries counting it and the profile row
 * goes last.
 */
export const USER_TABLES = {
  users: { index: "by_user", exportPageSize: 1, deleteBatchSize: 1 },
  // The quota counters (lib/usage): derived from the content, so not
  // exported; deleted after it (deletion walks backwards), before the profile.
  usage: { index: "by_user", exportPageSize: null, deleteBatchSize: 1 },
  // Settings (convex/settings): one row, the person's own choices.
  settings: { index: "by_user", exportPageSize: 1, deleteBatchSize: 1 },
  // Progress of the latest carry-over move (convex/carryOver): bookkeeping,
  // not content, so not exported.
  carryOverMoves: {
    index: "by_user",
    exportPageSize: null,
    deleteBatchSize: 1,
  },
  days: {
    index: "by_user_day",
    exportPageSize: 500,
    deleteBatchSize: BATCH_SIZE,
  },
  todos: {
    index: "by_user_day_order",
    exportPageSize: 500,
    deleteBatchSize: BATCH_SIZE,
  },
  // Repeating todos (convex/series): at most LIMITS.activeSeries running.
  series: {
    index: "by_user_active",
    exportPageSize: 500,
    deleteBatchSize: BATCH_SIZE,
  },
  // Notes may be up to 100 kB each.
  notes: {
    index: "by_user_day_order",
    exportPageSize: 25,
    deleteBatchSize: NOTE_BATCH_SIZE,
  },
  // "Recently deleted" (lib/trash): exported only when asked for. Rows of
  // `trash` may hold a note (up to 100 kB).
  trashGroups: {
    index: "by_user_deleted",
    exportPageSize: 500,
    deleteBatchSize: BATCH_SIZE,
    exportOnRequest: true,
  },
  trash: {
    index: "by_user_group_kind",
    exportPageSize: 25,
    deleteBatchSize: 50,
    exportOnRequest: true,
  },
  // Receipts of changes sent with a change id (lib/changeReceipts): the
  // server's bookkeeping, not content, so not exported; deleted with the rest.
  // Each may hold a list of ids (a paste of 500 todos), about 17 kB at most.
  changeReceipts: {
    index: "by_user_at",
    exportPageSize: null,
    deleteBatchSize: BATCH_SIZE,
  },
  // What undoable changes did, for undo (lib/undoJournal): bookkeeping kept
  // a day, not content, so not exported; deleted with the rest. A row holds
  // at most 512 kB of ops.
  undoLog: {
    index: "by_user_at",
    exportPageSize: null,
    deleteBatchSize: 20,
  },
  // The progress of "delete my data" itself: not the person's content, so
  // not exported, and its owner reads it while the batches run, so they do
  // not delete it; account.forgetDeletion removes it a day after the end.
  deletions: { index: "by_user", exportPageSize: null, deleteBatchSize: null },
} as const satisfies { [T in UserTableName]: UserTable<T> };

export const USER_TABLE_NAMES = Object.keys(USER_TABLES) as UserTableName[];

/** Tables "export my data" can hold, in the order the export walks them. */
export type ExportTable = {
  [T in UserTableName]: (typeof USER_TABLES)[T]["exportPageSize"] extends number
    ? T
    : never;
}[UserTableName];

/** Of those, the ones exported only when asked for ("Recently deleted"). */
export type OnRequestExportTable = {
  [T in ExportTable]: (typeof USER_TABLES)[T] extends { exportOnRequest: true }
    ? T
    : never;
}[ExportTable];

export const EXPORT_TABLES = USER_TABLE_NAMES.filter(
  (table) => USER_TABLES[table].exportPageSize !== null,
) as ExportTable[];

/** The tables of an export, with "Recently deleted" or without. */
export function exportTables(includeDeleted: boolean): ExportTable[] {
  return EXPORT_TABLES.filter(
    (table) =>
      includeDeleted ||
      !(
        "exportOnRequest" in USER_TABLES[table] &&
        USER_TABLES[table].exportOnRequest
      ),
  );
}

/** Tables "delete my data" empties, in the order its batches go. */
export type DeletedTable = {
  [
    T in UserTableName
  ]: (typeof USER_TABLES)[T]["deleteBatchSize"] extends number ? T : never;
}[UserTableName];

export const DELETION_ORDER = USER_TABLE_NAMES.filter(
  (table) => USER_TABLES[table].deleteBatchSize !== null,
).reverse() as DeletedTable[];

/** The JSON document "export my data" saves: one list per exported table. */
export type ExportDocument = {
  exportedAt: string;
  profile: Doc<"users"> | null;
} & {
  [T in Exclude<ExportTable, "users" | OnRequestExportTable>]: Doc<T>[];
} & { [T in OnRequestExportTable]?: Doc<T>[] };

/** One user's rows of `table`, through its userId index. */
export function userRows<T extends UserTableName>(
  db: DatabaseReader,
  table: T,
  userId: string,
): Query<NamedTableInfo<DataModel, T>> {
  // USER_TABLES' type guarantees the index starts with userId; TypeScript
  // cannot follow that through a generic table, so the range is cast.
  const byUser = (q: { eq(field: "userId", value: string): unknown }) =>
    q.eq("userId", userId);
  return db
    .query(table)
    .withIndex(USER_TABLES[table].index as never, byUser as never);
}
