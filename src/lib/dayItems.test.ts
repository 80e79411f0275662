import { renderHook } from "@testing-library/react";
import { expect, test } from "vitest";
import { useStableItems } from "./dayItems";

type Row = { _id: string; text: string };
const alike = (pending: Row, stored: Row) => pending.text === stored.text;
/** A fresh copy of every row, as each query answer is. */
const answer = (rows: Row[]) => rows.map((row) => ({ ...row }));

test("an answer with the same rows keeps the list and keyOf, so memoised lists skip it; a changed answer gives new ones", () => {
  const rows = [
    { _id: "a", text: "A" },
    { _id: "b", text: "B" },
  ];
  const { result, rerender } = renderHook(
    ({ list }) => useStableItems(list, alike),
    { initialProps: { list: answer(rows) } },
  );
  const first = result.current;

  rerender({ list: answer(rows) });
  expect(result.current.items).toBe(first.items);
  expect(result.current.keyOf).toBe(first.keyOf);

  rerender({ list: answer([...rows, { _id: "c", text: "C" }]) });
  expect(result.current.items).not.toBe(first.items);
  expect(result.current.items?.slice(0, 2)).toEqual(first.items);
  expect(result.current.keyOf).not.toBe(first.keyOf);
  expect(result.current.keyOf("c")).toBe("c");
});
