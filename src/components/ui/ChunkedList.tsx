import { useState, type ComponentPropsWithRef, type ReactNode } from "react";

/**
 * A long list whose rows are grouped in runs of about CHUNK_SIZE, each run
 * `content-visibility: auto`: runs off screen are laid out at an estimated
 * size and not rendered, yet stay in the page for find-in-page, screen
 * readers and Tab. Per run, not per row: the browser checks every
 * `content-visibility: auto` element against the screen on every frame of
 * a scroll, which on a day of thousands of rows took most of each frame.
 *
 * A run is an `li` holding a `ul`, both with role "none", so assistive
 * tech sees one list of rows; rows therefore say `role="listitem"`
 * themselves (an `li` in a role-less `ul` would lose its role). The outer
 * `ul` says `role="list"` outright: its children are runs, not list items,
 * which a plain `ul` may not hold (axe: `list`).
 *
 * Rows stay in their run as the list changes (a run is keyed, and a row
 * leaves it only when moved), so adding, ticking or deleting a row never
 * remounts the others; new rows join the run they land in.
 */
export const CHUNK_SIZE = 25;

/** A row's height before it is first rendered (a one-line row). */
const ESTIMATED_ROW_PX = 40;

type Chunk = { key: string; rows: string[] };

let chunkCount = 0;
const newChunkKey = () => `chunk-${(chunkCount += 1)}`;

/**
 * `rows` (row keys in order) in runs, keeping each row in the run it was
 * in: a run starts where its first remaining row sits among rows of the
 * same run; a row moved away from its run, or new, joins the run it lands
 * in (a new run once that one is full).
 */
export function chunkRows(
  rows: readonly string[],
  before: readonly Chunk[],
): Chunk[] {
  const runOf = new Map<string, string>();
  const runSize = new Map<string, number>();
  for (const { key, rows: members } of before) {
    runSize.set(key, members.length);
    for (const row of members) runOf.set(row, key);
  }
  const limit = before.length === 0 ? CHUNK_SIZE : 2 * CHUNK_SIZE;
  const chunks: Chunk[] = [];
  const started = new Set<string>();
  let current: Chunk | undefined;
  rows.forEach((row, index) => {
    const run = runOf.get(row);
    if (run !== undefined && run === current?.key) {
      current.rows.push(row);
      return;
    }
    const next = rows[index + 1];
    const startsItsRun =
      run !== undefined &&
      !started.has(run) &&
      (runSize.get(run) === 1 || next === undefined || runOf.get(next) === run);
    if (startsItsRun) {
      started.add(run);
      current = { key: run, rows: [row] };
      chunks.push(current);
    } else if (current && current.rows.length < limit) {
      current.rows.push(row);
    } else {
      current = { key: newChunkKey(), rows: [row] };
      chunks.push(current);
    }
  });
  return chunks;
}

/** `chunkRows` kept across renders, recomputed when the rows change. */
function useChunks(rows: readonly string[]): Chunk[] {
  const [memory, setMemory] = useState<{
    rows: readonly string[];
    chunks: Chunk[];
  }>(() => ({ rows, chunks: chunkRows(rows, []) }));
  if (memory.rows === rows) return memory.chunks;
  // React's "adjusting state while rendering": derived from the last run.
  const chunks = chunkRows(rows, memory.chunks);
  setMemory({ rows, chunks });
  return chunks;
}

/**
 * The run `li`s: rendered only near the screen, and always while a menu
 * inside is open (it is positioned against the page, and paint containment
 * would clip it) or a row inside is being dragged (`aria-pressed` on its
 * handle), or, mid-drag, while the run is near (`data-near`, set by
 * RowBindings): rows shifting past a run's edge must not be clipped.
 */
const CHUNK_CLASS =
  "[content-visibility:auto] [overflow-clip-margin:4px] has-[[role=menu]]:[content-visibility:visible] has-[[aria-pressed=true]]:[content-visibility:visible] in-data-dragging:data-near:[content-visibility:visible]";

export function ChunkedList<Item>({
  items,
  keyOf,
  renderItem,
  ...listProps
}: {
  items: readonly Item[];
  /** A row's React key. */
  keyOf: (item: Item) => string;
  /** A row: an `li` with `role="listitem"`, keyed by its caller. */
  renderItem: (item: Item) => ReactNode;
} & Omit<ComponentPropsWithRef<"ul">, "children">) {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const [keys] = useKeys(items, keyOf);
  const chunks = useChunks(keys);
  return (
    <ul role="list" {...listProps}>
      {chunks.map(({ key, rows }) => (
        <li
          key={key}
          role="none"
          className={CHUNK_CLASS}
          style={{
            containIntrinsicSize: `auto ${rows.length * ESTIMATED_ROW_PX}px`,
          }}
        >
          <ul role="none">{rows.map((row) => renderItem(byKey.get(row)!))}</ul>
        </li>
      ))}
    </ul>
  );
}

/** The rows' keys, the same array while they and their order are the same. */
function useKeys<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
): [readonly string[]] {
  const keys = items.map(keyOf);
  const [memory, setMemory] = useState<readonly string[]>(keys);
  const same =
    memory.length === keys.length &&
    memory.every((key, index) => key === keys[index]);
  if (same) return [memory];
  setMemory(keys);
  return [keys];
}
