import type { GenericValidator } from "convex/values";
import { expect, test } from "vitest";
import { exportPage } from "../account";
import schema from "../schema";
import {
  DELETION_ORDER,
  EXPORT_TABLES,
  USER_TABLES,
  USER_TABLE_NAMES,
} from "./userTables";

type Table = (typeof schema.tables)[keyof typeof schema.tables];

const TABLES = Object.entries(schema.tables) as [string, Table][];

/** Whether some document shape the validator accepts has a `userId` field. */
function hasUserId(validator: GenericValidator): boolean {
  if (validator.kind === "object") return "userId" in validator.fields;
  if (validator.kind === "union") return validator.members.some(hasUserId);
  throw new Error(`Unexpected document validator ${validator.kind}.`);
}

test("every table with a userId field is in the registry, and only those", () => {
  const owned = TABLES.filter(([, table]) => hasUserId(table.validator)).map(
    ([name]) => name,
  );
  expect(owned.length).toBeGreaterThan(0);
  expect([...USER_TABLE_NAMES].sort()).toEqual([...owned].sort());
});

test("each registered index exists and starts with userId", () => {
  for (const table of USER_TABLE_NAMES) {
    const indexes = schema.tables[table][" indexes"]();
    const index = indexes.find(
      (i) => i.indexDescriptor === USER_TABLES[table].index,
    );
    expect(index, table).toBeDefined();
    expect(index!.fields[0], table).toBe("userId");
  }
});

test("every table says explicitly whether it is exported and deleted", () => {
  for (const table of USER_TABLE_NAMES) {
    const entry: {
      exportPageSize?: number | null;
      deleteBatchSize?: number | null;
    } = USER_TABLES[table];
    expect(entry.exportPageSize, table).not.toBeUndefined();
    expect(entry.deleteBatchSize, table).not.toBeUndefined();
    for (const size of [entry.exportPageSize, entry.deleteBatchSize]) {
      if (typeof size === "number") {
        expect(Number.isInteger(size) && size > 0, table).toBe(true);
      }
    }
  }
});

test("deletion erases everything the export hands over, the change receipts, the undo log, the usage counters and the carry-over progress", () => {
  expect([...DELETION_ORDER].sort()).toEqual(
    [
      ...EXPORT_TABLES,
      "changeReceipts",
      "undoLog",
      "usage",
      "carryOverMoves",
    ].sort(),
  );
  // A table kept out of both is a job's own bookkeeping, not content.
  const neither = USER_TABLE_NAMES.filter(
    (t) =>
      !EXPORT_TABLES.includes(t as never) &&
      !DELETION_ORDER.includes(t as never),
  );
  expect(neither).toEqual(["deletions"]);
});

test("the export starts with the profile; deletion ends with it, after the summaries", () => {
  expect(EXPORT_TABLES[0]).toBe("users");
  expect(DELETION_ORDER.at(-1)).toBe("users");
  expect(DELETION_ORDER.indexOf("days")).toBeGreaterThan(
    Math.max(DELETION_ORDER.indexOf("todos"), DELETION_ORDER.indexOf("notes")),
  );
});

test("account.exportPage accepts exactly the exported tables", () => {
  const args = JSON.parse(
    (exportPage as unknown as { exportArgs(): string }).exportArgs(),
  ) as {
    value: { table: { fieldType: { value: { value: string }[] } } };
  };
  const accepted = args.value.table.fieldType.value.map((l) => l.value);
  expect(accepted).toEqual(EXPORT_TABLES);
});
