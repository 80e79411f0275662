import { strFromU8, unzipSync } from "fflate";
import {
  buildPlan,
  type DayDraft,
  type ImportPlan,
  type NoteDraft,
  type PlanSkip,
  type TodoDraft,
} from "./importPlan";

/*
 * The reference app's data (better-todo, its WorkOS era): a Convex export
 * ZIP (`npx convex export`: one folder per table holding documents.jsonl,
 * plus `_tables/` and other system folders) or the tables' JSONL files.
 * Its tables, all keyed by the WorkOS user id (the token's subject, as
 * Daybook's):
 *
 *   todos          { userId, date, content, type: todo|h1|h2|h3, completed,
 *                    archived, order: number, parentId?, collapsed, pinned? }
 *   notes          { userId, date, title?, content, order?, collapsed? }
 *   dateLabels     { userId, date, label }
 *   archivedDates  { userId, date }
 *
 * Only the signed-in account's rows are kept: the others never leave the
 * device (the backend also refuses a batch said to be someone else's).
 *
 * Mapping: date → day; content → text (todos) or body (notes); type →
 * kind; completed or archived → done (its "Done" section held the archived
 * todos); pinned → pinned; order → position in the day; title → title;
 * collapsed (notes) → collapsed; label → the day's label; an archived date
 * → the day's archive mark. No equivalent: parentId (Daybook's items are
 * flat, so nested items come in in order under their heading), collapsed
 * on todos (headings do not fold), ids and creation times, the users table
 * (the profile comes from the sign-in) and any other table.
 */

export type Tables = Map<string, unknown[]>;

const KNOWN_TABLES = ["todos", "notes", "dateLabels", "archivedDates"];

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSONL text as rows; lines that are not JSON objects are counted. */
function parseJsonl(text: string): { rows: unknown[]; broken: number } {
  const rows: unknown[] = [];
  let broken = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    try {
      rows.push(JSON.parse(line));
    } catch {
      broken += 1;
    }
  }
  return { rows, broken };
}

/** A Convex export ZIP's tables: `<table>/documents.jsonl`, system folders left out. */
export function tablesFromZip(bytes: Uint8Array): {
  tables: Tables;
  broken: number;
} {
  const files = unzipSync(bytes, {
    filter: (file) => /(?:^|\/)[^/_][^/]*\/documents\.jsonl$/.test(file.name),
  });
  const tables: Tables = new Map();
  let broken = 0;
  for (const [name, content] of Object.entries(files)) {
    const table = name.split("/").at(-2)!;
    const parsed = parseJsonl(strFromU8(content));
    broken += parsed.broken;
    tables.set(table, [...(tables.get(table) ?? []), ...parsed.rows]);
  }
  return { tables, broken };
}

/**
 * Which table a JSONL file holds: its name (`todos.jsonl`), else the shape
 * of its rows (a bare `documents.jsonl`).
 */
export function tableOfJsonl(fileName: string, rows: unknown[]): string {
  const base = fileName
    .replace(/\.jsonl$/i, "")
    .split(/[\\/]/)
    .at(-1)!;
  if (base !== "documents") return base;
  const first = rows.find(isRow);
  if (!first) return "unknown";
  if ("type" in first && "content" in first) return "todos";
  if ("content" in first) return "notes";
  if ("label" in first) return "dateLabels";
  if ("date" in first) return "archivedDates";
  return "unknown";
}

export function tablesFromJsonlFiles(files: { name: string; text: string }[]): {
  tables: Tables;
  broken: number;
} {
  const tables: Tables = new Map();
  let broken = 0;
  for (const file of files) {
    const parsed = parseJsonl(file.text);
    broken += parsed.broken;
    const table = tableOfJsonl(file.name, parsed.rows);
    tables.set(table, [...(tables.get(table) ?? []), ...parsed.rows]);
  }
  return { tables, broken };
}

/** Holds at least one of the reference app's tables. */
export function isBetterTodoData(tables: Tables): boolean {
  return KNOWN_TABLES.some((table) => tables.has(table));
}

const KINDS = new Set(["todo", "h1", "h2", "h3"]);

const numberOr = (value: unknown, fallback: number) =>
  typeof value === "number" && Number.isFinite(value) ? value : fallback;

/** Rows of one table belonging to `userId`, the rest counted. */
function ownRows(tables: Tables, table: string, userId: string) {
  const own: Row[] = [];
  let others = 0;
  for (const row of tables.get(table) ?? []) {
    if (isRow(row) && row.userId === userId) own.push(row);
    else others += 1;
  }
  return { own, others };
}

/**
 * Sorted into the reference app's display order: by date, then `order`
 * (notes without one by creation time, as it showed them).
 */
function inDayOrder(rows: Row[]): Row[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const day = String(a.row.date).localeCompare(String(b.row.date));
      if (day !== 0) return day;
      const order =
        numberOr(a.row.order, Infinity) - numberOr(b.row.order, Infinity);
      if (order !== 0 && !Number.isNaN(order)) return order;
      const created =
        numberOr(a.row._creationTime, 0) - numberOr(b.row._creationTime, 0);
      return created !== 0 ? created : a.index - b.index;
    })
    .map(({ row }) => row);
}

/** The plan for `userId`'s rows of the reference app's tables. */
export function planBetterTodo(
  tables: Tables,
  userId: string,
  broken = 0,
): ImportPlan {
  const skipped: PlanSkip[] = [];
  const skip = (what: string, count: number, reason: string) => {
    if (count > 0) skipped.push({ what, count, reason });
  };
  skip("lines", broken, "not valid JSON");

  let otherAccounts = 0;
  const todos: TodoDraft[] = [];
  const ownTodos = ownRows(tables, "todos", userId);
  otherAccounts += ownTodos.others;
  let malformed = 0;
  let nested = 0;
  for (const row of inDayOrder(ownTodos.own)) {
    if (
      typeof row.date !== "string" ||
      typeof row.content !== "string" ||
      !KINDS.has(String(row.type))
    ) {
      malformed += 1;
      continue;
    }
    if (row.parentId !== undefined) nested += 1;
    todos.push({
      day: row.date,
      text: row.content,
      kind: row.type as TodoDraft["kind"],
      done: row.completed === true || row.archived === true,
      pinned: row.pinned === true,
    });
  }
  skip("todos", malformed, "not in the shape of the reference app's todos");

  const notes: NoteDraft[] = [];
  const ownNotes = ownRows(tables, "notes", userId);
  otherAccounts += ownNotes.others;
  malformed = 0;
  for (const row of inDayOrder(ownNotes.own)) {
    if (typeof row.date !== "string" || typeof row.content !== "string") {
      malformed += 1;
      continue;
    }
    notes.push({
      day: row.date,
      title: typeof row.title === "string" ? row.title : "",
      body: row.content,
      collapsed: row.collapsed === true,
    });
  }
  skip("notes", malformed, "not in the shape of the reference app's notes");

  const days: DayDraft[] = [];
  const labels = ownRows(tables, "dateLabels", userId);
  const archived = ownRows(tables, "archivedDates", userId);
  otherAccounts += labels.others + archived.others;
  malformed = 0;
  for (const row of labels.own) {
    if (typeof row.date !== "string" || typeof row.label !== "string") {
      malformed += 1;
      continue;
    }
    days.push({ day: row.date, label: row.label, archived: false });
  }
  for (const row of archived.own) {
    if (typeof row.date !== "string") {
      malformed += 1;
      continue;
    }
    days.push({ day: row.date, archived: true });
  }
  skip(
    "days",
    malformed,
    "not in the shape of the reference app's day labels or archive marks",
  );
  skip(
    "rows of other accounts",
    otherAccounts,
    "they belong to other people in this export, so they stay on this device",
  );

  const dropped: string[] = [
    "Ids and creation times: Daybook gives every imported item new ones.",
    "Collapsed headings: Daybook's headings do not fold.",
  ];
  if (nested > 0) {
    dropped.push(
      `Nesting (parentId) of ${nested} ${nested === 1 ? "todo" : "todos"}: Daybook's lists are flat, so they come in order under their heading.`,
    );
  }
  const otherTables = [...tables.keys()]
    .filter((table) => !KNOWN_TABLES.includes(table))
    .sort();
  if (otherTables.includes("users")) {
    dropped.push("The users table: your profile comes from your sign-in.");
  }
  const unknown = otherTables.filter((table) => table !== "users");
  if (unknown.length > 0) {
    dropped.push(`Tables Daybook has no place for: ${unknown.join(", ")}.`);
  }
  return buildPlan({
    format: "betterTodo",
    todos,
    notes,
    days,
    skipped,
    dropped,
    sourceUserId: userId,
  });
}
