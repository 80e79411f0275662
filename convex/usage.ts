import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./lib/auth";
import { usageDelta, getUsage } from "./lib/usage";

/** Day rows read per transaction while counting (each is about 200 bytes). */
export const COUNT_PAGE_SIZE = 1_000;

/**
 * Counts a user's days from before quotas into their usage row, a page of
 * day rows at a time, in day order (see lib/usage). Stops when the row is
 * gone (their data was deleted) or complete.
 */
export const countDays = internalMutation({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const usage = await getUsage(ctx.db, userId);
    if (!usage || usage.countedThrough === undefined) return;
    const after = usage.countedThrough;
    const page = await ctx.db
      .query("days")
      .withIndex("by_user_day", (q) => q.eq("userId", userId).gt("day", after))
      .take(COUNT_PAGE_SIZE);
    const total = { ...usage };
    for (const row of page) {
      const add = usageDelta(row, 1);
      total.todoCount += add.todoCount;
      total.noteCount += add.noteCount;
      total.dayCount += add.dayCount;
      total.textBytes += add.textBytes;
    }
    const complete = page.length < COUNT_PAGE_SIZE;
    await ctx.db.patch("usage", usage._id, {
      todoCount: total.todoCount,
      noteCount: total.noteCount,
      dayCount: total.dayCount,
      textBytes: total.textBytes,
      countedThrough: complete ? undefined : page.at(-1)!.day,
    });
    if (!complete) {
      await ctx.scheduler.runAfter(0, internal.usage.countDays, { userId });
    }
  },
});
