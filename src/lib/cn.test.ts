import { expect, it } from "vitest";
import { cn } from "./cn";

it("joins the class names that are set, in order", () => {
  const done = false;
  expect(cn("row", done && "line-through", undefined, null, "", "mt-3")).toBe(
    "row mt-3",
  );
  expect(cn()).toBe("");
});
