import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { COUNT_CAP } from "./carryOver";
import { BATCH_SIZE, LIMITS } from "./lib/limits";
import { measureQuery } from "./test.seed";
import { ALICE, BOB, expectCode, newBackend, type Backend } from "./test.setup";

/*
 * The clock is fixed at noon UTC on 2026-11-30, and nobody has a time zone
 * stored (UTC), so everyone's today is 2026-11-30.
 */
const TODAY = "2026-11-30";
const NOON = new Date(`${TODAY}T12:00:00Z`);

let t: Backend;
const alice = () => t.withIdentity(ALICE);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOON);
  t = newBackend();
});

afterEach(() => {
  vi.useRealTimers();
});

async function runScheduled() {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

/** Adds todos to a day as pasted lines; returns their ids. */
async function addTodos(day: string, lines: string[], who = alice()) {
  return await who.mutation(api.todos.createMany, { day, lines });
}

async function todosOf(day: string, who = alice()) {
  return await who.query(api.todos.listForDay, { day });
}

const textsOf = async (day: string) => (await todosOf(day)).map((t) => t.text);

const listed = (limit = 20, today = TODAY, who = alice()) =>
  who.query(api.carryOver.list, { today, limit });

const lines = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

describe("carryOver.list", () => {
  test("lists open todos of earlier days, newest day first and each day in its order, leaving out done todos, headings, today and later days", async () => {
    await addTodos("2026-11-20", [
      "old a",
      "# Heading",
      "- [x] old done",
      "old b",
    ]);
    await addTodos("2026-11-28", ["recent a", "recent b"]);
    await addTodos(TODAY, ["today's"]);
    await addTodos("2026-12-02", ["later"]);
    await alice().mutation(api.days.setLabel, {
      day: "2026-11-28",
      label: "Trip",
    });

    const result = await listed();
    expect(
      result.days.map((group) => [
        group.day,
        group.label,
        group.todos.map((todo) => todo.text),
      ]),
    ).toEqual([
      ["2026-11-28", "Trip", ["recent a", "recent b"]],
      ["2026-11-20", null, ["old a", "old b"]],
    ]);
    expect(result).toMatchObject({
      count: 4,
      countCapped: false,
      hasMore: false,
    });
  });

  test("shows a page at a time: `limit` todos, with hasMore while more are left", async () => {
    await addTodos("2026-11-27", lines("a", 3));
    await addTodos("2026-11-26", lines("b", 3));
    const page = await listed(4);
    expect(page.days.flatMap((g) => g.todos.map((todo) => todo.text))).toEqual([
      "a 0",
      "a 1",
      "a 2",
      "b 0",
    ]);
    expect(page).toMatchObject({ count: 6, hasMore: true });
    const more = await listed(8);
    expect(more.days.flatMap((g) => g.todos)).toHaveLength(6);
    expect(more.hasMore).toBe(false);
  });

  test(`counts up to ${COUNT_CAP} and says when there are more`, async () => {
    await addTodos("2026-11-01", lines("x", COUNT_CAP + 5));
    expect(await listed(10)).toMatchObject({
      count: COUNT_CAP,
      countCapped: true,
      hasMore: true,
    });
  });

  test("reads in proportion to the page shown, not to the history", async () => {
    for (let d = 1; d <= 9; d++) {
      await addTodos(`2026-10-0${d}`, lines(`day ${d}`, 300));
    }
    const measured = await measureQuery(t, ALICE, api.carryOver.list, {
      today: TODAY,
      limit: 20,
    });
    expect(measured.value.count).toBe(COUNT_CAP);
    // The counted todos, plus a day label and a read per day entered.
    expect(measured.documentsRead).toBeLessThanOrEqual(COUNT_CAP + 1 + 2 * 2);
  });

  test("accepts the browser's today within a day of the server's and refuses it further off", async () => {
    await listed(20, "2026-11-29");
    await listed(20, "2026-12-01");
    await expectCode(listed(20, "2026-12-02"), "DAY_OUT_OF_RANGE");
    await expectCode(listed(20, "2026-11-28"), "DAY_OUT_OF_RANGE");
  });

  test("follows the person's time zone: late on Nov 30 UTC it is already Dec 1 in Tokyo", async () => {
    vi.setSystemTime(new Date(`${TODAY}T23:30:00Z`));
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Asia/Tokyo",
      source: "choice",
    });
    await expectCode(listed(20, "2026-11-29"), "DAY_OUT_OF_RANGE");
    await listed(20, "2026-12-02");
  });

  test("shows only the caller's own todos", async () => {
    await addTodos("2026-11-20", ["alice's secret"]);
    const bobs = await listed(20, TODAY, t.withIdentity(BOB));
    expect(bobs).toEqual({
      days: [],
      count: 0,
      countCapped: false,
      hasMore: false,
    });
  });
});

describe("carryOver.moveAllToToday", () => {
  test("moves every open todo of earlier days after today's own, keeping the section's order, and undo puts each back in its old place", async () => {
    await addTodos("2026-11-20", [
      "old a",
      "- [x] done",
      "old b",
      "# Head",
      "old c",
    ]);
    await addTodos("2026-11-28", ["recent a", "recent b"]);
    await addTodos(TODAY, ["today's own"]);
    const before20 = await textsOf("2026-11-20");
    const before28 = await textsOf("2026-11-28");
    const orders20 = (await todosOf("2026-11-20")).map((todo) => todo.order);

    const progress = await alice().mutation(api.carryOver.moveAllToToday, {
      today: TODAY,
      changeId: "move-all-1",
    });
    expect(progress).toMatchObject({ status: "done", moved: 5 });
    expect(await textsOf(TODAY)).toEqual([
      "today's own",
      "recent a",
      "recent b",
      "old a",
      "old b",
      "old c",
    ]);
    expect(await textsOf("2026-11-20")).toEqual(["done", "Head"]);
    expect((await listed()).count).toBe(0);

    await alice().mutation(api.undo.apply, { change: "move-all-1" });
    await runScheduled();
    expect(await textsOf(TODAY)).toEqual(["today's own"]);
    expect(await textsOf("2026-11-20")).toEqual(before20);
    expect(await textsOf("2026-11-28")).toEqual(before28);
    expect((await todosOf("2026-11-20")).map((todo) => todo.order)).toEqual(
      orders20,
    );
  });

  test("moves a big backlog in batches, reporting progress, and undoes it whole", async () => {
    const total = BATCH_SIZE * 2 + 17;
    await addTodos("2026-11-10", lines("older", 300));
    await addTodos("2026-11-11", lines("newer", total - 300));
    const first = await alice().mutation(api.carryOver.moveAllToToday, {
      today: TODAY,
      changeId: "move-big",
    });
    expect(first).toMatchObject({ status: "moving", moved: BATCH_SIZE });
    await runScheduled();
    expect(await alice().query(api.carryOver.moveProgress, {})).toEqual({
      today: TODAY,
      automatic: false,
      status: "done",
      moved: total,
    });
    expect(await textsOf(TODAY)).toEqual([
      ...lines("newer", total - 300),
      ...lines("older", 300),
    ]);

    await alice().mutation(api.undo.apply, { change: "move-big" });
    await runScheduled();
    expect(await todosOf(TODAY)).toHaveLength(0);
    expect(await textsOf("2026-11-10")).toEqual(lines("older", 300));
    expect(await textsOf("2026-11-11")).toEqual(lines("newer", total - 300));
  });

  test("stops when today is full, moving what fits, and says so", async () => {
    await addTodos("2026-11-20", ["a", "b", "c", "d"]);
    await addTodos(TODAY, ["today's own"]);
    // Today one item short of holding three more than it may.
    await t.run(async (ctx) => {
      const row = await ctx.db
        .query("days")
        .withIndex("by_user_day", (q) =>
          q.eq("userId", ALICE.subject!).eq("day", TODAY),
        )
        .unique();
      await ctx.db.patch("days", row!._id, {
        todoCount: LIMITS.todosPerDay - 3,
      });
    });
    const progress = await alice().mutation(api.carryOver.moveAllToToday, {
      today: TODAY,
    });
    expect(progress).toMatchObject({ status: "full", moved: 3 });
    expect(await textsOf("2026-11-20")).toEqual(["d"]);
  });

  test("a second start while a move runs reports that move instead of starting another", async () => {
    await addTodos("2026-11-10", lines("x", BATCH_SIZE + 10));
    await alice().mutation(api.carryOver.moveAllToToday, { today: TODAY });
    const second = await alice().mutation(api.carryOver.moveAllToToday, {
      today: TODAY,
    });
    expect(second).toMatchObject({ status: "moving", moved: BATCH_SIZE });
    await runScheduled();
    expect(await todosOf(TODAY)).toHaveLength(BATCH_SIZE + 10);
  });

  test("moves only the caller's todos", async () => {
    await addTodos("2026-11-20", ["alice's"]);
    await addTodos("2026-11-20", ["bob's"], t.withIdentity(BOB));
    await t
      .withIdentity(BOB)
      .mutation(api.carryOver.moveAllToToday, { today: TODAY });
    expect(await textsOf("2026-11-20")).toEqual(["alice's"]);
    expect(await todosOf(TODAY, t.withIdentity(BOB))).toHaveLength(1);
  });

  test("refuses a today more than a day from the server's", async () => {
    await addTodos("2026-11-20", ["a"]);
    await expectCode(
      alice().mutation(api.carryOver.moveAllToToday, { today: "2026-12-05" }),
      "DAY_OUT_OF_RANGE",
    );
    expect(await textsOf("2026-11-20")).toEqual(["a"]);
  });
});

describe("carryOver.moveAutomatically", () => {
  const enable = () =>
    alice().mutation(api.settings.setMoveUnfinishedAutomatically, {
      enabled: true,
    });
  const moveAutomatically = (changeId?: string, today = TODAY) =>
    alice().mutation(api.carryOver.moveAutomatically, {
      today,
      ...(changeId ? { changeId } : {}),
    });

  test("does nothing while the setting is off (the default)", async () => {
    await addTodos("2026-11-20", ["a"]);
    expect(await moveAutomatically()).toBeNull();
    expect(await textsOf("2026-11-20")).toEqual(["a"]);
  });

  test("moves earlier days' open todos once on a new day, and again the next day", async () => {
    await enable();
    await addTodos("2026-11-29", ["yesterday's"]);
    await addTodos("2026-11-20", ["older"]);
    expect(await moveAutomatically()).toMatchObject({
      automatic: true,
      status: "done",
      moved: 2,
    });
    expect(await textsOf(TODAY)).toEqual(["yesterday's", "older"]);

    // Left again on an earlier day the same day: not moved a second time.
    await addTodos("2026-11-29", ["added later"]);
    expect(await moveAutomatically()).toBeNull();
    expect(await textsOf("2026-11-29")).toEqual(["added later"]);

    vi.setSystemTime(new Date("2026-12-01T08:00:00Z"));
    expect(await moveAutomatically(undefined, "2026-12-01")).toMatchObject({
      moved: 3,
    });
    expect(await textsOf("2026-12-01")).toEqual([
      "yesterday's",
      "older",
      "added later",
    ]);
  });

  test("is idempotent under two concurrent callers: two tabs opening at once move once", async () => {
    await enable();
    await addTodos("2026-11-29", ["a", "b"]);
    const results = await Promise.all([
      moveAutomatically("tab-1"),
      moveAutomatically("tab-2"),
    ]);
    expect(results.filter((result) => result !== null)).toEqual([
      expect.objectContaining({ moved: 2 }),
    ]);
    expect(await textsOf(TODAY)).toEqual(["a", "b"]);
    const orders = (await todosOf(TODAY)).map((todo) => todo.order);
    expect(new Set(orders).size).toBe(2);
  });

  test("the move is undoable like any change", async () => {
    await enable();
    await addTodos("2026-11-29", ["a"]);
    await moveAutomatically("auto-1");
    await alice().mutation(api.undo.apply, { change: "auto-1" });
    expect(await textsOf("2026-11-29")).toEqual(["a"]);
    expect(await todosOf(TODAY)).toHaveLength(0);
  });

  test("moves to the browser's today, accepted within a day of the person's today in their time zone", async () => {
    vi.setSystemTime(new Date(`${TODAY}T23:30:00Z`));
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Asia/Tokyo",
      source: "choice",
    });
    await enable();
    await addTodos(TODAY, ["yesterday in Tokyo"]);
    // Dec 1 in Tokyo: Nov 29 is two days off.
    await expectCode(
      moveAutomatically(undefined, "2026-11-29"),
      "DAY_OUT_OF_RANGE",
    );
    expect(await moveAutomatically(undefined, "2026-12-01")).toMatchObject({
      today: "2026-12-01",
      moved: 1,
    });
    expect(await textsOf("2026-12-01")).toEqual(["yesterday in Tokyo"]);
  });

  test("never moves back: a tab whose today is behind the last automatic move's does nothing", async () => {
    await enable();
    await addTodos("2026-11-28", ["old"]);
    expect(await moveAutomatically(undefined, "2026-12-01")).toMatchObject({
      moved: 1,
    });
    await addTodos("2026-11-29", ["left on the 29th"]);
    expect(await moveAutomatically(undefined, TODAY)).toBeNull();
    expect(await textsOf("2026-11-29")).toEqual(["left on the 29th"]);
    expect(await textsOf("2026-12-01")).toEqual(["old"]);
  });
});

describe("carry-over of repeating todos", () => {
  const DAILY = { freq: "daily", interval: 1, end: { kind: "never" } } as const;

  /** A daily series from Nov 27, its occurrences made as each day was shown up to `lastShown`. */
  async function dailyLeftOpenUntil(lastShown: string) {
    vi.setSystemTime(new Date("2026-11-27T12:00:00Z"));
    await alice().mutation(api.series.create, {
      day: "2026-11-27",
      text: "Water plants",
      rule: DAILY,
    });
    for (const day of ["2026-11-28", "2026-11-29", TODAY]) {
      if (day > lastShown) break;
      vi.setSystemTime(new Date(`${day}T12:00:00Z`));
      await alice().mutation(api.series.showDay, { day });
    }
    vi.setSystemTime(NOON);
  }

  test("a series left undone on several days shows once, at its latest unfinished occurrence", async () => {
    await dailyLeftOpenUntil("2026-11-29");
    await addTodos("2026-11-28", ["Call Bob"]);
    const result = await listed();
    expect(
      result.days.map((group) => [group.day, group.todos.map((t) => t.text)]),
    ).toEqual([
      ["2026-11-29", ["Water plants"]],
      ["2026-11-28", ["Call Bob"]],
    ]);
    expect(result.count).toBe(2);
  });

  test("an occurrence made ahead, on a later day shown before it came, leaves the missed one carried", async () => {
    const MONDAYS = { ...DAILY, freq: "weekly" as const, byWeekday: [0] };
    vi.setSystemTime(new Date("2026-11-23T12:00:00Z"));
    await alice().mutation(api.series.create, {
      day: "2026-11-23",
      text: "Pay rent",
      rule: MONDAYS,
    });
    vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
    await alice().mutation(api.series.showDay, { day: "2026-12-07" });
    expect(await textsOf("2026-12-07")).toEqual(["Pay rent"]);
    vi.setSystemTime(new Date("2026-11-26T12:00:00Z"));
    expect(
      (await listed(20, "2026-11-26")).days.map((group) => [
        group.day,
        group.todos.map((t) => t.text),
      ]),
    ).toEqual([["2026-11-23", ["Pay rent"]]]);
  });

  test("a series with an occurrence on today shows none of its earlier ones", async () => {
    await dailyLeftOpenUntil(TODAY);
    expect((await listed()).days).toEqual([]);
  });

  test("stopping a series whose occurrence is on today brings none of its earlier ones back, then or later", async () => {
    await dailyLeftOpenUntil(TODAY);
    const [today] = await todosOf(TODAY);
    expect((await listed()).days).toEqual([]);

    await alice().mutation(api.series.stop, { seriesId: today!.seriesId! });
    // Today's stays on today, a plain todo now; the missed ones stay on
    // their days, and the section still shows none of them.
    const [kept] = await todosOf(TODAY);
    expect(kept).toMatchObject({ text: "Water plants", done: false });
    expect(kept!.seriesId).toBeUndefined();
    expect(await textsOf("2026-11-29")).toEqual(["Water plants"]);
    expect((await listed()).days).toEqual([]);

    // Nor when one of the missed ones changes afterwards.
    const [friday] = await todosOf("2026-11-27");
    await alice().mutation(api.todos.setDone, { id: friday!._id, done: true });
    expect((await listed()).days).toEqual([]);
  });

  test("stopping a series undone brings back its occurrence on today, and the earlier ones stay out of the section", async () => {
    await dailyLeftOpenUntil(TODAY);
    const [today] = await todosOf(TODAY);
    const change = "carry-stop-undo";
    await alice().mutation(api.series.stop, {
      seriesId: today!.seriesId!,
      changeId: change,
    });
    await alice().mutation(api.undo.apply, { change });
    await runScheduled();
    expect((await todosOf(TODAY))[0]?.seriesId).toBe(today!.seriesId);
    expect((await listed()).days).toEqual([]);
  });

  /** A daily series from `first`, its occurrences made as each day up to yesterday was shown, all left open. */
  async function dailyLeftOpenSince(first: string, text = "Water plants") {
    vi.setSystemTime(new Date(`${first}T12:00:00Z`));
    await alice().mutation(api.series.create, {
      day: first,
      text,
      rule: DAILY,
    });
    for (let d = new Date(`${first}T12:00:00Z`); ;) {
      d = new Date(d.getTime() + 24 * 60 * 60 * 1000);
      const day = d.toISOString().slice(0, 10);
      if (day >= TODAY) break;
      vi.setSystemTime(d);
      await alice().mutation(api.series.showDay, { day });
    }
    vi.setSystemTime(NOON);
  }

  const shownDays = async () =>
    (await listed()).days.map((group) => [
      group.day,
      group.todos.map((t) => t.text),
    ]);

  test("reads as much for a series left open for two months as for one day: the older occurrences are never read", async () => {
    await dailyLeftOpenSince("2026-10-01");
    expect((await todosOf("2026-10-01")).map((t) => t.done)).toEqual([false]);
    await addTodos("2026-11-28", ["Call Bob"]);
    const measured = await measureQuery(t, ALICE, api.carryOver.list, {
      today: TODAY,
      limit: 20,
    });
    expect(
      measured.value.days.map((group) => [
        group.day,
        group.todos.map((t) => t.text),
      ]),
    ).toEqual([
      ["2026-11-29", ["Water plants"]],
      ["2026-11-28", ["Call Bob"]],
    ]);
    expect(measured.value.count).toBe(2);
    // Per day entered one read and its label, the two todos, the series'
    // read of today, and the end of the index: not the 59 passed by.
    expect(measured.documentsRead).toBeLessThanOrEqual(8);
  });

  test("completing, deleting or moving the latest occurrence carries the one before it, and reopening, restoring or undoing brings the latest back", async () => {
    await dailyLeftOpenSince("2026-11-25");
    const [latest] = await todosOf("2026-11-29");
    const latestShown = [["2026-11-29", ["Water plants"]]];
    const previousShown = [["2026-11-28", ["Water plants"]]];

    await alice().mutation(api.todos.setDone, { id: latest!._id, done: true });
    expect(await shownDays()).toEqual(previousShown);
    await alice().mutation(api.todos.setDone, { id: latest!._id, done: false });
    expect(await shownDays()).toEqual(latestShown);

    const moved = `carry-move-${latest!._id}`;
    await alice().mutation(api.todos.moveToDay, {
      id: latest!._id,
      day: "2026-11-20",
      changeId: moved,
    });
    expect(await shownDays()).toEqual(previousShown);
    await alice().mutation(api.undo.apply, { change: moved });
    await runScheduled();
    expect(await shownDays()).toEqual(latestShown);

    const groupId = await alice().mutation(api.todos.remove, {
      id: latest!._id,
    });
    expect(await shownDays()).toEqual(previousShown);
    await alice().mutation(api.trash.restoreGroup, { groupId });
    await runScheduled();
    expect(await shownDays()).toEqual(latestShown);
    // Every missed occurrence is still open on its own day.
    for (const day of [
      "2026-11-25",
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
    ]) {
      expect(await textsOf(day)).toEqual(["Water plants"]);
    }
  });

  test("this and following, stopping and changing the repeat leave one occurrence of each series carried", async () => {
    await dailyLeftOpenSince("2026-11-25");
    const [wednesday] = await todosOf("2026-11-25");
    const [friday] = await todosOf("2026-11-27");
    // Friday on repeats its own way: a second series, from Friday.
    await alice().mutation(api.series.setRepeat, {
      id: friday!._id,
      rule: { ...DAILY, interval: 2 },
    });
    // Its untouched occurrences after Friday went with the old series.
    expect(await textsOf("2026-11-29")).toEqual([]);
    expect(await shownDays()).toEqual([
      ["2026-11-27", ["Water plants"]],
      ["2026-11-26", ["Water plants"]],
    ]);
    await alice().mutation(api.series.deleteFollowing, {
      id: friday!._id,
    });
    expect(await shownDays()).toEqual([["2026-11-26", ["Water plants"]]]);
    await alice().mutation(api.series.editFollowing, {
      id: wednesday!._id,
      baseText: "Water plants",
      text: "Water the plants",
    });
    expect(await shownDays()).toEqual([["2026-11-26", ["Water the plants"]]]);
  });

  test("rows from before the mark read as not superseded: shown once, and marked when their series next changes", async () => {
    vi.setSystemTime(new Date("2026-11-20T12:00:00Z"));
    const { seriesId } = await alice().mutation(api.series.create, {
      day: "2026-11-20",
      text: "Stretch",
      rule: DAILY,
    });
    vi.setSystemTime(NOON);
    // Occurrences written as the code before the mark wrote them.
    await t.run(async (ctx) => {
      for (const day of ["2026-11-21", "2026-11-22", "2026-11-23"]) {
        await ctx.db.insert("todos", {
          userId: ALICE.subject!,
          day,
          text: "Stretch",
          kind: "todo",
          done: false,
          pinned: false,
          order: "a0",
          seriesId,
        });
      }
    });
    expect(await shownDays()).toEqual([["2026-11-23", ["Stretch"]]]);
    const [latest] = await todosOf("2026-11-23");
    await alice().mutation(api.todos.setDone, { id: latest!._id, done: true });
    expect(await shownDays()).toEqual([["2026-11-22", ["Stretch"]]]);
    const marked = await t.run(async (ctx) =>
      (await ctx.db.query("todos").take(10)).map((todo) => [
        todo.day,
        todo.superseded ?? null,
      ]),
    );
    expect(marked.sort()).toEqual([
      ["2026-11-20", true],
      ["2026-11-21", true],
      ["2026-11-22", null],
      ["2026-11-23", null],
    ]);
  });

  test("Move all to today brings a series once, and leaves its older occurrences where they were", async () => {
    await dailyLeftOpenUntil("2026-11-29");
    await alice().mutation(api.carryOver.moveAllToToday, { today: TODAY });
    await runScheduled();
    expect(await textsOf(TODAY)).toEqual(["Water plants"]);
    expect(await textsOf("2026-11-28")).toEqual(["Water plants"]);
    expect((await listed()).days).toEqual([]);
  });
});
