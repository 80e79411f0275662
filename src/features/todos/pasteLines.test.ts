import { expect, test } from "vitest";
import { LIMITS } from "@convex/lib/limits";
import { pasteOutcome, pastedLines, planPaste } from "./pasteLines";

const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => `Line ${i + 1}`);

test("every pasted line is kept, however many (no cut at 500)", () => {
  expect(pastedLines(lines(1_234).join("\n"))).toHaveLength(1_234);
});

test("lines that fit go in batches of at most 500", () => {
  const { batches, kept } = planPaste(lines(1_234), 0);
  expect(batches.map((batch) => batch.length)).toEqual([500, 500, 234]);
  expect(batches.flat()).toEqual([...Array(1_234).keys()]);
  expect(kept.size).toBe(0);
});

test("lines past the room left in the day are kept, with the day's limit as the reason", () => {
  const { batches, kept } = planPaste(lines(250), LIMITS.todosPerDay - 100);
  expect(batches.flat()).toHaveLength(100);
  expect([...kept.keys()]).toEqual([...Array(150).keys()].map((i) => i + 100));
  expect(pasteOutcome(250, kept.size, [...kept.values()])).toBe(
    "Added 100 of 250 lines. The other 150 were not added: a day holds at most 5,000 todos. They are still in the field.",
  );
});

test("a full day adds none and says so", () => {
  const { batches, kept } = planPaste(lines(3), LIMITS.todosPerDay);
  expect(batches).toEqual([]);
  expect(pasteOutcome(3, kept.size, [...kept.values()])).toBe(
    "None of the 3 lines were added: a day holds at most 5,000 todos. They are still in the field.",
  );
});
