import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import { newestItemCreationTime } from "./lib/dayItems";
import { FIRST_DAY, LAST_DAY } from "./lib/dayRange";
import { getDay, updateDay } from "./lib/days";
import { BATCH_SIZE, NOTE_BATCH_SIZE } from "./lib/limits";
import { clampPageSize } from "./lib/pagination";
import { moveToTrash, openTrashGroup, setPending } from "./lib/trash";
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
 * Moves a day with everything in it to "Recently deleted" when the user
 * confirmed: the label and archive mark at once (kept with the day's group
 * there), todos and notes in batches. Items added to the day afterwards
 * (another tab, a queued change) stay, and the day's summary keeps counting
 * them. Returns the day's group in the trash (null: the day held nothing),
 * which `trash.restoreGroup` puts back.
 */
export const remove = userMutation({
  args: { day: v.string() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    const row = await getDay(ctx, ctx.userId, day);
    const newest = await Promise.all(
      (["todos", "notes"] as const).map((table) =>
        newestItemCreationTime(ctx, table, ctx.userId, day),
      ),
    );
    const times = newest.filter((time) => time !== null);
    const marked = row?.label !== undefined || row?.archived === true;
    if (times.length === 0 && !marked) return null;
    const groupId = await openTrashGroup(ctx, {
      userId: ctx.userId,
      day,
      what: "day",
      label: row?.label,
      archived: row?.archived,
    });
    await updateDay(ctx, ctx.userId, day, { label: null, archived: false });
    if (times.length === 0) return groupId;
    const cutoff = Math.max(...times);
    const first = await removeDayBatch(ctx, {
      userId: ctx.userId,
      day,
      cutoff,
      groupId,
    });
    if (first.more) {
      await setPending(ctx, first.groupId, {
        action: "delete",
        total: (row?.todoCount ?? 0) + (row?.noteCount ?? 0),
      });
    }
    return first.groupId;
  },
});

type RemovalJob = {
  userId: string;
  day: string;
  /** Only items created at or before this time are deleted (lib/dayItems). */
  cutoff: number;
  /** The day's group in "Recently deleted"; started again if it went. */
  groupId?: Id<"trashGroups">;
};

/**
 * Moves one batch to the trash; returns the day's group there, and whether
 * another batch follows.
 */
async function removeDayBatch(
  ctx: MutationCtx,
  job: RemovalJob,
): Promise<{ groupId: Id<"trashGroups"> | null; more: boolean }> {
  // Only documents are moved here: the builders keep the day's counts.
  const todos = await ctx.db
    .query("todos")
    .withIndex("by_user_day", (q) =>
      q
        .eq("userId", job.userId)
        .eq("day", job.day)
        .lte("_creationTime", job.cutoff),
    )
    .take(BATCH_SIZE);
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
  const groupId = await moveToTrash(
    ctx,
    { id: job.groupId ?? null, userId: job.userId, day: job.day, what: "day" },
    { todos, notes },
  );

  const more = todos.length === BATCH_SIZE || notes.length === NOTE_BATCH_SIZE;
  if (more) {
    await ctx.scheduler.runAfter(0, internal.days.continueRemoval, {
      ...job,
      ...(groupId ? { groupId } : {}),
    });
  }
  return { groupId, more };
}

export const continueRemoval = internalMutation({
  args: {
    userId: v.string(),
    day: v.string(),
    cutoff: v.number(),
    groupId: v.optional(v.id("trashGroups")),
  },
  handler: async (ctx, job) => {
    const { groupId, more } = await removeDayBatch(ctx, job);
    if (!more) await setPending(ctx, groupId, undefined);
  },
});
