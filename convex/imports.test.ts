import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  IMPORT_LIMITS,
  type ImportedNote,
  type ImportedSeries,
  type ImportedTodo,
} from "./imports";
import { getDay } from "./lib/days";
import { LIMITS } from "./lib/limits";
import { shiftDay } from "./lib/repeatRule";
import { getUsage } from "./lib/usage";
import { ALICE, BOB, expectCode, newBackend, type Backend } from "./test.setup";

const DAY = "2025-03-10";
const OTHER_DAY = "2025-03-11";

function todo(text: string, extra: Partial<ImportedTodo> = {}): ImportedTodo {
  return {
    day: DAY,
    text,
    kind: "todo",
    done: false,
    pinned: false,
    occurrence: 0,
    ...extra,
  };
}

function note(title: string, extra: Partial<ImportedNote> = {}): ImportedNote {
  return {
    day: DAY,
    title,
    body: `${title} body`,
    collapsed: false,
    occurrence: 0,
    ...extra,
  };
}

function everything(t: Backend) {
  return t.run(async (ctx) =>
    JSON.stringify([
      await ctx.db.query("todos").take(1e4),
      await ctx.db.query("notes").take(1e4),
      await ctx.db.query("days").take(1e4),
    ]),
  );
}

function series(
  text: string,
  extra: Partial<ImportedSeries> = {},
): ImportedSeries {
  return {
    text,
    rule: { freq: "daily", interval: 1, end: { kind: "never" } },
    startDay: "2099-01-05",
    active: true,
    lastDay: "2099-01-06",
    madeDays: ["2099-01-05", "2099-01-06"],
    occurrence: 0,
    ...extra,
  };
}

function allSeries(t: Backend) {
  return t.run(async (ctx) => await ctx.db.query("series").take(1e4));
}

const NONE = { duplicate: 0, dayFull: 0, quota: 0, labelDiffers: 0 };

describe("import idempotence", () => {
  test("the same todos, notes and days imported twice land once", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const todos = [
      todo("Buy milk", { pinned: true }),
      todo("Work", { kind: "h2" }),
      todo("Done thing", { done: true, completedAt: 1_700_000_000_000 }),
      todo("Later", { day: OTHER_DAY }),
    ];
    const notes = [note("Plan"), note("Idea", { collapsed: true })];
    const days = [
      { day: DAY, label: "Work day", archived: false },
      { day: OTHER_DAY, archived: true },
    ];
    expect(
      await alice.mutation(api.imports.importTodos, { rows: todos }),
    ).toEqual({
      consumed: 4,
      imported: 4,
      skipped: NONE,
    });
    await alice.mutation(api.imports.importNotes, { rows: notes });
    await alice.mutation(api.imports.importDays, { rows: days });
    const first = await everything(t);

    expect(
      await alice.mutation(api.imports.importTodos, { rows: todos }),
    ).toEqual({
      consumed: 4,
      imported: 0,
      skipped: { ...NONE, duplicate: 4 },
    });
    expect(
      await alice.mutation(api.imports.importNotes, { rows: notes }),
    ).toEqual({
      consumed: 2,
      imported: 0,
      skipped: { ...NONE, duplicate: 2 },
    });
    expect(
      await alice.mutation(api.imports.importDays, { rows: days }),
    ).toEqual({
      consumed: 2,
      imported: 0,
      skipped: { ...NONE, duplicate: 2 },
    });
    expect(await everything(t)).toBe(first);

    const listed = await alice.query(api.todos.listForDay, { day: DAY });
    expect(
      listed.map((row) => [row.text, row.kind, row.done, row.pinned]),
    ).toEqual([
      ["Buy milk", "todo", false, true],
      ["Work", "h2", false, false],
      ["Done thing", "todo", true, false],
    ]);
    expect(listed[2]!.completedAt).toBe(1_700_000_000_000);
    const day = await alice.query(api.days.get, { day: DAY });
    expect(day).toMatchObject({
      label: "Work day",
      todoCount: 3,
      noteCount: 2,
    });
    expect(await alice.query(api.days.get, { day: OTHER_DAY })).toMatchObject({
      archived: true,
      todoCount: 1,
    });
  });

  test("equal items count by occurrence: two in the file land twice, one already there adds one", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.todos.create, { day: DAY, text: "Call mom" });
    const rows = [todo("Call mom"), todo("Call mom", { occurrence: 1 })];
    const result = await alice.mutation(api.imports.importTodos, { rows });
    expect(result).toMatchObject({ imported: 1, skipped: { duplicate: 1 } });
    const again = await alice.mutation(api.imports.importTodos, { rows });
    expect(again).toMatchObject({ imported: 0, skipped: { duplicate: 2 } });
    const texts = (await alice.query(api.todos.listForDay, { day: DAY })).map(
      (row) => row.text,
    );
    expect(texts).toEqual(["Call mom", "Call mom"]);
  });

  test("order keys from the file are kept when they sort after the day's items; others are made", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.imports.importTodos, {
      rows: [
        todo("first", { order: "a5" }),
        todo("second", { order: "a7" }),
        todo("bad key", { order: "not a key!" }),
        todo("behind", { order: "a0" }),
      ],
    });
    const listed = await alice.query(api.todos.listForDay, { day: DAY });
    expect(listed.map((row) => row.text)).toEqual([
      "first",
      "second",
      "bad key",
      "behind",
    ]);
    expect(listed.slice(0, 2).map((row) => row.order)).toEqual(["a5", "a7"]);
  });
});

describe("import limits", () => {
  test("rows past a day's budget are skipped as dayFull, the rest land", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.todos.create, { day: DAY, text: "x" });
    // The summary is what the budget is checked against.
    await t.run(async (ctx) => {
      const day = await getDay(ctx, ALICE.subject!, DAY);
      await ctx.db.patch("days", day!._id, {
        todoCount: LIMITS.todosPerDay - 1,
      });
    });
    const result = await alice.mutation(api.imports.importTodos, {
      rows: [todo("a"), todo("b"), todo("c", { day: OTHER_DAY })],
    });
    expect(result).toEqual({
      consumed: 3,
      imported: 2,
      skipped: { ...NONE, dayFull: 1 },
    });
  });

  test("rows past the account's quota are skipped as quota", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.todos.create, { day: DAY, text: "x" });
    await t.run(async (ctx) => {
      const usage = await getUsage(ctx.db, ALICE.subject!);
      await ctx.db.patch("usage", usage!._id, {
        todoCount: LIMITS.todosTotal - 1,
      });
    });
    const result = await alice.mutation(api.imports.importTodos, {
      rows: [todo("a"), todo("b")],
    });
    expect(result).toEqual({
      consumed: 2,
      imported: 1,
      skipped: { ...NONE, quota: 1 },
    });
  });

  test("a batch stops before a day whose existing items would pass the read budget", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    for (const day of [DAY, OTHER_DAY]) {
      await alice.mutation(api.todos.create, { day, text: "x" });
    }
    // Days that say they hold 5,000 todos each: reading both would pass it.
    await t.run(async (ctx) => {
      for (const day of [DAY, OTHER_DAY]) {
        const row = await getDay(ctx, ALICE.subject!, day);
        await ctx.db.patch("days", row!._id, { todoCount: 4_500 });
      }
    });
    const rows = [todo("a"), todo("b", { day: OTHER_DAY })];
    const first = await alice.mutation(api.imports.importTodos, { rows });
    expect(first).toMatchObject({ consumed: 1, imported: 1 });
    const rest = await alice.mutation(api.imports.importTodos, {
      rows: rows.slice(first.consumed),
    });
    expect(rest).toMatchObject({ consumed: 1, imported: 1 });
  });

  test("rows are validated like the app's own: a bad day or too long text refuses the batch, writing nothing", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const before = await everything(t);
    const bad: ImportedTodo[][] = [
      [todo("ok"), todo("x", { day: "2025-02-30" })],
      [todo("ok"), todo("a".repeat(LIMITS.todoText + 1))],
      [todo("ok"), todo("   ")],
      [todo("ok"), todo("x", { occurrence: -1 })],
      [todo("x", { done: true, completedAt: Number.NaN })],
      [],
      Array.from({ length: 251 }, (_, i) => todo(`t${i}`)),
    ];
    for (const rows of bad) {
      await expectCode(
        alice.mutation(api.imports.importTodos, { rows }),
        "INVALID_ARGUMENT",
      );
    }
    await expectCode(
      alice.mutation(api.imports.importNotes, {
        rows: [note("x", { body: "a".repeat(LIMITS.noteBody + 1) })],
      }),
      "INVALID_ARGUMENT",
    );
    await expectCode(
      alice.mutation(api.imports.importNotes, {
        rows: Array.from({ length: 21 }, (_, i) => note(`n${i}`)),
      }),
      "INVALID_ARGUMENT",
    );
    await expectCode(
      alice.mutation(api.imports.importDays, {
        rows: [
          { day: DAY, label: "a".repeat(LIMITS.dayLabel + 1), archived: false },
        ],
      }),
      "INVALID_ARGUMENT",
    );
    expect(await everything(t)).toBe(before);
  });

  test("a different label already on a day is kept and reported", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.days.setLabel, { day: DAY, label: "Mine" });
    const result = await alice.mutation(api.imports.importDays, {
      rows: [{ day: DAY, label: "Theirs", archived: true }],
    });
    expect(result).toEqual({
      consumed: 1,
      imported: 1,
      skipped: { ...NONE, labelDiffers: 1 },
    });
    expect(await alice.query(api.days.get, { day: DAY })).toMatchObject({
      label: "Mine",
      archived: true,
    });
  });
});

describe("import isolation", () => {
  test("rows land under the caller, and another user's equal items are not 'already there'", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const bob = t.withIdentity(BOB);
    await alice.mutation(api.todos.create, { day: DAY, text: "Shared text" });
    const result = await bob.mutation(api.imports.importTodos, {
      rows: [todo("Shared text")],
      sourceUserId: BOB.subject!,
    });
    expect(result).toMatchObject({ imported: 1 });
    const bobs = await bob.query(api.todos.listForDay, { day: DAY });
    expect(bobs.map((row) => row.userId)).toEqual([BOB.subject]);
    expect(await alice.query(api.todos.listForDay, { day: DAY })).toHaveLength(
      1,
    );
  });

  test("a batch said to be another account's is refused, writing nothing", async () => {
    const t = newBackend();
    const bob = t.withIdentity(BOB);
    const before = await everything(t);
    for (const mutation of [
      () =>
        bob.mutation(api.imports.importTodos, {
          rows: [todo("x")],
          sourceUserId: ALICE.subject!,
        }),
      () =>
        bob.mutation(api.imports.importNotes, {
          rows: [note("x")],
          sourceUserId: ALICE.subject!,
        }),
      () =>
        bob.mutation(api.imports.importDays, {
          rows: [{ day: DAY, archived: true }],
          sourceUserId: ALICE.subject!,
        }),
    ]) {
      await expectCode(mutation(), "INVALID_ARGUMENT");
    }
    expect(await everything(t)).toBe(before);
  });

  test("accountId answers the caller's own id, and only when signed in", async () => {
    const t = newBackend();
    expect(await t.withIdentity(ALICE).query(api.imports.accountId, {})).toBe(
      ALICE.subject,
    );
    await expectCode(t.query(api.imports.accountId, {}), "UNAUTHENTICATED");
  });
});

describe("import of repeating todos", () => {
  test("series are stored as the file has them and occurrences link to them; the same file again adds nothing and answers the same ids", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const rows = [
      series("Water the plants"),
      series("Pay rent", {
        rule: {
          freq: "monthly",
          interval: 1,
          byMonthDay: 14,
          end: { kind: "count", count: 12 },
        },
        startDay: "2025-03-14",
        active: false,
        lastDay: "2025-03-14",
        madeDays: ["2025-03-14"],
      }),
      // The same twice in the file: both land.
      series("Water the plants", { occurrence: 1 }),
    ];
    const first = await alice.mutation(api.imports.importSeries, { rows });
    expect(first).toMatchObject({ consumed: 3, imported: 3, skipped: NONE });
    const [plants, rent, plantsAgain] = first.seriesIds as Id<"series">[];
    expect(new Set([plants, rent, plantsAgain]).size).toBe(3);
    const stored = await allSeries(t);
    expect(
      stored.map(({ _id, _creationTime, ...row }) => ({ id: _id, ...row })),
    ).toEqual([
      {
        id: plants,
        userId: ALICE.subject,
        ...series("Water the plants", { occurrence: undefined }),
      },
      expect.objectContaining({
        id: rent,
        userId: ALICE.subject,
        text: "Pay rent",
        active: false,
        startDay: "2025-03-14",
      }),
      expect.objectContaining({ id: plantsAgain, text: "Water the plants" }),
    ]);

    await alice.mutation(api.imports.importTodos, {
      rows: [
        todo("Water the plants", { day: "2099-01-05", seriesId: plants }),
        todo("Pay rent", { day: "2025-03-14", seriesId: rent, done: true }),
      ],
    });
    const linked = await t.run(async (ctx) =>
      (await ctx.db.query("todos").take(10)).map((row) => [
        row.text,
        row.seriesId,
      ]),
    );
    expect(linked).toEqual([
      ["Water the plants", plants],
      ["Pay rent", rent],
    ]);
    // The imported series remembers the days it made.
    expect(
      await alice.mutation(api.series.showDay, { day: "2099-01-06" }),
    ).toEqual({ made: 0 });

    const second = await alice.mutation(api.imports.importSeries, { rows });
    expect(second).toEqual({
      consumed: 3,
      imported: 0,
      skipped: { ...NONE, duplicate: 3 },
      seriesIds: [plants, rent, plantsAgain],
    });
    expect(await allSeries(t)).toHaveLength(3);
  });

  test("imported open occurrences of a series are carried over once, at the latest", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const { seriesIds } = await alice.mutation(api.imports.importSeries, {
      rows: [series("Water the plants", { startDay: DAY })],
    });
    const seriesId = seriesIds[0]!;
    await alice.mutation(api.imports.importTodos, {
      rows: [DAY, OTHER_DAY, "2025-03-12"].map((day) =>
        todo("Water the plants", { day, seriesId }),
      ),
    });
    const today = new Date().toISOString().slice(0, 10);
    const carried = await alice.query(api.carryOver.list, {
      today,
      limit: 20,
    });
    expect(carried.days.map((group) => group.day)).toEqual(["2025-03-12"]);
    const marks = await t.run(async (ctx) =>
      (await ctx.db.query("todos").take(10)).map((row) => [
        row.day,
        row.superseded ?? null,
      ]),
    );
    expect(marks).toEqual([
      [DAY, true],
      [OTHER_DAY, true],
      ["2025-03-12", null],
    ]);
  });

  test("a running series whose start moved up as days were shown is still the file's", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const row = series("Stretch", { startDay: "2099-01-05" });
    const { seriesIds } = await alice.mutation(api.imports.importSeries, {
      rows: [row],
    });
    // As showing today's occurrence does (series.madeOn).
    await t.run((ctx) =>
      ctx.db.patch("series", seriesIds[0]!, { startDay: "2099-01-09" }),
    );
    expect(
      await alice.mutation(api.imports.importSeries, { rows: [row] }),
    ).toMatchObject({ imported: 0, seriesIds });
    // Another rule, or a start the rule does not fall on, is another series.
    const other = await alice.mutation(api.imports.importSeries, {
      rows: [
        series("Stretch", {
          rule: { freq: "daily", interval: 3, end: { kind: "never" } },
        }),
        series("Stretch", { startDay: "2099-01-10" }),
      ],
    });
    expect(other).toMatchObject({ imported: 2 });
  });

  test(`running series past ${LIMITS.activeSeries} are skipped as quota and answered null; stopped ones still land`, async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await t.run(async (ctx) => {
      for (let i = 0; i < LIMITS.activeSeries - 1; i++) {
        await ctx.db.insert("series", {
          userId: ALICE.subject!,
          text: `Running ${i}`,
          rule: { freq: "daily", interval: 1, end: { kind: "never" } },
          startDay: "2099-01-01",
          active: true,
          madeDays: [],
        });
      }
    });
    const result = await alice.mutation(api.imports.importSeries, {
      rows: [
        series("One more"),
        series("Past the limit"),
        series("Stopped", { active: false }),
      ],
    });
    expect(result).toMatchObject({
      consumed: 3,
      imported: 2,
      skipped: { ...NONE, quota: 1 },
    });
    expect(result.seriesIds[1]).toBeNull();
    expect(result.seriesIds.filter((id) => id !== null)).toHaveLength(2);
    const running = (await allSeries(t)).filter((row) => row.active);
    expect(running).toHaveLength(LIMITS.activeSeries);
  });

  test("series are validated by the app's repeat rules: a bad row refuses the batch, writing nothing", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const before = JSON.stringify(await allSeries(t));
    const bad: ImportedSeries[][] = [
      [series("ok"), series("# Heading")],
      [series("a".repeat(LIMITS.todoText + 1))],
      [series("x", { startDay: "2025-02-30" })],
      [series("x", { lastDay: "someday" })],
      [series("x", { madeDays: ["2025-13-01"] })],
      [
        series("x", {
          madeDays: Array.from({ length: LIMITS.seriesMadeDays + 1 }, (_, i) =>
            shiftDay("2099-01-01", i),
          ),
        }),
      ],
      [
        series("x", {
          rule: { freq: "daily", interval: 0, end: { kind: "never" } },
        }),
      ],
      [
        series("x", {
          rule: {
            freq: "monthly",
            interval: 1,
            byWeekday: [1],
            end: { kind: "never" },
          },
        }),
      ],
      [
        series("x", {
          startDay: "2099-01-05",
          rule: {
            freq: "daily",
            interval: 1,
            end: { kind: "until", day: "2099-01-01" },
          },
        }),
      ],
      [series("x", { occurrence: -1 })],
      [series("x", { occurrence: 0.5 })],
      [],
      Array.from({ length: IMPORT_LIMITS.series + 1 }, (_, i) =>
        series(`s${i}`),
      ),
    ];
    for (const rows of bad) {
      await expectCode(
        alice.mutation(api.imports.importSeries, { rows }),
        "INVALID_ARGUMENT",
      );
    }
    expect(JSON.stringify(await allSeries(t))).toBe(before);
  });

  test("occurrences link only to the caller's own series, and headings never repeat", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const bob = t.withIdentity(BOB);
    const { seriesIds } = await alice.mutation(api.imports.importSeries, {
      rows: [series("Alice's")],
    });
    const alices = seriesIds[0]!;
    const before = await everything(t);
    await expectCode(
      bob.mutation(api.imports.importTodos, {
        rows: [todo("x", { seriesId: alices })],
      }),
      "NOT_FOUND",
    );
    for (const seriesId of ["not an id", "12;series"]) {
      await expectCode(
        bob.mutation(api.imports.importTodos, {
          rows: [todo("x", { seriesId: seriesId as Id<"series"> })],
        }),
        "INVALID_ARGUMENT",
      );
    }
    await expectCode(
      alice.mutation(api.imports.importTodos, {
        rows: [todo("Head", { kind: "h1", seriesId: alices })],
      }),
      "INVALID_ARGUMENT",
    );
    expect(await everything(t)).toBe(before);
    // Bob's equal series is his own, not "already there" from Alice's.
    const bobs = await bob.mutation(api.imports.importSeries, {
      rows: [series("Alice's")],
    });
    expect(bobs).toMatchObject({ imported: 1 });
    expect(bobs.seriesIds[0]).not.toBe(alices);
    expect((await allSeries(t)).map((row) => row.userId)).toEqual([
      ALICE.subject,
      BOB.subject,
    ]);
  });
});
