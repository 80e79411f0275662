import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import { CHANGE_ID_MAX_LENGTH } from "./lib/changeReceipts";
import { getDay, updateDay } from "./lib/days";
import { appError, invalidArgument } from "./lib/errors";
import { BATCH_SIZE } from "./lib/limits";
import {
  recordUndoSteps,
  UNDO_LIFETIME_MS,
  type JournalCtx,
} from "./lib/undoJournal";
import type { UndoOp } from "./lib/undoOps";

/*
 * Undo and redo of the changes in the undo log (lib/undoJournal). The
 * client names a change by the id it sent it with; the server restores what
 * its log says the change touched, never what a client sends. An undo is
 * itself an undoable change, so redo is the undo of an undo.
 *
 * Undo never clobbers newer work: every row the change touched must still
 * hold the revision the change left, else the whole undo is refused
 * (UNDO_CONFLICT) and nothing changes. A change of more than BATCH_SIZE
 * rows is checked whole at once, then put back in scheduled batches, each
 * of which leaves alone a row changed in the moments between.
 */

/** Log rows of one change read at most (a 5,000-todo day is 20). */
const MAX_STEPS = 200;
/** Rows restored per transaction. */
const UNDO_BATCH_SIZE = BATCH_SIZE;

type Ctx = MutationCtx & JournalCtx & { userId: string };

/** The id of a change to undo, as `changeId` is checked (lib/changeReceipts). */
function requireTarget(value: string): string {
  if (
    value.length === 0 ||
    value.length > CHANGE_ID_MAX_LENGTH ||
    !/^[A-Za-z0-9_-]+$/.test(value)
  ) {
    throw invalidArgument(
      `change must be 1 to ${CHANGE_ID_MAX_LENGTH} letters, digits, "-" or "_".`,
    );
  }
  return value;
}

async function stepsOf(
  ctx: Pick<QueryCtx, "db">,
  userId: string,
  change: string,
) {
  return await ctx.db
    .query("undoLog")
    .withIndex("by_user_change_step", (q) =>
      q.eq("userId", userId).eq("changeId", change),
    )
    .take(MAX_STEPS);
}

const quoted = (text: string) =>
  `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;

function conflict(what: string) {
  return appError(
    "UNDO_CONFLICT",
    `${what} was changed since (here, in another tab or on another device), so nothing was undone.`,
  );
}

type ItemTable = "todos" | "notes" | "series";

const ITEM_NAMES: Record<ItemTable, string> = {
  todos: "A todo it touched",
  notes: "A note it touched",
  series: "A repeating todo it touched",
};

function describe(table: ItemTable, doc: Doc<ItemTable>) {
  if (table === "todos") return quoted((doc as Doc<"todos">).text);
  if (table === "series") {
    return `The repeat of ${quoted((doc as Doc<"series">).text)}`;
  }
  const { title } = doc as Doc<"notes">;
  return title ? `The note ${quoted(title)}` : "A note";
}

/** The row an op names, if it is still the caller's. */
async function currentItem(
  ctx: Ctx,
  op: Extract<UndoOp, { table: ItemTable }>,
) {
  const id = ctx.db.normalizeId(op.table, op.id);
  const doc = id === null ? null : await ctx.db.get(op.table, id);
  return doc && doc.userId === ctx.userId ? doc : null;
}

/** Null when the row is as the change left it; else why not, in words. */
async function changedSince(ctx: Ctx, op: UndoOp): Promise<string | null> {
  switch (op.kind) {
    case "insert":
    case "update": {
      const doc = await currentItem(ctx, op);
      if (!doc) return ITEM_NAMES[op.table];
      return (doc.revision ?? 0) === op.revisionAfter
        ? null
        : describe(op.table, doc);
    }
    case "delete":
      // Gone since this change: nothing newer to keep.
      return null;
    case "day": {
      const row = await getDay(ctx, ctx.userId, op.day);
      return (row?.revision ?? null) === op.revisionAfter
        ? null
        : `The day ${op.day}`;
    }
  }
}

/** Puts one row back as it was before the change (writes are journaled). */
async function restore(ctx: Ctx, op: UndoOp): Promise<void> {
  switch (op.kind) {
    case "insert": {
      const doc = await currentItem(ctx, op);
      if (!doc) return;
      // A series is stopped, not deleted: its occurrences (todos made
      // since, kept by a later change) still name it, and a redo takes it
      // up again under the same id.
      if (op.table === "series") {
        await ctx.db.patch("series", doc._id as Id<"series">, {
          active: false,
        });
      } else {
        await ctx.db.delete(op.table, doc._id as Id<"todos" | "notes">);
      }
      return;
    }
    case "update": {
      const doc = await currentItem(ctx, op);
      if (!doc) return;
      const cleared = Object.fromEntries(
        op.unset.map((key) => [key, undefined]),
      );
      await ctx.db.patch(op.table, doc._id, { ...cleared, ...op.before });
      return;
    }
    case "delete": {
      const fields = { ...op.fields, userId: ctx.userId };
      if (op.table === "todos") {
        await ctx.db.insert(
          "todos",
          fields as Omit<Doc<"todos">, "_id" | "_creationTime">,
        );
      } else if (op.table === "series") {
        await ctx.db.insert(
          "series",
          fields as Omit<Doc<"series">, "_id" | "_creationTime">,
        );
      } else {
        await ctx.db.insert(
          "notes",
          fields as Omit<Doc<"notes">, "_id" | "_creationTime">,
        );
      }
      return;
    }
    case "day":
      await updateDay(ctx, ctx.userId, op.day, {
        label: op.before.label ?? null,
        archived: op.before.archived,
      });
      return;
  }
}

/**
 * Undoes the change sent with id `change` (or, given an undo's id, redoes
 * what that undo took back). Refused whole with UNDO_CONFLICT when a row it
 * touched has changed since, UNDO_PENDING while the change's own batches
 * still run, NOT_FOUND when there is no such change of the caller's (or
 * it is older than a day). Returns how many rows it restores; more than one
 * batch goes on in scheduled batches (`progress`).
 */
export const apply = userMutation({
  undoable: true,
  args: { change: v.string() },
  handler: async (ctx, args) => {
    const target = requireTarget(args.change);
    const steps = await stepsOf(ctx, ctx.userId, target);
    if (steps.length === 0 || steps[0]!.at < Date.now() - UNDO_LIFETIME_MS) {
      throw appError(
        "NOT_FOUND",
        "That change can no longer be undone: changes can be undone for a day.",
      );
    }
    if (!steps.some((step) => step.complete)) {
      throw appError(
        "UNDO_PENDING",
        "That change is still being made. Try again in a moment.",
      );
    }
    const ops = steps.flatMap((step) => step.ops);
    for (const op of ops) {
      const what = await changedSince(ctx, op);
      if (what !== null) throw conflict(what);
    }
    for (const op of ops.slice(0, UNDO_BATCH_SIZE)) await restore(ctx, op);
    if (ops.length > UNDO_BATCH_SIZE) {
      await ctx.scheduler.runAfter(0, internal.undo.continueApply, {
        userId: ctx.userId,
        target,
        from: UNDO_BATCH_SIZE,
        changeId: ctx.changeId,
      });
      ctx.undoJournal.continues = true;
    }
    return { total: ops.length };
  },
});

export const continueApply = internalMutation({
  args: {
    userId: v.string(),
    target: v.string(),
    from: v.number(),
    /** The undo's own change id, under which its batches are logged (redo). */
    changeId: v.union(v.string(), v.null()),
  },
  handler: async (ctx, job) => {
    const jobCtx: Ctx = { ...ctx, userId: job.userId };
    const steps = await stepsOf(ctx, job.userId, job.target);
    const ops = steps.flatMap((step) => step.ops);
    const end = job.from + UNDO_BATCH_SIZE;
    for (const op of ops.slice(job.from, end)) {
      // Checked whole when the undo began; a row changed since is kept.
      if ((await changedSince(jobCtx, op)) === null) await restore(jobCtx, op);
    }
    const more = end < ops.length;
    if (more) {
      await ctx.scheduler.runAfter(0, internal.undo.continueApply, {
        ...job,
        from: end,
      });
    }
    if (job.changeId !== null) {
      await recordUndoSteps(
        ctx.db,
        job.userId,
        job.changeId,
        ctx.undoJournal.ops(),
        !more,
      );
    }
  },
});

/**
 * How far an undo or redo sent with id `change` has got: rows restored so
 * far, and whether it has finished. Null when there is no such change.
 */
export const progress = userQuery({
  args: { change: v.string() },
  handler: async (ctx, args) => {
    const steps = await stepsOf(ctx, ctx.userId, requireTarget(args.change));
    if (steps.length === 0) return null;
    return {
      restored: steps.reduce((sum, step) => sum + step.ops.length, 0),
      finished: steps.some((step) => step.complete),
    };
  },
});

/** Expired log rows removed per run of the purge. */
const PURGED_PER_RUN = 500;

/**
 * Removes undo log rows older than a day, a page at a time, for the users
 * who stopped making changes (changes prune their own user's log). Run
 * daily (convex/crons.ts).
 */
export const purgeExpired = internalMutation({
  args: {},
  handler: async (ctx) => {
    const expired = await ctx.db
      .query("undoLog")
      .withIndex("by_at", (q) => q.lt("at", Date.now() - UNDO_LIFETIME_MS))
      .take(PURGED_PER_RUN);
    for (const row of expired) await ctx.db.delete("undoLog", row._id);
    if (expired.length === PURGED_PER_RUN) {
      await ctx.scheduler.runAfter(0, internal.undo.purgeExpired, {});
    }
  },
});
