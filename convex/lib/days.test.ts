import type { ConvexError } from "convex/values";
import { expect, test } from "vitest";
import { api } from "../_generated/api";
import { ALICE, newBackend } from "../test.setup";
import { NO_COUNTS, textBytes, type DayCounts } from "./daySummary";
import { ensureRoom } from "./days";
import type { AppErrorData } from "./errors";
import { LIMITS } from "./limits";

// "語" takes 3 bytes in UTF-8: the worst case for Convex's byte-based limits.
const WIDE = "語";
const DAY = "2025-03-01";

test("textBytes counts UTF-8 bytes, not characters", () => {
  expect(textBytes("abc")).toBe(3);
  expect(textBytes(WIDE)).toBe(3);
  expect(textBytes("a", "語", "😀")).toBe(1 + 3 + 4);
});

test("a day filled with 3-byte notes up to its budget is still readable in one query", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const body = WIDE.repeat(LIMITS.noteBody);
  const fits = Math.floor(LIMITS.noteBytesPerDay / textBytes(body));
  for (let i = 0; i < fits; i++) {
    await alice.mutation(api.notes.create, { day: DAY, body });
  }
  // The next full note would pass the budget, whatever its count.
  await expect(
    alice.mutation(api.notes.create, { day: DAY, body }),
  ).rejects.toMatchObject({ data: { code: "LIMIT_REACHED" } });

  const notes = await alice.query(api.notes.listForDay, { day: DAY });
  expect(notes).toHaveLength(fits);
  expect(fits).toBeLessThan(LIMITS.notesPerDay);
});

test("growing a note's body past the day's budget is rejected and nothing changes", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const body = WIDE.repeat(LIMITS.noteBody);
  const fits = Math.floor(LIMITS.noteBytesPerDay / textBytes(body));
  for (let i = 0; i < fits; i++) {
    await alice.mutation(api.notes.create, { day: DAY, body });
  }
  const small = await alice.mutation(api.notes.create, { day: DAY, body: "" });
  const before = await alice.query(api.days.get, { day: DAY });

  await expect(
    alice.mutation(api.notes.update, { id: small, baseVersion: 0, body }),
  ).rejects.toMatchObject({ data: { code: "LIMIT_REACHED" } });
  expect(await alice.query(api.days.get, { day: DAY })).toEqual(before);
  const notes = await alice.query(api.notes.listForDay, { day: DAY });
  expect(notes.find((note) => note._id === small)?.body).toBe("");
});

test("a day's todos stop at their byte budget before reads could exceed Convex's limit", async () => {
  const t = newBackend();
  const alice = t.withIdentity(ALICE);
  const line = WIDE.repeat(LIMITS.todoText);
  const perPaste = LIMITS.listItems;
  const fits = Math.floor(LIMITS.todoBytesPerDay / textBytes(line));
  let added = 0;
  while (added + perPaste <= fits) {
    await alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: Array.from({ length: perPaste }, () => line),
    });
    added += perPaste;
  }
  await expect(
    alice.mutation(api.todos.createMany, {
      day: DAY,
      lines: Array.from({ length: fits - added + 1 }, () => line),
    }),
  ).rejects.toMatchObject({ data: { code: "LIMIT_REACHED" } });

  const day = await alice.query(api.days.get, { day: DAY });
  expect(day?.todoBytes).toBe(added * textBytes(line));
  const todos = await alice.query(api.todos.listForDay, { day: DAY });
  expect(todos).toHaveLength(added);
});

test("limit messages state the limits LIMITS sets", () => {
  const full = { ...NO_COUNTS, todoCount: LIMITS.todosPerDay };
  const rejection = (row: DayCounts, delta: Partial<DayCounts>) => {
    try {
      ensureRoom(row, delta);
    } catch (error) {
      return (error as ConvexError<AppErrorData>).data;
    }
    return expect.fail("expected LIMIT_REACHED");
  };
  expect(rejection(full, { todoCount: 1 })).toEqual({
    code: "LIMIT_REACHED",
    message: `A day holds at most ${LIMITS.todosPerDay.toLocaleString("en-US")} todos.`,
  });
  expect(rejection(NO_COUNTS, { noteCount: LIMITS.notesPerDay + 1 })).toEqual({
    code: "LIMIT_REACHED",
    message: `A day holds at most ${LIMITS.notesPerDay.toLocaleString("en-US")} notes.`,
  });
  const mb = (bytes: number) => `at most ${bytes / 1024 ** 2} MB of text.`;
  expect(
    rejection(NO_COUNTS, { todoBytes: LIMITS.todoBytesPerDay + 1 }).message,
  ).toContain(mb(LIMITS.todoBytesPerDay));
  expect(
    rejection(NO_COUNTS, { noteBytes: LIMITS.noteBytesPerDay + 1 }).message,
  ).toContain(mb(LIMITS.noteBytesPerDay));
  // Exactly at a limit is still room.
  expect(() =>
    ensureRoom(NO_COUNTS, { todoCount: LIMITS.todosPerDay }),
  ).not.toThrow();
});
