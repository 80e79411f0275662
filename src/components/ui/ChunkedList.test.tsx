import { render, screen } from "@testing-library/react";
import { expect, test } from "vitest";
import { ChunkedList, CHUNK_SIZE, chunkRows } from "./ChunkedList";

const rows = (count: number, prefix = "r") =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

/** Which run each row is in, by run key. */
const runOf = (chunks: ReturnType<typeof chunkRows>) =>
  new Map(chunks.flatMap(({ key, rows }) => rows.map((row) => [row, key])));

test("a new list is cut into runs of CHUNK_SIZE, in order", () => {
  const chunks = chunkRows(rows(CHUNK_SIZE * 2 + 3), []);
  expect(chunks.map(({ rows }) => rows.length)).toEqual([
    CHUNK_SIZE,
    CHUNK_SIZE,
    3,
  ]);
  expect(chunks.flatMap(({ rows }) => rows)).toEqual(rows(CHUNK_SIZE * 2 + 3));
});

test("removing, adding or moving a row leaves every other row in its run", () => {
  const first = chunkRows(rows(100), []);
  const before = runOf(first);

  const removed = rows(100).filter((row) => row !== "r30" && row !== "r50");
  const afterRemove = chunkRows(removed, first);
  for (const row of removed)
    expect(runOf(afterRemove).get(row)).toBe(before.get(row));

  const added = [...removed, "new1", "new2"];
  const afterAdd = chunkRows(added, afterRemove);
  for (const row of removed)
    expect(runOf(afterAdd).get(row)).toBe(before.get(row));
  expect(afterAdd.flatMap(({ rows }) => rows)).toEqual(added);

  // r60 (second row of its run) moved to the top, and r75 (the first row of
  // its run) moved into the middle of another.
  const moved = added.filter((row) => row !== "r60" && row !== "r75");
  moved.splice(0, 0, "r60");
  moved.splice(moved.indexOf("r10"), 0, "r75");
  const afterMove = chunkRows(moved, afterAdd);
  expect(afterMove.flatMap(({ rows }) => rows)).toEqual(moved);
  for (const row of moved) {
    if (row === "r60" || row === "r75" || row.startsWith("new")) continue;
    expect(runOf(afterMove).get(row)).toBe(before.get(row));
  }
});

test("a change to one item re-renders only the run it is in, and adding a row only the run it joins", () => {
  type Item = { id: string; text: string };
  const make = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      id: `r${index}`,
      text: `Row ${index}`,
    }));
  const rendered: string[] = [];
  const renderItem = (item: Item) => {
    rendered.push(item.id);
    return <li role="listitem">{item.text}</li>;
  };
  const keyOf = (item: Item) => item.id;
  const list = (items: Item[]) => (
    <ChunkedList
      aria-label="Rows"
      items={items}
      keyOf={keyOf}
      renderItem={renderItem}
    />
  );
  const first = make(CHUNK_SIZE * 4);
  const { rerender } = render(list(first));
  expect(rendered).toHaveLength(CHUNK_SIZE * 4);

  rendered.length = 0;
  const changed = first.map((item) =>
    item.id === "r30" ? { ...item, text: "Row 30, changed" } : item,
  );
  rerender(list(changed));
  expect(screen.getByText("Row 30, changed")).toBeInTheDocument();
  // Only the second run (r25 to r49) rendered again.
  expect(rendered).toEqual(
    changed.slice(CHUNK_SIZE, CHUNK_SIZE * 2).map(keyOf),
  );

  rendered.length = 0;
  const added = [...changed, { id: "new", text: "New row" }];
  rerender(list(added));
  expect(screen.getAllByRole("listitem")).toHaveLength(CHUNK_SIZE * 4 + 1);
  expect(rendered).toContain("new");
  expect(rendered.length).toBeLessThanOrEqual(CHUNK_SIZE + 1);
});
