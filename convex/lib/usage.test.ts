import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import { ALICE, newBackend, type Backend } from "../test.setup";
import { COUNT_PAGE_SIZE } from "../usage";
import { NO_COUNTS, textBytes } from "./daySummary";
import type { AppErrorData } from "./errors";
import { LIMITS } from "./limits";
import { getUsage, NO_USAGE, type Usage } from "./usage";

const ALICE_ID = ALICE.subject!;
const DAY = "2025-05-01";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function usageOf(t: Backend) {
  return t.run(async (ctx) => {
    const row = await getUsage(ctx.db, ALICE_ID);
    if (!row) return null;
    const { todoCount, noteCount, dayCount, textBytes, countedThrough } = row;
    return { todoCount, noteCount, dayCount, textBytes, countedThrough };
  });
}

/** What the usage row must say: the sum over the user's day rows. */
function sumOfDays(t: Backend) {
  return t.run(async (ctx) => {
    const days = await ctx.db
      .query("days")
      .withIndex("by_user_day", (q) => q.eq("userId", ALICE_ID))
      .take(10_000);
    const total: Usage & { countedThrough?: string } = { ...NO_USAGE };
    for (const day of days) {
      total.todoCount += day.todoCount;
      total.noteCount += day.noteCount;
      total.dayCount += 1;
      total.textBytes += day.todoBytes + day.noteBytes;
    }
    return { ...total, countedThrough: undefined };
  });
}

/** The LIMIT_REACHED data a call was refused with. */
async function limitReached(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.fail("expected LIMIT_REACHED"),
    (e: unknown) => e,
  );
  const data = (error as { data: AppErrorData }).data;
  expect(data.code).toBe("LIMIT_REACHED");
  return data.message;
}

/** Sets the user's usage (as if they held that much). */
async function setUsage(t: Backend, usage: Partial<Usage>) {
  await t.run(async (ctx) => {
    const row = await getUsage(ctx.db, ALICE_ID);
    await ctx.db.patch("usage", row!._id, usage);
  });
}

describe("the usage row", () => {
  test("follows every kind of change and always equals the sum of the day rows", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const ids = await alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: ["one", "two", "# Head"],
    });
    const note = await alice.mutation(api.notes.create, {
      day: DAY,
      title: "Plan",
      body: "語語",
    });
    await alice.mutation(api.days.setLabel, {
      day: "2025-05-03",
      label: "Only a label",
    });
    expect(await usageOf(t)).toEqual({
      todoCount: 3,
      noteCount: 1,
      dayCount: 2,
      textBytes: textBytes("one", "two", "Head", "Plan", "語語"),
      countedThrough: undefined,
    });
    const steps = [
      () =>
        alice.mutation(api.todos.moveToDay, { id: ids[0]!, day: "2025-05-02" }),
      () =>
        alice.mutation(api.todos.updateText, {
          id: ids[1]!,
          baseText: "two",
          text: "two, longer",
        }),
      () =>
        alice.mutation(api.notes.update, {
          id: note,
          baseVersion: 0,
          body: "",
        }),
      () =>
        alice.mutation(api.todos.copyOpenToDay, {
          fromDay: DAY,
          toDay: "2025-05-04",
        }),
      () => alice.mutation(api.days.setLabel, { day: "2025-05-03", label: "" }),
      () => alice.mutation(api.todos.deleteAllOpen, { day: "2025-05-02" }),
      () => alice.mutation(api.days.remove, { day: DAY }),
    ];
    for (const step of steps) {
      await step();
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      expect(await usageOf(t)).toEqual(await sumOfDays(t));
    }
    expect(await usageOf(t)).toMatchObject({ dayCount: 1, todoCount: 2 });
  });
});

describe("quotas", () => {
  test.each([
    [
      "todos",
      { todoCount: LIMITS.todosTotal - 1 },
      /200,000 todos\. Delete old todos/,
    ],
    [
      "notes",
      { noteCount: LIMITS.notesTotal - 1 },
      /20,000 notes\. Delete old notes/,
    ],
  ] as const)(
    "the last of the %s fits; one more is refused with LIMIT_REACHED naming the limit",
    async (what, usage, message) => {
      const t = newBackend();
      const alice = t.withIdentity(ALICE);
      await alice.mutation(api.users.syncProfile, {});
      await setUsage(t, usage);
      const add = () =>
        what === "todos"
          ? alice.mutation(api.todos.create, { day: DAY, text: "x" })
          : alice.mutation(api.notes.create, { day: DAY, title: "x" });
      await add();
      const before = await usageOf(t);
      expect(await limitReached(add())).toMatch(message);
      expect(await usageOf(t)).toEqual(before);
      expect(
        (await alice.query(api.days.get, { day: DAY }))![
          what === "todos" ? "todoCount" : "noteCount"
        ],
      ).toBe(1);
    },
  );

  test("a paste that would pass the todo quota writes none of its lines", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.users.syncProfile, {});
    await setUsage(t, { todoCount: LIMITS.todosTotal - 1 });
    expect(
      await limitReached(
        alice.mutation(api.todos.createMany, { day: DAY, lines: ["a", "b"] }),
      ),
    ).toMatch(/200,000 todos/);
    expect(await alice.query(api.days.get, { day: DAY })).toBeNull();
  });

  test("a new day past the day quota is refused; days already there still take todos", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await alice.mutation(api.todos.create, { day: DAY, text: "first" });
    await setUsage(t, { dayCount: LIMITS.daysTotal });
    expect(
      await limitReached(
        alice.mutation(api.days.setLabel, { day: "2025-05-02", label: "x" }),
      ),
    ).toMatch(/20,000 days.*Delete old days/);
    await alice.mutation(api.todos.create, { day: DAY, text: "second" });
  });

  test("text past the byte quota is refused; a shorter edit still passes", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const id = await alice.mutation(api.todos.create, {
      day: DAY,
      text: "abc",
    });
    await setUsage(t, { textBytes: LIMITS.textBytesTotal - 1 });
    expect(
      await limitReached(
        alice.mutation(api.todos.updateText, {
          id,
          baseText: "abc",
          text: "abcde",
        }),
      ),
    ).toMatch(/200 MB of text\. Delete old todos or notes/);
    await alice.mutation(api.todos.updateText, {
      id,
      baseText: "abc",
      text: "a",
    });
  });

  test.each([
    ["todo", { todoCount: LIMITS.todosTotal - 300 }, /200,000 todos/],
    [
      "byte",
      // Room for the first 300 of the 500 lines, whose texts are alike in size.
      { textBytes: LIMITS.textBytesTotal - 300 * textBytes("copy me 100") },
      /200 MB of text/,
    ],
  ] as const)(
    "a copy of a day that would pass the %s quota is refused whole, not stopped part-way",
    async (_quota, usage, message) => {
      const t = newBackend();
      const alice = t.withIdentity(ALICE);
      const lines = Array.from(
        { length: LIMITS.listItems },
        (_, i) => `copy me ${100 + i}`,
      );
      await alice.mutation(api.todos.createMany, { day: DAY, lines });
      await setUsage(t, usage);
      expect(
        await limitReached(
          alice.mutation(api.todos.copyOpenToDay, {
            fromDay: DAY,
            toDay: "2025-05-02",
          }),
        ),
      ).toMatch(message);
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      expect(await alice.query(api.days.get, { day: "2025-05-02" })).toBeNull();
    },
  );

  test("deleting makes room again", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    const id = await alice.mutation(api.todos.create, { day: DAY, text: "x" });
    await setUsage(t, { todoCount: LIMITS.todosTotal });
    await limitReached(
      alice.mutation(api.todos.create, { day: DAY, text: "y" }),
    );
    await alice.mutation(api.todos.remove, { id });
    await alice.mutation(api.todos.create, { day: DAY, text: "y" });
  });
});

describe("users from before quotas", () => {
  /** Day rows as an older version left them: no usage row. */
  async function oldDays(t: Backend, count: number) {
    await t.run(async (ctx) => {
      for (let i = 0; i < count; i++) {
        const day = new Date(Date.UTC(2000, 0, 1 + i))
          .toISOString()
          .slice(0, 10);
        const row: Omit<Doc<"days">, "_id" | "_creationTime"> = {
          userId: ALICE_ID,
          day,
          archived: false,
          ...NO_COUNTS,
          todoCount: 2,
          openCount: 2,
          todoBytes: 10,
          noteCount: i % 2,
          noteBytes: 7 * (i % 2),
        };
        await ctx.db.insert("days", row);
      }
    });
  }

  test("are counted in pages by a scheduled job started by their first change", async () => {
    const t = newBackend();
    await oldDays(t, COUNT_PAGE_SIZE * 2 + 10);
    await t
      .withIdentity(ALICE)
      .mutation(api.todos.create, { day: DAY, text: "x" });
    expect(await usageOf(t)).toMatchObject({ countedThrough: "" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await usageOf(t)).toEqual(await sumOfDays(t));
    expect((await usageOf(t))!.dayCount).toBe(COUNT_PAGE_SIZE * 2 + 11);
  });

  test("changes made while counting, before and after its position, are each counted once", async () => {
    const t = newBackend();
    const alice = t.withIdentity(ALICE);
    await oldDays(t, COUNT_PAGE_SIZE + 10);
    await alice.mutation(api.days.setArchived, {
      day: "2000-01-01",
      archived: true,
    });
    // One page counted: the job now stands at the 1,000th day.
    vi.runOnlyPendingTimers();
    await t.finishInProgressScheduledFunctions();
    const counting = (await usageOf(t))!;
    expect(counting.countedThrough).toMatch(/^2002-/);
    // Counted already: an early day. Not yet: a late one and a new one.
    await alice.mutation(api.todos.create, {
      day: "2000-01-02",
      text: "early",
    });
    await alice.mutation(api.todos.create, { day: "2002-10-03", text: "late" });
    await alice.mutation(api.todos.create, { day: "2100-01-01", text: "new" });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await usageOf(t)).toEqual(await sumOfDays(t));
  });
});

test("delete my data removes the usage row and the rate-limit buckets", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  await alice.mutation(api.todos.create, { day: DAY, text: "x" });
  await alice.action(api.search.search, { text: "x" });
  await alice.mutation(api.account.deleteMyData, {});
  // Runs the job to its end (and its forgetting a day later).
  await t.finishAllScheduledFunctions(vi.runAllTimers);
  expect(await usageOf(t)).toBeNull();
  const buckets = await t.run((ctx) => ctx.db.query("rateLimits").take(100));
  expect(buckets.filter((row) => row.key === ALICE_ID)).toEqual([]);
});
