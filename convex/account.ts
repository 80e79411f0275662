import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  internalMutation as rawInternalMutation,
  type MutationCtx,
} from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import { BATCH_SIZE, NOTE_BATCH_SIZE } from "./lib/limits";

/** Rows per export page, sized so one page stays far below read limits. */
const EXPORT_PAGE_SIZE = {
  users: 1,
  days: 500,
  todos: 500,
  notes: 25,
} as const;

const exportTable = v.union(
  v.literal("users"),
  v.literal("days"),
  v.literal("todos"),
  v.literal("notes"),
);

/**
 * One page of the caller's data for "export my data": profile, days, todos,
 * notes. The client walks each table's pages and assembles one JSON
 * document, so export works at any size.
 */
export const exportPage = userQuery({
  args: { table: exportTable, cursor: v.union(v.string(), v.null()) },
  handler: async (ctx, args) => {
    const paging = {
      numItems: EXPORT_PAGE_SIZE[args.table],
      cursor: args.cursor,
    };
    const mine = { userId: ctx.userId };
    const result =
      args.table === "users"
        ? await ctx.db
            .query("users")
            .withIndex("by_user", (q) => q.eq("userId", mine.userId))
            .paginate(paging)
        : args.table === "days"
          ? await ctx.db
              .query("days")
              .withIndex("by_user_day", (q) => q.eq("userId", mine.userId))
              .paginate(paging)
          : await ctx.db
              .query(args.table)
              .withIndex("by_user_day_order", (q) =>
                q.eq("userId", mine.userId),
              )
              .paginate(paging);
    return {
      page: result.page,
      isDone: result.isDone,
      continueCursor: result.continueCursor,
    };
  },
});

/** Progress of the caller's latest "delete my data", or null. */
export const deletionStatus = userQuery({
  args: {},
  handler: async (ctx) => {
    const job = await ctx.db
      .query("deletions")
      .withIndex("by_user", (q) => q.eq("userId", ctx.userId))
      .order("desc")
      .first();
    if (!job) return null;
    return {
      status: job.status,
      deleted: job.deleted,
      total: Math.max(job.total, job.deleted),
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  },
});

/**
 * Starts deleting everything the caller has. Work runs in scheduled batches
 * (count first, so progress has a total, then delete table by table);
 * `deletionStatus` reports progress. Starting twice reuses the running job.
 */
export const deleteMyData = userMutation({
  args: {},
  handler: async (ctx) => {
    const running = await ctx.db
      .query("deletions")
      .withIndex("by_user", (q) => q.eq("userId", ctx.userId))
      .order("desc")
      .first();
    if (running && running.status !== "done") return running._id;
    const jobId = await ctx.db.insert("deletions", {
      userId: ctx.userId,
      status: "counting",
      total: 0,
      deleted: 0,
      startedAt: Date.now(),
    });
    await ctx.scheduler.runAfter(0, internal.account.countForDeletion, {
      jobId,
      cursor: null,
    });
    return jobId;
  },
});

/** Sums the day summaries a page at a time to learn how much there is. */
export const countForDeletion = internalMutation({
  args: { jobId: v.id("deletions"), cursor: v.union(v.string(), v.null()) },
  handler: async (ctx, args) => {
    const job = await ctx.db.get("deletions", args.jobId);
    if (!job) return;
    const page = await ctx.db
      .query("days")
      .withIndex("by_user_day", (q) => q.eq("userId", job.userId))
      .paginate({ numItems: 1_000, cursor: args.cursor });
    let total = job.total;
    for (const day of page.page) total += 1 + day.todoCount + day.noteCount;
    if (page.isDone) {
      // The profile row is deleted last; count it only if there is one.
      const profile = await ctx.db
        .query("users")
        .withIndex("by_user", (q) => q.eq("userId", job.userId))
        .unique();
      await ctx.db.patch("deletions", job._id, {
        total: total + (profile ? 1 : 0),
        status: "deleting",
      });
      await ctx.scheduler.runAfter(0, internal.account.deleteBatch, {
        jobId: job._id,
      });
    } else {
      await ctx.db.patch("deletions", job._id, { total });
      await ctx.scheduler.runAfter(0, internal.account.countForDeletion, {
        jobId: job._id,
        cursor: page.continueCursor,
      });
    }
  },
});

/**
 * Deletes one batch from the first table that still has the user's rows.
 * The raw builder, on purpose: this deletes the day summary rows too (and
 * counts them as progress), so keeping them current while their todos go
 * would only rewrite rows about to be deleted, or delete them uncounted.
 */
export const deleteBatch = rawInternalMutation({
  args: { jobId: v.id("deletions") },
  handler: async (ctx, args) => {
    const job = await ctx.db.get("deletions", args.jobId);
    if (!job || job.status !== "deleting") return;
    const deleted = await deleteSomeRowsOf(ctx, job.userId);
    if (deleted > 0) {
      await ctx.db.patch("deletions", job._id, {
        deleted: job.deleted + deleted,
      });
      await ctx.scheduler.runAfter(0, internal.account.deleteBatch, {
        jobId: job._id,
      });
    } else {
      await ctx.db.patch("deletions", job._id, {
        status: "done",
        finishedAt: Date.now(),
      });
      // The job row is the last trace of the user; it goes after a day.
      await ctx.scheduler.runAfter(DAY_MS, internal.account.forgetDeletion, {
        jobId: job._id,
      });
    }
  },
});

const DAY_MS = 24 * 60 * 60 * 1000;

export const forgetDeletion = internalMutation({
  args: { jobId: v.id("deletions") },
  handler: async (ctx, args) => {
    if (await ctx.db.get("deletions", args.jobId))
      await ctx.db.delete("deletions", args.jobId);
  },
});

async function deleteSomeRowsOf(
  ctx: MutationCtx,
  userId: string,
): Promise<number> {
  // Table by table, so each is queried only once the one before is empty;
  // the user's profile row goes last.
  const todos = await ctx.db
    .query("todos")
    .withIndex("by_user_day_order", (q) => q.eq("userId", userId))
    .take(BATCH_SIZE);
  if (todos.length > 0) return await deleteRows(ctx, "todos", todos);
  const notes = await ctx.db
    .query("notes")
    .withIndex("by_user_day_order", (q) => q.eq("userId", userId))
    .take(NOTE_BATCH_SIZE);
  if (notes.length > 0) return await deleteRows(ctx, "notes", notes);
  const days = await ctx.db
    .query("days")
    .withIndex("by_user_day", (q) => q.eq("userId", userId))
    .take(BATCH_SIZE);
  if (days.length > 0) return await deleteRows(ctx, "days", days);
  const users = await ctx.db
    .query("users")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(1);
  return await deleteRows(ctx, "users", users);
}

async function deleteRows<T extends "todos" | "notes" | "days" | "users">(
  ctx: MutationCtx,
  table: T,
  rows: { _id: Id<T> }[],
): Promise<number> {
  for (const row of rows) await ctx.db.delete(table, row._id);
  return rows.length;
}
