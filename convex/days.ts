import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { MutationCtx } from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import { newestItemCreationTime } from "./lib/dayItems";
import { FIRST_DAY, LAST_DAY } from "./lib/dayRange";
import { getDay, updateDay } from "./lib/days";
import { BATCH_SIZE, NOTE_BATCH_SIZE } from "./lib/limits";
import { clampPageSize } from "./lib/pagination";
import { requireDay, requireText, TEXT_RULES } from "./lib/validate";

/**
 * The sidebar: days with content, a label or an archive mark, newest first,
 * one summary row per day (never a todo or note). Notes count as content
 * once they hold a character (a day of blank notes only is left out).
 *
 * Only days inside the app's range (lib/dayRange), bounded in the index
 * range itself. A day stored before the range existed cannot be opened or
 * changed (every function taking a day refuses it, and the UI has no page
 * for it), so listing it would show a link to nothing; every listing leaves
 * it out alike (this, `todos.listPinned`, `search`), while the export and
 * "delete my data" still cover it.
 */
export const list = userQuery({
  args: { archived: v.boolean(), paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("days")
      .withIndex("by_user_archived_day", (q) =>
        q
          .eq("userId", ctx.userId)
          .eq("archived", args.archived)
          .gte("day", FIRST_DAY)
          .lte("day", LAST_DAY),
      )
      .order("desc")
      // Blank notes (untitled and empty, so no bytes) are not content: a
      // note added and left empty does not make its day a permanent entry.
      // The index bounds the read; the rows this drops are rare (days of
      // blank notes only), so a page reads few more rows than it returns.
      // eslint-disable-next-line @convex-dev/no-filter-in-query
      .filter((q) =>
        q.or(
          q.gt(q.field("todoCount"), 0),
          q.gt(q.field("noteBytes"), 0),
          q.neq(q.field("label"), undefined),
          q.eq(q.field("archived"), true),
        ),
      )
      .paginate(clampPageSize(args.paginationOpts));
  },
});

/** One day's label, archive mark and counts; null for a day with nothing. */
export const get = userQuery({
  args: { day: v.string() },
  handler: async (ctx, args) => {
    return await getDay(ctx, ctx.userId, requireDay(args.day));
  },
});

/** Sets the name shown instead of the date; an empty label clears it. */
export const setLabel = userMutation({
  undoable: true,
  args: { day: v.string(), label: v.string() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    const label = requireText(args.label, TEXT_RULES.dayLabel).trim();
    await updateDay(ctx, ctx.userId, day, { label: label || null });
  },
});

export const setArchived = userMutation({
  undoable: true,
  args: { day: v.string(), archived: v.boolean() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    await updateDay(ctx, ctx.userId, day, { archived: args.archived });
  },
});

/**
 * Deletes a day with everything in it when the user confirmed: the label
 * and archive mark at once, todos and notes in batches. Items added to the
 * day afterwards (another tab, a queued change) stay, and the day's summary
 * keeps counting them.
 */
export const remove = userMutation({
  args: { day: v.string() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    await updateDay(ctx, ctx.userId, day, { label: null, archived: false });
    const newest = await Promise.all(
      (["todos", "notes"] as const).map((table) =>
        newestItemCreationTime(ctx, table, ctx.userId, day),
      ),
    );
    const times = newest.filter((time) => time !== null);
    if (times.length === 0) return;
    const cutoff = Math.max(...times);
    await removeDayBatch(ctx, { userId: ctx.userId, day, cutoff });
  },
});

type RemovalJob = {
  userId: string;
  day: string;
  /** Only items created at or before this time are deleted (lib/dayItems). */
  cutoff: number;
};

async function removeDayBatch(
  ctx: MutationCtx,
  job: RemovalJob,
): Promise<void> {
  // Only documents are deleted here: the builders keep the day's counts.
  const todos = await ctx.db
    .query("todos")
    .withIndex("by_user_day", (q) =>
      q
        .eq("userId", job.userId)
        .eq("day", job.day)
        .lte("_creationTime", job.cutoff),
    )
    .take(BATCH_SIZE);
  for (const todo of todos) {
    await ctx.db.delete("todos", todo._id);
  }
  // Notes can be large, so they go in smaller batches, after the todos.
  const notes =
    todos.length < BATCH_SIZE
      ? await ctx.db
          .query("notes")
          .withIndex("by_user_day", (q) =>
            q
              .eq("userId", job.userId)
              .eq("day", job.day)
              .lte("_creationTime", job.cutoff),
          )
          .take(NOTE_BATCH_SIZE)
      : [];
  for (const note of notes) {
    await ctx.db.delete("notes", note._id);
  }

  if (todos.length === BATCH_SIZE || notes.length === NOTE_BATCH_SIZE) {
    await ctx.scheduler.runAfter(0, internal.days.continueRemoval, job);
  }
}

export const continueRemoval = internalMutation({
  args: { userId: v.string(), day: v.string(), cutoff: v.number() },
  handler: removeDayBatch,
});
