import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { DatabaseReader, MutationCtx } from "../_generated/server";
import type { DayCounts, DayDelta } from "./daySummary";
import { appError } from "./errors";
import { LIMITS } from "./limits";

/*
 * Per-user quotas: one usage row per user holds how many todos, notes and
 * days they have and how many bytes of text. The one writer of day rows
 * (lib/days `updateDay`) moves it with every day summary change, so it is
 * exact and costs one indexed read and one write per day a mutation touches.
 *
 * Users from before quotas have day rows but no usage row. Counting them in
 * one transaction could read 20,000+ day rows, so the row is created lazily
 * by their first mutation (`ensureUsage`, from lib/auth) and filled by
 * `usage.countDays`, a scheduled job reading 1,000 day rows per
 * transaction, in day order. `countedThrough` is the last day counted: a
 * change to a later day is left to the job (which will read that day's row
 * as it is then), a change to an earlier day is added to the row at once,
 * so no change is counted twice or missed. While counting, quotas compare
 * against the part counted so far: briefly lenient, never wrong for long.
 */

export type Usage = Pick<
  Doc<"usage">,
  "todoCount" | "noteCount" | "dayCount" | "textBytes"
>;

const count = (n: number) => n.toLocaleString("en-US");

const QUOTAS: [key: keyof Usage, limit: number, message: string][] = [
  [
    "todoCount",
    LIMITS.todosTotal,
    `You have reached the limit of ${count(LIMITS.todosTotal)} todos. Delete old todos to add more.`,
  ],
  [
    "noteCount",
    LIMITS.notesTotal,
    `You have reached the limit of ${count(LIMITS.notesTotal)} notes. Delete old notes to add more.`,
  ],
  [
    "dayCount",
    LIMITS.daysTotal,
    `You have reached the limit of ${count(LIMITS.daysTotal)} days with todos, notes or a label. Delete old days to add more.`,
  ],
  [
    "textBytes",
    LIMITS.textBytesTotal,
    `You have reached the limit of ${count(LIMITS.textBytesTotal / 1024 ** 2)} MB of text. Delete old todos or notes to make room.`,
  ],
];

/** What a day's change (and its row appearing or going) adds to usage. */
export function usageDelta(delta: DayDelta, dayRows: number): Usage {
  const of = (key: keyof DayCounts) => delta[key] ?? 0;
  return {
    todoCount: of("todoCount"),
    noteCount: of("noteCount"),
    dayCount: dayRows,
    textBytes: of("todoBytes") + of("noteBytes"),
  };
}

/** Throws LIMIT_REACHED when growth would pass a quota; shrinking always passes. */
export function ensureQuota(usage: Usage, delta: Usage): void {
  for (const [key, limit, message] of QUOTAS) {
    if (delta[key] > 0 && usage[key] + delta[key] > limit) {
      throw appError("LIMIT_REACHED", message);
    }
  }
}

export function getUsage(db: DatabaseReader, userId: string) {
  return db
    .query("usage")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
}

/**
 * Adds a change of `day` to the user's usage, after checking the quotas.
 * Without a usage row (nothing counted yet), or for a day the counting job
 * has not reached, the job will see the change in the day row itself.
 */
export async function recordUsage(
  ctx: Pick<MutationCtx, "db">,
  userId: string,
  day: string,
  delta: Usage,
): Promise<void> {
  const usage = await getUsage(ctx.db, userId);
  if (!usage) return;
  if (usage.countedThrough !== undefined && day > usage.countedThrough) return;
  ensureQuota(usage, delta);
  if (Object.values(delta).every((change) => change === 0)) return;
  await ctx.db.patch("usage", usage._id, {
    todoCount: Math.max(0, usage.todoCount + delta.todoCount),
    noteCount: Math.max(0, usage.noteCount + delta.noteCount),
    dayCount: Math.max(0, usage.dayCount + delta.dayCount),
    textBytes: Math.max(0, usage.textBytes + delta.textBytes),
  });
}

export const NO_USAGE: Usage = {
  todoCount: 0,
  noteCount: 0,
  dayCount: 0,
  textBytes: 0,
};

/**
 * Makes sure the user has a usage row. A user with no day rows starts
 * complete at zero; one with day rows (from before quotas) starts counting.
 * One indexed read on every later call.
 */
export async function ensureUsage(
  ctx: Pick<MutationCtx, "db" | "scheduler">,
  userId: string,
): Promise<void> {
  if (await getUsage(ctx.db, userId)) return;
  const anyDay = await ctx.db
    .query("days")
    .withIndex("by_user_day", (q) => q.eq("userId", userId))
    .first();
  if (!anyDay) {
    await ctx.db.insert("usage", { userId, ...NO_USAGE });
    return;
  }
  await ctx.db.insert("usage", { userId, ...NO_USAGE, countedThrough: "" });
  await ctx.scheduler.runAfter(0, internal.usage.countDays, { userId });
}
