import { expect, test } from "vitest";
import { mergeText } from "./textMerge";

test("one side changed: the merge is that side", () => {
  expect(mergeText("a\nb", "a\nb", "a\nB")).toEqual({
    text: "a\nB",
    conflict: false,
  });
  expect(mergeText("a\nb", "A\nb", "a\nb")).toEqual({
    text: "A\nb",
    conflict: false,
  });
  expect(mergeText("a", "same", "same")).toEqual({
    text: "same",
    conflict: false,
  });
});

test("changes to different lines merge cleanly", () => {
  expect(
    mergeText(
      "one\ntwo\nthree\nfour",
      "ONE\ntwo\nthree\nfour",
      "one\ntwo\nthree\nFOUR",
    ),
  ).toEqual({ text: "ONE\ntwo\nthree\nFOUR", conflict: false });
});

test("changes to neighbouring lines, or to different words of one line, merge cleanly", () => {
  expect(mergeText("a\nb\nc", "a\nB2\nc", "a\nb\nC2")).toEqual({
    text: "a\nB2\nC2",
    conflict: false,
  });
  expect(mergeText("the cat sat", "the bat sat", "the cat sat down")).toEqual({
    text: "the bat sat down",
    conflict: false,
  });
});

test("both changed the same span: both versions are kept, theirs first, and it is a conflict", () => {
  expect(mergeText("x", "x\nline B", "x\nline A")).toEqual({
    text: "x\nline A\nline B",
    conflict: true,
  });
  const result = mergeText("Buy milk", "Buy oat milk", "Buy soy milk");
  expect(result.conflict).toBe(true);
  expect(result.text).toContain("Buy oat milk");
  expect(result.text).toContain("Buy soy milk");
});

test("a deletion against an edit keeps the edit", () => {
  const result = mergeText("keep\nold line", "keep", "keep\nnew line");
  expect(result.text).toContain("new line");
  expect(result.text.startsWith("keep")).toBe(true);
});

test("single line (a title): words merge, overlapping edits keep both joined by a space", () => {
  expect(
    mergeText("Weekly plan", "Weekly plan draft", "My weekly plan", {
      singleLine: true,
    }),
  ).toEqual({ text: "My weekly plan draft", conflict: false });
  expect(mergeText("Plan", "Plan A", "Plan B", { singleLine: true })).toEqual({
    text: "Plan B Plan A",
    conflict: true,
  });
});
