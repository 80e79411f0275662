import { generateKeyBetween } from "fractional-indexing";
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { userMutation, userQuery, type UserMutationCtx } from "./lib/auth";
import { textBytes } from "./lib/daySummary";
import { getDay, updateDay } from "./lib/days";
import { invalidArgument, type AppErrorData } from "./lib/errors";
import { LIMITS, NOTE_BATCH_SIZE, BATCH_SIZE } from "./lib/limits";
import { clientId, getOwned } from "./lib/ownership";
import {
  occursOn,
  repeatRuleValidator,
  requireSchedule,
  requireSeriesText,
  type RepeatRule,
} from "./lib/repeatRule";
import { getUsage, NO_USAGE, type Usage } from "./lib/usage";
import { requireDay, requireText, TEXT_RULES } from "./lib/validate";
import { todoKind } from "./schema";
import { ConvexError } from "convex/values";

/*
 * Import: the browser parses a file (Daybook's JSON export, the reference
 * app's Convex export, Markdown) into rows and sends them here in bounded
 * batches. Every row is checked by the app's own rules (lib/validate) and
 * lands under the caller's id, whatever the file said.
 *
 * Idempotence without an extra field or index: a row is skipped as already
 * there when its day already holds as many items with the same content as
 * the row's `occurrence` (the how-many-th item with that content on that
 * day it is in the file, from 0). So a second import of the same file finds
 * every row there and adds nothing; a file holding "Call mom" twice on a
 * day lands twice; importing into a day that already had one "Call mom"
 * adds only the second. This works for every format alike (none but
 * Daybook's own has order keys, none has ids that mean anything here), and
 * keeps exports unchanged (an import key stored on each row would appear in
 * every later export, so a round trip would not be equal).
 *
 * Repeating todos (Daybook's export only) come first: `importSeries`
 * answers each row with the id of its series here (new, or the one already
 * there), and the browser sends the occurrences with that `seriesId`. A
 * series is already there by the same counting: same text and rule, and
 * the same start day, or a later one the rule falls on (a running series
 * moves its start up as days are shown: see convex/series).
 *
 * Cost: deciding "already there" reads the existing items of each day a
 * batch touches, bounded by the day budgets (lib/limits) and by a read
 * budget per call: a batch stops before a day whose reading would pass the
 * budget and says how many rows it handled (`consumed`); the client sends
 * the rest again. A day with nothing yet (a restore into an emptied
 * account) costs one read of its summary row.
 */

/** Rows per call: a todo batch, and a note batch (notes are up to 100 kB). */
export const IMPORT_LIMITS = {
  todos: BATCH_SIZE,
  notes: NOTE_BATCH_SIZE,
  days: 500,
  /** Existing items one call may read to find rows already there. */
  readDocs: 8_000,
  readBytes: 8 * 1024 * 1024,
  /** Longest order key accepted from a file; others get a new key. */
  orderKey: 100,
  /** Repeating todos per call (each with up to LIMITS.seriesMadeDays days). */
  series: 100,
  /**
   * Stopped repeating todos one call reads to find rows already there (the
   * running ones are at most LIMITS.activeSeries). A series is at most
   * about 14 kB (its text, LIMITS.seriesMadeDays days), so the reads stay
   * near 11 MB at worst, below Convex's 16 MiB per call. Only the oldest
   * this many stopped series are compared with the file's.
   */
  stoppedSeries: 500,
} as const;

const {
  todoText: todoTextRule,
  noteTitle: titleRule,
  noteBody: bodyRule,
  dayLabel: labelRule,
} = TEXT_RULES;

const importedTodo = v.object({
  day: v.string(),
  text: v.string(),
  kind: todoKind,
  done: v.boolean(),
  pinned: v.boolean(),
  completedAt: v.optional(v.number()),
  /** Daybook's order key, kept when it still sorts after the day's last. */
  order: v.optional(v.string()),
  occurrence: v.number(),
  /** An occurrence of the caller's series, as `importSeries` answered. */
  seriesId: v.optional(clientId("series")),
});

const importedNote = v.object({
  day: v.string(),
  title: v.string(),
  body: v.string(),
  collapsed: v.boolean(),
  order: v.optional(v.string()),
  updatedAt: v.optional(v.number()),
  version: v.optional(v.number()),
  occurrence: v.number(),
});

const importedSeries = v.object({
  text: v.string(),
  rule: repeatRuleValidator,
  startDay: v.string(),
  active: v.boolean(),
  lastDay: v.optional(v.string()),
  /** Stopped with "Stop repeating" on this day (convex/series). */
  stoppedOn: v.optional(v.string()),
  madeDays: v.array(v.string()),
  /** The how-many-th series with the same text, rule and start in the file. */
  occurrence: v.number(),
});

const importedDay = v.object({
  day: v.string(),
  label: v.optional(v.string()),
  archived: v.boolean(),
});

export type ImportedTodo = Infer<typeof importedTodo>;
export type ImportedNote = Infer<typeof importedNote>;
export type ImportedDay = Infer<typeof importedDay>;
export type ImportedSeries = Infer<typeof importedSeries>;

/** Why rows were not imported, counted per reason. */
export type SkipCounts = {
  /** Already in Daybook (same day and content). */
  duplicate: number;
  /** The day's budget (LIMITS.todosPerDay, notesPerDay, bytes) is full. */
  dayFull: number;
  /** The account's quota (LIMITS.*Total) is reached. */
  quota: number;
  /** Days only: the day already has another label, which is kept. */
  labelDiffers: number;
};

export type ImportBatchResult = {
  /** Rows of the batch handled, from the first; the client resends the rest. */
  consumed: number;
  imported: number;
  skipped: SkipCounts;
};

export type ImportSeriesResult = ImportBatchResult & {
  /**
   * For each row handled, in order: its series here (new, or the one
   * already there), or null when it was skipped.
   */
  seriesIds: (Id<"series"> | null)[];
};

const noSkips = (): SkipCounts => ({
  duplicate: 0,
  dayFull: 0,
  quota: 0,
  labelDiffers: 0,
});

/**
 * Rows of the reference app carry their owner's id: the client sends only
 * the caller's, and this refuses a batch said to be anyone else's. What is
 * stored is always `ctx.userId`.
 */
const sourceArgs = { sourceUserId: v.optional(v.string()) };

function requireOwnSource(ctx: UserMutationCtx, sourceUserId?: string) {
  if (sourceUserId !== undefined && sourceUserId !== ctx.userId) {
    throw invalidArgument(
      "These rows belong to another account and cannot be imported.",
    );
  }
}

function requireBatch<T>(rows: T[], max: number, what: string): T[] {
  if (rows.length === 0) throw invalidArgument(`${what} cannot be empty.`);
  if (rows.length > max) {
    throw invalidArgument(`${what} has too many rows: at most ${max}.`);
  }
  return rows;
}

function requireCount(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw invalidArgument(
      `${field} must be a whole number from 0 to ${max.toLocaleString("en-US")}.`,
    );
  }
  return value;
}

// Convex's own bound on dates: ±8.64e15 ms from 1970.
const MAX_TIME = 8.64e15;

function requireTime(value: number | undefined, field: string) {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0 || value > MAX_TIME) {
    throw invalidArgument(`${field} must be a time in milliseconds.`);
  }
  return value;
}

/** The file's key if it is a valid fractional key not before `last`, else a new one. */
function orderAfter(last: string | null, wanted: string | undefined): string {
  if (
    wanted !== undefined &&
    wanted.length <= IMPORT_LIMITS.orderKey &&
    /^[0-9A-Za-z]+$/.test(wanted) &&
    // Equal keys are kept too: the file had them (ties sort by creation
    // time, which follows the file's order here), so its order survives.
    (last === null || wanted >= last)
  ) {
    try {
      // Throws for a string that is not a fractional-indexing key.
      generateKeyBetween(wanted, null);
      return wanted;
    } catch {
      // Not a key: fall through to a fresh one.
    }
  }
  return generateKeyBetween(last, null);
}

/** Items of one table as the importer sees them. */
type ItemKind<Row, Item> = {
  table: "todos" | "notes";
  /** Existing items in the day, from its summary row. */
  countOf: (day: Doc<"days"> | null) => { items: number; bytes: number };
  perDay: { items: number; bytes: number };
  quotaKey: "todoCount" | "noteCount";
  /** What makes two items "the same": the cleaned content. */
  contentKey: (item: Item) => string;
  clean: (row: Row) => Item;
  bytesOf: (item: Item) => number;
  insert: (
    ctx: UserMutationCtx,
    row: Row,
    item: Item,
    order: string,
  ) => Promise<unknown>;
};

type TodoContent = { day: string; text: string; kind: ImportedTodo["kind"] };
type NoteContent = { day: string; title: string; body: string };

const TODOS: ItemKind<ImportedTodo, TodoContent> = {
  table: "todos",
  countOf: (day) => ({
    items: day?.todoCount ?? 0,
    bytes: day?.todoBytes ?? 0,
  }),
  perDay: { items: LIMITS.todosPerDay, bytes: LIMITS.todoBytesPerDay },
  quotaKey: "todoCount",
  contentKey: (item) => JSON.stringify([item.kind, item.text]),
  clean: (row) => ({
    day: requireDay(row.day),
    text: requireText(row.text, todoTextRule),
    kind: row.kind,
  }),
  bytesOf: (item) => textBytes(item.text),
  insert: async (ctx, row, item, order) => {
    const completedAt = requireTime(row.completedAt, "completedAt");
    await ctx.db.insert("todos", {
      userId: ctx.userId,
      day: item.day,
      text: item.text,
      kind: item.kind,
      done: row.done,
      completedAt: row.done ? completedAt : undefined,
      pinned: row.pinned,
      order,
      // Checked as the caller's by requireOwnSeries before the batch runs.
      ...(row.seriesId !== undefined ? { seriesId: row.seriesId } : {}),
    });
  },
};

const NOTES: ItemKind<ImportedNote, NoteContent> = {
  table: "notes",
  countOf: (day) => ({
    items: day?.noteCount ?? 0,
    bytes: day?.noteBytes ?? 0,
  }),
  perDay: { items: LIMITS.notesPerDay, bytes: LIMITS.noteBytesPerDay },
  quotaKey: "noteCount",
  contentKey: (item) => JSON.stringify([item.title, item.body]),
  clean: (row) => ({
    day: requireDay(row.day),
    title: requireText(row.title, titleRule),
    body: requireText(row.body, bodyRule),
  }),
  bytesOf: (item) => textBytes(item.title, item.body),
  insert: async (ctx, row, item, order) => {
    const updatedAt = requireTime(row.updatedAt, "updatedAt") ?? Date.now();
    const version =
      row.version === undefined
        ? 0
        : requireCount(row.version, "version", 1_000_000_000);
    await ctx.db.insert("notes", {
      userId: ctx.userId,
      day: item.day,
      title: item.title,
      body: item.body,
      collapsed: row.collapsed,
      order,
      updatedAt,
      version,
    });
  },
};

type DayState = {
  lastKey: string | null;
  /** How many items of each content the day holds now. */
  contents: Map<string, number>;
  items: number;
  bytes: number;
  /** The day has no summary row yet: its first item adds a day to usage. */
  isNew: boolean;
};

/**
 * Imports a batch of todos or notes, in order, stopping before a day whose
 * existing items would pass the read budget. Rows already there, or past a
 * day's budget or the account's quota, are counted as skipped, not refused,
 * so one full day does not stop the rest of the file.
 */
async function importItems<
  Row extends { day: string; order?: string; occurrence: number },
  Item extends { day: string },
>(
  ctx: UserMutationCtx,
  kind: ItemKind<Row, Item>,
  rows: Row[],
): Promise<ImportBatchResult> {
  const cleaned = rows.map((row) => {
    requireCount(row.occurrence, "occurrence", LIMITS.todosPerDay);
    return kind.clean(row);
  });
  const usage: Usage = (await getUsage(ctx.db, ctx.userId)) ?? NO_USAGE;
  const added: Usage = { ...NO_USAGE };
  const days = new Map<string, DayState>();
  const read = { docs: 0, bytes: 0 };
  const skipped = noSkips();
  let imported = 0;
  let consumed = 0;

  for (const [index, row] of rows.entries()) {
    const item = cleaned[index]!;
    let state = days.get(item.day);
    if (!state) {
      const summary = await getDay(ctx, ctx.userId, item.day);
      const existing = kind.countOf(summary);
      const overBudget =
        read.docs + existing.items > IMPORT_LIMITS.readDocs ||
        read.bytes + existing.bytes > IMPORT_LIMITS.readBytes;
      if (consumed > 0 && overBudget) break;
      state = await loadDay(ctx, kind, item.day, existing);
      state.isNew = summary === null;
      read.docs += existing.items;
      read.bytes += existing.bytes;
      days.set(item.day, state);
    }
    consumed += 1;
    const key = kind.contentKey(item);
    if (row.occurrence < (state.contents.get(key) ?? 0)) {
      skipped.duplicate += 1;
      continue;
    }
    const bytes = kind.bytesOf(item);
    if (
      state.items + 1 > kind.perDay.items ||
      state.bytes + bytes > kind.perDay.bytes
    ) {
      skipped.dayFull += 1;
      continue;
    }
    const grows: Usage = {
      todoCount: kind.quotaKey === "todoCount" ? 1 : 0,
      noteCount: kind.quotaKey === "noteCount" ? 1 : 0,
      dayCount: state.isNew ? 1 : 0,
      textBytes: bytes,
    };
    if (!fitsQuota(usage, added, grows)) {
      skipped.quota += 1;
      continue;
    }
    const order = orderAfter(state.lastKey, row.order);
    await kind.insert(ctx, row, item, order);
    for (const key_ of Object.keys(added) as (keyof Usage)[]) {
      added[key_] += grows[key_];
    }
    state.isNew = false;
    state.lastKey = order;
    state.items += 1;
    state.bytes += bytes;
    state.contents.set(key, (state.contents.get(key) ?? 0) + 1);
    imported += 1;
  }
  return { consumed, imported, skipped };
}

const QUOTA_LIMITS: Usage = {
  todoCount: LIMITS.todosTotal,
  noteCount: LIMITS.notesTotal,
  dayCount: LIMITS.daysTotal,
  textBytes: LIMITS.textBytesTotal,
};

function fitsQuota(usage: Usage, added: Usage, grows: Usage): boolean {
  return (Object.keys(grows) as (keyof Usage)[]).every(
    (key) =>
      grows[key] === 0 ||
      usage[key] + added[key] + grows[key] <= QUOTA_LIMITS[key],
  );
}

/** The day's existing items: their contents counted, and the last order key. */
async function loadDay<Row, Item extends { day: string }>(
  ctx: UserMutationCtx,
  kind: ItemKind<Row, Item>,
  day: string,
  // The day's summary row: the budgets are checked against its counts.
  existing: { items: number; bytes: number },
): Promise<DayState> {
  const state: DayState = {
    lastKey: null,
    contents: new Map(),
    items: existing.items,
    bytes: existing.bytes,
    isNew: false,
  };
  if (existing.items === 0) return state;
  const items = await ctx.db
    .query(kind.table)
    .withIndex("by_user_day_order", (q) =>
      q.eq("userId", ctx.userId).eq("day", day),
    )
    .take(kind.perDay.items);
  for (const doc of items) {
    // The stored fields are already clean; keyed the same way as a row.
    const key = kind.contentKey(doc as unknown as Item);
    state.contents.set(key, (state.contents.get(key) ?? 0) + 1);
  }
  state.lastKey = items.at(-1)?.order ?? null;
  return state;
}

/**
 * The caller's account id (the token's subject), so the browser can pick
 * their rows out of a reference-app export before sending anything: the
 * other accounts' rows never leave the device.
 */
export const accountId = userQuery({
  args: {},
  handler: async (ctx) => ctx.userId,
});

/**
 * The series that occurrences name are the caller's (NOT_FOUND otherwise,
 * as for any id), and only todos, not headings, repeat.
 */
async function requireOwnSeries(ctx: UserMutationCtx, rows: ImportedTodo[]) {
  const checked = new Set<string>();
  for (const row of rows) {
    if (row.seriesId === undefined) continue;
    if (row.kind !== "todo") throw invalidArgument("Headings cannot repeat.");
    if (checked.has(row.seriesId)) continue;
    await getOwned(ctx, ctx.userId, "series", row.seriesId);
    checked.add(row.seriesId);
  }
}

/** A batch of todos (at most IMPORT_LIMITS.todos), in file order. */
export const importTodos = userMutation({
  args: { rows: v.array(importedTodo), ...sourceArgs },
  handler: async (ctx, args): Promise<ImportBatchResult> => {
    requireOwnSource(ctx, args.sourceUserId);
    const rows = requireBatch(args.rows, IMPORT_LIMITS.todos, "The batch");
    await requireOwnSeries(ctx, rows);
    return await importItems(ctx, TODOS, rows);
  },
});

/** A batch of notes (at most IMPORT_LIMITS.notes), in file order. */
export const importNotes = userMutation({
  args: { rows: v.array(importedNote), ...sourceArgs },
  handler: async (ctx, args): Promise<ImportBatchResult> => {
    requireOwnSource(ctx, args.sourceUserId);
    const rows = requireBatch(args.rows, IMPORT_LIMITS.notes, "The batch");
    return await importItems(ctx, NOTES, rows);
  },
});

/**
 * Labels and archive marks of days (at most IMPORT_LIMITS.days). A day that
 * already has another label keeps it (skipped: labelDiffers); marks already
 * set count as already there.
 */
export const importDays = userMutation({
  args: { rows: v.array(importedDay), ...sourceArgs },
  handler: async (ctx, args): Promise<ImportBatchResult> => {
    requireOwnSource(ctx, args.sourceUserId);
    const rows = requireBatch(args.rows, IMPORT_LIMITS.days, "The batch");
    const cleaned = rows.map((row) => ({
      day: requireDay(row.day),
      label:
        row.label === undefined
          ? undefined
          : requireText(row.label, labelRule).trim() || undefined,
      archived: row.archived,
    }));
    const skipped = noSkips();
    let imported = 0;
    for (const row of cleaned) {
      const existing = await getDay(ctx, ctx.userId, row.day);
      const change: { label?: string; archived?: true } = {};
      const labelDiffers =
        row.label !== undefined &&
        existing?.label !== undefined &&
        existing.label !== row.label;
      if (labelDiffers) skipped.labelDiffers += 1;
      if (row.label !== undefined && existing?.label === undefined) {
        change.label = row.label;
      }
      if (row.archived && !existing?.archived) change.archived = true;
      if (Object.keys(change).length === 0) {
        if (!labelDiffers) skipped.duplicate += 1;
        continue;
      }
      try {
        await updateDay(ctx, ctx.userId, row.day, change);
        imported += 1;
      } catch (error) {
        // updateDay checks the quota before it writes anything.
        if (
          error instanceof ConvexError &&
          (error.data as AppErrorData).code === "LIMIT_REACHED"
        ) {
          skipped.quota += 1;
          continue;
        }
        throw error;
      }
    }
    return { consumed: rows.length, imported, skipped };
  },
});

/** A rule as one string, its fields in a fixed order, for comparing. */
function ruleKey(rule: RepeatRule): string {
  const { end } = rule;
  return JSON.stringify([
    rule.freq,
    rule.interval,
    rule.byWeekday ?? null,
    rule.byMonthDay ?? null,
    end.kind,
    end.kind === "until" ? end.day : end.kind === "count" ? end.count : null,
  ]);
}

type CleanSeries = Omit<
  ImportedSeries,
  "occurrence" | "lastDay" | "stoppedOn"
> & {
  lastDay?: string;
  stoppedOn?: string;
};

function cleanSeries(row: ImportedSeries): CleanSeries {
  const startDay = requireDay(row.startDay, "The start day");
  const { rule } = requireSchedule(row.rule, startDay);
  if (row.madeDays.length > LIMITS.seriesMadeDays) {
    throw invalidArgument(
      `A repeating todo remembers at most ${LIMITS.seriesMadeDays} days.`,
    );
  }
  const madeDays = [
    ...new Set(row.madeDays.map((day) => requireDay(day, "A made day"))),
  ].sort();
  return {
    text: requireSeriesText(row.text),
    rule,
    startDay,
    active: row.active,
    ...(row.lastDay !== undefined
      ? { lastDay: requireDay(row.lastDay, "The last day") }
      : {}),
    ...(row.stoppedOn !== undefined
      ? { stoppedOn: requireDay(row.stoppedOn, "The day it stopped") }
      : {}),
    madeDays,
  };
}

/**
 * Whether `existing` is the file's series: same text and rule, and the
 * same start, or a later start the rule falls on (a rule without a count
 * moves its start up to today's occurrence as days are shown, and the same
 * days follow from there).
 */
function isSameSeries(existing: Doc<"series">, row: CleanSeries): boolean {
  if (existing.text !== row.text) return false;
  if (ruleKey(existing.rule) !== ruleKey(row.rule)) return false;
  if (existing.startDay === row.startDay) return true;
  return (
    row.rule.end.kind !== "count" &&
    existing.startDay > row.startDay &&
    occursOn(row, existing.startDay)
  );
}

/**
 * Repeating todos (at most IMPORT_LIMITS.series), in file order, each
 * answered with its series here. A running one past LIMITS.activeSeries
 * is skipped (quota) and answered null: its occurrences come in as plain
 * todos.
 */
export const importSeries = userMutation({
  args: { rows: v.array(importedSeries) },
  handler: async (ctx, args): Promise<ImportSeriesResult> => {
    const rows = requireBatch(args.rows, IMPORT_LIMITS.series, "The batch");
    const cleaned = rows.map((row) => {
      requireCount(row.occurrence, "occurrence", IMPORT_LIMITS.stoppedSeries);
      return cleanSeries(row);
    });
    const byActive = (active: boolean, take: number) =>
      ctx.db
        .query("series")
        .withIndex("by_user_active", (q) =>
          q.eq("userId", ctx.userId).eq("active", active),
        )
        .take(take);
    const running = await byActive(true, LIMITS.activeSeries);
    const existing = [
      ...running,
      ...(await byActive(false, IMPORT_LIMITS.stoppedSeries)),
    ];
    let runningCount = running.length;
    const skipped = noSkips();
    const seriesIds: (Id<"series"> | null)[] = [];
    let imported = 0;
    for (const [index, row] of cleaned.entries()) {
      const same = existing.filter((doc) => isSameSeries(doc, row));
      const there = same[rows[index]!.occurrence];
      if (there) {
        skipped.duplicate += 1;
        seriesIds.push(there._id);
        continue;
      }
      if (row.active && runningCount >= LIMITS.activeSeries) {
        skipped.quota += 1;
        seriesIds.push(null);
        continue;
      }
      const seriesId = await ctx.db.insert("series", {
        userId: ctx.userId,
        ...row,
      });
      existing.push((await ctx.db.get("series", seriesId))!);
      if (row.active) runningCount += 1;
      imported += 1;
      seriesIds.push(seriesId);
    }
    return { consumed: rows.length, imported, skipped, seriesIds };
  },
});
