import { expect, test } from "vitest";
import { moveCharsetFirst } from "./charsetFirst";

test("<meta charset> goes back to the start of <head>, once", () => {
  const html = [
    "<!doctype html>",
    '<html lang="en">',
    "  <head>",
    "    <script>/* a long inline script */</script>",
    '    <meta charset="UTF-8" />',
    "    <title>Daybook</title>",
    "  </head>",
  ].join("\n");
  const moved = moveCharsetFirst(html);
  expect(moved.indexOf('<meta charset="UTF-8" />')).toBeLessThan(
    moved.indexOf("<script>"),
  );
  expect(moved.match(/<meta charset/g)).toHaveLength(1);
  expect(moved).toContain("<title>Daybook</title>");
});

test("a page without <meta charset> fails the build", () => {
  expect(() => moveCharsetFirst("<html><head></head></html>")).toThrow(
    /no <meta charset>/,
  );
});
