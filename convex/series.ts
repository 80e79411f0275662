import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { userMutation, userQuery, type UserMutationCtx } from "./lib/auth";
import { normalizeText } from "./lib/cleanText";
import { keyAtEnd } from "./lib/dayItems";
import { textBytes } from "./lib/daySummary";
import { ensureRoom, getDay } from "./lib/days";
import {
  appError,
  conflict,
  invalidArgument,
  type AppErrorData,
} from "./lib/errors";
import { LIMITS } from "./lib/limits";
import { clientId, getOwned } from "./lib/ownership";
import {
  endedBy,
  nextOccurrence,
  occursOn,
  repeatRuleValidator,
  requireSchedule,
  requireSeriesText,
  shiftDay,
} from "./lib/repeatRule";
import { ensureQuota, getUsage } from "./lib/usage";
import { userToday } from "./lib/userToday";
import { requireComparableText, requireDay, TEXT_RULES } from "./lib/validate";

/*
 * Repeating todos. A series holds the text and the rule (lib/repeatRule);
 * each occurrence is an ordinary todo with `seriesId`, so completing,
 * editing, moving or deleting one touches that one only.
 *
 * How occurrences are made: when a day on or after the person's today is
 * shown, the app calls `showDay`, which makes that day's occurrence of
 * each running series that falls on it and has not made one there yet
 * (`madeDays`). Why this way:
 * - nothing piles up: a day never opened gets nothing, and days before
 *   today are never made after the fact;
 * - showing a day costs the day's items plus the person's running series
 *   (at most LIMITS.activeSeries), never their history;
 * - no job runs for everyone at midnight in each zone, and no query has to
 *   compute virtual items that cannot be completed, pinned or moved like
 *   the real ones;
 * - an occurrence deleted or moved away stays gone: its day is in
 *   `madeDays` (kept from yesterday on; older days are never made).
 * "Today" is the person's own (lib/userToday, their time zone); rules are
 * worked out on calendar days, so no zone or DST change moves a day.
 */

const todoTextRule = TEXT_RULES.todoText;

async function activeSeries(ctx: Pick<QueryCtx, "db">, userId: string) {
  return await ctx.db
    .query("series")
    .withIndex("by_user_active", (q) =>
      q.eq("userId", userId).eq("active", true),
    )
    .take(LIMITS.activeSeries);
}

/** Refuses a new series past the limit, with what to do instead. */
async function ensureSeriesRoom(ctx: UserMutationCtx) {
  if ((await activeSeries(ctx, ctx.userId)).length >= LIMITS.activeSeries) {
    throw appError(
      "LIMIT_REACHED",
      `You can have at most ${LIMITS.activeSeries} repeating todos. Stop one to repeat another.`,
    );
  }
}

/**
 * What a series notes when it makes an occurrence on `day`: the day (days
 * before yesterday dropped: they are never made again), the latest day,
 * and, for today's occurrence of a rule without a count, today as the day
 * rrule counts from (the same days follow it; lib/repeatRule).
 */
function madeOn(series: Doc<"series">, day: string, today: string) {
  const since = shiftDay(today, -1);
  const madeDays = [
    ...new Set([...series.madeDays.filter((d) => d >= since), day]),
  ].sort();
  const moveStart =
    day === today && day > series.startDay && series.rule.end.kind !== "count";
  return {
    madeDays,
    lastDay:
      series.lastDay === undefined || day > series.lastDay
        ? day
        : series.lastDay,
    ...(moveStart ? { startDay: day } : {}),
  };
}

/** Whether the series may still note `day` (LIMITS.seriesMadeDays). */
function hasRoomToNote(series: Doc<"series">, day: string, today: string) {
  const since = shiftDay(today, -1);
  const kept = series.madeDays.filter((d) => d >= since).length;
  return day < since || kept < LIMITS.seriesMadeDays;
}

async function insertOccurrence(
  ctx: UserMutationCtx,
  series: Pick<Doc<"series">, "_id" | "text">,
  day: string,
): Promise<Id<"todos">> {
  return await ctx.db.insert("todos", {
    userId: ctx.userId,
    day,
    text: series.text,
    kind: "todo",
    done: false,
    pinned: false,
    order: await keyAtEnd(ctx, "todos", ctx.userId, day),
    seriesId: series._id,
  });
}

/** The series' occurrences after `day`, in day order. */
async function occurrencesAfter(
  ctx: UserMutationCtx,
  seriesId: Id<"series">,
  day: string,
) {
  return await ctx.db
    .query("todos")
    .withIndex("by_user_series_day", (q) =>
      q.eq("userId", ctx.userId).eq("seriesId", seriesId).gt("day", day),
    )
    .take(LIMITS.seriesMadeDays + 1);
}

/**
 * A check of whether `day` has room for `count` more todos of `bytes` in
 * all, by its budgets and the person's quotas: the checks the day summaries
 * make when the mutation ends, made first so that a full day is passed
 * over, not refused. (The day row and usage count this mutation's own
 * writes only when it ends, so they are read once, before any.)
 */
async function roomOn(ctx: UserMutationCtx, day: string) {
  const row = await getDay(ctx, ctx.userId, day);
  const usage = await getUsage(ctx.db, ctx.userId);
  return (count: number, bytes: number) => {
    try {
      ensureRoom(row, { todoCount: count, todoBytes: bytes });
      if (usage) {
        ensureQuota(usage, {
          todoCount: count,
          noteCount: 0,
          dayCount: row ? 0 : 1,
          textBytes: bytes,
        });
      }
      return true;
    } catch (error) {
      const code = (error as { data?: AppErrorData }).data?.code;
      if (code === "LIMIT_REACHED") return false;
      throw error;
    }
  };
}

/**
 * Never changed since the series made it (lib/undoJournal's revision):
 * not completed, edited, moved or pinned, so it may go when the series
 * stops. Stricter than `followsSeriesText`: going would undo a move or a
 * pin, where a new text undoes none of those.
 */
const untouched = (todo: Doc<"todos">) =>
  todo.revision === undefined && !todo.done;

/**
 * An open occurrence whose text is still the one its series gave it
 * (`seriesText`, the series' text before the change at hand): nobody gave
 * it a text of its own ("Only this one"), so a "this and following" edit
 * may rewrite it. Its revision cannot tell: the series' own rewrites (an
 * earlier "this and following") bump it too.
 */
const followsSeriesText = (todo: Doc<"todos">, seriesText: string) =>
  !todo.done && todo.text === seriesText;

/**
 * Ends a series before `day` ("this and following"): its rule stops the
 * day before, or it stops altogether when nothing is left from today on.
 */
async function endBefore(
  ctx: UserMutationCtx,
  series: Doc<"series">,
  day: string,
  today: string,
) {
  if (!series.active) return;
  const rule = endedBy(series, shiftDay(day, -1));
  const runs =
    rule !== null &&
    nextOccurrence({ rule, startDay: series.startDay }, today) !== null;
  await ctx.db.patch("series", series._id, {
    ...(rule ? { rule } : {}),
    active: runs,
  });
}

/** The caller's series behind an occurrence, or null if it has none. */
async function seriesOf(ctx: UserMutationCtx, todo: Doc<"todos">) {
  if (todo.seriesId === undefined) return null;
  const series = await ctx.db.get("series", todo.seriesId);
  return series && series.userId === ctx.userId ? series : null;
}

/** A todo that is an occurrence of a series, else INVALID_ARGUMENT. */
async function requireOccurrence(ctx: UserMutationCtx, id: string) {
  const todo = await getOwned(ctx, ctx.userId, "todos", id);
  if (todo.seriesId === undefined) {
    throw invalidArgument("This todo does not repeat.");
  }
  return { todo, series: await seriesOf(ctx, todo) };
}

/**
 * Starts a repeating todo on `day`; its first occurrence is made there if
 * the rule falls on it. Returns the series and that todo (or null).
 */
export const create = userMutation({
  undoable: true,
  args: { day: v.string(), text: v.string(), rule: repeatRuleValidator },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    const text = requireSeriesText(args.text);
    const schedule = requireSchedule(args.rule, day);
    await ensureSeriesRoom(ctx);
    const today = await userToday(ctx, ctx.userId);
    const seriesId = await ctx.db.insert("series", {
      userId: ctx.userId,
      text,
      rule: schedule.rule,
      startDay: day,
      active: true,
      madeDays: [],
    });
    if (!occursOn(schedule, day)) return { seriesId, todoId: null };
    const todoId = await insertOccurrence(ctx, { _id: seriesId, text }, day);
    const series = (await ctx.db.get("series", seriesId))!;
    await ctx.db.patch("series", seriesId, madeOn(series, day, today));
    return { seriesId, todoId };
  },
});

/**
 * Makes an existing todo repeat from its day: it becomes the first
 * occurrence of a new series. A todo that repeats already changes its
 * repeat from here on ("this and following"): its old series ends the day
 * before, and that series' untouched occurrences after it go.
 */
export const setRepeat = userMutation({
  undoable: true,
  args: { id: clientId("todos"), rule: repeatRuleValidator },
  handler: async (ctx, args) => {
    const todo = await getOwned(ctx, ctx.userId, "todos", args.id);
    if (todo.kind !== "todo") throw invalidArgument("Headings cannot repeat.");
    const schedule = requireSchedule(args.rule, todo.day);
    const today = await userToday(ctx, ctx.userId);
    const old = await seriesOf(ctx, todo);
    if (old) {
      await endBefore(ctx, old, todo.day, today);
      for (const later of await occurrencesAfter(ctx, old._id, todo.day)) {
        if (untouched(later)) await ctx.db.delete("todos", later._id);
      }
    }
    await ensureSeriesRoom(ctx);
    const seriesId = await ctx.db.insert("series", {
      userId: ctx.userId,
      text: todo.text,
      rule: schedule.rule,
      startDay: todo.day,
      active: true,
      madeDays: [],
    });
    const series = (await ctx.db.get("series", seriesId))!;
    await ctx.db.patch("series", seriesId, madeOn(series, todo.day, today));
    await ctx.db.patch("todos", todo._id, { seriesId });
    return { seriesId };
  },
});

/**
 * Stops a series: no more occurrences, and the ones after today that
 * nobody has touched go. Past ones, today's, and any that were completed,
 * edited or moved, stay. Returns how many went.
 *
 * The ones that stay from today on become plain todos (no `seriesId`), so
 * they no longer say they repeat and offer no "this and following", with
 * no read of the series per row shown. Past ones keep the link: they did
 * repeat. Undo puts the link back with the rest (lib/undoJournal).
 * `stoppedOn` keeps the past ones out of carry-over from then on
 * (lib/supersededOccurrences): the copy kept on today stands for them.
 */
export const stop = userMutation({
  undoable: true,
  args: { seriesId: clientId("series") },
  handler: async (ctx, args) => {
    const series = await getOwned(ctx, ctx.userId, "series", args.seriesId);
    if (!series.active) return { removed: 0 };
    const today = await userToday(ctx, ctx.userId);
    await ctx.db.patch("series", series._id, {
      active: false,
      stoppedOn: today,
    });
    let removed = 0;
    const fromToday = await occurrencesAfter(
      ctx,
      series._id,
      shiftDay(today, -1),
    );
    for (const kept of fromToday) {
      if (kept.day > today && untouched(kept)) {
        await ctx.db.delete("todos", kept._id);
        removed++;
      } else {
        await ctx.db.patch("todos", kept._id, { seriesId: undefined });
      }
    }
    return { removed };
  },
});

/**
 * Makes the occurrences of the caller's running series that fall on
 * `day`, when `day` is today or later in the caller's time zone (earlier
 * days get none). The app calls it as it shows a day; calling it again
 * makes nothing more. Returns how many it made.
 */
export const showDay = userMutation({
  args: { day: v.string() },
  handler: async (ctx, args) => {
    const day = requireDay(args.day);
    const today = await userToday(ctx, ctx.userId);
    if (day < today) return { made: 0 };
    const fits = await roomOn(ctx, day);
    let made = 0;
    let bytes = 0;
    for (const series of await activeSeries(ctx, ctx.userId)) {
      if (series.madeDays.includes(day)) continue;
      if (!hasRoomToNote(series, day, today)) continue;
      if (!occursOn(series, day)) {
        // A rule that has run out stops being read for every day shown.
        if (
          series.rule.end.kind !== "never" &&
          nextOccurrence(series, today) === null
        ) {
          await ctx.db.patch("series", series._id, { active: false });
        }
        continue;
      }
      const size = textBytes(series.text);
      if (!fits(made + 1, bytes + size)) continue;
      await insertOccurrence(ctx, series, day);
      await ctx.db.patch("series", series._id, madeOn(series, day, today));
      made++;
      bytes += size;
    }
    return { made };
  },
});

/** A series for the "Repeat" dialog: its text, rule and whether it runs. */
export const get = userQuery({
  args: { seriesId: clientId("series") },
  handler: async (ctx, args) => {
    const series = await getOwned(ctx, ctx.userId, "series", args.seriesId);
    return {
      _id: series._id,
      text: series.text,
      rule: series.rule,
      startDay: series.startDay,
      active: series.active,
      lastDay: series.lastDay ?? null,
    };
  },
});

/**
 * Edits an occurrence and the ones after it ("this and following"): its
 * text, the open occurrences already made after its day that still have
 * the series' text (one given a text of its own keeps it; done ones never
 * change), and the text of those still to come. `baseText` is as for
 * `todos.updateText`: a todo changed since is refused with CONFLICT.
 * Returns how many it rewrote.
 */
export const editFollowing = userMutation({
  undoable: true,
  args: { id: clientId("todos"), baseText: v.string(), text: v.string() },
  handler: async (ctx, args) => {
    const { todo, series } = await requireOccurrence(ctx, args.id);
    const baseText = requireComparableText(args.baseText, todoTextRule);
    const text = requireSeriesText(args.text);
    if (normalizeText(todo.text) !== baseText && todo.text !== text) {
      throw conflict("todo", { text: todo.text });
    }
    let changed = 0;
    const rewrite = async (occurrence: Doc<"todos">) => {
      if (occurrence.text === text) return;
      await ctx.db.patch("todos", occurrence._id, { text });
      changed++;
    };
    // Without its series (undone, or never the caller's), this
    // occurrence's text is the best word on what the series gave.
    const seriesText = series?.text ?? todo.text;
    await rewrite(todo);
    for (const later of await occurrencesAfter(ctx, todo.seriesId!, todo.day)) {
      if (followsSeriesText(later, seriesText)) await rewrite(later);
    }
    if (series?.active && series.text !== text) {
      await ctx.db.patch("series", series._id, { text });
    }
    return { changed };
  },
});

/**
 * Deletes an occurrence and the ones after it ("this and following"): the
 * series ends the day before, and this occurrence and the open ones made
 * after it go. Undone from the undo log as one change (the series with
 * its occurrences), not from "Recently deleted". Returns how many went.
 */
export const deleteFollowing = userMutation({
  undoable: true,
  args: { id: clientId("todos") },
  handler: async (ctx, args) => {
    const { todo, series } = await requireOccurrence(ctx, args.id);
    if (series) {
      await endBefore(ctx, series, todo.day, await userToday(ctx, ctx.userId));
    }
    let removed = 1;
    await ctx.db.delete("todos", todo._id);
    for (const later of await occurrencesAfter(ctx, todo.seriesId!, todo.day)) {
      if (later.done) continue;
      await ctx.db.delete("todos", later._id);
      removed++;
    }
    return { removed };
  },
});
