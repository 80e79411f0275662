import { makeFunctionReference } from "convex/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { BATCH_SIZE } from "./lib/limits";
import { UNDO_LIFETIME_MS } from "./lib/undoJournal";
import { ALICE, BOB, expectCode, newBackend, type Backend } from "./test.setup";

const DAY = "2025-03-10";
const OTHER_DAY = "2025-03-11";

type Client = ReturnType<Backend["withIdentity"]>;

let t: Backend;
let alice: Client;
let bob: Client;
let sent = 0;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
  alice = t.withIdentity(ALICE);
  bob = t.withIdentity(BOB);
});

afterEach(() => {
  vi.useRealTimers();
});

/** A fresh change id, as the client's outbox gives every change. */
const newChange = () => `change-${++sent}`;

function finishScheduled() {
  return t.finishAllScheduledFunctions(vi.runAllTimers);
}

/** Undoes `change` as the client does: sent with its own change id. */
async function undo(change: string, who: Client = alice) {
  const changeId = newChange();
  await who.mutation(api.undo.apply, { change, changeId });
  await finishScheduled();
  return changeId;
}

/** Every document of the user's content, without revisions. */
function content() {
  return t.run(async (ctx) => {
    const strip = <T extends { revision?: number }>({
      revision: _revision,
      ...rest
    }: T) => rest;
    return {
      todos: (await ctx.db.query("todos").take(100_000)).map(strip),
      notes: (await ctx.db.query("notes").take(100_000)).map(strip),
      days: (await ctx.db.query("days").take(100_000)).map(strip),
      usage: await ctx.db.query("usage").take(100_000),
    };
  });
}

/** `content()` with each row's id and creation time left out. */
function withoutIds(all: Awaited<ReturnType<typeof content>>) {
  const strip = (rows: { _id: string; _creationTime: number }[]) =>
    rows.map(({ _id, _creationTime, ...rest }) => rest);
  return {
    todos: strip(all.todos),
    notes: strip(all.notes),
    days: strip(all.days),
    usage: strip(all.usage),
  };
}

/** Every row of every table this module writes, and the scheduled jobs. */
function everything() {
  return t.run(async (ctx) =>
    JSON.stringify([
      await ctx.db.query("todos").take(100_000),
      await ctx.db.query("notes").take(100_000),
      await ctx.db.query("days").take(100_000),
      await ctx.db.query("undoLog").take(100_000),
      await ctx.db.query("changeReceipts").take(100_000),
      await ctx.db.system.query("_scheduled_functions").take(100_000),
    ]),
  );
}

async function seedTodos(lines: string[], day = DAY) {
  return await alice.mutation(api.todos.createMany, { day, lines });
}

function getTodo(id: Id<"todos">) {
  return t.run((ctx) => ctx.db.get("todos", id)) as Promise<Doc<"todos">>;
}

describe("undo and redo restore exactly what a change touched", () => {
  const cases: [
    string,
    (
      ids: Id<"todos">[],
      notes: Id<"notes">[],
    ) => [string, Record<string, unknown>],
  ][] = [
    [
      "todos:setDone (complete)",
      ([a]) => ["todos:setDone", { id: a, done: true }],
    ],
    [
      "todos:setDone (reopen)",
      ([, , done]) => ["todos:setDone", { id: done, done: false }],
    ],
    [
      "todos:updateText (into a heading)",
      ([, , done]) => [
        "todos:updateText",
        { id: done, baseText: "finished", text: "# Heading now" },
      ],
    ],
    ["todos:setPinned", ([a]) => ["todos:setPinned", { id: a, pinned: true }]],
    [
      "todos:moveToDay",
      ([a]) => ["todos:moveToDay", { id: a, day: OTHER_DAY }],
    ],
    [
      "todos:reorder",
      ([a, b, c]) => ["todos:reorder", { id: a, afterId: b, beforeId: c }],
    ],
    ["todos:completeAllOpen", () => ["todos:completeAllOpen", { day: DAY }]],
    [
      "todos:copyOpenToDay",
      () => ["todos:copyOpenToDay", { fromDay: DAY, toDay: OTHER_DAY }],
    ],
    ["days:setLabel", () => ["days:setLabel", { day: DAY, label: "Work" }]],
    [
      "days:setLabel (clear)",
      () => ["days:setLabel", { day: OTHER_DAY, label: "" }],
    ],
    [
      "days:setArchived",
      () => ["days:setArchived", { day: DAY, archived: true }],
    ],
    [
      "days:setLabel (a day with nothing else)",
      () => ["days:setLabel", { day: "2025-04-01", label: "Trip" }],
    ],
    [
      "notes:setCollapsed",
      (_, [n]) => ["notes:setCollapsed", { id: n, collapsed: true }],
    ],
    [
      "notes:reorder",
      (_, [n, m]) => ["notes:reorder", { id: n, afterId: m, beforeId: null }],
    ],
  ];

  test.each(cases)("%s", async (_name, make) => {
    const ids = await seedTodos(["one", "two", "- [x] finished", "four"]);
    await alice.mutation(api.todos.create, { day: OTHER_DAY, text: "there" });
    await alice.mutation(api.days.setLabel, { day: OTHER_DAY, label: "Old" });
    const notes = [
      await alice.mutation(api.notes.create, { day: DAY, title: "A" }),
      await alice.mutation(api.notes.create, { day: DAY, title: "B" }),
    ];
    const before = await content();
    const [name, args] = make(ids, notes);
    const change = newChange();
    await alice.mutation(makeFunctionReference<"mutation">(name), {
      ...args,
      changeId: change,
    });
    await finishScheduled();
    const changed = await content();
    expect(changed).not.toEqual(before);

    const undoId = await undo(change);
    expect(await content()).toEqual(before);

    // Redo is the undo of the undo. Rows it makes again (the copies, a day
    // row of a label alone) are new documents, with new ids.
    const redoId = await undo(undoId);
    expect(withoutIds(await content())).toEqual(withoutIds(changed));

    // And again: the stack goes back and forth as often as asked.
    await undo(redoId);
    expect(await content()).toEqual(before);
  });

  test("completing a day larger than one batch is undone in batches, exactly, with progress", async () => {
    const lines = Array.from(
      { length: BATCH_SIZE * 2 + 10 },
      (_, i) => `item ${i}`,
    );
    await seedTodos(lines.slice(0, 500));
    await seedTodos(lines.slice(500));
    await alice.mutation(api.todos.setDone, {
      id: (await alice.query(api.todos.listForDay, { day: DAY }))[3]!._id,
      done: true,
    });
    const before = await content();
    const change = newChange();
    await alice.mutation(api.todos.completeAllOpen, {
      day: DAY,
      changeId: change,
    });
    await finishScheduled();
    const list = await alice.query(api.todos.listForDay, { day: DAY });
    expect(list.every((todo) => todo.done)).toBe(true);

    const undoId = newChange();
    const result = await alice.mutation(api.undo.apply, {
      change,
      changeId: undoId,
    });
    expect(result).toEqual({ total: lines.length - 1 });
    expect(await alice.query(api.undo.progress, { change: undoId })).toEqual({
      restored: BATCH_SIZE,
      finished: false,
    });
    await finishScheduled();
    expect(await alice.query(api.undo.progress, { change: undoId })).toEqual({
      restored: lines.length - 1,
      finished: true,
    });
    expect(await content()).toEqual(before);
  });

  test("an undo asked for while the change's batches still run is refused with UNDO_PENDING, changing nothing", async () => {
    await seedTodos(Array.from({ length: 500 }, (_, i) => `item ${i}`));
    const change = newChange();
    await alice.mutation(api.todos.completeAllOpen, {
      day: DAY,
      changeId: change,
    });
    const before = await everything();
    await expectCode(
      alice.mutation(api.undo.apply, { change, changeId: newChange() }),
      "UNDO_PENDING",
    );
    expect(await everything()).toBe(before);
  });

  test("a change sent without a change id leaves no log", async () => {
    const [id] = await seedTodos(["one"]);
    await alice.mutation(api.todos.setDone, { id: id!, done: true });
    expect(await t.run((ctx) => ctx.db.query("undoLog").take(100_000))).toEqual(
      [],
    );
  });

  test("a change that changes nothing leaves its row's revision alone", async () => {
    const [id] = await seedTodos(["one"]);
    await alice.mutation(api.todos.setPinned, { id: id!, pinned: false });
    expect((await getTodo(id!)).revision).toBeUndefined();
  });
});

describe("undo never clobbers newer work", () => {
  const laterChanges: [string, (id: Id<"todos">) => Promise<unknown>][] = [
    [
      "its text was edited",
      (id) =>
        alice.mutation(api.todos.updateText, {
          id,
          baseText: "one",
          text: "newer",
        }),
    ],
    [
      "it was pinned",
      (id) => alice.mutation(api.todos.setPinned, { id, pinned: true }),
    ],
    [
      "it was moved",
      (id) => alice.mutation(api.todos.moveToDay, { id, day: OTHER_DAY }),
    ],
    ["it was deleted", (id) => alice.mutation(api.todos.remove, { id })],
  ];

  test.each(laterChanges)(
    "undoing a completion after %s is refused with UNDO_CONFLICT and a message, changing nothing",
    async (_what, later) => {
      const [id] = await seedTodos(["one", "two"]);
      const change = newChange();
      await alice.mutation(api.todos.setDone, {
        id: id!,
        done: true,
        changeId: change,
      });
      await later(id!);
      const before = await everything();
      const error = alice.mutation(api.undo.apply, {
        change,
        changeId: newChange(),
      });
      await expect(error).rejects.toMatchObject({
        data: {
          code: "UNDO_CONFLICT",
          message: expect.stringMatching(/changed since.*nothing was undone/),
        },
      });
      expect(await everything()).toBe(before);
    },
  );

  test("the message names the todo that changed", async () => {
    const [id] = await seedTodos(["Buy milk"]);
    const change = newChange();
    await alice.mutation(api.todos.setPinned, {
      id: id!,
      pinned: true,
      changeId: change,
    });
    await alice.mutation(api.todos.setDone, { id: id!, done: true });
    await expect(
      alice.mutation(api.undo.apply, { change, changeId: newChange() }),
    ).rejects.toMatchObject({
      data: {
        code: "UNDO_CONFLICT",
        message:
          "“Buy milk” was changed since (here, in another tab or on another device), so nothing was undone.",
      },
    });
  });

  test("a bulk undo is refused whole when one of its rows changed since", async () => {
    const ids = await seedTodos(["a", "b", "c"]);
    const change = newChange();
    await alice.mutation(api.todos.completeAllOpen, {
      day: DAY,
      changeId: change,
    });
    await finishScheduled();
    await alice.mutation(api.todos.setPinned, { id: ids[2]!, pinned: true });
    const before = await everything();
    await expectCode(
      alice.mutation(api.undo.apply, { change, changeId: newChange() }),
      "UNDO_CONFLICT",
    );
    expect(await everything()).toBe(before);
  });

  test("a label changed since makes the label's undo refuse; a todo added to the day does not", async () => {
    await seedTodos(["a"]);
    const change = newChange();
    await alice.mutation(api.days.setLabel, {
      day: DAY,
      label: "Work",
      changeId: change,
    });
    await alice.mutation(api.todos.create, { day: DAY, text: "more" });
    const undone = await undo(change);
    expect(
      (await alice.query(api.days.get, { day: DAY }))!.label,
    ).toBeUndefined();
    await alice.mutation(api.days.setLabel, { day: DAY, label: "Newer" });
    await expectCode(
      alice.mutation(api.undo.apply, { change: undone, changeId: newChange() }),
      "UNDO_CONFLICT",
    );
    expect((await alice.query(api.days.get, { day: DAY }))!.label).toBe(
      "Newer",
    );
  });

  test("undoing the same change twice is refused the second time", async () => {
    const [id] = await seedTodos(["one"]);
    const change = newChange();
    await alice.mutation(api.todos.setDone, {
      id: id!,
      done: true,
      changeId: change,
    });
    await undo(change);
    await expectCode(
      alice.mutation(api.undo.apply, { change, changeId: newChange() }),
      "UNDO_CONFLICT",
    );
  });

  test("an undo sent twice with one change id (a retry) runs once", async () => {
    const [id] = await seedTodos(["one"]);
    const change = newChange();
    await alice.mutation(api.todos.setDone, {
      id: id!,
      done: true,
      changeId: change,
    });
    const retried = { change, changeId: newChange() };
    const first = await alice.mutation(api.undo.apply, retried);
    const after = await everything();
    expect(await alice.mutation(api.undo.apply, retried)).toEqual(first);
    expect(await everything()).toBe(after);
    expect((await getTodo(id!)).done).toBe(false);
  });
});

describe("isolation and bounds", () => {
  test("another user cannot undo the first user's change: NOT_FOUND, as for a change that never was, changing nothing", async () => {
    const [id] = await seedTodos(["one"]);
    const change = newChange();
    await alice.mutation(api.todos.setDone, {
      id: id!,
      done: true,
      changeId: change,
    });
    const before = await everything();
    const foreign = await bob
      .mutation(api.undo.apply, { change, changeId: newChange() })
      .catch((e: { data: unknown }) => e.data);
    const missing = await bob
      .mutation(api.undo.apply, { change: "never-sent", changeId: newChange() })
      .catch((e: { data: unknown }) => e.data);
    expect(foreign).toMatchObject({ code: "NOT_FOUND" });
    expect(foreign).toEqual(missing);
    // Bob's receipts aside, nothing of Alice's changed.
    const strip = (all: string) => JSON.parse(all).slice(0, 4);
    expect(strip(await everything())).toEqual(strip(before));
    expect(await bob.query(api.undo.progress, { change })).toBeNull();
  });

  test.each([
    ["empty", ""],
    ["too long", "x".repeat(65)],
    ["not letters, digits, - or _", "a;b"],
  ])(
    "a change id that is %s is refused as INVALID_ARGUMENT",
    async (_what, change) => {
      await expectCode(
        alice.mutation(api.undo.apply, { change }),
        "INVALID_ARGUMENT",
      );
      await expectCode(
        alice.query(api.undo.progress, { change }),
        "INVALID_ARGUMENT",
      );
    },
  );

  test("a change can be undone for a day; the log is purged after that, a page at a time", async () => {
    const [id] = await seedTodos(["one"]);
    const change = newChange();
    await alice.mutation(api.todos.setDone, {
      id: id!,
      done: true,
      changeId: change,
    });
    vi.setSystemTime(Date.now() + UNDO_LIFETIME_MS + 1);
    await expectCode(
      alice.mutation(api.undo.apply, { change, changeId: newChange() }),
      "NOT_FOUND",
    );
    await t.mutation(internal.undo.purgeExpired, {});
    await finishScheduled();
    expect(await t.run((ctx) => ctx.db.query("undoLog").take(100_000))).toEqual(
      [],
    );
  });

  test("a user's expired log rows are pruned as they make new changes", async () => {
    const [id] = await seedTodos(["one"]);
    for (let i = 0; i < 3; i++) {
      await alice.mutation(api.todos.setDone, {
        id: id!,
        done: i % 2 === 0,
        changeId: newChange(),
      });
    }
    vi.setSystemTime(Date.now() + UNDO_LIFETIME_MS + 1);
    await alice.mutation(api.todos.setPinned, {
      id: id!,
      pinned: true,
      changeId: newChange(),
    });
    expect(
      await t.run((ctx) => ctx.db.query("undoLog").take(100_000)),
    ).toHaveLength(1);
  });
});
