import { generateNKeysBetween } from "fractional-indexing";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { textBytes } from "./lib/daySummary";
import { BATCH_SIZE, LIMITS } from "./lib/limits";
import { ALICE, newBackend, type Backend, expectCode } from "./test.setup";

const DAY = "2025-03-10";
const OTHER_DAY = "2025-03-11";
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

function listDay(day = DAY) {
  return alice.query(api.todos.listForDay, { day });
}

async function textsOf(day = DAY) {
  return (await listDay(day)).map((todo) => todo.text);
}

/** The UI's open section: not-done items in order. */
async function openTextsOf(day = DAY) {
  return (await listDay(day)).filter((x) => !x.done).map((x) => x.text);
}

async function orderOf(id: Id<"todos">) {
  return (await t.run((ctx) => ctx.db.get("todos", id)))!.order;
}

async function ordersById(day = DAY) {
  const todos = await listDay(day);
  return new Map(todos.map((todo) => [todo._id, todo.order]));
}

function listPinnedPage(cursor: string | null) {
  return alice.query(api.todos.listPinned, {
    paginationOpts: { numItems: 3, cursor },
  });
}

function dayRow(day = DAY) {
  return alice.query(api.days.get, { day });
}

function counts(row: Doc<"days"> | null) {
  if (!row) return null;
  const { todoCount, openCount, doneCount, noteCount } = row;
  return { todoCount, openCount, doneCount, noteCount };
}

function lines(count: number, prefix = "task") {
  return Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
}

async function createAll(texts: string[], day = DAY) {
  const ids: Id<"todos">[] = [];
  for (const text of texts) {
    ids.push(await alice.mutation(api.todos.create, { day, text }));
  }
  return ids;
}

/** Inserts `count` open todos straight into an empty day, with its summary. */
async function seedFullDay(day: string, count: number) {
  await t.run(async (ctx) => {
    const orders = generateNKeysBetween(null, null, count);
    let todoBytes = 0;
    for (const [i, order] of orders.entries()) {
      const text = `seeded ${i}`;
      todoBytes += textBytes(text);
      await ctx.db.insert("todos", {
        userId: ALICE_ID,
        day,
        text,
        kind: "todo",
        done: false,
        pinned: false,
        order,
      });
    }
    await ctx.db.insert("days", {
      userId: ALICE_ID,
      day,
      archived: false,
      todoCount: count,
      openCount: count,
      doneCount: 0,
      todoBytes,
      noteCount: 0,
      noteBytes: 0,
    });
  });
}

function finishScheduled() {
  return t.finishAllScheduledFunctions(vi.runAllTimers);
}

describe("create", () => {
  test("adds an open, unpinned todo at the end of the day", async () => {
    await createAll(["first", "second"]);
    const id = await alice.mutation(api.todos.create, {
      day: DAY,
      text: "  third  ",
    });
    const todos = await listDay();
    expect(todos.map((x) => x.text)).toEqual(["first", "second", "third"]);
    expect(todos[2]).toMatchObject({
      _id: id,
      kind: "todo",
      done: false,
      pinned: false,
    });
  });

  test("turns a leading #, ## or ### into an h1, h2 or h3 heading", async () => {
    await createAll(["# Morning", "## Errands", "### Shop"]);
    const todos = await listDay();
    expect(todos.map((x) => [x.kind, x.text])).toEqual([
      ["h1", "Morning"],
      ["h2", "Errands"],
      ["h3", "Shop"],
    ]);
  });

  test("keeps #### and a # without a space as plain todos", async () => {
    await createAll(["#### Deep", "#tag"]);
    const todos = await listDay();
    expect(todos.map((x) => [x.kind, x.text])).toEqual([
      ["todo", "#### Deep"],
      ["todo", "#tag"],
    ]);
  });
});

describe("createMany", () => {
  test("strips bullets, numbering and checkboxes, and [x] lines arrive done", async () => {
    await alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: [
        "- milk",
        "* eggs",
        "1. bread",
        "[ ] butter",
        "[x] jam",
        "- [X] tea",
      ],
    });
    const todos = await listDay();
    expect(todos.map((x) => [x.text, x.done])).toEqual([
      ["milk", false],
      ["eggs", false],
      ["bread", false],
      ["butter", false],
      ["jam", true],
      ["tea", true],
    ]);
    expect(todos[4]!.completedAt).toEqual(expect.any(Number));
    expect(todos[0]!.completedAt).toBeUndefined();
    expect(counts(await dayRow())).toMatchObject({
      todoCount: 6,
      openCount: 4,
      doneCount: 2,
    });
  });

  test("drops blank lines and appends in pasted order after existing items", async () => {
    await createAll(["already here"]);
    const ids = await alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: ["b", "", "   ", "## Later", "c"],
    });
    expect(ids).toHaveLength(3);
    const todos = await listDay();
    expect(todos.map((x) => x.text)).toEqual([
      "already here",
      "b",
      "Later",
      "c",
    ]);
    expect(todos.map((x) => x._id).slice(1)).toEqual(ids);
    expect(todos[2]!.kind).toBe("h2");
  });
});

describe("updateText", () => {
  test("re-parses a heading marker, and a heading is never done", async () => {
    const [id] = await createAll(["buy milk"]);
    await alice.mutation(api.todos.setDone, { id: id!, done: true });
    await alice.mutation(api.todos.updateText, {
      id: id!,
      baseText: "buy milk",
      text: "## Shopping",
    });
    const [todo] = await listDay();
    expect(todo).toMatchObject({ text: "Shopping", kind: "h2", done: false });
    expect(todo!.completedAt).toBeUndefined();
    expect(counts(await dayRow())).toMatchObject({
      todoCount: 1,
      openCount: 0,
      doneCount: 0,
    });
  });

  test("turns a heading back into an open todo without a marker", async () => {
    const [id] = await createAll(["# Title"]);
    await alice.mutation(api.todos.updateText, {
      id: id!,
      baseText: "Title",
      text: "plain",
    });
    const [todo] = await listDay();
    expect(todo).toMatchObject({ text: "plain", kind: "todo", done: false });
    expect(counts(await dayRow())).toMatchObject({ openCount: 1 });
  });

  test("an edit started from outdated text is refused with the current text, and nothing changes", async () => {
    const [id] = await createAll(["call Sam"]);
    // Another tab saves first.
    await alice.mutation(api.todos.updateText, {
      id: id!,
      baseText: "call Sam",
      text: "call Sam at 5",
    });
    const before = await listDay();
    await expect(
      alice.mutation(api.todos.updateText, {
        id: id!,
        baseText: "call Sam",
        text: "email Sam",
      }),
    ).rejects.toMatchObject({
      data: {
        code: "CONFLICT",
        message: expect.stringMatching(/changed elsewhere/),
        current: { text: "call Sam at 5" },
      },
    });
    expect(await listDay()).toEqual(before);
    // Keeping mine: the same edit on the current text goes through.
    await alice.mutation(api.todos.updateText, {
      id: id!,
      baseText: "call Sam at 5",
      text: "email Sam",
    });
    expect(await textsOf()).toEqual(["email Sam"]);
  });

  test("an outdated edit to the text the todo already holds is no conflict", async () => {
    const [id] = await createAll(["draft"]);
    const edit = { id: id!, baseText: "draft", text: "final" };
    await alice.mutation(api.todos.updateText, edit);
    await expect(
      alice.mutation(api.todos.updateText, edit),
    ).resolves.toBeNull();
    expect(await textsOf()).toEqual(["final"]);
  });

  test("a base text over the todo text limit is rejected", async () => {
    const [id] = await createAll(["draft"]);
    await expectCode(
      alice.mutation(api.todos.updateText, {
        id: id!,
        baseText: "a".repeat(LIMITS.todoText + 1),
        text: "final",
      }),
      "INVALID_ARGUMENT",
    );
  });

  test.each([
    ["decomposed (NFD)", "cafe\u0301 list", "caf\u00e9 list"],
    ["Windows line ends", "first\r\nsecond", "first\nsecond"],
  ])(
    "a todo stored %s before text cleaning can be edited from the text it holds",
    async (_name, stored, cleaned) => {
      const [id] = await createAll([cleaned]);
      await t.run((ctx) => ctx.db.patch("todos", id!, { text: stored }));
      // The client edits from what it was sent: the stored, uncleaned text.
      await alice.mutation(api.todos.updateText, {
        id: id!,
        baseText: stored,
        text: `${stored} edited`,
      });
      expect(await textsOf()).toEqual([`${cleaned} edited`]);
      // From its cleaned form too (a client that cleaned what it showed).
      await t.run((ctx) => ctx.db.patch("todos", id!, { text: stored }));
      await alice.mutation(api.todos.updateText, {
        id: id!,
        baseText: cleaned,
        text: "again",
      });
      expect(await textsOf()).toEqual(["again"]);
    },
  );

  test("an outdated edit to the cleaned form of an old stored text is no conflict", async () => {
    const [id] = await createAll(["caf\u00e9"]);
    await t.run((ctx) => ctx.db.patch("todos", id!, { text: "cafe\u0301" }));
    await expect(
      alice.mutation(api.todos.updateText, {
        id: id!,
        baseText: "something older",
        text: "caf\u00e9",
      }),
    ).resolves.toBeNull();
  });

  test("keeps a done todo done, with its completion time, when its text changes", async () => {
    const [id] = await createAll(["draft"]);
    await alice.mutation(api.todos.setDone, { id: id!, done: true });
    const before = (await listDay())[0]!.completedAt;
    vi.advanceTimersByTime(60_000);
    await alice.mutation(api.todos.updateText, {
      id: id!,
      baseText: "draft",
      text: "final",
    });
    expect((await listDay())[0]).toMatchObject({
      text: "final",
      done: true,
      completedAt: before,
    });
  });
});

describe("setDone", () => {
  test("sets completedAt when done and clears it when reopened", async () => {
    // Time moves only forward, as on a server: set before the first write.
    vi.setSystemTime(new Date("2025-03-10T09:29:00Z"));
    const [id] = await createAll(["call mum"]);
    vi.setSystemTime(new Date("2025-03-10T09:30:00Z"));
    await alice.mutation(api.todos.setDone, { id: id!, done: true });
    expect((await listDay())[0]).toMatchObject({
      done: true,
      completedAt: Date.parse("2025-03-10T09:30:00Z"),
    });
    expect(counts(await dayRow())).toMatchObject({
      openCount: 0,
      doneCount: 1,
    });

    await alice.mutation(api.todos.setDone, { id: id!, done: false });
    const [todo] = await listDay();
    expect(todo!.done).toBe(false);
    expect(todo!.completedAt).toBeUndefined();
    expect(counts(await dayRow())).toMatchObject({
      openCount: 1,
      doneCount: 0,
    });
  });

  test("rejects completing a heading", async () => {
    const [id] = await createAll(["# Heading"]);
    await expectCode(
      alice.mutation(api.todos.setDone, { id: id!, done: true }),
      "INVALID_ARGUMENT",
    );
    expect((await listDay())[0]!.done).toBe(false);
  });
});

describe("setPinned and listPinned", () => {
  test("lists only pinned todos across days, oldest day first, a page at a time", async () => {
    const late = await createAll(["late a", "late b"], "2025-03-12");
    const early = await createAll(["early a", "early b", "early c"], DAY);
    const middle = await createAll(["middle a"], OTHER_DAY);
    const pinned = [early[0]!, early[2]!, middle[0]!, late[1]!];
    // Pin in a scrambled order: the list follows days and order, not pin time.
    for (const id of [...pinned].reverse()) {
      await alice.mutation(api.todos.setPinned, { id, pinned: true });
    }

    const seen: Id<"todos">[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Awaited<ReturnType<typeof listPinnedPage>> =
        await listPinnedPage(cursor);
      expect(page.page.length).toBeLessThanOrEqual(3);
      seen.push(...page.page.map((todo) => todo._id));
      pages += 1;
      if (page.isDone) break;
      cursor = page.continueCursor;
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(pinned);
  });

  test("leaves out pinned todos of days stored before the range of days", async () => {
    const [inside] = await createAll(["inside"], "2199-12-31");
    await alice.mutation(api.todos.setPinned, { id: inside!, pinned: true });
    await t.run(async (ctx) => {
      for (const day of ["1969-12-31", "2200-01-01"]) {
        await ctx.db.insert("todos", {
          userId: ALICE_ID,
          day,
          text: `pinned on ${day}`,
          kind: "todo",
          done: false,
          pinned: true,
          order: "a0",
        });
      }
    });
    const { page, isDone } = await listPinnedPage(null);
    expect(page.map((todo) => todo.text)).toEqual(["inside"]);
    expect(isDone).toBe(true);
  });

  test("unpinning takes a todo off the pinned list", async () => {
    const [a, b] = await createAll(["a", "b"]);
    await alice.mutation(api.todos.setPinned, { id: a!, pinned: true });
    await alice.mutation(api.todos.setPinned, { id: b!, pinned: true });
    await alice.mutation(api.todos.setPinned, { id: a!, pinned: false });
    const { page } = await listPinnedPage(null);
    expect(page.map((todo) => todo._id)).toEqual([b]);
    expect((await listDay()).map((todo) => todo.pinned)).toEqual([false, true]);
  });
});

describe("moveToDay", () => {
  test("appends the todo to the end of the target day and updates both summaries", async () => {
    const [moving] = await createAll(["move me", "stay"]);
    await alice.mutation(api.todos.setDone, { id: moving!, done: true });
    await createAll(["target a", "target b"], OTHER_DAY);

    await alice.mutation(api.todos.moveToDay, { id: moving!, day: OTHER_DAY });

    expect(await textsOf(DAY)).toEqual(["stay"]);
    expect(await textsOf(OTHER_DAY)).toEqual([
      "target a",
      "target b",
      "move me",
    ]);
    expect(counts(await dayRow(DAY))).toEqual({
      todoCount: 1,
      openCount: 1,
      doneCount: 0,
      noteCount: 0,
    });
    expect(counts(await dayRow(OTHER_DAY))).toEqual({
      todoCount: 3,
      openCount: 2,
      doneCount: 1,
      noteCount: 0,
    });
  });

  test("moving a day's only todo away removes that day's summary", async () => {
    const [id] = await createAll(["lonely"]);
    await alice.mutation(api.todos.moveToDay, { id: id!, day: OTHER_DAY });
    expect(await dayRow(DAY)).toBeNull();
    expect(counts(await dayRow(OTHER_DAY))).toMatchObject({ todoCount: 1 });
  });
});

describe("reorder", () => {
  test("places a todo between two neighbours", async () => {
    const [a, b, c, d] = await createAll(["a", "b", "c", "d"]);
    await alice.mutation(api.todos.reorder, {
      id: d!,
      afterId: a!,
      beforeId: b!,
    });
    expect(await textsOf()).toEqual(["a", "d", "b", "c"]);
    await alice.mutation(api.todos.reorder, {
      id: a!,
      afterId: b!,
      beforeId: c!,
    });
    expect(await textsOf()).toEqual(["d", "b", "a", "c"]);
  });

  test("moves a todo to the start when there is no neighbour before it", async () => {
    const [a, , c] = await createAll(["a", "b", "c"]);
    await alice.mutation(api.todos.reorder, {
      id: c!,
      afterId: null,
      beforeId: a!,
    });
    expect(await textsOf()).toEqual(["c", "a", "b"]);
  });

  test("moves a todo to the end when there is no neighbour after it", async () => {
    const [a, , c] = await createAll(["a", "b", "c"]);
    await alice.mutation(api.todos.reorder, {
      id: a!,
      afterId: c!,
      beforeId: null,
    });
    expect(await textsOf()).toEqual(["b", "c", "a"]);
  });

  test("lands between the visible neighbours even when a done item is hidden between them", async () => {
    const [a, b, c, d, e] = await createAll(["a", "b", "c", "d", "e"]);
    await alice.mutation(api.todos.setDone, { id: b!, done: true });
    // The open list shows a, c, d, e. Dropping e between c and d is visible
    // position 2; applied among all items (the reference app's defect) that
    // would put e before c.
    await alice.mutation(api.todos.reorder, {
      id: e!,
      afterId: c!,
      beforeId: d!,
    });
    expect(await openTextsOf()).toEqual(["a", "c", "e", "d"]);
    // Dropping d right below a, across the hidden b.
    await alice.mutation(api.todos.reorder, {
      id: d!,
      afterId: a!,
      beforeId: c!,
    });
    expect(await openTextsOf()).toEqual(["a", "d", "c", "e"]);
    expect((await listDay()).find((x) => x._id === b)!.done).toBe(true);
  });

  test("writes only the moved todo's order", async () => {
    const ids = await createAll(["a", "b", "c", "d", "e"]);
    const moves: [number, number | null, number | null][] = [
      [4, 0, 1],
      [0, 2, 3],
      [3, null, 4],
      [1, 0, null],
    ];
    for (const [moved, after, before] of moves) {
      const was = await ordersById();
      await alice.mutation(api.todos.reorder, {
        id: ids[moved]!,
        afterId: after === null ? null : ids[after]!,
        beforeId: before === null ? null : ids[before]!,
      });
      const now = await ordersById();
      for (const [id, order] of was) {
        if (id === ids[moved]) expect(now.get(id)).not.toBe(order);
        else expect(now.get(id)).toBe(order);
      }
    }
    expect(await textsOf()).toEqual(["d", "e", "c", "a", "b"]);
  });

  test("rejects neighbours given in the wrong order", async () => {
    const [a, b, c] = await createAll(["a", "b", "c"]);
    const order = await orderOf(c!);
    await expectCode(
      alice.mutation(api.todos.reorder, { id: c!, afterId: b!, beforeId: a! }),
      "INVALID_ARGUMENT",
    );
    expect(await orderOf(c!)).toBe(order);
  });
});

describe("remove", () => {
  test("deletes the todo and updates the day's counts", async () => {
    const [a, b] = await createAll(["a", "b"]);
    await alice.mutation(api.todos.setDone, { id: b!, done: true });
    await alice.mutation(api.todos.remove, { id: b! });
    expect(await textsOf()).toEqual(["a"]);
    expect(counts(await dayRow())).toMatchObject({
      todoCount: 1,
      openCount: 1,
      doneCount: 0,
    });
    await alice.mutation(api.todos.remove, { id: a! });
    expect(await dayRow()).toBeNull();
    await expectCode(alice.mutation(api.todos.remove, { id: a! }), "NOT_FOUND");
  });
});

describe("delete and Undo (through Recently deleted)", () => {
  test("remove moves the item to the trash; restoring its group puts it back at its old place with its state", async () => {
    const [, b] = await createAll(["a", "b", "c"]);
    await alice.mutation(api.todos.setDone, { id: b!, done: true });
    await alice.mutation(api.todos.setPinned, { id: b!, pinned: true });
    const [stored] = (await listDay()).filter((todo) => todo._id === b);
    const before = counts(await dayRow());
    const groupId = await alice.mutation(api.todos.remove, { id: b! });
    expect(await textsOf()).toEqual(["a", "c"]);

    const restored = await alice.mutation(api.trash.restoreGroup, { groupId });
    expect(await textsOf()).toEqual(["a", "b", "c"]);
    const row = (await listDay()).find((todo) => todo.text === "b");
    // It names the new row, for a redo of the delete to delete again.
    expect(restored).toEqual({ items: 1, todos: [row!._id], notes: [] });
    expect(row).toMatchObject({
      done: true,
      pinned: true,
      kind: "todo",
      order: stored!.order,
      completedAt: stored!.completedAt,
    });
    expect(counts(await dayRow())).toEqual(before);
  });

  test("a heading comes back a heading, at the end when its place was taken", async () => {
    const [a, plan] = await createAll(["a", "## Plan"]);
    const [, planRow] = await listDay();
    const groupId = await alice.mutation(api.todos.remove, { id: plan! });
    // Another item now holds the old key.
    await t.run((ctx) => ctx.db.patch("todos", a!, { order: planRow!.order }));
    await alice.mutation(api.todos.create, { day: DAY, text: "z" });
    await alice.mutation(api.trash.restoreGroup, { groupId });
    const list = await listDay();
    expect(list.map((todo) => todo.text)).toEqual(["a", "Plan", "z"]);
    expect(list[1]).toMatchObject({ kind: "h2", done: false });
  });

  test("restoring a group twice gives NOT_FOUND the second time and restores nothing more", async () => {
    const [a] = await createAll(["a"]);
    const groupId = await alice.mutation(api.todos.remove, { id: a! });
    await alice.mutation(api.trash.restoreGroup, { groupId });
    await expectCode(
      alice.mutation(api.trash.restoreGroup, { groupId }),
      "NOT_FOUND",
    );
    expect(await textsOf()).toEqual(["a"]);
  });
});

describe("whole-day actions on days larger than one batch", () => {
  const SIZE = BATCH_SIZE * 2 + 100;

  /** `open` open todos (a heading among them) and `done` done ones. */
  async function seedMixedDay(open: number, done: number) {
    const openLines = lines(open - 1, "open");
    openLines.splice(BATCH_SIZE + 10, 0, "# Section");
    const all = [...openLines, ...lines(done, "[x] done")];
    for (let i = 0; i < all.length; i += LIMITS.listItems) {
      const chunk = all.slice(i, i + LIMITS.listItems);
      await alice.mutation(api.todos.createMany, { day: DAY, lines: chunk });
    }
  }

  test("completeAllOpen completes every open todo, leaves headings open and other days alone", async () => {
    await seedMixedDay(SIZE, 5);
    await createAll(["elsewhere"], OTHER_DAY);
    await alice.mutation(api.todos.completeAllOpen, { day: DAY });
    // The first batch runs at once; the rest come from scheduled batches.
    expect((await dayRow())!.openCount).toBeGreaterThan(0);
    await finishScheduled();

    const todos = await listDay();
    expect(todos).toHaveLength(SIZE + 5);
    for (const todo of todos) {
      expect(todo.done).toBe(todo.kind === "todo");
      if (todo.done) expect(todo.completedAt).toEqual(expect.any(Number));
    }
    expect(counts(await dayRow())).toEqual({
      todoCount: SIZE + 5,
      openCount: 0,
      doneCount: SIZE + 4,
      noteCount: 0,
    });
    expect((await listDay(OTHER_DAY))[0]!.done).toBe(false);
  });

  test("deleteAllOpen deletes every open todo and keeps the done ones", async () => {
    await alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: ["[x] kept"],
    });
    for (let i = 0; i < 2; i++) {
      await alice.mutation(api.todos.createMany, {
        day: DAY,
        lines: lines(400),
      });
    }
    await alice.mutation(api.todos.deleteAllOpen, { day: DAY });
    await finishScheduled();
    expect(await textsOf()).toEqual(["kept"]);
    expect(counts(await dayRow())).toMatchObject({
      todoCount: 1,
      openCount: 0,
      doneCount: 1,
    });
  });

  test("deleteAllDone deletes every done todo and keeps the open ones in order", async () => {
    await alice.mutation(api.todos.createMany, { day: DAY, lines: ["one"] });
    for (let i = 0; i < 2; i++) {
      await alice.mutation(api.todos.createMany, {
        day: DAY,
        lines: lines(400, "[x] done"),
      });
    }
    await alice.mutation(api.todos.createMany, { day: DAY, lines: ["two"] });
    await alice.mutation(api.todos.deleteAllDone, { day: DAY });
    await finishScheduled();
    expect(await textsOf()).toEqual(["one", "two"]);
    expect(counts(await dayRow())).toMatchObject({
      todoCount: 2,
      openCount: 2,
      doneCount: 0,
    });
  });

  test("copyOpenToDay appends open, unpinned copies in order and leaves the source alone", async () => {
    await seedMixedDay(SIZE, 3);
    const source = await listDay();
    await alice.mutation(api.todos.setPinned, {
      id: source[0]!._id,
      pinned: true,
    });
    await createAll(["already there"], OTHER_DAY);

    await alice.mutation(api.todos.copyOpenToDay, {
      fromDay: DAY,
      toDay: OTHER_DAY,
    });
    await finishScheduled();

    const openSource = source.filter((todo) => !todo.done);
    const copies = await listDay(OTHER_DAY);
    expect(copies.map((x) => x.text)).toEqual([
      "already there",
      ...openSource.map((x) => x.text),
    ]);
    expect(copies.slice(1).map((x) => x.kind)).toEqual(
      openSource.map((x) => x.kind),
    );
    expect(copies.every((x) => !x.done && !x.pinned)).toBe(true);
    expect(counts(await dayRow(OTHER_DAY))).toEqual({
      todoCount: SIZE + 1,
      openCount: SIZE,
      doneCount: 0,
      noteCount: 0,
    });
    expect(await listDay()).toEqual(
      source.map((x, i) =>
        i === 0 ? { ...x, pinned: true, revision: expect.any(Number) } : x,
      ),
    );
  });

  test("deleteAllOpen and completeAllOpen leave open todos added while their batches run", async () => {
    for (let i = 0; i < 2; i++) {
      await alice.mutation(api.todos.createMany, {
        day: DAY,
        lines: lines(400),
      });
    }
    await alice.mutation(api.todos.deleteAllOpen, { day: DAY });
    // Another tab adds between the scheduled batches.
    await createAll(["added after delete"]);
    await finishScheduled();
    expect(await textsOf()).toEqual(["added after delete"]);

    await alice.mutation(api.todos.createMany, { day: DAY, lines: lines(400) });
    await alice.mutation(api.todos.completeAllOpen, { day: DAY });
    const [added] = await createAll(["added after complete"]);
    await finishScheduled();
    const open = (await listDay()).filter((todo) => !todo.done);
    expect(open.map((todo) => todo._id)).toEqual([added]);
    expect(counts(await dayRow())).toMatchObject({
      todoCount: 402,
      openCount: 1,
      doneCount: 401,
    });
  });

  test("copyOpenToDay rejects copying a day onto itself", async () => {
    await createAll(["a"]);
    await expectCode(
      alice.mutation(api.todos.copyOpenToDay, { fromDay: DAY, toDay: DAY }),
      "INVALID_ARGUMENT",
    );
    expect(await textsOf()).toEqual(["a"]);
  });
});

describe("the per-day limit", () => {
  test(`a day holding ${LIMITS.todosPerDay} todos takes no more from any route`, async () => {
    await seedFullDay(DAY, LIMITS.todosPerDay);
    const [elsewhere] = await createAll(["elsewhere"], OTHER_DAY);

    await expectCode(
      alice.mutation(api.todos.create, { day: DAY, text: "one more" }),
      "LIMIT_REACHED",
    );
    await expectCode(
      alice.mutation(api.todos.createMany, { day: DAY, lines: ["x"] }),
      "LIMIT_REACHED",
    );
    await expectCode(
      alice.mutation(api.todos.moveToDay, { id: elsewhere!, day: DAY }),
      "LIMIT_REACHED",
    );
    await expectCode(
      alice.mutation(api.todos.copyOpenToDay, {
        fromDay: OTHER_DAY,
        toDay: DAY,
      }),
      "LIMIT_REACHED",
    );
    expect((await dayRow())!.todoCount).toBe(LIMITS.todosPerDay);
    expect(await textsOf(OTHER_DAY)).toEqual(["elsewhere"]);
  });

  test("a paste that would overflow the day is rejected whole", async () => {
    await seedFullDay(DAY, LIMITS.todosPerDay - 1);
    await expectCode(
      alice.mutation(api.todos.createMany, { day: DAY, lines: ["x", "y"] }),
      "LIMIT_REACHED",
    );
    expect((await dayRow())!.todoCount).toBe(LIMITS.todosPerDay - 1);
    await alice.mutation(api.todos.create, { day: DAY, text: "the last one" });
    expect((await dayRow())!.todoCount).toBe(LIMITS.todosPerDay);
  });
});

describe("copying open todos to another day", () => {
  async function finishCopies() {
    await t.finishAllScheduledFunctions(vi.runAllTimers);
  }

  test("with nothing open, nothing is copied and it says so (0 copied)", async () => {
    const [done] = await createAll(["finished"]);
    await alice.mutation(api.todos.setDone, { id: done!, done: true });
    expect(
      await alice.mutation(api.todos.copyOpenToDay, {
        fromDay: DAY,
        toDay: OTHER_DAY,
      }),
    ).toEqual({ copied: 0, skipped: 0 });
    expect(await textsOf(OTHER_DAY)).toEqual([]);
  });

  test("copying twice adds nothing the second time: items already on that day are skipped and counted", async () => {
    await createAll(["# Errands", "Buy milk", "Call Sam"]);
    await createAll(["Call Sam"], OTHER_DAY);
    expect(
      await alice.mutation(api.todos.copyOpenToDay, {
        fromDay: DAY,
        toDay: OTHER_DAY,
      }),
    ).toEqual({ copied: 2, skipped: 1 });
    await finishCopies();
    expect(await textsOf(OTHER_DAY)).toEqual([
      "Call Sam",
      "Errands",
      "Buy milk",
    ]);
    // Done there still counts as already copied.
    const copiedMilk = (await listDay(OTHER_DAY))[2]!;
    await alice.mutation(api.todos.setDone, { id: copiedMilk._id, done: true });

    expect(
      await alice.mutation(api.todos.copyOpenToDay, {
        fromDay: DAY,
        toDay: OTHER_DAY,
      }),
    ).toEqual({ copied: 0, skipped: 3 });
    await finishCopies();
    expect(await textsOf(OTHER_DAY)).toEqual([
      "Call Sam",
      "Errands",
      "Buy milk",
    ]);
  });

  test("skipping works across batches: a second copy of a day larger than one batch adds none", async () => {
    const open = lines(BATCH_SIZE + 20, "open");
    await alice.mutation(api.todos.createMany, { day: DAY, lines: open });
    expect(
      await alice.mutation(api.todos.copyOpenToDay, {
        fromDay: DAY,
        toDay: OTHER_DAY,
      }),
    ).toEqual({ copied: open.length, skipped: 0 });
    await finishCopies();
    expect(
      await alice.mutation(api.todos.copyOpenToDay, {
        fromDay: DAY,
        toDay: OTHER_DAY,
      }),
    ).toEqual({ copied: 0, skipped: open.length });
    await finishCopies();
    expect(await textsOf(OTHER_DAY)).toEqual(open);
  });
});
