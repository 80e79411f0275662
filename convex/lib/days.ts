import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "./errors";
import { LIMITS } from "./limits";

export type DayCounts = Pick<
  Doc<"days">,
  "todoCount" | "openCount" | "doneCount" | "noteCount"
>;

const ZERO: DayCounts = {
  todoCount: 0,
  openCount: 0,
  doneCount: 0,
  noteCount: 0,
};

/** What one todo adds to its day's summary. */
export function todoCounts(todo: Pick<Doc<"todos">, "kind" | "done">) {
  const checkable = todo.kind === "todo";
  return {
    todoCount: 1,
    openCount: checkable && !todo.done ? 1 : 0,
    doneCount: checkable && todo.done ? 1 : 0,
  };
}

/** The change to a day's counts when `before` becomes `after` (null = absent). */
export function todoDelta(
  before: Pick<Doc<"todos">, "kind" | "done"> | null,
  after: Pick<Doc<"todos">, "kind" | "done"> | null,
): Partial<DayCounts> {
  const b = before ? todoCounts(before) : ZERO;
  const a = after ? todoCounts(after) : ZERO;
  return {
    todoCount: a.todoCount - b.todoCount,
    openCount: a.openCount - b.openCount,
    doneCount: a.doneCount - b.doneCount,
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
 * removing it once it is empty, so listing days never touches todos or notes.
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

/** Rejects adding `count` items that would overflow a day. */
export function ensureRoom(
  row: DayCounts | null,
  what: "todos" | "notes",
  count: number,
) {
  const current = row ? (what === "todos" ? row.todoCount : row.noteCount) : 0;
  const limit = what === "todos" ? LIMITS.todosPerDay : LIMITS.notesPerDay;
  if (current + count > limit) {
    throw appError(
      "LIMIT_REACHED",
      `A day holds at most ${limit.toLocaleString("en-US")} ${what}.`,
    );
  }
}
