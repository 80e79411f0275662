import type { Doc } from "../_generated/dataModel";
import type { DatabaseReader, DatabaseWriter } from "../_generated/server";
import { NO_COUNTS, type DayCounts, type DayDelta } from "./daySummary";
import { appError } from "./errors";
import { LIMITS } from "./limits";
import { recordUsage, usageDelta } from "./usage";

export function getDay(
  ctx: { db: DatabaseReader },
  userId: string,
  day: string,
) {
  return ctx.db
    .query("days")
    .withIndex("by_user_day", (q) => q.eq("userId", userId).eq("day", day))
    .unique();
}

type DayFields = Omit<Doc<"days">, "_id" | "_creationTime">;

/** A day row with nothing in it and nothing set on it is not kept. */
function isEmpty(row: DayFields) {
  return (
    row.todoCount === 0 &&
    row.noteCount === 0 &&
    row.label === undefined &&
    !row.archived
  );
}

/**
 * The one writer of day rows: count changes (from convex/lib/summaryTriggers)
 * and label or archive changes (from convex/days) alike. It creates the row
 * on first content and removes it once empty, so listing days never touches
 * todos or notes, and it keeps the user's usage row (lib/usage) in step.
 * Growth past a day's budget or the user's quota throws, which rolls back
 * the mutation.
 */
export async function updateDay(
  ctx: { db: DatabaseWriter },
  userId: string,
  day: string,
  change: { delta?: DayDelta; label?: string | null; archived?: boolean },
): Promise<void> {
  const existing = await getDay(ctx, userId, day);
  const delta = change.delta ?? {};
  ensureRoom(existing, delta);
  const base: DayFields = existing ?? {
    userId,
    day,
    archived: false,
    ...NO_COUNTS,
  };
  const next = { ...base };
  for (const key of Object.keys(delta) as (keyof DayCounts)[]) {
    next[key] = Math.max(0, next[key] + (delta[key] ?? 0));
  }
  if (change.label !== undefined) next.label = change.label ?? undefined;
  if (change.archived !== undefined) next.archived = change.archived;

  // The user's totals move with the day (lib/usage); over a quota this
  // throws, rolling the mutation back like a day's own budget.
  const dayRows = isEmpty(next) ? (existing ? -1 : 0) : existing ? 0 : 1;
  await recordUsage(ctx, userId, day, usageDelta(delta, dayRows));

  if (isEmpty(next)) {
    if (existing) await ctx.db.delete("days", existing._id);
  } else if (existing) {
    const { _id, _creationTime, ...fields } = next as Doc<"days">;
    await ctx.db.replace("days", _id, fields);
  } else {
    await ctx.db.insert("days", next);
  }
}

const count = (n: number) => n.toLocaleString("en-US");
// The budgets are binary megabytes; the UI calls them MB.
const megabytes = (bytes: number) =>
  `${(bytes / 1024 ** 2).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;

type Budget = [key: keyof DayCounts, limit: number, message: string];

const countBudget = (
  key: keyof DayCounts,
  limit: number,
  items: string,
): Budget => [key, limit, `A day holds at most ${count(limit)} ${items}.`];
const textBudget = (
  key: keyof DayCounts,
  limit: number,
  items: string,
): Budget => [
  key,
  limit,
  `This day's ${items} are full: at most ${megabytes(limit)} of text.`,
];

const BUDGETS: Budget[] = [
  countBudget("todoCount", LIMITS.todosPerDay, "todos"),
  textBudget("todoBytes", LIMITS.todoBytesPerDay, "todos"),
  countBudget("noteCount", LIMITS.notesPerDay, "notes"),
  textBudget("noteBytes", LIMITS.noteBytesPerDay, "notes"),
];

/**
 * Rejects a change that would grow a day past its budget. The budgets keep
 * one day's todos or notes readable in a single query, far below Convex's
 * 16 MiB per-transaction read limit, whatever the script.
 */
export function ensureRoom(row: DayCounts | null, delta: DayDelta) {
  for (const [key, limit, message] of BUDGETS) {
    const growth = delta[key] ?? 0;
    if (growth > 0 && (row?.[key] ?? 0) + growth > limit) {
      throw appError("LIMIT_REACHED", message);
    }
  }
}
