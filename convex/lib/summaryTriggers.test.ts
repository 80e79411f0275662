import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { ALICE, newBackend, type Backend } from "../test.setup";
import { NO_COUNTS, noteCounts, textBytes, todoCounts } from "./daySummary";
import { getDay } from "./days";
import { LIMITS } from "./limits";
import { keepDaySummaries } from "./summaryTriggers";

const DAY = "2025-04-01";
const OTHER_DAY = "2025-04-02";
const ALICE_ID = ALICE.subject!;

let t: Backend;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});

afterEach(() => {
  vi.useRealTimers();
});

async function summary(day: string) {
  const row = await t.run((ctx) => getDay(ctx, ALICE_ID, day));
  if (!row) return null;
  const { todoCount, openCount, doneCount, todoBytes, noteCount, noteBytes } =
    row;
  return { todoCount, openCount, doneCount, todoBytes, noteCount, noteBytes };
}

test("insert, patch, replace and delete of todos and notes all reach the day rows", async () => {
  await t.run(async (ctx) => {
    const { db, applyLedger } = keepDaySummaries(ctx);
    const base = { userId: ALICE_ID, day: DAY, pinned: false };
    const a = await db.insert("todos", {
      ...base,
      text: "a",
      kind: "todo",
      done: false,
      order: "a0",
    });
    const b = await db.insert("todos", {
      ...base,
      text: "heading",
      kind: "h1",
      done: false,
      order: "a1",
    });
    await db.patch("todos", a, { done: true, text: "a, done" });
    await db.replace("todos", b, {
      ...base,
      day: OTHER_DAY,
      text: "now a todo",
      kind: "todo",
      done: false,
      order: "a0",
    });
    const note = await db.insert("notes", {
      userId: ALICE_ID,
      day: DAY,
      title: "語",
      body: "body",
      collapsed: false,
      order: "a0",
      updatedAt: 0,
    });
    await db.patch("notes", note, { body: "a longer body" });
    const gone = await db.insert("notes", {
      userId: ALICE_ID,
      day: OTHER_DAY,
      title: "gone",
      body: "",
      collapsed: false,
      order: "a1",
      updatedAt: 0,
    });
    await db.delete("notes", gone);
    await applyLedger();
  });
  expect(await summary(DAY)).toEqual({
    ...todoCounts({ kind: "todo", done: true, text: "a, done" }),
    ...noteCounts({ title: "語", body: "a longer body" }),
  });
  expect(await summary(OTHER_DAY)).toEqual({
    ...todoCounts({ kind: "todo", done: false, text: "now a todo" }),
    noteCount: 0,
    noteBytes: 0,
  });
});

test("a paste of 500 todos writes its day's summary row once", async () => {
  const lines = Array.from({ length: LIMITS.listItems }, (_, i) => `t${i}`);
  // A first change makes the user's usage row and rate-limit buckets, which
  // every later change then updates once.
  await t
    .withIdentity(ALICE)
    .mutation(api.todos.create, { day: "2025-01-01", text: "first" });
  const written = await t.withIdentity(ALICE).run(async (ctx) => {
    const before = await ctx.meta.getTransactionMetrics();
    await ctx.runMutation(api.todos.createMany, { day: DAY, lines });
    const after = await ctx.meta.getTransactionMetrics();
    return after.documentsWritten.used - before.documentsWritten.used;
  });
  // The todos, the day row, the usage row, and the writes, createdItems
  // and writtenBytes buckets.
  expect(written).toBe(LIMITS.listItems + 1 + 1 + 3);
  expect(await summary(DAY)).toEqual({
    ...NO_COUNTS,
    todoCount: lines.length,
    openCount: lines.length,
    todoBytes: textBytes(...lines),
  });
});

test("a write that changes no count leaves the day row alone", async () => {
  const alice = t.withIdentity(ALICE);
  const id = await alice.mutation(api.todos.create, { day: DAY, text: "x" });
  const before = await t.run((ctx) => getDay(ctx, ALICE_ID, DAY));
  await alice.mutation(api.todos.setPinned, { id, pinned: true });
  expect(await t.run((ctx) => getDay(ctx, ALICE_ID, DAY))).toEqual(before);
});
