import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { internalMutation, userMutation, userQuery } from "./lib/auth";
import {
  keyAtEnd,
  keysAtEnd,
  newestItemCreationTime,
  reorderMutation,
} from "./lib/dayItems";
import { textBytes } from "./lib/daySummary";
import { normalizeText } from "./lib/cleanText";
import { FIRST_DAY, LAST_DAY } from "./lib/dayRange";
import { ensureRoom, getDay } from "./lib/days";
import { conflict, invalidArgument } from "./lib/errors";
import { BATCH_SIZE, LIMITS } from "./lib/limits";
import { clientId, getOwned } from "./lib/ownership";
import { clampPageSize } from "./lib/pagination";
import { moveToTrash, setPending, type GroupRef } from "./lib/trash";
import { parseHeading, parsePastedLine } from "./lib/todoText";
import { recordUndoSteps, type JournalCtx } from "./lib/undoJournal";
import { ensureQuota, getUsage } from "./lib/usage";
import {
  requireComparableText,
  requireDay,
  requireListSize,
  requireText,
  TEXT_RULES,
} from "./lib/validate";

// Writes go through the builders of lib/auth, which keep each day's summary
// row (counts and budgets) current: handlers here only write todos.

const todoTextRule = TEXT_RULES.todoText;

/** Cleaned text and kind; `# ` with nothing visible after it is empty too. */
function parseTodoText(raw: string) {
  const { text, kind } = parseHeading(requireText(raw, todoTextRule));
  return { text: requireText(text, todoTextRule), kind };
}

/** A day's todos in display order (open and done; the UI splits them). */
export const listForDay = userQuery({
  args: { day: v.string() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    return await ctx.db
      .query("todos")
      .withIndex("by_user_day_order", (q) =>
        q.eq("userId", ctx.userId).eq("day", day),
      )
      .take(LIMITS.todosPerDay);
  },
});

/**
 * Pinned todos across all days, oldest day first, a page at a time; only
 * days inside the app's range, like `days.list` (see there).
 */
export const listPinned = userQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("todos")
      .withIndex("by_user_pinned_day_order", (q) =>
        q
          .eq("userId", ctx.userId)
          .eq("pinned", true)
          .gte("day", FIRST_DAY)
          .lte("day", LAST_DAY),
      )
      .paginate(clampPageSize(args.paginationOpts));
  },
});

/** Adds one item at the end of a day; `#`, `##`, `###` make a heading. */
export const create = userMutation({
  args: { day: v.string(), text: v.string() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    const { text, kind } = parseTodoText(args.text);
    return await ctx.db.insert("todos", {
      userId: ctx.userId,
      day,
      text,
      kind,
      done: false,
      pinned: false,
      order: await keyAtEnd(ctx, "todos", ctx.userId, day),
    });
  },
});

/**
 * Adds one item per line of a pasted list, in order, at the end of a day.
 * Bullets and numbering are stripped; `[x]` items arrive done.
 */
export const createMany = userMutation({
  args: { day: v.string(), lines: v.array(v.string()) },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    const items = requireListSize(args.lines, "The list")
      .map((line) =>
        parsePastedLine(
          requireText(line, { ...todoTextRule, allowEmpty: true }),
        ),
      )
      .filter((item) => item !== null);
    if (items.length === 0) throw invalidArgument("The list has no text.");
    const orders = await keysAtEnd(ctx, "todos", ctx.userId, day, items.length);
    const now = Date.now();
    const ids = [];
    for (const [i, item] of items.entries()) {
      ids.push(
        await ctx.db.insert("todos", {
          userId: ctx.userId,
          day,
          text: item.text,
          kind: item.kind,
          done: item.done,
          completedAt: item.done ? now : undefined,
          pinned: false,
          order: orders[i]!,
        }),
      );
    }
    return ids;
  },
});

/**
 * Rewrites an item's text; a heading marker turns it into a heading.
 * `baseText` is the text the edit started from: if the item's text has
 * changed since, the edit is refused with CONFLICT and the current text, so
 * the user chooses instead of one edit silently replacing the other.
 */
export const updateText = userMutation({
  undoable: true,
  args: { id: clientId("todos"), baseText: v.string(), text: v.string() },
  handler: async (ctx, args) => {
    const todo = await getOwned(ctx, ctx.userId, "todos", args.id);
    // Both sides normalised: a todo stored before text cleaning (NFD, `\r\n`,
    // a control character) must match the base a client sends for it, or
    // every edit of it would be a conflict.
    const baseText = requireComparableText(args.baseText, todoTextRule);
    const storedText = normalizeText(todo.text);
    const { text, kind } = parseTodoText(args.text);
    if (storedText !== baseText) {
      // The same text saved twice (two tabs typing alike) is no conflict.
      if (storedText === text && todo.kind === kind) return;
      throw conflict("todo", { text: todo.text });
    }
    // Headings are never done; a todo keeps its state.
    const done = kind === "todo" && todo.done;
    await ctx.db.patch("todos", todo._id, {
      text,
      kind,
      done,
      completedAt: done ? todo.completedAt : undefined,
    });
  },
});

export const setDone = userMutation({
  undoable: true,
  args: { id: clientId("todos"), done: v.boolean() },
  handler: async (ctx, args) => {
    const todo = await getOwned(ctx, ctx.userId, "todos", args.id);
    if (todo.kind !== "todo") {
      throw invalidArgument("Headings cannot be completed.");
    }
    if (todo.done === args.done) return;
    await ctx.db.patch("todos", todo._id, {
      done: args.done,
      completedAt: args.done ? Date.now() : undefined,
    });
  },
});

export const setPinned = userMutation({
  undoable: true,
  args: { id: clientId("todos"), pinned: v.boolean() },
  handler: async (ctx, args) => {
    const todo = await getOwned(ctx, ctx.userId, "todos", args.id);
    await ctx.db.patch("todos", todo._id, { pinned: args.pinned });
  },
});

/** Moves an item to the end of another day. */
export const moveToDay = userMutation({
  undoable: true,
  args: { id: clientId("todos"), day: v.string() },
  handler: async (ctx, args) => {
    const todo = await getOwned(ctx, ctx.userId, "todos", args.id);
    const day = requireDay(args.day);
    if (day === todo.day) return;
    const order = await keyAtEnd(ctx, "todos", ctx.userId, day);
    await ctx.db.patch("todos", todo._id, { day, order });
  },
});

/**
 * Places an item between the two neighbours the user dropped it between
 * (either may be null at an end of the list). One write, whatever the day's
 * size.
 */
export const reorder = reorderMutation("todos");

/**
 * Moves an item to "Recently deleted" (lib/trash); returns its group there,
 * which `trash.restoreGroup` puts back (Undo).
 */
export const remove = userMutation({
  args: { id: clientId("todos") },
  handler: async (ctx, args) => {
    const todo = await getOwned(ctx, ctx.userId, "todos", args.id);
    const group: GroupRef = {
      id: null,
      userId: ctx.userId,
      day: todo.day,
      what: "todo",
    };
    return (await moveToTrash(ctx, group, { todos: [todo] }))!;
  },
});

// ---- Whole-day bulk work: the first batch runs at once, the rest scheduled.

const dayBatchArgs = {
  userId: v.string(),
  day: v.string(),
  operation: v.union(
    v.literal("completeOpen"),
    v.literal("deleteOpen"),
    v.literal("deleteDone"),
    v.literal("copyOpen"),
  ),
  toDay: v.optional(v.string()),
  /** Resume after this order key; batches walk the day in order. */
  afterOrder: v.union(v.string(), v.null()),
  /** Only todos created at or before this time (lib/dayItems). */
  cutoff: v.number(),
  /** An undoable job's change id: each batch adds its part to the undo log. */
  undoChangeId: v.optional(v.string()),
  /** Where deleted todos go in "Recently deleted" (lib/trash). */
  trashGroupId: v.optional(v.id("trashGroups")),
};

type DayBatch = {
  userId: string;
  day: string;
  operation: "completeOpen" | "deleteOpen" | "deleteDone" | "copyOpen";
  toDay?: string;
  afterOrder: string | null;
  cutoff: number;
  undoChangeId?: string;
  trashGroupId?: Id<"trashGroups">;
};

/** Runs one batch; returns the trash group of a delete (null otherwise). */
async function runDayBatch(
  ctx: MutationCtx & JournalCtx,
  job: DayBatch,
): Promise<Id<"trashGroups"> | null> {
  const done = job.operation === "deleteDone";
  const batch = await ctx.db
    .query("todos")
    .withIndex("by_user_day_done_order", (q) => {
      const range = q
        .eq("userId", job.userId)
        .eq("day", job.day)
        .eq("done", done);
      return job.afterOrder === null
        ? range
        : range.gt("order", job.afterOrder);
    })
    .take(BATCH_SIZE);
  const deleting = job.operation === "deleteOpen" || done;
  const first = job.afterOrder === null;
  if (batch.length === 0) {
    if (deleting) await setPending(ctx, job.trashGroupId ?? null, undefined);
    return job.trashGroupId ?? null;
  }
  // Items added after the action was confirmed are walked past, untouched.
  const existed = batch.filter((todo) => todo._creationTime <= job.cutoff);
  // How many a long delete moves in all, for its progress (trash.progress),
  // counted before this batch moves any.
  const summary =
    deleting && first && batch.length === BATCH_SIZE
      ? await getDay(ctx, job.userId, job.day)
      : null;

  let trashGroupId = job.trashGroupId ?? null;
  if (job.operation === "copyOpen") {
    await copyBatch(ctx, job.userId, job.toDay!, existed);
  } else if (job.operation === "completeOpen") {
    const now = Date.now();
    for (const todo of existed) {
      if (todo.kind !== "todo") continue;
      await ctx.db.patch("todos", todo._id, { done: true, completedAt: now });
    }
  } else {
    trashGroupId = await moveToTrash(
      ctx,
      {
        id: trashGroupId,
        userId: job.userId,
        day: job.day,
        what: job.operation === "deleteOpen" ? "openTodos" : "doneTodos",
      },
      { todos: existed },
    );
  }

  if (batch.length === BATCH_SIZE) {
    await ctx.scheduler.runAfter(0, internal.todos.continueDayBatch, {
      ...job,
      afterOrder: batch[batch.length - 1]!.order,
      ...(trashGroupId ? { trashGroupId } : {}),
    });
    ctx.undoJournal.continues = true;
    if (summary) {
      const doneCount = summary.doneCount;
      await setPending(ctx, trashGroupId, {
        action: "delete",
        total: done ? doneCount : summary.todoCount - doneCount,
      });
    }
  } else if (deleting && !first) {
    await setPending(ctx, trashGroupId, undefined);
  }
  return trashGroupId;
}

/** Copies are told apart by kind and text: `# Errands` and `Errands` differ. */
const copyKey = (todo: Pick<Doc<"todos">, "kind" | "text">) =>
  `${todo.kind}\n${todo.text}`;

/** The kind and text of every item a day holds (open or done). */
async function itemKeysOfDay(ctx: MutationCtx, userId: string, day: string) {
  const todos = await ctx.db
    .query("todos")
    .withIndex("by_user_day_order", (q) =>
      q.eq("userId", userId).eq("day", day),
    )
    .take(LIMITS.todosPerDay);
  return new Set(todos.map(copyKey));
}

/**
 * Appends fresh, open, unpinned copies of the items not already on the
 * target day (so copying twice adds nothing); stops quietly when the day is
 * full (copyOpenToDay checked the room before).
 */
async function copyBatch(
  ctx: MutationCtx,
  userId: string,
  toDay: string,
  todos: Doc<"todos">[],
) {
  // Copy what fits the target day's budget; the rest is dropped quietly.
  // (Read before this batch writes: the row catches up when it ends.)
  // The user's quotas (lib/usage) bound it the same way.
  const target = await getDay(ctx, userId, toDay);
  const usage = await getUsage(ctx.db, userId);
  const there = await itemKeysOfDay(ctx, userId, toDay);
  const room = {
    count: Math.min(
      LIMITS.todosPerDay - (target?.todoCount ?? 0),
      LIMITS.todosTotal - (usage?.todoCount ?? 0),
    ),
    bytes: Math.min(
      LIMITS.todoBytesPerDay - (target?.todoBytes ?? 0),
      LIMITS.textBytesTotal - (usage?.textBytes ?? 0),
    ),
  };
  const copies: Doc<"todos">[] = [];
  for (const todo of todos) {
    const key = copyKey(todo);
    if (there.has(key)) continue;
    const bytes = textBytes(todo.text);
    if (copies.length >= room.count || bytes > room.bytes) break;
    there.add(key);
    room.bytes -= bytes;
    copies.push(todo);
  }
  if (copies.length === 0) return;
  const orders = await keysAtEnd(ctx, "todos", userId, toDay, copies.length);
  for (const [i, todo] of copies.entries()) {
    await ctx.db.insert("todos", {
      userId,
      day: toDay,
      text: todo.text,
      kind: todo.kind,
      done: false,
      pinned: false,
      order: orders[i]!,
    });
  }
}

export const continueDayBatch = internalMutation({
  args: dayBatchArgs,
  handler: async (ctx, job) => {
    await runDayBatch(ctx, job);
    if (job.undoChangeId !== undefined) {
      await recordUndoSteps(
        ctx.db,
        job.userId,
        job.undoChangeId,
        ctx.undoJournal.ops(),
        !ctx.undoJournal.continues,
      );
    }
  },
});

/**
 * A whole-day bulk action: the first batch runs now, the rest scheduled.
 * A delete returns its group in "Recently deleted" (null: nothing to delete).
 */
function wholeDayAction(
  operation: "completeOpen" | "deleteOpen" | "deleteDone",
) {
  // Completing is undone from the undo log; deleting, from the trash.
  const undoable = operation === "completeOpen";
  return userMutation({
    undoable,
    args: { day: v.string() },
    handler: async (ctx, args) => {
      const day = requireDay(args.day);
      const cutoff = await newestItemCreationTime(
        ctx,
        "todos",
        ctx.userId,
        day,
      );
      if (cutoff === null) return null;
      return await runDayBatch(ctx, {
        userId: ctx.userId,
        day,
        operation,
        afterOrder: null,
        cutoff,
        ...(undoable && ctx.changeId !== null
          ? { undoChangeId: ctx.changeId }
          : {}),
      });
    },
  });
}

export const completeAllOpen = wholeDayAction("completeOpen");
export const deleteAllOpen = wholeDayAction("deleteOpen");
export const deleteAllDone = wholeDayAction("deleteDone");

/**
 * Copies a day's open items (headings included) to the end of another day,
 * skipping those already there (same kind and text, open or done), so
 * copying twice adds nothing. Returns how many it copies and skips, counted
 * now: the first batch runs at once, the rest are scheduled.
 */
export const copyOpenToDay = userMutation({
  undoable: true,
  args: { fromDay: v.string(), toDay: v.string() },
  handler: async (ctx, args) => {
    const fromDay = requireDay(args.fromDay, "fromDay");
    const toDay = requireDay(args.toDay, "toDay");
    if (fromDay === toDay) {
      throw invalidArgument("Choose a different day to copy to.");
    }
    const openItems = await ctx.db
      .query("todos")
      .withIndex("by_user_day_done_order", (q) =>
        q.eq("userId", ctx.userId).eq("day", fromDay).eq("done", false),
      )
      .take(LIMITS.todosPerDay);
    const there = await itemKeysOfDay(ctx, ctx.userId, toDay);
    let copied = 0;
    let copiedBytes = 0;
    for (const todo of openItems) {
      const key = copyKey(todo);
      if (there.has(key)) continue;
      there.add(key);
      copied++;
      copiedBytes += textBytes(todo.text);
    }
    const result = { copied, skipped: openItems.length - copied };
    if (copied === 0) return result;
    const target = await getDay(ctx, ctx.userId, toDay);
    ensureRoom(target, { todoCount: copied, todoBytes: copiedBytes });
    // The scheduled batches write outside any rate limit or up-front quota
    // check, so the whole copy is charged and checked here, refused whole
    // (RATE_LIMITED, LIMIT_REACHED) rather than stopped part-way.
    const usage = await getUsage(ctx.db, ctx.userId);
    if (usage) {
      ensureQuota(usage, {
        todoCount: copied,
        noteCount: 0,
        dayCount: target ? 0 : 1,
        textBytes: copiedBytes,
      });
    }
    await ctx.chargeUpFront({
      createdItems: copied,
      writtenBytes: copiedBytes,
    });
    const cutoff = await newestItemCreationTime(
      ctx,
      "todos",
      ctx.userId,
      fromDay,
    );
    if (cutoff === null) return result;
    await runDayBatch(ctx, {
      userId: ctx.userId,
      day: fromDay,
      operation: "copyOpen",
      toDay,
      afterOrder: null,
      cutoff,
      ...(ctx.changeId !== null ? { undoChangeId: ctx.changeId } : {}),
    });
    return result;
  },
});
