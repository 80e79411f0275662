/**
 * The scale scenario of issue 2: one user with 20,000 todos over 730 days and
 * 2,000 notes, with Convex's per-transaction limits enforced (newBackend),
 * and every query and mutation the UI uses still succeeds.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { MAX_TODO_RESULTS } from "./search";
import type { Doc } from "./_generated/dataModel";
import {
  USER_TABLE_NAMES,
  userRows,
  type ExportTable,
  type UserTableName,
} from "./lib/userTables";
import { ALICE, BOB, newBackend, type Backend } from "./test.setup";
import {
  historyOf,
  measureQuery,
  SCALE,
  seedHistory,
  type HistorySize,
} from "./test.seed";

const PAGE = { numItems: 200 };

type Page<T> = { page: T[]; isDone: boolean; continueCursor: string };

/** Follows a paginated query to its end and returns every row. */
async function allPages<T>(
  fetch: (cursor: string | null) => Promise<Page<T>>,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const result = await fetch(cursor);
    rows.push(...result.page);
    if (result.isDone) return rows;
    cursor = result.continueCursor;
  }
  throw new Error("Pagination never finished.");
}

/** Every row of `userId` in every user table, counted through the indexes. */
async function rowsOf(t: Backend, userId: string) {
  return await t.run(async (ctx) => {
    const counts = {} as Record<UserTableName, number>;
    for (const table of USER_TABLE_NAMES) {
      counts[table] = 0;
      for await (const _row of userRows(ctx.db, table, userId)) {
        counts[table]++;
      }
    }
    return counts;
  });
}

/** The counts a day's summary row must hold for these todos and notes. */
function countsOf(todos: Doc<"todos">[], notes: Doc<"notes">[]) {
  const checkable = todos.filter((todo) => todo.kind === "todo");
  return {
    todoCount: todos.length,
    openCount: checkable.filter((todo) => !todo.done).length,
    doneCount: checkable.filter((todo) => todo.done).length,
    noteCount: notes.length,
  };
}

function expectInOrder(items: { order: string }[]) {
  for (let i = 1; i < items.length; i++) {
    expect(items[i - 1]!.order < items[i]!.order).toBe(true);
  }
}

/** A day's summary row agrees with the todos and notes the day shows. */
async function expectSummaryMatches(t: Backend, day: string) {
  const alice = t.withIdentity(ALICE);
  const todos = await alice.query(api.todos.listForDay, { day });
  const notes = await alice.query(api.notes.listForDay, { day });
  expectInOrder(todos);
  expectInOrder(notes);
  const row = await alice.query(api.days.get, { day });
  expect(row).toMatchObject(countsOf(todos, notes));
}

describe("one user with 20,000 todos over 730 days and 2,000 notes, limits enforced", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("every query the UI makes succeeds and reads only what it shows", async () => {
    const t = newBackend();
    const seeded = await seedHistory(t, ALICE, SCALE);
    const alice = t.withIdentity(ALICE);
    const { totals } = seeded;

    for (const archived of [false, true]) {
      const days = await allPages(async (cursor) => {
        const m = await measureQuery(t, ALICE, api.days.list, {
          archived,
          paginationOpts: { ...PAGE, cursor },
        });
        // About one document per listed day, never a todo or note.
        expect(m.documentsRead).toBeLessThanOrEqual(m.value.page.length + 1);
        return m.value;
      });
      const expected = archived
        ? totals.archivedDays
        : totals.days - totals.archivedDays;
      expect(days).toHaveLength(expected);
      expect(days.every((d) => d.archived === archived)).toBe(true);
      const names = days.map((d) => d.day);
      expect(names).toEqual([...names].sort().reverse());
    }

    const big = seeded.days.find((d) => d.day === seeded.biggestDay)!;
    expect(await alice.query(api.days.get, { day: big.day })).toMatchObject(
      big.row,
    );
    const bigDay = await measureQuery(t, ALICE, api.todos.listForDay, {
      day: big.day,
    });
    expect(bigDay.value).toHaveLength(SCALE.biggestDay);
    expectInOrder(bigDay.value);
    expect(bigDay.documentsRead).toBe(SCALE.biggestDay);

    const pinned = await allPages((cursor) =>
      alice.query(api.todos.listPinned, {
        paginationOpts: { ...PAGE, cursor },
      }),
    );
    expect(pinned).toHaveLength(totals.pinned);
    expect(pinned.every((todo) => todo.pinned)).toBe(true);

    const typical = seeded.days.find((d) => d.day === seeded.typicalDay)!;
    const notes = await alice.query(api.notes.listForDay, { day: typical.day });
    expect(notes).toHaveLength(typical.notes);

    // The search action's reads: its internal query, for the caller's id.
    const found = await measureQuery(t, ALICE, internal.search.findForUser, {
      userId: ALICE.subject!,
      text: "invoice",
    });
    expect(found.value.todos).toHaveLength(MAX_TODO_RESULTS);
    expect(found.value.todos.every((r) => r.text.includes("invoice"))).toBe(
      true,
    );
    expect(found.value.notes.length).toBeGreaterThan(0);
    expect(found.documentsRead).toBeLessThanOrEqual(40);
    // The search index filter keeps Alice's history out of Bob's results.
    const forBob = await t
      .withIdentity(BOB)
      .action(api.search.search, { text: "invoice" });
    expect(forBob).toEqual({ todos: [], notes: [] });
  });

  test("export walks every page of every table and returns exactly the seeded data", async () => {
    const t = newBackend();
    const seeded = await seedHistory(t, ALICE, SCALE);
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.users.syncProfile, {});
    type Table = ExportTable;
    const walk = (table: Table) =>
      allPages<Doc<Table>>((cursor) =>
        alice.query(api.account.exportPage, { table, cursor }),
      );
    const users = (await walk("users")) as Doc<"users">[];
    const days = (await walk("days")) as Doc<"days">[];
    const todos = (await walk("todos")) as Doc<"todos">[];
    const notes = (await walk("notes")) as Doc<"notes">[];

    expect(users).toEqual([
      expect.objectContaining({ userId: seeded.userId, name: "alice" }),
    ]);
    expect(days).toHaveLength(seeded.totals.days);
    expect(todos).toHaveLength(seeded.totals.todoCount);
    expect(notes).toHaveLength(seeded.totals.noteCount);
    for (const rows of [days, todos, notes]) {
      expect(new Set(rows.map((row) => row._id)).size).toBe(rows.length);
      expect(rows.every((row) => row.userId === seeded.userId)).toBe(true);
    }
    // Every summary row matches the exported content of its day.
    const byDay = new Map<
      string,
      { todos: Doc<"todos">[]; notes: Doc<"notes">[] }
    >(days.map((d) => [d.day, { todos: [], notes: [] }]));
    for (const todo of todos) byDay.get(todo.day)!.todos.push(todo);
    for (const note of notes) byDay.get(note.day)!.notes.push(note);
    for (const day of days) {
      const content = byDay.get(day.day)!;
      expect(day).toMatchObject(countsOf(content.todos, content.notes));
    }
  });

  test("every mutation the UI makes succeeds and keeps the day summaries exact", async () => {
    const t = newBackend();
    const seeded = await seedHistory(t, ALICE, SCALE);
    const alice = t.withIdentity(ALICE);
    const day = seeded.typicalDay;
    const big = seeded.biggestDay;
    const [pasteDay, otherDay] = ["2026-02-01", "2026-02-02"];
    const drain = () => t.finishAllScheduledFunctions(vi.runAllTimers, 1_000);

    await alice.mutation(api.users.syncProfile, {});
    expect(await alice.query(api.users.me, {})).toMatchObject({
      userId: seeded.userId,
      name: "alice", // the token's claim
    });

    const id = await alice.mutation(api.todos.create, { day, text: "Call" });
    let shown = await alice.query(api.todos.listForDay, { day });
    expect(shown.at(-1)!._id).toBe(id);

    const lines = Array.from({ length: 500 }, (_, i) =>
      i % 10 === 0
        ? `# Part ${i}`
        : i % 10 < 3
          ? `- [x] done ${i}`
          : `* [ ] item ${i}`,
    );
    const ids = await alice.mutation(api.todos.createMany, {
      day: pasteDay,
      lines,
    });
    expect(ids).toHaveLength(500);
    expect(await alice.query(api.days.get, { day: pasteDay })).toMatchObject({
      todoCount: 500,
      openCount: 350,
      doneCount: 100,
    });

    await alice.mutation(api.todos.updateText, {
      id,
      baseText: (await t.run((ctx) => ctx.db.get("todos", id)))!.text,
      text: "Call the bank",
    });
    await alice.mutation(api.todos.setDone, { id, done: true });
    await alice.mutation(api.todos.setPinned, { id, pinned: true });
    const pinned = await allPages((cursor) =>
      alice.query(api.todos.listPinned, {
        paginationOpts: { ...PAGE, cursor },
      }),
    );
    expect(pinned.find((todo) => todo._id === id)).toMatchObject({
      text: "Call the bank",
      done: true,
    });
    await alice.mutation(api.todos.moveToDay, { id, day: otherDay });
    expect(await alice.query(api.todos.listForDay, { day: otherDay })).toEqual([
      expect.objectContaining({ _id: id }),
    ]);

    shown = await alice.query(api.todos.listForDay, { day });
    const last = shown.at(-1)!._id;
    await alice.mutation(api.todos.reorder, {
      id: last,
      afterId: null,
      beforeId: shown[0]!._id,
    });
    shown = await alice.query(api.todos.listForDay, { day });
    expect(shown[0]!._id).toBe(last);
    await alice.mutation(api.todos.remove, { id: shown[1]!._id });

    const before = (await alice.query(api.days.get, { day: big }))!;
    await alice.mutation(api.todos.completeAllOpen, { day: big });
    await drain();
    expect(await alice.query(api.days.get, { day: big })).toMatchObject({
      todoCount: before.todoCount,
      openCount: 0,
      doneCount: before.doneCount + before.openCount,
    });

    await alice.mutation(api.todos.deleteAllDone, { day });
    await drain();
    expect(await alice.query(api.days.get, { day })).toMatchObject({
      doneCount: 0,
    });

    await alice.mutation(api.todos.copyOpenToDay, {
      fromDay: pasteDay,
      toDay: otherDay,
    });
    await drain();
    expect(await alice.query(api.days.get, { day: otherDay })).toMatchObject({
      todoCount: 1 + 400, // the moved todo, then 350 open items and 50 headings
    });

    const noteId = await alice.mutation(api.notes.create, { day, title: "A" });
    await alice.mutation(api.notes.update, {
      id: noteId,
      baseVersion: 0,
      body: "Body text",
    });
    await alice.mutation(api.notes.setCollapsed, {
      id: noteId,
      collapsed: true,
    });
    const notes = await alice.query(api.notes.listForDay, { day });
    await alice.mutation(api.notes.reorder, {
      id: noteId,
      afterId: null,
      beforeId: notes[0]!._id,
    });
    await alice.mutation(api.notes.remove, { id: notes[0]!._id });
    const after = await alice.query(api.notes.listForDay, { day });
    expect(after[0]).toMatchObject({
      _id: noteId,
      body: "Body text",
      collapsed: true,
    });
    expect(after).toHaveLength(notes.length - 1);

    await alice.mutation(api.days.setLabel, { day, label: "Launch" });
    await alice.mutation(api.days.setArchived, { day, archived: true });
    const archived = await allPages((cursor) =>
      alice.query(api.days.list, {
        archived: true,
        paginationOpts: { ...PAGE, cursor },
      }),
    );
    expect(archived.find((d) => d.day === day)).toMatchObject({
      label: "Launch",
    });

    for (const changed of [day, big, pasteDay, otherDay]) {
      await expectSummaryMatches(t, changed);
    }
  });

  test("deleting a day that holds 5,000 todos removes it in scheduled batches", async () => {
    const t = newBackend();
    const seeded = await seedHistory(t, ALICE, SCALE);
    const alice = t.withIdentity(ALICE);
    const big = seeded.days.find((d) => d.day === seeded.biggestDay)!;
    expect(big.todos).toBe(5_000);
    await alice.mutation(api.days.setLabel, { day: big.day, label: "Huge" });

    await alice.mutation(api.days.remove, { day: big.day });
    await t.finishAllScheduledFunctions(vi.runAllTimers, 1_000);

    expect(await alice.query(api.days.get, { day: big.day })).toBeNull();
    expect(await alice.query(api.todos.listForDay, { day: big.day })).toEqual(
      [],
    );
    expect(await alice.query(api.notes.listForDay, { day: big.day })).toEqual(
      [],
    );
    expect(await rowsOf(t, seeded.userId)).toMatchObject({
      days: seeded.totals.days - 1,
      todos: seeded.totals.todoCount - big.todos,
      notes: seeded.totals.noteCount - big.notes,
    });
  });

  test("deleting all of the user's data leaves no row of theirs and no one else's is touched", async () => {
    const t = newBackend();
    const seeded = await seedHistory(t, ALICE, SCALE);
    const bob = await seedHistory(t, BOB, historyOf(200));
    const bobRows = await rowsOf(t, bob.userId);
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.users.syncProfile, {});

    await alice.mutation(api.account.deleteMyData, {});
    // Step one second at a time, so the day-later clean-up has not run yet.
    await t.finishAllScheduledFunctions(
      () => vi.advanceTimersByTime(1_000),
      1_000,
    );

    // The profile, the usage row (made by syncProfile), and the content.
    const rows =
      2 +
      seeded.totals.days +
      seeded.totals.todoCount +
      seeded.totals.noteCount;
    expect(await alice.query(api.account.deletionStatus, {})).toMatchObject({
      status: "done",
      deleted: rows,
      total: rows,
    });
    expect(await rowsOf(t, seeded.userId)).toEqual({
      users: 0,
      usage: 0,
      days: 0,
      todos: 0,
      notes: 0,
      changeReceipts: 0,
      undoLog: 0,
      trash: 0,
      trashGroups: 0,
      settings: 0,
      carryOverMoves: 0,
      series: 0,
      deletions: 1,
    });
    // A day later the progress row, the last trace of Alice, goes too.
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await alice.query(api.account.deletionStatus, {})).toBeNull();
    // Every table of hers, however many the app has: not one row left.
    expect(
      Object.values(await rowsOf(t, seeded.userId)).filter((n) => n !== 0),
    ).toEqual([]);
    expect(await rowsOf(t, bob.userId)).toEqual(bobRows);
  });
});

test("the day list reads one document per day however many todos there are (no cliff at 32,000)", async () => {
  const reads: Record<number, { read: number; listed: number }> = {};
  for (const todos of [2_000, 40_000]) {
    const size: HistorySize = { ...SCALE, todos, biggestDay: todos / 8 };
    const t = newBackend();
    await seedHistory(t, ALICE, size);
    let read = 0;
    const days = await allPages(async (cursor) => {
      const m = await measureQuery(t, ALICE, api.days.list, {
        archived: false,
        paginationOpts: { ...PAGE, cursor },
      });
      read += m.documentsRead;
      return m.value;
    });
    reads[todos] = { read, listed: days.length };
  }
  // The reference app read every todo here and failed past 32,000 of them.
  expect(reads[40_000]).toEqual(reads[2_000]);
  expect(reads[40_000]!.read).toBe(reads[40_000]!.listed);
});
