import { expect, test } from "vitest";
import { safeReturnPath } from "./returnTo";

const origin = "https://daybook.example";

test("returns to a same-origin path with its query and hash", () => {
  expect(safeReturnPath({ returnTo: "/day/2025-01-02?x=1#n" }, origin)).toBe(
    "/day/2025-01-02?x=1#n",
  );
});

test.each([
  ["another site", "https://evil.example/steal"],
  ["a protocol-relative URL", "//evil.example/x"],
  ["a javascript: URL", "javascript:alert(1)"],
  ["the callback itself", "/callback?code=abc"],
  ["a path that dot segments make protocol-relative", "/.//evil.example/x"],
  ["a path that parent segments make protocol-relative", "/a/..//evil.example"],
  ["a backslash path", "/\\evil.example/x"],
  ["a dot-segment backslash path", "/./\\evil.example/x"],
  ["an encoded-dot path", "/%2e//evil.example/x"],
])("never returns to %s", (_name, returnTo) => {
  expect(safeReturnPath({ returnTo }, origin)).toBe("/");
});

test.each([[null], [undefined], ["/day"], [{ returnTo: 42 }]])(
  "falls back to / for state %j",
  (state) => {
    expect(safeReturnPath(state, origin)).toBe("/");
  },
);

test.each([
  "/.//evil.example/x",
  "/a/..//evil.example",
  "/./\\evil.example",
  "/%2e//evil.example",
  "////evil.example",
])("the path returned for %s is never protocol-relative", (returnTo) => {
  const path = safeReturnPath({ returnTo }, origin);
  expect(path).toMatch(/^\/(?![/\\])/);
  expect(new URL(path, origin).origin).toBe(origin);
});
