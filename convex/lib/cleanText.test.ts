import { describe, expect, test } from "vitest";
import {
  findForbiddenCharacter,
  isBlankText,
  normalizeText,
  replaceForbiddenCharacters,
} from "./cleanText";

describe("normalizeText", () => {
  test("composes to NFC", () => {
    const decomposed = "Cafe\u0301";
    expect(normalizeText(decomposed)).toBe("Caf\u00e9");
  });

  test("turns \\r\\n and a lone \\r into \\n", () => {
    expect(normalizeText("a\r\nb\rc\n")).toBe("a\nb\nc\n");
  });

  test("leaves a lone surrogate for findForbiddenCharacter", () => {
    expect(normalizeText("a\ud800b")).toBe("a\ud800b");
  });
});

describe("findForbiddenCharacter", () => {
  test("allows tab, newline, carriage return and ordinary text", () => {
    expect(findForbiddenCharacter("a\tb\nc\r\nd é 😀 עברית")).toBeNull();
  });

  test.each([
    ["NUL", "ab\u0000", 2, 0x00],
    ["bell", "\u0007", 0, 0x07],
    ["escape", "x\u001b[31m", 1, 0x1b],
    ["DEL", "\u007f", 0, 0x7f],
    ["a C1 control", "a\u0085", 1, 0x85],
    ["a lone high surrogate", "ok\ud83d!", 2, 0xd83d],
    ["a lone low surrogate", "\ude00", 0, 0xde00],
  ])("finds %s", (_name, text, index, codePoint) => {
    expect(findForbiddenCharacter(text)).toEqual({ index, codePoint });
  });

  test("a surrogate pair is one character, not two lone ones", () => {
    expect(findForbiddenCharacter("\ud83d\ude00")).toBeNull();
  });
});

describe("replaceForbiddenCharacters", () => {
  test("turns control characters into spaces and lone surrogates into U+FFFD", () => {
    expect(replaceForbiddenCharacters("a\u0007b\u0000c\u007f\u0085")).toBe(
      "a b c  ",
    );
    expect(replaceForbiddenCharacters("ok\ud83d!\ude00")).toBe(
      "ok\ufffd!\ufffd",
    );
  });

  test("leaves tab, line ends, surrogate pairs and ordinary text alone", () => {
    const text = "a\tb\nc\r\nd é 😀 עברית";
    expect(replaceForbiddenCharacters(text)).toBe(text);
  });

  test("leaves nothing findForbiddenCharacter would find", () => {
    const text = "\u0001x\ud800\u001by\udfff\u009f";
    expect(findForbiddenCharacter(replaceForbiddenCharacters(text))).toBeNull();
  });
});

describe("isBlankText", () => {
  test.each([
    ["empty", ""],
    ["spaces and line ends", " \n\t "],
    ["zero-width space and joiner", "\u200b\u200d"],
    ["a right-to-left override", "\u202e"],
    ["a byte order mark and a no-break space", "\ufeff\u00a0"],
    ["a Hangul filler", "\u3164"],
    ["a blank braille pattern", "\u2800"],
    ["a variation selector", "\ufe0f"],
  ])("%s is blank", (_name, text) => {
    expect(isBlankText(text)).toBe(true);
  });

  test.each([
    ["a letter", "a"],
    ["a letter among invisible characters", "\u200b a \u202e"],
    ["an emoji", "😀"],
    ["a dot", "."],
  ])("%s is not blank", (_name, text) => {
    expect(isBlankText(text)).toBe(false);
  });
});
