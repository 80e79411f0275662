import { literals } from "convex-helpers/validators";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import {
  // eslint-disable-next-line no-restricted-imports -- deleteBatch deletes the day rows itself: see there.
  internalMutation as rawInternalMutation,
  type MutationCtx,
} from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import { latestDeletion } from "./lib/deletions";
import { forgetRateLimits } from "./lib/rateLimits";
import {
  DELETION_ORDER,
  EXPORT_TABLES,
  USER_TABLES,
  userRows,
} from "./lib/userTables";

/**
 * One page of the caller's data for "export my data": every table the
 * registry (lib/userTables) exports. The client walks each table's pages
 * and assembles one JSON document, so export works at any size; it asks
 * for the "Recently deleted" tables only when the person chose to include
 * them (`exportTables`).
 */
export const exportPage = userQuery({
  args: {
    table: literals(...EXPORT_TABLES),
    cursor: v.union(v.string(), v.null()),
  },
  handler: async (ctx, args) => {
    const result = await userRows(ctx.db, args.table, ctx.userId).paginate({
      numItems: USER_TABLES[args.table].exportPageSize,
      cursor: args.cursor,
    });
    return {
      page: result.page.map(withoutRevision),
      isDone: result.isDone,
      continueCursor: result.continueCursor,
    };
  },
});

/**
 * A row as exported: the undo log's revision (lib/undoJournal) is the
 * server's bookkeeping, not the person's data, and would make two exports
 * of the same data differ.
 */
function withoutRevision<Row extends object>(row: Row): Row {
  const copy: Row & { revision?: number } = { ...row };
  delete copy.revision;
  return copy;
}

/** Progress of the caller's latest "delete my data", or null. */
export const deletionStatus = userQuery({
  args: {},
  handler: async (ctx) => {
    const job = await latestDeletion(ctx.db, ctx.userId);
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
 * `deletionStatus` reports progress. From this call's commit until "done",
 * every other user mutation is refused with DELETING (lib/auth), so nothing
 * new arrives while the batches run. Starting twice reuses the running job.
 */
export const deleteMyData = userMutation({
  args: {},
  runsWhileDeleting: true,
  handler: async (ctx) => {
    const running = await latestDeletion(ctx.db, ctx.userId);
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

/** Counting reads at most this many day rows or receipts per transaction. */
const COUNT_PAGE_SIZE = {
  days: 1_000,
  changeReceipts: USER_TABLES.changeReceipts.deleteBatchSize,
  trashGroups: 1_000,
  series: 1_000,
} as const;

/** The tables counting walks, in order: each after the one before. */
const COUNTED_AFTER = {
  days: "changeReceipts",
  changeReceipts: "trashGroups",
  trashGroups: "series",
  series: null,
} as const;

/**
 * Learns how much there is, a page at a time: first the day summaries,
 * which count the todos and notes, so no content row is read; then the
 * change receipts, which nothing counts; then the groups of "Recently
 * deleted", which count their items; then the repeating todos. A table
 * added to the deletion side of lib/userTables needs counting here too.
 */
export const countForDeletion = internalMutation({
  args: {
    jobId: v.id("deletions"),
    cursor: v.union(v.string(), v.null()),
    /** Which table this page counts; absent: the day summaries. */
    table: v.optional(
      literals("days", "changeReceipts", "trashGroups", "series"),
    ),
  },
  handler: async (ctx, args) => {
    const job = await ctx.db.get("deletions", args.jobId);
    if (!job) return;
    const table = args.table ?? "days";
    const page = await userRows(ctx.db, table, job.userId).paginate({
      numItems: COUNT_PAGE_SIZE[table],
      cursor: args.cursor,
    });
    let total = job.total;
    for (const row of page.page) {
      total += "todoCount" in row ? 1 + row.todoCount + row.noteCount : 1;
    }
    const nextTable = COUNTED_AFTER[table];
    if (!page.isDone) {
      await ctx.db.patch("deletions", job._id, { total });
      await ctx.scheduler.runAfter(0, internal.account.countForDeletion, {
        jobId: job._id,
        cursor: page.continueCursor,
        table,
      });
    } else if (nextTable !== null) {
      await ctx.db.patch("deletions", job._id, { total });
      await ctx.scheduler.runAfter(0, internal.account.countForDeletion, {
        jobId: job._id,
        cursor: null,
        table: nextTable,
      });
    } else {
      // The one-row tables (profile, usage, settings, carry-over progress)
      // are deleted last; count their rows only if there are any.
      const profile = await userRows(ctx.db, "users", job.userId).unique();
      const usage = await userRows(ctx.db, "usage", job.userId).unique();
      const settings = await userRows(ctx.db, "settings", job.userId).unique();
      const move = await userRows(
        ctx.db,
        "carryOverMoves",
        job.userId,
      ).unique();
      const single = [profile, usage, settings, move];
      await ctx.db.patch("deletions", job._id, {
        total: total + single.filter((row) => row !== null).length,
        status: "deleting",
      });
      await ctx.scheduler.runAfter(0, internal.account.deleteBatch, {
        jobId: job._id,
      });
    }
  },
});

/**
 * Deletes one batch from the first table that still has the user's rows.
 * The raw builder, on purpose: this deletes the day summary rows too (and
 * counts them as progress), so keeping them current while their todos go
 * would only rewrite rows about to be deleted, or delete them uncounted.
 *
 * "Done" is reported only by a batch that found no row of the user in any
 * table it deletes (every user table but the job's own row), all in one
 * transaction: the final check. Rows written before the job started,
 * including by scheduled work that was already queued, are found by a
 * later batch and deleted first.
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
      // The rate-limit buckets are not a user table (lib/userTables): they
      // go in this final transaction, uncounted, as bookkeeping.
      await forgetRateLimits(ctx, job.userId);
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

/**
 * One batch of the first table, in deletion order, that has rows left; 0
 * once every table is empty.
 */
async function deleteSomeRowsOf(
  ctx: MutationCtx,
  userId: string,
): Promise<number> {
  // Table by table, so each is queried only once the one before is empty.
  for (const table of DELETION_ORDER) {
    const rows = await userRows(ctx.db, table, userId).take(
      USER_TABLES[table].deleteBatchSize,
    );
    for (const row of rows) await ctx.db.delete(table, row._id);
    if (rows.length > 0) return rows.length;
  }
  return 0;
}
