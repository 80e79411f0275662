import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "./errors";
import { LIMITS } from "./limits";

export type DayCounts = Pick<
  Doc<"days">,
  | "todoCount"
  | "openCount"
  | "doneCount"
  | "todoBytes"
  | "noteCount"
  | "noteBytes"
>;

const ZERO: DayCounts = {
  todoCount: 0,
  openCount: 0,
  doneCount: 0,
  todoBytes: 0,
  noteCount: 0,
  noteBytes: 0,
};

const encoder = new TextEncoder();

/** Convex limits reads in bytes, and one character can take up to 3. */
export function textBytes(...texts: string[]): number {
  return texts.reduce((sum, text) => sum + encoder.encode(text).length, 0);
}

type TodoShape = Pick<Doc<"todos">, "kind" | "done" | "text">;
type NoteShape = Pick<Doc<"notes">, "title" | "body">;

/** What one todo adds to its day's summary. */
export function todoCounts(todo: TodoShape) {
  const checkable = todo.kind === "todo";
  return {
    todoCount: 1,
    openCount: checkable && !todo.done ? 1 : 0,
    doneCount: checkable && todo.done ? 1 : 0,
    todoBytes: textBytes(todo.text),
  };
}

/** The change to a day's summary when `before` becomes `after` (null = absent). */
export function todoDelta(
  before: TodoShape | null,
  after: TodoShape | null,
): Partial<DayCounts> {
  const b = before ? todoCounts(before) : ZERO;
  const a = after ? todoCounts(after) : ZERO;
  return {
    todoCount: a.todoCount - b.todoCount,
    openCount: a.openCount - b.openCount,
    doneCount: a.doneCount - b.doneCount,
    todoBytes: a.todoBytes - b.todoBytes,
  };
}

export function noteDelta(
  before: NoteShape | null,
  after: NoteShape | null,
): Partial<DayCounts> {
  const size = (note: NoteShape | null) =>
    note ? textBytes(note.title, note.body) : 0;
  return {
    noteCount: (after ? 1 : 0) - (before ? 1 : 0),
    noteBytes: size(after) - size(before),
  };
}

export function addDeltas(
  total: Partial<DayCounts>,
  delta: Partial<DayCounts>,
): Partial<DayCounts> {
  const sum = { ...total };
  for (const key of Object.keys(delta) as (keyof DayCounts)[]) {
    sum[key] = (sum[key] ?? 0) + (delta[key] ?? 0);
  }
  return sum;
}

export function getDay(ctx: QueryCtx, userId: string, day: string) {
  return ctx.db
    .query("days")
    .withIndex("by_user_day", (q) => q.eq("userId", userId).eq("day", day))
    .unique();
}

/** A day row with nothing in it and nothing set on it is not kept. */
function isEmpty(row: Omit<Doc<"days">, "_id" | "_creationTime">) {
  return (
    row.todoCount === 0 &&
    row.noteCount === 0 &&
    row.label === undefined &&
    !row.archived
  );
}

/**
 * Applies a change to a day's summary row, creating it on first content and
 * removing it once it is empty, so listing days never touches todos or
 * notes. Growth past a day's budget throws, which rolls back the mutation.
 */
export async function updateDay(
  ctx: MutationCtx,
  userId: string,
  day: string,
  change: {
    delta?: Partial<DayCounts>;
    label?: string | null;
    archived?: boolean;
  },
): Promise<void> {
  const existing = await getDay(ctx, userId, day);
  ensureRoom(existing, change.delta ?? {});
  const base: Omit<Doc<"days">, "_id" | "_creationTime"> = existing ?? {
    userId,
    day,
    archived: false,
    ...ZERO,
  };
  const next = { ...base };
  for (const key of Object.keys(change.delta ?? {}) as (keyof DayCounts)[]) {
    next[key] = Math.max(0, next[key] + (change.delta?.[key] ?? 0));
  }
  if (change.label !== undefined) next.label = change.label ?? undefined;
  if (change.archived !== undefined) next.archived = change.archived;

  if (isEmpty(next)) {
    if (existing) await ctx.db.delete("days", existing._id);
  } else if (existing) {
    const { _id, _creationTime, ...fields } = next as Doc<"days">;
    await ctx.db.replace("days", _id, fields);
  } else {
    await ctx.db.insert("days", next);
  }
}

const BUDGETS: [keyof DayCounts, number, string][] = [
  ["todoCount", LIMITS.todosPerDay, "A day holds at most 5,000 todos."],
  [
    "todoBytes",
    LIMITS.todoBytesPerDay,
    "This day's todos are full: at most 4 MB of text.",
  ],
  ["noteCount", LIMITS.notesPerDay, "A day holds at most 100 notes."],
  [
    "noteBytes",
    LIMITS.noteBytesPerDay,
    "This day's notes are full: at most 8 MB of text.",
  ],
];

/**
 * Rejects a change that would grow a day past its budget. The budgets keep
 * one day's todos or notes readable in a single query, far below Convex's
 * 16 MiB per-transaction read limit, whatever the script.
 */
export function ensureRoom(row: DayCounts | null, delta: Partial<DayCounts>) {
  for (const [key, limit, message] of BUDGETS) {
    const growth = delta[key] ?? 0;
    if (growth > 0 && (row?.[key] ?? 0) + growth > limit) {
      throw appError("LIMIT_REACHED", message);
    }
  }
}
