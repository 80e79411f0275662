import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { BATCH_SIZE, LIMITS, NOTE_BATCH_SIZE } from "./lib/limits";
import { ALICE, newBackend, type Backend } from "./test.setup";

const DAY = "2025-05-02";
const OTHER_DAY = "2025-05-03";
const ALICE_ID = ALICE.subject!;

type Client = ReturnType<Backend["withIdentity"]>;

let t: Backend;
let alice: Client;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
  alice = t.withIdentity(ALICE);
});

afterEach(() => {
  vi.useRealTimers();
});

function getDay(day = DAY) {
  return alice.query(api.days.get, { day });
}

function counts(row: Doc<"days"> | null) {
  if (!row) return null;
  const { todoCount, openCount, doneCount, noteCount } = row;
  return { todoCount, openCount, doneCount, noteCount };
}

/** Every day of one list (archived or not), walking pages of `numItems`. */
async function listAll(archived = false, numItems = 200) {
  const days: Doc<"days">[] = [];
  let cursor: string | null = null;
  for (;;) {
    const result: {
      page: Doc<"days">[];
      isDone: boolean;
      continueCursor: string;
    } = await alice.query(api.days.list, {
      archived,
      paginationOpts: { numItems, cursor },
    });
    expect(result.page.length).toBeLessThanOrEqual(numItems);
    days.push(...result.page);
    if (result.isDone) return days;
    cursor = result.continueCursor;
  }
}

async function listedDays(archived = false) {
  return (await listAll(archived)).map((row) => row.day);
}

/** The counts a day's summary should hold, computed from its raw rows. */
function recount(day: string) {
  return t.run(async (ctx) => {
    const todos = await ctx.db
      .query("todos")
      .withIndex("by_user_day_order", (q) =>
        q.eq("userId", ALICE_ID).eq("day", day),
      )
      .take(10_000);
    const notes = await ctx.db
      .query("notes")
      .withIndex("by_user_day_order", (q) =>
        q.eq("userId", ALICE_ID).eq("day", day),
      )
      .take(10_000);
    const checkable = todos.filter((todo) => todo.kind === "todo");
    return {
      todoCount: todos.length,
      openCount: checkable.filter((todo) => !todo.done).length,
      doneCount: checkable.filter((todo) => todo.done).length,
      noteCount: notes.length,
    };
  });
}

/** A day's summary agrees with its rows, and is absent when it has none. */
async function expectSummaryMatchesRows(day: string, because = day) {
  const actual = await recount(day);
  const row = await getDay(day);
  const empty = actual.todoCount === 0 && actual.noteCount === 0;
  expect(empty ? row : counts(row), because).toEqual(empty ? null : actual);
  return actual;
}

function addTodo(text: string, day = DAY) {
  return alice.mutation(api.todos.create, { day, text });
}

function addNote(day = DAY, title = "note") {
  return alice.mutation(api.notes.create, { day, title });
}

async function allRowsOf(day: string) {
  return t.run(async (ctx) => ({
    days: await ctx.db
      .query("days")
      .withIndex("by_user_day", (q) => q.eq("userId", ALICE_ID).eq("day", day))
      .take(10),
    todos: await ctx.db
      .query("todos")
      .withIndex("by_user_day_order", (q) =>
        q.eq("userId", ALICE_ID).eq("day", day),
      )
      .take(10_000),
    notes: await ctx.db
      .query("notes")
      .withIndex("by_user_day_order", (q) =>
        q.eq("userId", ALICE_ID).eq("day", day),
      )
      .take(10_000),
  }));
}

describe("days.list", () => {
  test("lists days newest first, a page at a time", async () => {
    const days = [
      "2025-01-05",
      "2024-12-31",
      "2025-02-01",
      "2025-01-20",
      "2023-07-07",
    ];
    for (const day of days) await addTodo("something", day);
    const listed = await listAll(false, 2);
    expect(listed.map((row) => row.day)).toEqual([...days].sort().reverse());
  });

  test("leaves out days stored before the range of days (which cannot be opened)", async () => {
    await addTodo("inside", "1970-01-01");
    await addTodo("inside", "2199-12-31");
    await t.run(async (ctx) => {
      for (const day of ["1969-12-31", "0001-01-01", "2200-01-01"]) {
        for (const archived of [false, true]) {
          await ctx.db.insert("days", {
            userId: ALICE_ID,
            day,
            archived,
            label: "from before the range",
            todoCount: 0,
            openCount: 0,
            doneCount: 0,
            todoBytes: 0,
            noteCount: 0,
            noteBytes: 0,
          });
        }
      }
    });
    expect(await listedDays()).toEqual(["2199-12-31", "1970-01-01"]);
    expect(await listedDays(true)).toEqual([]);
  });

  test("lists a day that holds only notes", async () => {
    await addNote("2025-04-01");
    await addTodo("a todo", "2025-03-01");
    const listed = await listAll();
    expect(listed.map((row) => row.day)).toEqual(["2025-04-01", "2025-03-01"]);
    expect(counts(listed[0]!)).toEqual({
      todoCount: 0,
      openCount: 0,
      doneCount: 0,
      noteCount: 1,
    });
  });
});

describe("day summaries", () => {
  test("counts stay right after every kind of change", async () => {
    const a = await addTodo("a");
    const heading = await addTodo("# Heading");
    await alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: ["- b", "[x] c", "## Sub"],
    });
    expect(await expectSummaryMatchesRows(DAY)).toEqual({
      todoCount: 5,
      openCount: 2,
      doneCount: 1,
      noteCount: 0,
    });

    const m = alice.mutation;
    const steps: [string, () => Promise<unknown>][] = [
      ["complete", () => m(api.todos.setDone, { id: a, done: true })],
      ["reopen", () => m(api.todos.setDone, { id: a, done: false })],
      ["complete again", () => m(api.todos.setDone, { id: a, done: true })],
      [
        "to heading",
        () => m(api.todos.updateText, { id: a, baseText: "a", text: "### A" }),
      ],
      [
        "to todo",
        () =>
          m(api.todos.updateText, {
            id: heading,
            baseText: "Heading",
            text: "x",
          }),
      ],
      ["pin", () => m(api.todos.setPinned, { id: heading, pinned: true })],
      [
        "reorder",
        () => m(api.todos.reorder, { id: heading, afterId: null, beforeId: a }),
      ],
      ["add note", () => addNote()],
      [
        "copy",
        () => m(api.todos.copyOpenToDay, { fromDay: DAY, toDay: OTHER_DAY }),
      ],
      ["move", () => m(api.todos.moveToDay, { id: heading, day: OTHER_DAY })],
      ["remove", () => m(api.todos.remove, { id: a })],
      ["complete all", () => m(api.todos.completeAllOpen, { day: OTHER_DAY })],
      ["delete done", () => m(api.todos.deleteAllDone, { day: OTHER_DAY })],
      ["delete open", () => m(api.todos.deleteAllOpen, { day: DAY })],
    ];
    for (const [name, step] of steps) {
      await step();
      await expectSummaryMatchesRows(DAY, `after ${name}: ${DAY}`);
      await expectSummaryMatchesRows(OTHER_DAY, `after ${name}: ${OTHER_DAY}`);
    }
    expect(counts(await getDay(DAY))).toMatchObject({
      todoCount: 1,
      noteCount: 1,
    });
  });

  test("a day disappears once its last todo and note are gone", async () => {
    const todo = await addTodo("only todo");
    const note = await addNote();
    await alice.mutation(api.todos.remove, { id: todo });
    expect(await listedDays()).toEqual([DAY]);
    await alice.mutation(api.notes.remove, { id: note });
    expect(await getDay()).toBeNull();
    expect(await listedDays()).toEqual([]);
  });

  test("days.get returns a day's summary, or null for a day with nothing", async () => {
    await addTodo("a");
    expect(await getDay()).toMatchObject({
      day: DAY,
      archived: false,
      todoCount: 1,
    });
    expect(await getDay(OTHER_DAY)).toBeNull();
  });
});

describe("labels", () => {
  test("a label names a day, and an empty label clears it", async () => {
    await addTodo("a");
    await alice.mutation(api.days.setLabel, {
      day: DAY,
      label: "  Launch day ",
    });
    expect((await getDay())!.label).toBe("Launch day");
    await alice.mutation(api.days.setLabel, { day: DAY, label: "   " });
    expect((await getDay())!.label).toBeUndefined();
    expect(counts(await getDay())).toMatchObject({ todoCount: 1 });
  });

  test("a labelled day with nothing in it is kept until the label is cleared", async () => {
    await alice.mutation(api.days.setLabel, { day: DAY, label: "Holiday" });
    expect(await listAll()).toEqual([
      expect.objectContaining({ day: DAY, label: "Holiday", todoCount: 0 }),
    ]);
    await alice.mutation(api.days.setLabel, { day: DAY, label: "" });
    expect(await getDay()).toBeNull();
    expect(await listedDays()).toEqual([]);
  });
});

describe("archive", () => {
  test("archiving moves a day to the archived list and unarchiving brings it back", async () => {
    await addTodo("a", DAY);
    await addTodo("b", OTHER_DAY);
    await alice.mutation(api.days.setArchived, { day: DAY, archived: true });
    expect(await listedDays(false)).toEqual([OTHER_DAY]);
    expect(await listedDays(true)).toEqual([DAY]);
    expect(counts(await getDay())).toMatchObject({ todoCount: 1 });

    await alice.mutation(api.days.setArchived, { day: DAY, archived: false });
    expect(await listedDays(false)).toEqual([OTHER_DAY, DAY]);
    expect(await listedDays(true)).toEqual([]);
  });
});

describe("days.remove", () => {
  test("deletes every todo and note of the day, across batches, and leaves other days untouched", async () => {
    const todoCount = BATCH_SIZE * 2 + 50;
    for (let i = 0; i < todoCount; i += LIMITS.listItems) {
      const size = Math.min(LIMITS.listItems, todoCount - i);
      const lines = Array.from({ length: size }, (_, j) => `task ${i + j}`);
      await alice.mutation(api.todos.createMany, { day: DAY, lines });
    }
    for (let i = 0; i < NOTE_BATCH_SIZE + 5; i++) await addNote(DAY, `n${i}`);
    await alice.mutation(api.days.setLabel, { day: DAY, label: "Big day" });
    await alice.mutation(api.days.setArchived, { day: DAY, archived: true });
    await addTodo("keep me", OTHER_DAY);
    await addNote(OTHER_DAY, "keep me too");
    await alice.mutation(api.days.setLabel, { day: OTHER_DAY, label: "Other" });
    const otherBefore = await allRowsOf(OTHER_DAY);

    await alice.mutation(api.days.remove, { day: DAY });
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    expect(await allRowsOf(DAY)).toEqual({ days: [], todos: [], notes: [] });
    expect(await listedDays(true)).toEqual([]);
    expect(await listedDays(false)).toEqual([OTHER_DAY]);
    expect(await allRowsOf(OTHER_DAY)).toEqual(otherBefore);
  });
  /** A day with more todos and notes than one batch deletes, and a label. */
  async function fillDay() {
    const lines = Array.from(
      { length: LIMITS.listItems },
      (_, i) => `old task ${i}`,
    );
    await alice.mutation(api.todos.createMany, { day: DAY, lines });
    for (let i = 0; i < NOTE_BATCH_SIZE + 5; i++)
      await addNote(DAY, `old ${i}`);
    await alice.mutation(api.days.setLabel, { day: DAY, label: "Big day" });
  }

  test("removes only what the day held when the user confirmed; items added while its batches run stay, and the summary counts them", async () => {
    await fillDay();
    await alice.mutation(api.days.remove, { day: DAY });
    // The first batch ran with the call; the rest is still to come.
    expect((await recount(DAY)).todoCount).toBeGreaterThan(0);

    // Another tab keeps adding between the scheduled batches.
    const added: string[] = [];
    for (let step = 0; step < 20; step++) {
      const text = `new task ${step}`;
      await addTodo(text);
      added.push(text);
      if (step % 5 === 0) await addNote(DAY, `new note ${step}`);
      vi.advanceTimersByTime(1);
      await t.finishInProgressScheduledFunctions();
    }
    await t.finishAllScheduledFunctions(vi.runAllTimers);

    const rows = await allRowsOf(DAY);
    expect(rows.todos.map((todo) => todo.text)).toEqual(added);
    expect(rows.notes.map((note) => note.title)).toEqual([
      "new note 0",
      "new note 5",
      "new note 10",
      "new note 15",
    ]);
    expect(await expectSummaryMatchesRows(DAY)).toEqual({
      todoCount: 20,
      openCount: 20,
      doneCount: 0,
      noteCount: 4,
    });
    // The label went with the confirmation, and stays gone.
    expect(rows.days[0]!.label).toBeUndefined();
  });

  test("a todo added right after the confirmation, before any scheduled batch, stays", async () => {
    await fillDay();
    await alice.mutation(api.days.remove, { day: DAY });
    const kept = await addTodo("added at once");
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const rows = await allRowsOf(DAY);
    expect(rows.todos.map((todo) => todo._id)).toEqual([kept]);
    expect(rows.notes).toEqual([]);
    expect(await expectSummaryMatchesRows(DAY)).toMatchObject({
      todoCount: 1,
      noteCount: 0,
    });
  });

  test("removing a day with nothing in it clears its label and schedules nothing", async () => {
    await alice.mutation(api.days.setLabel, { day: DAY, label: "Empty" });
    await alice.mutation(api.days.remove, { day: DAY });
    expect(await getDay()).toBeNull();
    const jobs = await t.run((ctx) =>
      ctx.db.system.query("_scheduled_functions").collect(),
    );
    expect(jobs).toEqual([]);
  });
});

describe("blank notes", () => {
  test("a day holding only an untitled, empty note is not listed in the sidebar", async () => {
    await alice.mutation(api.notes.create, { day: DAY });
    await alice.mutation(api.todos.create, { day: OTHER_DAY, text: "real" });
    expect((await listAll()).map((row) => row.day)).toEqual([OTHER_DAY]);
  });

  test("the day is listed once the note has text, and leaves the list when the text goes", async () => {
    const id = await alice.mutation(api.notes.create, { day: DAY });
    await alice.mutation(api.notes.update, {
      id,
      baseVersion: 0,
      body: "Ideas",
    });
    expect((await listAll()).map((row) => row.day)).toEqual([DAY]);
    await alice.mutation(api.notes.update, { id, baseVersion: 1, body: "" });
    expect(await listAll()).toEqual([]);
  });

  test("a labelled day with only a blank note is still listed (the label is content)", async () => {
    await alice.mutation(api.notes.create, { day: DAY });
    await alice.mutation(api.days.setLabel, { day: DAY, label: "Trip" });
    expect((await listAll()).map((row) => row.day)).toEqual([DAY]);
  });
});
