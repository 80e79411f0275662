import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { BATCH_SIZE, LIMITS } from "./lib/limits";
import { TRASH_KEPT_MS } from "./lib/trash";
import { exportTables } from "./lib/userTables";
import { ALICE, BOB, expectCode, newBackend, type Backend } from "./test.setup";

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

const finishScheduled = () => t.finishAllScheduledFunctions(vi.runAllTimers);

/**
 * What a restore must give back: every field but ids, creation times and
 * the undo log's revision (a restore is a new write, so it moves on).
 */
function contentOf(day = DAY) {
  return t.run(async (ctx) => {
    const strip = <
      T extends { _id: unknown; _creationTime: unknown; revision?: number },
    >(
      rows: T[],
    ) =>
      rows.map(({ _id, _creationTime, revision: _revision, ...rest }) => rest);
    const byDay = (table: "todos" | "notes") =>
      ctx.db
        .query(table)
        .withIndex("by_user_day_order", (q) =>
          q.eq("userId", ALICE_ID).eq("day", day),
        )
        .take(10_000);
    const row = await ctx.db
      .query("days")
      .withIndex("by_user_day", (q) => q.eq("userId", ALICE_ID).eq("day", day))
      .unique();
    return {
      todos: strip(await byDay("todos")),
      notes: strip(await byDay("notes")),
      day: row && strip([row])[0],
    };
  });
}

async function trashGroups(who: Client = alice) {
  return (
    await who.query(api.trash.list, {
      paginationOpts: { numItems: 200, cursor: null },
    })
  ).page;
}

function allRows(table: "trash" | "trashGroups") {
  return t.run((ctx) => ctx.db.query(table).take(10_000));
}

/** A day of `size` todos (done ones, a pinned one, a heading) and two notes. */
async function seedDay(size: number, day = DAY) {
  const lines = Array.from({ length: size }, (_, i) =>
    i === 3 ? "# Section" : i % 7 === 0 ? `[x] done ${i}` : `todo ${i}`,
  );
  for (let i = 0; i < lines.length; i += LIMITS.listItems) {
    await alice.mutation(api.todos.createMany, {
      day,
      lines: lines.slice(i, i + LIMITS.listItems),
    });
  }
  const [first] = await alice.query(api.todos.listForDay, { day });
  await alice.mutation(api.todos.setPinned, { id: first!._id, pinned: true });
  const note = await alice.mutation(api.notes.create, {
    day,
    title: "Plan",
    body: "**body**",
  });
  await alice.mutation(api.notes.setCollapsed, { id: note, collapsed: true });
  await alice.mutation(api.notes.create, { day, title: "Second" });
  await alice.mutation(api.days.setLabel, { day, label: "Moving day" });
  await alice.mutation(api.days.setArchived, { day, archived: true });
}

describe("progress of long deletes and restores", () => {
  test("a day deleted in batches reports how many of its items are in the trash, then null once all are", async () => {
    const size = BATCH_SIZE * 2 + 30;
    await seedDay(size);
    const groupId = (await alice.mutation(api.days.remove, { day: DAY }))!;
    // The first batch ran with the mutation; the rest are scheduled.
    expect(await alice.query(api.trash.progress, { groupId })).toEqual({
      action: "delete",
      moved: BATCH_SIZE,
      total: size + 2,
    });
    await finishScheduled();
    expect(await alice.query(api.trash.progress, { groupId })).toBeNull();
  });

  test("delete all open reports its progress the same way", async () => {
    await seedDay(BATCH_SIZE * 2 + 30);
    const open = (await alice.query(api.todos.listForDay, { day: DAY })).filter(
      (todo) => !todo.done,
    ).length;
    const groupId = (await alice.mutation(api.todos.deleteAllOpen, {
      day: DAY,
    }))!;
    expect(await alice.query(api.trash.progress, { groupId })).toEqual({
      action: "delete",
      moved: BATCH_SIZE,
      total: open,
    });
    await finishScheduled();
    expect(await alice.query(api.trash.progress, { groupId })).toBeNull();
  });

  test("a big group restored in batches reports how many are back, then null once it is whole again; another user sees null", async () => {
    const size = BATCH_SIZE * 2 + 30;
    await seedDay(size);
    const groupId = (await alice.mutation(api.days.remove, { day: DAY }))!;
    await finishScheduled();
    await alice.mutation(api.trash.restoreGroup, { groupId });
    expect(await alice.query(api.trash.progress, { groupId })).toEqual({
      action: "restore",
      moved: BATCH_SIZE,
      total: size + 2,
    });
    expect(
      await t.withIdentity(BOB).query(api.trash.progress, { groupId }),
    ).toBeNull();
    await finishScheduled();
    expect(await alice.query(api.trash.progress, { groupId })).toBeNull();
  });

  test("a small deletion finishes at once: nothing to report", async () => {
    await seedDay(5);
    const groupId = (await alice.mutation(api.days.remove, { day: DAY }))!;
    expect(await alice.query(api.trash.progress, { groupId })).toBeNull();
  });
});

describe("deleting a day", () => {
  test("moves it whole to one group in Recently deleted, across batches, and out of every list", async () => {
    const size = BATCH_SIZE * 2 + 30;
    await seedDay(size);
    const groupId = await alice.mutation(api.days.remove, { day: DAY });
    await finishScheduled();

    expect(await alice.query(api.todos.listForDay, { day: DAY })).toEqual([]);
    expect(await alice.query(api.days.get, { day: DAY })).toBeNull();
    expect(
      (
        await alice.query(api.todos.listPinned, {
          paginationOpts: { numItems: 10, cursor: null },
        })
      ).page,
    ).toEqual([]);
    const groups = await trashGroups();
    expect(groups).toEqual([
      expect.objectContaining({
        _id: groupId,
        what: "day",
        day: DAY,
        label: "Moving day",
        archived: true,
        todoCount: size,
        noteCount: 2,
        expiresAt: groups[0]!.deletedAt + TRASH_KEPT_MS,
      }),
    ]);
    expect(await allRows("trash")).toHaveLength(size + 2);
  });

  test("restoring the group puts back every todo and note exactly, and the label and archive mark", async () => {
    await seedDay(BATCH_SIZE + 40);
    const before = await contentOf();
    const groupId = await alice.mutation(api.days.remove, { day: DAY });
    await finishScheduled();

    const { items } = await alice.mutation(api.trash.restoreGroup, {
      groupId: groupId!,
    });
    await finishScheduled();
    expect(items).toBe(BATCH_SIZE + 42);
    expect(await contentOf()).toEqual(before);
    expect(await trashGroups()).toEqual([]);
    expect(await allRows("trash")).toEqual([]);
  });

  test("one item of a deleted day comes back alone; the group keeps the rest", async () => {
    await seedDay(5);
    const groupId = (await alice.mutation(api.days.remove, { day: DAY }))!;
    const { page } = await alice.query(api.trash.listItems, {
      groupId,
      paginationOpts: { numItems: 50, cursor: null },
    });
    const item = page.find((row) => row.todo?.text === "todo 1")!;
    await alice.mutation(api.trash.restoreItem, { id: item._id });
    const todos = await alice.query(api.todos.listForDay, { day: DAY });
    expect(todos.map((todo) => todo.text)).toEqual(["todo 1"]);
    const [group] = await trashGroups();
    expect(group).toMatchObject({ todoCount: 4, noteCount: 2 });
  });
});

describe("limits on restoring", () => {
  test("a group that would overfill its day is refused whole with LIMIT_REACHED, and stays in the trash", async () => {
    const note = await alice.mutation(api.notes.create, { day: DAY });
    const groupId = await alice.mutation(api.notes.remove, { id: note });
    // The day fills up meanwhile.
    await t.run(async (ctx) => {
      await ctx.db.insert("days", {
        userId: ALICE_ID,
        day: DAY,
        archived: false,
        todoCount: 0,
        openCount: 0,
        doneCount: 0,
        todoBytes: 0,
        noteCount: LIMITS.notesPerDay,
        noteBytes: 0,
      });
    });
    await expect(
      alice.mutation(api.trash.restoreGroup, { groupId }),
    ).rejects.toMatchObject({
      data: {
        code: "LIMIT_REACHED",
        message: `Nothing was restored to ${DAY}: A day holds at most 100 notes.`,
      },
    });
    expect(await alice.query(api.notes.listForDay, { day: DAY })).toEqual([]);
    expect(await trashGroups()).toHaveLength(1);
  });

  test("restore all brings back what fits and leaves what does not", async () => {
    const kept = await alice.mutation(api.todos.create, {
      day: OTHER_DAY,
      text: "fits",
    });
    await alice.mutation(api.todos.remove, { id: kept });
    const note = await alice.mutation(api.notes.create, { day: DAY });
    await alice.mutation(api.notes.remove, { id: note });
    await t.run(async (ctx) => {
      await ctx.db.insert("days", {
        userId: ALICE_ID,
        day: DAY,
        archived: false,
        todoCount: 0,
        openCount: 0,
        doneCount: 0,
        todoBytes: 0,
        noteCount: LIMITS.notesPerDay,
        noteBytes: 0,
      });
    });
    await alice.mutation(api.trash.restoreAll, {});
    await finishScheduled();
    const todos = await alice.query(api.todos.listForDay, { day: OTHER_DAY });
    expect(todos.map((todo) => todo.text)).toEqual(["fits"]);
    expect((await trashGroups()).map((group) => group.what)).toEqual(["note"]);
  });
});

describe("restore all, delete forever, empty", () => {
  test("restore all puts back every group, many batches' worth, in order", async () => {
    const ids = await alice.mutation(api.todos.createMany, {
      day: DAY,
      // Past one transaction's budget (two units a group), within the
      // rate limit on writes.
      lines: Array.from({ length: 150 }, (_, i) => `t${i}`),
    });
    const before = await contentOf();
    for (const id of ids) await alice.mutation(api.todos.remove, { id });
    expect(await trashGroups()).toHaveLength(150);
    await alice.mutation(api.trash.restoreAll, {});
    // The first transaction stopped at its budget; the rest is scheduled.
    const left = (await trashGroups()).length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(150);
    await finishScheduled();
    expect(await contentOf()).toEqual(before);
    expect(await allRows("trashGroups")).toEqual([]);
  });

  test("delete forever takes one item, or a group; empty takes everything deleted so far", async () => {
    await seedDay(4);
    const dayGroup = (await alice.mutation(api.days.remove, { day: DAY }))!;
    const id = await alice.mutation(api.todos.create, {
      day: OTHER_DAY,
      text: "x",
    });
    const single = await alice.mutation(api.todos.remove, { id });
    const { page } = await alice.query(api.trash.listItems, {
      groupId: dayGroup,
      paginationOpts: { numItems: 50, cursor: null },
    });
    const todo = page.find((row) => row.todo)!;
    await alice.mutation(api.trash.deleteItemForever, { id: todo._id });
    expect((await trashGroups()).find((g) => g._id === dayGroup)).toMatchObject(
      { todoCount: 3 },
    );
    await alice.mutation(api.trash.deleteGroupForever, { groupId: single });
    expect((await trashGroups()).map((g) => g._id)).toEqual([dayGroup]);
    await alice.mutation(api.trash.empty, {});
    await finishScheduled();
    expect(await allRows("trashGroups")).toEqual([]);
    expect(await allRows("trash")).toEqual([]);
    // Nothing came back.
    expect(await alice.query(api.days.get, { day: DAY })).toBeNull();
  });

  test("Bob's trash is his own: Alice's calls never touch it", async () => {
    const bob = t.withIdentity(BOB);
    const id = await bob.mutation(api.todos.create, { day: DAY, text: "b" });
    const bobGroup = await bob.mutation(api.todos.remove, { id });
    await alice.mutation(api.trash.empty, {});
    await alice.mutation(api.trash.restoreAll, {});
    await finishScheduled();
    await expectCode(
      alice.mutation(api.trash.restoreGroup, { groupId: bobGroup }),
      "NOT_FOUND",
    );
    expect((await trashGroups(bob)).map((g) => g._id)).toEqual([bobGroup]);
    expect(await trashGroups()).toEqual([]);
  });
});

/** Puts `count` expired todo rows (one group) straight into the trash. */
async function seedExpired(count: number, deletedAt: number) {
  await t.run(async (ctx) => {
    const groupId = await ctx.db.insert("trashGroups", {
      userId: ALICE_ID,
      deletedAt,
      day: DAY,
      what: "openTodos",
      todoCount: count,
      todoBytes: count,
      noteCount: 0,
      noteBytes: 0,
      name: "old",
    });
    for (let i = 0; i < count; i++) {
      await ctx.db.insert("trash", {
        userId: ALICE_ID,
        groupId,
        day: DAY,
        kind: "todo",
        todo: {
          text: "x",
          kind: "todo",
          done: false,
          pinned: false,
          order: `a${i}`,
        },
      });
    }
  });
}

describe("the purge", () => {
  test("deletes only what is over 30 days old, a bounded batch per run, scheduling the next while there is more", async () => {
    const now = Date.now();
    await seedExpired(BATCH_SIZE * 2 + 10, now - TRASH_KEPT_MS - 1_000);
    const id = await alice.mutation(api.todos.create, { day: DAY, text: "y" });
    const fresh = await alice.mutation(api.todos.remove, { id });

    const first = await t.mutation(internal.trash.purgeExpired, {});
    expect(first.more).toBe(true);
    expect(first.purged).toBeLessThanOrEqual(BATCH_SIZE + 1);
    expect(await allRows("trash")).toHaveLength(BATCH_SIZE + 10 + 1);
    const scheduled = await t.run((ctx) =>
      ctx.db.system.query("_scheduled_functions").take(10_000),
    );
    expect(scheduled.map((job) => job.name)).toContain("trash:purgeExpired");

    await finishScheduled();
    expect((await allRows("trashGroups")).map((g) => g._id)).toEqual([fresh]);
    expect(await allRows("trash")).toHaveLength(1);
  });

  test("with nothing expired it reads nothing else and schedules nothing", async () => {
    const id = await alice.mutation(api.todos.create, { day: DAY, text: "y" });
    await alice.mutation(api.todos.remove, { id });
    expect(await t.mutation(internal.trash.purgeExpired, {})).toEqual({
      purged: 0,
      more: false,
    });
    const scheduled = await t.run((ctx) =>
      ctx.db.system.query("_scheduled_functions").take(10_000),
    );
    expect(scheduled).toEqual([]);
  });

  test("is the daily cron", async () => {
    const crons = (await import("./crons")).default as unknown as {
      crons: Record<string, { name: string; schedule: { type: string } }>;
    };
    expect(Object.values(crons.crons)).toContainEqual(
      expect.objectContaining({
        name: "trash:purgeExpired",
        schedule: expect.objectContaining({ type: "daily" }),
      }),
    );
  });
});

describe("export and delete my data", () => {
  test("the export leaves Recently deleted out unless asked for", () => {
    expect(exportTables(false)).not.toContain("trash");
    expect(exportTables(false)).not.toContain("trashGroups");
    expect(exportTables(true)).toEqual(
      expect.arrayContaining(["trash", "trashGroups", "todos"]),
    );
  });

  test("exportPage gives the trash only to its owner", async () => {
    const id = await alice.mutation(api.todos.create, { day: DAY, text: "s" });
    await alice.mutation(api.todos.remove, { id });
    const mine = await alice.query(api.account.exportPage, {
      table: "trash",
      cursor: null,
    });
    expect(mine.page.map((row) => (row as Doc<"trash">).todo?.text)).toEqual([
      "s",
    ]);
    const bobs = await t
      .withIdentity(BOB)
      .query(api.account.exportPage, { table: "trash", cursor: null });
    expect(bobs.page).toEqual([]);
  });

  test("delete my data removes the trash too, counted in its total", async () => {
    await seedDay(6);
    await alice.mutation(api.days.remove, { day: DAY });
    await alice.mutation(api.todos.create, { day: OTHER_DAY, text: "kept" });
    await alice.mutation(api.account.deleteMyData, {});
    await finishScheduled();
    expect(await allRows("trash")).toEqual([]);
    expect(await allRows("trashGroups")).toEqual([]);
    const left = await t.run(async (ctx) => [
      ...(await ctx.db.query("todos").take(10_000)),
      ...(await ctx.db.query("notes").take(10_000)),
    ]);
    expect(left).toEqual([]);
  });
});
