import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import {
  // eslint-disable-next-line no-restricted-imports -- purgeExpired writes only the trash tables, which no trigger watches: see there.
  internalMutation as rawInternalMutation,
  type MutationCtx,
} from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import { isDeleting } from "./lib/deletions";
import { BATCH_SIZE, NOTE_BATCH_SIZE } from "./lib/limits";
import { clientId, getOwned } from "./lib/ownership";
import { clampPageSize } from "./lib/pagination";
import {
  countsOfRows,
  deleteGroupBatch,
  deleteRowsForever,
  ensureRoomToRestore,
  restoreGroupBatch,
  PendingRestores,
  restoreRows,
  setPending,
  type RestoredIds,
  TRASH_KEPT_MS,
  type TrashGroup,
} from "./lib/trash";

/*
 * "Recently deleted" (lib/trash holds the mechanics). Big groups (a deleted
 * day of 5,000 todos) are restored and deleted for good in batches: the
 * first runs in the caller's mutation, the rest are scheduled, each going on
 * only while there is more.
 */

/** A page of items of a group, at most: notes may be 100 kB each. */
const ITEM_PAGE_SIZE = 50;
/** Characters of a note's body the view shows. */
const BODY_PREVIEW = 200;

/**
 * The caller's deleted groups, newest first, a page at a time (one
 * indexed range starting with the user): each with what it holds and when
 * it will be purged.
 */
export const list = userQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) => {
    const result = await ctx.db
      .query("trashGroups")
      .withIndex("by_user_deleted", (q) => q.eq("userId", ctx.userId))
      .order("desc")
      .paginate(clampPageSize(args.paginationOpts));
    return {
      ...result,
      page: result.page.map((group) => ({
        _id: group._id,
        what: group.what,
        day: group.day,
        name: group.name,
        label: group.label,
        archived: group.archived ?? false,
        todoCount: group.todoCount,
        noteCount: group.noteCount,
        deletedAt: group.deletedAt,
        expiresAt: group.deletedAt + TRASH_KEPT_MS,
      })),
    };
  },
});

/** The items of one of the caller's groups, a page at a time. */
export const listItems = userQuery({
  args: {
    groupId: clientId("trashGroups"),
    paginationOpts: paginationOptsValidator,
  },
  handler: async (ctx, args) => {
    const group = await getOwned(ctx, ctx.userId, "trashGroups", args.groupId);
    const opts = clampPageSize(args.paginationOpts);
    const result = await ctx.db
      .query("trash")
      .withIndex("by_user_group_kind", (q) =>
        q.eq("userId", ctx.userId).eq("groupId", group._id),
      )
      .paginate({
        ...opts,
        numItems: Math.min(opts.numItems, ITEM_PAGE_SIZE),
      });
    return {
      ...result,
      page: result.page.map((row) => ({
        _id: row._id,
        day: row.day,
        todo: row.todo && {
          text: row.todo.text,
          kind: row.todo.kind,
          done: row.todo.done,
          pinned: row.todo.pinned,
        },
        note: row.note && {
          title: row.note.title,
          bodyPreview: row.note.body.slice(0, BODY_PREVIEW),
        },
      })),
    };
  },
});

/**
 * Schedules the rest of a group's restore or deletion while it has items
 * left.
 */
async function continueLater(
  ctx: MutationCtx,
  group: TrashGroup | null,
  action: "restore" | "deleteForever",
) {
  if (!group) return;
  await ctx.scheduler.runAfter(0, internal.trash.continueGroup, {
    groupId: group._id,
    action,
  });
}

/**
 * Puts a deleted group back where it was: a todo, a note, a day (with its
 * label and archive mark) or a day's open or done todos. Refused whole
 * with LIMIT_REACHED when it would not fit its day or the user's quotas.
 * Returns how many items the group held.
 */
export const restoreGroup = userMutation({
  args: { groupId: clientId("trashGroups") },
  handler: async (ctx, args) => {
    const group = await getOwned(ctx, ctx.userId, "trashGroups", args.groupId);
    const items = group.todoCount + group.noteCount;
    // The scheduled batches write outside any rate limit: charged now.
    await ctx.chargeUpFront({
      createdItems: items,
      writtenBytes: group.todoBytes + group.noteBytes,
    });
    // A one-item group (a todo, a note) is back in this transaction: its
    // new id lets a redo of the delete delete it again.
    const restored: RestoredIds = { todos: [], notes: [] };
    const left = await restoreGroupBatch(ctx, group, undefined, restored);
    if (left) {
      await setPending(ctx, left._id, { action: "restore", total: items });
    }
    await continueLater(ctx, left, "restore");
    return { items, ...restored };
  },
});

/**
 * How far a deletion or restore running in batches has got: null once it
 * has finished (or the group is gone, or is not the caller's: a finished
 * restore removes its group). Items counted as the day counts them.
 */
export const progress = userQuery({
  args: { groupId: clientId("trashGroups") },
  handler: async (ctx, args) => {
    const id = ctx.db.normalizeId("trashGroups", args.groupId);
    const group = id && (await ctx.db.get("trashGroups", id));
    if (!group || group.userId !== ctx.userId || !group.pending) return null;
    const { action, total } = group.pending;
    const inTrash = group.todoCount + group.noteCount;
    const moved = action === "delete" ? inTrash : total - inTrash;
    return { action, moved: Math.min(Math.max(moved, 0), total), total };
  },
});

/** Puts one deleted todo or note back, out of its group. */
export const restoreItem = userMutation({
  args: { id: clientId("trash") },
  handler: async (ctx, args) => {
    const row = await getOwned(ctx, ctx.userId, "trash", args.id);
    const group = (await ctx.db.get("trashGroups", row.groupId))!;
    await ensureRoomToRestore(ctx, ctx.userId, row.day, countsOfRows([row]));
    await restoreRows(ctx, group, [row]);
  },
});

/** Deletes one item of the trash for good. */
export const deleteItemForever = userMutation({
  args: { id: clientId("trash") },
  handler: async (ctx, args) => {
    const row = await getOwned(ctx, ctx.userId, "trash", args.id);
    const group = (await ctx.db.get("trashGroups", row.groupId))!;
    await deleteRowsForever(ctx, group, [row]);
  },
});

/** Deletes a group and all it holds for good. */
export const deleteGroupForever = userMutation({
  args: { groupId: clientId("trashGroups") },
  handler: async (ctx, args) => {
    const group = await getOwned(ctx, ctx.userId, "trashGroups", args.groupId);
    const { group: left } = await deleteGroupBatch(ctx, group);
    await continueLater(ctx, left, "deleteForever");
  },
});

export const continueGroup = internalMutation({
  args: {
    groupId: v.id("trashGroups"),
    action: v.union(v.literal("restore"), v.literal("deleteForever")),
  },
  handler: async (ctx, args) => {
    const group = await ctx.db.get("trashGroups", args.groupId);
    if (!group) return;
    if (args.action === "deleteForever") {
      await continueLater(
        ctx,
        (await deleteGroupBatch(ctx, group)).group,
        "deleteForever",
      );
      return;
    }
    // "Delete my data" takes everything; a restore must not outlive it.
    if (await isDeleting(ctx.db, group.userId)) return;
    // Room was checked for the whole group when the restore began; a day
    // filled meanwhile (another tab) stops it, leaving the rest here.
    let left: TrashGroup | null;
    try {
      left = await restoreGroupBatch(ctx, group);
    } catch {
      await setPending(ctx, group._id, undefined);
      return;
    }
    await continueLater(ctx, left, "restore");
  },
});

// ---- Whole-trash work: one walk over the user's groups, oldest first.

/** Work per transaction: a todo row counts 1, a note row (up to 100 kB) more. */
const WALK_BUDGET = BATCH_SIZE;
const NOTE_WEIGHT = Math.ceil(BATCH_SIZE / NOTE_BATCH_SIZE);

/** The work of one group batch: its rows are todos until those are gone. */
function weightOf(group: TrashGroup, rows: number) {
  return 1 + rows * (group.todoCount === 0 ? NOTE_WEIGHT : 1);
}

const walkArgs = {
  userId: v.string(),
  /** Only groups deleted at or before this time (the request's). */
  before: v.number(),
};

/**
 * Deletes the user's groups deleted at or before `before` for good, up to
 * a budget; true while some may be left.
 */
async function emptySome(
  ctx: MutationCtx,
  userId: string,
  before: number,
): Promise<boolean> {
  let spent = 0;
  while (spent < WALK_BUDGET) {
    const group = await ctx.db
      .query("trashGroups")
      .withIndex("by_user_deleted", (q) =>
        q.eq("userId", userId).lte("deletedAt", before),
      )
      .first();
    if (!group) return false;
    const { rows } = await deleteGroupBatch(ctx, group);
    spent += weightOf(group, rows);
  }
  return true;
}

/** Empties the caller's trash: everything deleted until now, for good. */
export const empty = userMutation({
  args: {},
  handler: async (ctx) => {
    const before = Date.now();
    if (await emptySome(ctx, ctx.userId, before)) {
      await ctx.scheduler.runAfter(0, internal.trash.continueEmpty, {
        userId: ctx.userId,
        before,
      });
    }
  },
});

export const continueEmpty = internalMutation({
  args: walkArgs,
  handler: async (ctx, args) => {
    if (await emptySome(ctx, args.userId, args.before)) {
      await ctx.scheduler.runAfter(0, internal.trash.continueEmpty, args);
    }
  },
});

/** The last group a "restore all" passed over (it did not fit), if any. */
const passedOver = v.union(
  v.object({ deletedAt: v.number(), creationTime: v.number() }),
  v.null(),
);
type PassedOver = { deletedAt: number; creationTime: number } | null;

/**
 * The user's oldest group deleted at or before `before` and after the last
 * one passed over (restored groups are gone, so the walk needs no cursor;
 * the index ends with the creation time, which orders equal times).
 */
async function nextGroupToRestore(
  ctx: MutationCtx,
  userId: string,
  before: number,
  after: PassedOver,
): Promise<TrashGroup | null> {
  const byUser = () =>
    ctx.db.query("trashGroups").withIndex("by_user_deleted", (q) => {
      const mine = q.eq("userId", userId);
      return after === null
        ? mine.lte("deletedAt", before)
        : mine.gt("deletedAt", after.deletedAt).lte("deletedAt", before);
    });
  if (after !== null) {
    const sameTime = await ctx.db
      .query("trashGroups")
      .withIndex("by_user_deleted", (q) =>
        q
          .eq("userId", userId)
          .eq("deletedAt", after.deletedAt)
          .gt("_creationTime", after.creationTime),
      )
      .first();
    if (sameTime) return sameTime;
  }
  return await byUser().first();
}

/**
 * Restores the user's groups, oldest first, up to a budget. A group that
 * would not fit its day or the quotas is passed over and stays in the
 * trash. Returns where to go on from, or `done`.
 */
async function restoreSome(
  ctx: MutationCtx,
  userId: string,
  before: number,
  from: PassedOver,
): Promise<{ done: true } | { done: false; after: PassedOver }> {
  let after = from;
  let spent = 0;
  const pending = new PendingRestores();
  while (spent < WALK_BUDGET) {
    const group = await nextGroupToRestore(ctx, userId, before, after);
    if (!group) return { done: true };
    const items = group.todoCount + group.noteCount;
    try {
      const left = await restoreGroupBatch(ctx, group, pending);
      // A group only partly back: the rest in the next transaction, whose
      // room checks then see this one's restores in the day rows.
      if (left) return { done: false, after };
      spent += weightOf(group, items);
    } catch {
      // Does not fit: it stays here, and the walk goes on past it.
      after = { deletedAt: group.deletedAt, creationTime: group._creationTime };
      spent += 1;
    }
  }
  return { done: false, after };
}

const restoreWalkArgs = { ...walkArgs, after: passedOver };

/**
 * Restores everything deleted until now, oldest first, in batches. What
 * would overfill a day (or pass a quota) stays in the trash.
 */
export const restoreAll = userMutation({
  args: {},
  handler: async (ctx) => {
    const before = Date.now();
    const result = await restoreSome(ctx, ctx.userId, before, null);
    if (!result.done) {
      await ctx.scheduler.runAfter(0, internal.trash.continueRestoreAll, {
        userId: ctx.userId,
        before,
        after: result.after,
      });
    }
  },
});

export const continueRestoreAll = internalMutation({
  args: restoreWalkArgs,
  handler: async (ctx, args) => {
    if (await isDeleting(ctx.db, args.userId)) return;
    const result = await restoreSome(ctx, args.userId, args.before, args.after);
    if (!result.done) {
      await ctx.scheduler.runAfter(0, internal.trash.continueRestoreAll, {
        ...args,
        after: result.after,
      });
    }
  },
});

/**
 * The daily purge (convex/crons): deletes what has been in anyone's trash
 * over 30 days, oldest first, up to a budget per transaction, and goes on
 * in another while there may be more. Reads only expired groups and their
 * rows, so its cost follows what it purges. The raw builder: it deletes
 * only trash rows, so the day-summary triggers (which would read each
 * deleted row once more) have nothing to do.
 */
export const purgeExpired = rawInternalMutation({
  args: {},
  handler: async (ctx) => {
    const expiredBefore = Date.now() - TRASH_KEPT_MS;
    let spent = 0;
    while (spent < WALK_BUDGET) {
      const group = await ctx.db
        .query("trashGroups")
        .withIndex("by_deleted", (q) => q.lt("deletedAt", expiredBefore))
        .first();
      if (!group) return { purged: spent, more: false };
      const { rows } = await deleteGroupBatch(ctx, group);
      spent += weightOf(group, rows);
    }
    await ctx.scheduler.runAfter(0, internal.trash.purgeExpired, {});
    return { purged: spent, more: true };
  },
});
