import { expect, test } from "vitest";
import { shorten } from "./text";

test("shorten keeps short text and cuts long text to max with an ellipsis", () => {
  expect(shorten("Call Alice", 40)).toBe("Call Alice");
  expect(shorten("abcdefghij", 5)).toBe("abcd…");
});

test("shorten never cuts a surrogate pair or a grapheme in half", () => {
  // "abc" then an emoji (two UTF-16 units) straddling the cut.
  expect(shorten("abc😀def", 5)).toBe("abc…");
  // A family emoji (several code points joined) stays whole or goes whole.
  const family = "👨‍👩‍👧";
  expect(shorten(`a${family}bcdefghijklmno`, 6)).toBe("a…");
  // An accent written as a combining mark stays with its letter.
  expect(shorten("abce\u0301fgh", 5)).toBe("abc…");
  for (const cut of [shorten("😀😀😀😀😀", 4), shorten("😀😀😀😀😀", 5)]) {
    expect(cut).not.toMatch(/\p{Cs}/u);
  }
});
