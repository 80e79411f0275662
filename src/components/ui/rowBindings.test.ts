import { expect, test } from "vitest";
import { RowBindings } from "./rowBindings";

/** A ChunkedList's shape: the list, its runs, each a `ul` of rows. */
function chunkedList(runs: number, rowsPerRun: number) {
  const list = document.createElement("ul");
  const rows: HTMLLIElement[][] = [];
  for (let run = 0; run < runs; run += 1) {
    const runElement = document.createElement("li");
    const inner = document.createElement("ul");
    runElement.append(inner);
    list.append(runElement);
    rows.push(
      Array.from({ length: rowsPerRun }, () =>
        inner.appendChild(document.createElement("li")),
      ),
    );
  }
  return { list, runs: [...list.children], rows };
}

const heldRuns = (runs: Element[]) =>
  runs.map((run) => run.hasAttribute("data-held"));

test("mid-drag, only the runs of the picked-up and moved rows are held, and the drop releases them", () => {
  const { list, runs, rows } = chunkedList(4, 3);
  const bindings = new RowBindings({}, true);
  bindings.watchList(list);

  bindings.holdRunOf(rows[2]![0]!);
  expect(heldRuns(runs)).toEqual([false, false, false, false]);

  bindings.setDragging(true, rows[1]![1]);
  expect(list.hasAttribute("data-dragging")).toBe(true);
  expect(heldRuns(runs)).toEqual([false, true, false, false]);

  bindings.holdRunOf(rows[2]![0]!);
  bindings.holdRunOf(rows[2]![2]!);
  expect(heldRuns(runs)).toEqual([false, true, true, false]);

  bindings.setDragging(false);
  expect(list.hasAttribute("data-dragging")).toBe(false);
  expect(heldRuns(runs)).toEqual([false, false, false, false]);
});

test("a plain list has no runs to hold", () => {
  const list = document.createElement("ul");
  const row = list.appendChild(document.createElement("li"));
  const bindings = new RowBindings({}, false);
  bindings.watchList(list);
  bindings.setDragging(true, row);
  bindings.holdRunOf(row);
  expect(row.hasAttribute("data-held")).toBe(false);
});
