/**
 * `npm run bench:backend`: what each query the UI makes reads at 1,000,
 * 20,000 and 100,000 todos (days and notes in proportion), and what an
 * import batch reads (convex/imports), and what "Recently deleted" reads
 * (a page of the view, a group's items, one purge batch) at 1,000 and
 * 20,000 trashed todos, and what showing a day costs in repeating todos
 * (convex/series) and carry-over with a repeat left undone for a year,
 * with Convex's
 * transaction limits enforced. Prints one table; the assertions are only
 * sanity checks on the shape of the cost (no timings are asserted).
 */
import type {
  FunctionArgs,
  FunctionReference,
  FunctionReturnType,
  PaginationResult,
} from "convex/server";
import { afterAll, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Doc } from "../convex/_generated/dataModel";
import { COUNT_CAP } from "../convex/carryOver";
import { IMPORT_LIMITS } from "../convex/imports";
import { dayInTimeZone } from "../convex/lib/timeZone";
import { BATCH_SIZE } from "../convex/lib/limits";
import { keepDaySummaries } from "../convex/lib/summaryTriggers";
import { TRASH_KEPT_MS } from "../convex/lib/trash";
import { ALICE, newBackend, type Backend } from "../convex/test.setup";
import {
  historyOf,
  measureQuery,
  seedHistory,
  type Measured,
} from "../convex/test.seed";

const SIZES = [1_000, 20_000, 100_000];
const PAGE_SIZE = 100;
/** "From earlier days" shows this many at first (src/features/carryOver). */
const CARRY_OVER_PAGE = 20;

type Row = {
  query: string;
  size: number;
  docs: number;
  bytes: number;
  ms: number;
  returned: number;
};
const rows: Row[] = [];

/** A query's result rows, whatever its shape. */
function returnedRows(value: unknown): unknown[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "object" && "page" in value) {
    return (value as { page: unknown[] }).page;
  }
  if (typeof value === "object" && "todos" in value && "notes" in value) {
    const found = value as { todos: unknown[]; notes: unknown[] };
    return [...found.todos, ...found.notes];
  }
  // carryOver.list: todos grouped by day.
  if (typeof value === "object" && "days" in value && "count" in value) {
    const found = value as { days: { todos: unknown[] }[] };
    return found.days.flatMap((group) => group.todos);
  }
  return [value];
}

async function record<
  Query extends FunctionReference<"query", "public" | "internal">,
>(
  t: Backend,
  label: string,
  size: number,
  query: Query,
  args: FunctionArgs<Query>,
): Promise<Measured<unknown> & { returned: unknown[] }> {
  const m = await measureQuery(t, ALICE, query, args);
  const returned = returnedRows(m.value);
  rows.push({
    query: label,
    size,
    docs: m.documentsRead,
    bytes: m.bytesRead,
    ms: m.ms,
    returned: returned.length,
  });
  return { ...m, returned };
}

/** Every row a user query returns belongs to the caller: identity reached it. */
function expectAlice(returned: unknown[]) {
  for (const row of returned) {
    if (typeof row === "object" && row !== null && "userId" in row) {
      expect(row.userId).toBe(ALICE.subject);
    }
  }
}

/**
 * A mutation as Alice, nested in a transaction like `measureQuery`: what it
 * read, from `ctx.meta.getTransactionMetrics()` before and after.
 */
async function measureMutation<
  Mutation extends FunctionReference<"mutation", "public">,
>(
  t: Backend,
  mutation: Mutation,
  args: FunctionArgs<Mutation>,
): Promise<Measured<FunctionReturnType<Mutation>>> {
  return await t.withIdentity(ALICE).run(async (ctx) => {
    const before = await ctx.meta.getTransactionMetrics();
    const started = performance.now();
    const value = (await ctx.runMutation(
      mutation,
      args,
    )) as FunctionReturnType<Mutation>;
    const ms = performance.now() - started;
    const after = await ctx.meta.getTransactionMetrics();
    return {
      value,
      documentsRead: after.documentsRead.used - before.documentsRead.used,
      bytesRead: after.bytesRead.used - before.bytesRead.used,
      ms,
    };
  });
}

for (const size of SIZES) {
  test(`measures every UI query at ${size.toLocaleString("en-US")} todos`, async () => {
    const t = newBackend();
    const seeded = await seedHistory(t, ALICE, historyOf(size));
    const days = seeded.days;
    const typical = days.find((d) => d.day === seeded.typicalDay)!;
    const page = (cursor: string | null) => ({ numItems: PAGE_SIZE, cursor });
    // Warm up (module loading) so the first timing is not skewed.
    await measureQuery(t, ALICE, api.users.me, {});

    const first = await record(t, "days.list first page", size, api.days.list, {
      archived: false,
      paginationOpts: page(null),
    });
    expectAlice(first.returned);
    expect(first.documentsRead).toBeLessThanOrEqual(first.returned.length + 1);

    // All pages of the day list, summed.
    let all = { docs: 0, bytes: 0, ms: 0, returned: 0, pages: 0 };
    let cursor: string | null = null;
    for (;;) {
      const m: Measured<PaginationResult<Doc<"days">>> = await measureQuery(
        t,
        ALICE,
        api.days.list,
        {
          archived: false,
          paginationOpts: page(cursor),
        },
      );
      all = {
        docs: all.docs + m.documentsRead,
        bytes: all.bytes + m.bytesRead,
        ms: all.ms + m.ms,
        returned: all.returned + m.value.page.length,
        pages: all.pages + 1,
      };
      if (m.value.isDone) break;
      cursor = m.value.continueCursor;
    }
    rows.push({ query: "days.list all pages", size, ...all });
    const unarchived = days.filter((d) => !d.row.archived).length;
    expect(all.returned).toBe(unarchived);
    expect(all.docs).toBeLessThanOrEqual(unarchived + all.pages);

    const day = await record(t, "days.get", size, api.days.get, {
      day: typical.day,
    });
    expect(day.documentsRead).toBeLessThanOrEqual(1);

    const usual = await record(
      t,
      "todos.listForDay typical day",
      size,
      api.todos.listForDay,
      { day: typical.day },
    );
    expectAlice(usual.returned);
    expect(usual.returned).toHaveLength(typical.todos);
    expect(usual.documentsRead).toBeLessThanOrEqual(typical.todos + 1);

    const big = await record(
      t,
      "todos.listForDay biggest day",
      size,
      api.todos.listForDay,
      { day: seeded.biggestDay },
    );
    expect(big.returned).toHaveLength(historyOf(size).biggestDay);
    expect(big.documentsRead).toBeLessThanOrEqual(big.returned.length + 1);

    const pinned = await record(
      t,
      "todos.listPinned first page",
      size,
      api.todos.listPinned,
      { paginationOpts: page(null) },
    );
    expectAlice(pinned.returned);
    expect(pinned.documentsRead).toBeLessThanOrEqual(PAGE_SIZE + 1);

    // "From earlier days" (convex/carryOver): every seeded day is past.
    const today = dayInTimeZone(Date.now(), "UTC");
    for (const limit of [CARRY_OVER_PAGE, 5 * CARRY_OVER_PAGE]) {
      const carried = await record(
        t,
        `carryOver.list ${limit} shown`,
        size,
        api.carryOver.list,
        { today, limit },
      );
      expectAlice(carried.returned);
      expect(carried.returned).toHaveLength(limit);
      expect((carried.value as { count: number }).count).toBe(COUNT_CAP);
      // The todos read (the shown ones or the count's), one read per day
      // entered and a label per day shown: never the history.
      expect(carried.documentsRead).toBeLessThanOrEqual(
        3 * (Math.max(limit, COUNT_CAP) + 1),
      );
    }
    // The same page with a daily repeat left undone for a year: its 364
    // older open occurrences are superseded, outside the range walked
    // (lib/supersededOccurrences), so the reads stay those of the page.
    const plain = rows.at(-2)!;
    await seedOpenOccurrences(t, today, OPEN_OCCURRENCES);
    const withSeries = await record(
      t,
      `carryOver.list ${CARRY_OVER_PAGE} shown, a daily repeat open ${OPEN_OCCURRENCES} days`,
      size,
      api.carryOver.list,
      { today, limit: CARRY_OVER_PAGE },
    );
    expect(withSeries.returned).toHaveLength(CARRY_OVER_PAGE);
    expect(plain.query).toBe(`carryOver.list ${CARRY_OVER_PAGE} shown`);
    // The one occurrence shown (in place of a todo), its series' read of
    // today, and at most one more day entered, with its label.
    expect(withSeries.documentsRead).toBeLessThanOrEqual(plain.docs + 4);
    const progress = await record(
      t,
      "carryOver.moveProgress",
      size,
      api.carryOver.moveProgress,
      {},
    );
    expect(progress.documentsRead).toBeLessThanOrEqual(1);
    const settings = await record(
      t,
      "settings.get",
      size,
      api.settings.get,
      {},
    );
    expect(settings.documentsRead).toBeLessThanOrEqual(1);

    const notes = await record(
      t,
      "notes.listForDay typical day",
      size,
      api.notes.listForDay,
      { day: typical.day },
    );
    expectAlice(notes.returned);
    expect(notes.returned).toHaveLength(typical.notes);
    expect(notes.documentsRead).toBeLessThanOrEqual(typical.notes + 1);

    // search is an action; its reads are its internal query's.
    const found = await record(
      t,
      "search.search",
      size,
      internal.search.findForUser,
      { userId: ALICE.subject!, text: "invoice" },
    );
    expect(found.returned.length).toBeGreaterThan(0);
    expect(found.documentsRead).toBeLessThanOrEqual(40);

    // Import (convex/imports): one full batch of todos into a day with
    // nothing yet, then the same batch again (every row already there, so
    // the day's items are read to tell).
    const batch = Array.from({ length: IMPORT_LIMITS.todos }, (_, i) => ({
      day: "2199-01-01",
      text: `Imported ${i}`,
      kind: "todo" as const,
      done: false,
      pinned: false,
      occurrence: 0,
    }));
    for (const label of [
      "imports.importTodos new day",
      "imports.importTodos again",
    ]) {
      const m = await measureMutation(t, api.imports.importTodos, {
        rows: batch,
      });
      rows.push({
        query: `${label} (${IMPORT_LIMITS.todos} rows)`,
        size,
        docs: m.documentsRead,
        bytes: m.bytesRead,
        ms: m.ms,
        returned: m.value.imported,
      });
      expect(m.value.consumed).toBe(IMPORT_LIMITS.todos);
      expect(m.documentsRead).toBeLessThanOrEqual(2 * IMPORT_LIMITS.todos + 20);
    }

    // Repeating todos (convex/series): showing a day reads the running
    // series and, per occurrence made, the day's last key; never history.
    const seriesIds = await seedSeries(t, RUNNING_SERIES, STOPPED_SERIES);
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000)
      .toISOString()
      .slice(0, 10);
    for (const label of [
      `series.showDay making ${RUNNING_SERIES}`,
      "series.showDay again (all made)",
    ]) {
      const m = await measureMutation(t, api.series.showDay, {
        day: tomorrow,
      });
      rows.push({
        query: `${label} (${RUNNING_SERIES} running, ${STOPPED_SERIES} stopped)`,
        size,
        docs: m.documentsRead,
        bytes: m.bytesRead,
        ms: m.ms,
        returned: m.value.made,
      });
      // Per occurrence: its series, the day's last key, and what the write
      // itself reads (the series again, the day's summary, the undo
      // journal, its series' open occurrences for the carry-over mark);
      // never the history, which the sizes compare.
      expect(m.documentsRead).toBeLessThanOrEqual(8 * RUNNING_SERIES + 20);
    }
    const oneSeries = await record(t, "series.get", size, api.series.get, {
      seriesId: seriesIds[0]!,
    });
    expect(oneSeries.documentsRead).toBe(1);

    for (const table of ["days", "todos", "notes", "series"] as const) {
      const exported = await record(
        t,
        `account.exportPage ${table} first page`,
        size,
        api.account.exportPage,
        { table, cursor: null },
      );
      expectAlice(exported.returned);
      expect(exported.documentsRead).toBeLessThanOrEqual(
        exported.returned.length + 1,
      );
    }
  });
}

/** Days a daily repeat is left undone before the carry-over line. */
const OPEN_OCCURRENCES = 365;

/**
 * A daily series of Alice's with an open occurrence on each of the `count`
 * days before `today`, written through the triggers of every mutation
 * (lib/summaryTriggers), which mark all but the latest superseded.
 */
async function seedOpenOccurrences(t: Backend, today: string, count: number) {
  const userId = ALICE.subject!;
  await t.run(async (ctx) => {
    const seriesId = await ctx.db.insert("series", {
      userId,
      text: "Water plants",
      rule: { freq: "daily", interval: 1, end: { kind: "never" } },
      startDay: dayBefore(today, count),
      // Stopped since, so the showDay lines below make RUNNING_SERIES.
      active: false,
      madeDays: [],
    });
    const { db, applyLedger } = keepDaySummaries(ctx);
    for (let i = count; i >= 1; i--) {
      await db.insert("todos", {
        userId,
        day: dayBefore(today, i),
        text: "Water plants",
        kind: "todo",
        done: false,
        pinned: false,
        order: "a0",
        seriesId,
      });
    }
    await applyLedger();
  });
}

function dayBefore(day: string, days: number) {
  const at = new Date(`${day}T00:00:00Z`).getTime() - days * 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}

/** Series a busy person runs, and more they stopped. */
const RUNNING_SERIES = 50;
const STOPPED_SERIES = 200;

/** Daily series of Alice's, written straight to the table. */
async function seedSeries(t: Backend, running: number, stopped: number) {
  const startDay = new Date().toISOString().slice(0, 10);
  return await t.run(async (ctx) => {
    const ids = [];
    for (let i = 0; i < running + stopped; i++) {
      ids.push(
        await ctx.db.insert("series", {
          userId: ALICE.subject!,
          text: `Repeating ${i}`,
          rule: { freq: "daily", interval: 1, end: { kind: "never" } },
          startDay,
          active: i < running,
          madeDays: [],
        }),
      );
    }
    return ids;
  });
}

/**
 * `size` trashed todos: half deleted over 30 days ago in day groups of 100
 * (for the purge), half deleted now, one group each (the view's worst
 * case: one entry per item). Written straight to the tables.
 */
async function seedTrash(t: Backend, size: number) {
  const userId = ALICE.subject!;
  const expired = Date.now() - TRASH_KEPT_MS - 60_000;
  const groups: { deletedAt: number; items: number }[] = [];
  for (let i = 0; i < size / 2 / 100; i++) {
    groups.push({ deletedAt: expired + i, items: 100 });
  }
  for (let i = 0; i < size / 2; i++) {
    groups.push({ deletedAt: Date.now() + i, items: 1 });
  }
  // Chunks that stay under a transaction's write limits.
  for (let start = 0; start < groups.length; start += 1_000) {
    await t.run(async (ctx) => {
      for (const group of groups.slice(start, start + 1_000)) {
        const groupId = await ctx.db.insert("trashGroups", {
          userId,
          deletedAt: group.deletedAt,
          day: "2025-01-01",
          what: group.items === 1 ? "todo" : "day",
          todoCount: group.items,
          todoBytes: group.items * 12,
          noteCount: 0,
          noteBytes: 0,
          name: "Trashed todo",
        });
        for (let i = 0; i < group.items; i++) {
          await ctx.db.insert("trash", {
            userId,
            groupId,
            day: "2025-01-01",
            kind: "todo",
            todo: {
              text: "Trashed todo",
              kind: "todo",
              done: false,
              pinned: false,
              order: `a${i}`,
            },
          });
        }
      }
    });
  }
}

for (const size of [1_000, 20_000]) {
  test(`measures Recently deleted at ${size.toLocaleString("en-US")} trashed todos`, async () => {
    const t = newBackend();
    await seedTrash(t, size);
    const label = (what: string) => `trash: ${what}`;

    const first = await record(
      t,
      label("trash.list first page"),
      size,
      api.trash.list,
      { paginationOpts: { numItems: PAGE_SIZE, cursor: null } },
    );
    expect(first.returned).toHaveLength(PAGE_SIZE);
    expect(first.documentsRead).toBeLessThanOrEqual(PAGE_SIZE + 1);

    const oldest = await t.run(async (ctx) =>
      ctx.db
        .query("trashGroups")
        .withIndex("by_user_deleted", (q) => q.eq("userId", ALICE.subject!))
        .first(),
    );
    const items = await record(
      t,
      label("trash.listItems of a 100-item day"),
      size,
      api.trash.listItems,
      {
        groupId: oldest!._id,
        paginationOpts: { numItems: 50, cursor: null },
      },
    );
    expect(items.documentsRead).toBeLessThanOrEqual(50 + 2);

    // One run of the purge: it reads only expired groups and their rows,
    // a bounded batch, whatever else the trash holds.
    const purge = await t.run(async (ctx) => {
      const before = await ctx.meta.getTransactionMetrics();
      const started = performance.now();
      const value = await ctx.runMutation(internal.trash.purgeExpired, {});
      const ms = performance.now() - started;
      const after = await ctx.meta.getTransactionMetrics();
      return {
        value,
        docs: after.documentsRead.used - before.documentsRead.used,
        bytes: after.bytesRead.used - before.bytesRead.used,
        ms,
      };
    });
    rows.push({
      query: label("purgeExpired one batch (rows+groups purged)"),
      size,
      docs: purge.docs,
      bytes: purge.bytes,
      ms: purge.ms,
      returned: purge.value.purged,
    });
    expect(purge.value.more).toBe(true);
    // A budget of BATCH_SIZE units (the last group's batch may pass it),
    // each purged row read about twice (found, then deleted).
    expect(purge.value.purged).toBeLessThanOrEqual(2 * BATCH_SIZE);
    expect(purge.docs).toBeLessThanOrEqual(3 * purge.value.purged + 10);
  });
}

afterAll(() => {
  // Grouped by query, sizes ascending, so growth with history reads across.
  const queries = [...new Set(rows.map((r) => r.query))];
  const sorted = [...rows].sort(
    (a, b) =>
      queries.indexOf(a.query) - queries.indexOf(b.query) || a.size - b.size,
  );
  const header = ["query", "size", "docs read", "kB read", "ms", "rows"];
  const cells = sorted.map((r) => [
    r.query,
    r.size.toLocaleString("en-US"),
    r.docs.toLocaleString("en-US"),
    (r.bytes / 1024).toFixed(1),
    r.ms.toFixed(1),
    r.returned.toLocaleString("en-US"),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => c[i]!.length)),
  );
  const line = (c: string[]) =>
    "| " +
    c
      .map((s, i) => (i === 0 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!)))
      .join(" | ") +
    " |";
  console.log(
    [
      "Documents and bytes read per UI query (ctx.meta.getTransactionMetrics()",
      "around a nested ctx.runQuery as Alice, transaction limits enforced).",
      "Note: convex-test counts only documents that pass a .filter (and, for",
      "paginate, only the returned page); Convex counts every document",
      "scanned. Daybook reads through indexes, never .filter, so the counts",
      "carry over. ms is convex-test's in-memory time, which scans the whole",
      "table for every index range: it grows with history even where the",
      "documents read do not, and says nothing about Convex latency.",
      "",
      line(header),
      line(widths.map((w) => "-".repeat(w))),
      ...cells.map(line),
    ].join("\n"),
  );
});
