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
])("never returns to %s", (_name, returnTo) => {
  expect(safeReturnPath({ returnTo }, origin)).toBe("/");
});

test.each([[null], [undefined], ["/day"], [{ returnTo: 42 }]])(
  "falls back to / for state %j",
  (state) => {
    expect(safeReturnPath(state, origin)).toBe("/");
  },
);
