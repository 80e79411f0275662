import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import type { DatabaseReader, MutationCtx } from "./_generated/server";
import {
  internalMutation,
  userMutation,
  userQuery,
  type UserMutationCtx,
} from "./lib/auth";
import { keysAtEnd } from "./lib/dayItems";
import { FIRST_DAY } from "./lib/dayRange";
import { textBytes } from "./lib/daySummary";
import { getDay } from "./lib/days";
import { invalidArgument } from "./lib/errors";
import { BATCH_SIZE, LIMITS } from "./lib/limits";
import { recordUndoSteps } from "./lib/undoJournal";
import { requireNearToday, userSettings } from "./lib/userToday";
import { requireDay } from "./lib/validate";
import { storeSettings } from "./settings";

/*
 * Carry-over: open todos (not headings, not done) left on days before
 * today. Everything walks one index, `by_user_done_kind_superseded_day_order`,
 * newest day first and each day in its own order, so what is read is what
 * is shown (plus one read per day crossed), never the person's history. A
 * repeating todo's older open occurrences are marked superseded and lie
 * outside the range walked (lib/supersededOccurrences): a repeat left
 * undone for a year costs what one todo costs.
 *
 * Moving many ("Move all to today", and the automatic move of the setting
 * "Move unfinished todos to today automatically") runs a batch at once and
 * the rest in scheduled batches, each appending after today's last item, so
 * the moved todos keep the section's order and land after today's own.
 * Every batch writes its part to the undo log (lib/undoJournal): undo puts
 * each todo back on its own day with its own order key, its old place.
 * Today holds at most a day's budget (LIMITS.todosPerDay), so one move is
 * at most that many todos, and so is its undo.
 */

const OPEN_TODOS = "by_user_done_kind_superseded_day_order";

/** The most todos the section shows at once ("Show more" grows it). */
export const MAX_SHOWN = 500;

/**
 * The heading counts up to this many and says "99+" beyond: an exact count
 * would read every open todo of the person's past.
 */
export const COUNT_CAP = 99;

/** A move whose batches stopped updating this long ago has failed. */
const STALE_MOVE_MS = 10 * 60 * 1000;

/** The latest day before `before` with an open todo (one read), or null. */
async function latestOpenDayBefore(
  db: DatabaseReader,
  userId: string,
  before: string,
): Promise<string | null> {
  const todo = await db
    .query("todos")
    .withIndex(OPEN_TODOS, (q) =>
      q
        .eq("userId", userId)
        .eq("done", false)
        .eq("kind", "todo")
        .eq("superseded", undefined)
        .gte("day", FIRST_DAY)
        .lt("day", before),
    )
    .order("desc")
    .first();
  return todo?.day ?? null;
}

/**
 * Up to `count` open todos of days before `today`: newest day first, each
 * day in its order. Reads what it returns plus one todo per day it enters,
 * and for repeating todos one read per series (see `carriedOccurrence`).
 */
export async function openTodosBefore(
  db: DatabaseReader,
  userId: string,
  today: string,
  count: number,
): Promise<Doc<"todos">[]> {
  const found: Doc<"todos">[] = [];
  const carried = carriedOccurrence(db, userId, today);
  let day = await latestOpenDayBefore(db, userId, today);
  while (day !== null && found.length < count) {
    const dayOf: string = day;
    const items = db
      .query("todos")
      .withIndex(OPEN_TODOS, (q) =>
        q
          .eq("userId", userId)
          .eq("done", false)
          .eq("kind", "todo")
          .eq("superseded", undefined)
          .eq("day", dayOf),
      );
    for await (const todo of items) {
      if (await carried(todo)) found.push(todo);
      if (found.length >= count) break;
    }
    if (found.length >= count) break;
    day = await latestOpenDayBefore(db, userId, dayOf);
  }
  return found;
}

/**
 * Whether an open todo is carried over, asked newest day first. A
 * repeating todo shows once, at its latest unfinished occurrence, and not
 * at all while its series has a todo on today (made there, or moved
 * there), so a move never brings it twice. Its older occurrences are
 * superseded and never read; `seen` passes over those of rows from before
 * the mark until their series is settled (lib/supersededOccurrences).
 */
function carriedOccurrence(db: DatabaseReader, userId: string, today: string) {
  const seen = new Set<Id<"series">>();
  return async (todo: Doc<"todos">): Promise<boolean> => {
    const { seriesId } = todo;
    if (seriesId === undefined) return true;
    if (seen.has(seriesId)) return false;
    seen.add(seriesId);
    const onToday = await db
      .query("todos")
      .withIndex("by_user_series_day", (q) =>
        q.eq("userId", userId).eq("seriesId", seriesId).eq("day", today),
      )
      .first();
    return onToday === null;
  };
}

function requireShownCount(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SHOWN) {
    throw invalidArgument(
      `limit must be a whole number from 1 to ${MAX_SHOWN}.`,
    );
  }
  return limit;
}

/** A day of the section: its date, its label if it has one, its todos. */
export type CarriedOverDay = {
  day: string;
  label: string | null;
  todos: Doc<"todos">[];
};

/**
 * "From earlier days": the first `limit` open todos of days before
 * `today` (the browser's today, within a day of the server's), grouped by
 * day, newest day first. `count` is exact up to COUNT_CAP; `countCapped`
 * says there are more than that. `hasMore`: "Show more" has more to show.
 */
export const list = userQuery({
  args: { today: v.string(), limit: v.number() },
  handler: async (ctx, args) => {
    const today = requireDay(args.today, "today");
    const limit = requireShownCount(args.limit);
    await requireNearToday(ctx, ctx.userId, today);
    const todos = await openTodosBefore(
      ctx.db,
      ctx.userId,
      today,
      Math.max(limit, COUNT_CAP) + 1,
    );
    const days: CarriedOverDay[] = [];
    for (const todo of todos.slice(0, limit)) {
      const last = days.at(-1);
      if (last?.day === todo.day) last.todos.push(todo);
      else days.push({ day: todo.day, label: null, todos: [todo] });
    }
    for (const group of days) {
      group.label = (await getDay(ctx, ctx.userId, group.day))?.label ?? null;
    }
    return {
      days,
      count: Math.min(todos.length, COUNT_CAP),
      countCapped: todos.length > COUNT_CAP,
      hasMore: todos.length > limit,
    };
  },
});

/** What a move reports: how far it has got. */
export type MoveProgress = {
  today: string;
  automatic: boolean;
  /** "full": stopped because today holds as much as a day may. */
  status: "moving" | "done" | "full";
  moved: number;
};

function progressOf(
  row: Pick<Doc<"carryOverMoves">, keyof MoveProgress>,
): MoveProgress {
  return {
    today: row.today,
    automatic: row.automatic,
    status: row.status,
    moved: row.moved,
  };
}

function latestMove(db: DatabaseReader, userId: string) {
  return db
    .query("carryOverMoves")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
}

/**
 * Moves one batch to the end of `today`, within what today has room for.
 * "more": another batch is due; "done": nothing is left; "full": today
 * cannot take the next todo.
 */
async function moveBatch(
  ctx: MutationCtx,
  userId: string,
  today: string,
): Promise<{ moved: number; outcome: "more" | "done" | "full" }> {
  const target = await getDay(ctx, userId, today);
  const roomCount = LIMITS.todosPerDay - (target?.todoCount ?? 0);
  let roomBytes = LIMITS.todoBytesPerDay - (target?.todoBytes ?? 0);
  const batchSize = Math.max(0, Math.min(BATCH_SIZE, roomCount));
  const candidates = await openTodosBefore(
    ctx.db,
    userId,
    today,
    batchSize + 1,
  );
  const moving: Doc<"todos">[] = [];
  let full = false;
  for (const todo of candidates.slice(0, batchSize)) {
    const bytes = textBytes(todo.text);
    if (bytes > roomBytes) {
      full = true;
      break;
    }
    roomBytes -= bytes;
    moving.push(todo);
  }
  if (moving.length > 0) {
    const orders = await keysAtEnd(ctx, "todos", userId, today, moving.length);
    for (const [i, todo] of moving.entries()) {
      await ctx.db.patch("todos", todo._id, { day: today, order: orders[i]! });
    }
  }
  // Todos left after a batch smaller than BATCH_SIZE were left for want of
  // room (count or bytes): today is full.
  const left = candidates.length > moving.length;
  const outcome = !left
    ? "done"
    : full || moving.length < BATCH_SIZE
      ? "full"
      : "more";
  return { moved: moving.length, outcome };
}

/**
 * Starts a move of every open todo before `today` to its end: one move at
 * a time per person (a second start while one runs reports that one).
 */
async function startMove(
  ctx: UserMutationCtx,
  today: string,
  automatic: boolean,
): Promise<MoveProgress> {
  const now = Date.now();
  const existing = await latestMove(ctx.db, ctx.userId);
  if (
    existing?.status === "moving" &&
    now - existing.updatedAt < STALE_MOVE_MS
  ) {
    return progressOf(existing);
  }
  const { moved, outcome } = await moveBatch(ctx, ctx.userId, today);
  const fields = {
    userId: ctx.userId,
    today,
    automatic,
    status: outcome === "more" ? ("moving" as const) : outcome,
    moved,
    startedAt: now,
    updatedAt: now,
  };
  let moveId: Id<"carryOverMoves">;
  if (existing) {
    await ctx.db.replace("carryOverMoves", existing._id, fields);
    moveId = existing._id;
  } else {
    moveId = await ctx.db.insert("carryOverMoves", fields);
  }
  if (outcome === "more") {
    await ctx.scheduler.runAfter(0, internal.carryOver.continueMove, {
      moveId,
      startedAt: now,
      ...(ctx.changeId !== null ? { changeId: ctx.changeId } : {}),
    });
    ctx.undoJournal.continues = true;
  }
  return progressOf(fields);
}

/**
 * "Move all to today": every open todo of the days before `today` (the
 * browser's today, within a day of the server's), in the section's order,
 * to the end of today. The first batch is moved at once; `moveProgress`
 * follows the rest. Undoable as one change.
 */
export const moveAllToToday = userMutation({
  undoable: true,
  args: { today: v.string() },
  handler: async (ctx, args): Promise<MoveProgress> => {
    const today = requireDay(args.today, "today");
    await requireNearToday(ctx, ctx.userId, today);
    return await startMove(ctx, today, false);
  },
});

/**
 * The setting "Move unfinished todos to today automatically": the browser
 * calls this when the app opens, with the today it shows (accepted within a
 * day of the person's today in their time zone, as everywhere). When the
 * setting is on and no automatic move has run for this day or a later one,
 * it starts one and returns its progress; otherwise null. Two tabs calling
 * at once both read and write the settings row, so Convex runs one after
 * the other and the second finds the day already done.
 */
export const moveAutomatically = userMutation({
  undoable: true,
  args: { today: v.string() },
  handler: async (ctx, args): Promise<MoveProgress | null> => {
    const today = requireDay(args.today, "today");
    await requireNearToday(ctx, ctx.userId, today);
    const settings = await userSettings(ctx, ctx.userId);
    if (settings?.moveUnfinishedAutomatically !== true) return null;
    // Only forward: a tab whose today is behind the last move's (a device
    // west of another) does not move the todos back.
    const last = settings.lastAutomaticMoveDay;
    if (last !== undefined && today <= last) return null;
    await storeSettings(ctx, ctx.userId, { lastAutomaticMoveDay: today });
    return await startMove(ctx, today, true);
  },
});

/** The caller's latest move (manual or automatic), or null before any. */
export const moveProgress = userQuery({
  args: {},
  handler: async (ctx): Promise<MoveProgress | null> => {
    const row = await latestMove(ctx.db, ctx.userId);
    return row ? progressOf(row) : null;
  },
});

/** One scheduled batch of a move; the next is scheduled while any is left. */
export const continueMove = internalMutation({
  args: {
    moveId: v.id("carryOverMoves"),
    /** Tells this move from a later one that replaced the row. */
    startedAt: v.number(),
    /** The move's change id: each batch adds its part to the undo log. */
    changeId: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    const move = await ctx.db.get("carryOverMoves", args.moveId);
    // Gone with "delete my data", replaced by a later move, or stopped.
    if (!move || move.startedAt !== args.startedAt) return;
    if (move.status !== "moving") return;
    const { moved, outcome } = await moveBatch(ctx, move.userId, move.today);
    await ctx.db.patch("carryOverMoves", move._id, {
      moved: move.moved + moved,
      status: outcome === "more" ? "moving" : outcome,
      updatedAt: Date.now(),
    });
    if (outcome === "more") {
      await ctx.scheduler.runAfter(0, internal.carryOver.continueMove, args);
    }
    if (args.changeId !== undefined) {
      await recordUndoSteps(
        ctx.db,
        move.userId,
        args.changeId,
        ctx.undoJournal.ops(),
        outcome !== "more",
      );
    }
  },
});
