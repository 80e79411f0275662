import {
  Fragment,
  memo,
  useState,
  type ComponentPropsWithRef,
  type ReactNode,
} from "react";

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

/** A run as rendered: its rows' keys and their items, in order. */
type Run<Item> = Chunk & { members: readonly Item[] };

const sameEntries = <T,>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((entry, index) => entry === b[index]);

/** Whether `runs` hold exactly `keys`, in order. */
function sameRows(runs: readonly Chunk[], keys: readonly string[]) {
  let index = 0;
  for (const { rows } of runs) {
    for (const row of rows) {
      if (row !== keys[index]) return false;
      index += 1;
    }
  }
  return index === keys.length;
}

/**
 * The list in runs, kept across renders: `chunkRows` when the rows change,
 * and each run the same object while its rows and their items are the
 * same, so React re-renders only the runs a change touches (a run is
 * memoised), never every row of the day.
 */
function useRuns<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
): Run<Item>[] {
  const [memory, setMemory] = useState<{
    items: readonly Item[];
    runs: Run<Item>[];
  } | null>(null);
  if (memory?.items === items) return memory.runs;
  const keys = items.map(keyOf);
  const before = memory?.runs ?? [];
  // The same rows in the same order (only items changed): the same runs.
  const chunks = sameRows(before, keys) ? before : chunkRows(keys, before);
  const previous = new Map(before.map((run) => [run.key, run]));
  // Runs partition the rows in order: a run's items are the next ones.
  const starts: number[] = [];
  chunks.reduce((start, { rows }) => {
    starts.push(start);
    return start + rows.length;
  }, 0);
  const runs = chunks.map(({ key, rows }, index) => {
    const members = items.slice(starts[index], starts[index]! + rows.length);
    const last = previous.get(key);
    return last &&
      sameEntries(last.rows, rows) &&
      sameEntries(last.members, members)
      ? last
      : { key, rows, members };
  });
  // React's "adjusting state while rendering": derived from the last run.
  setMemory({ items, runs });
  return runs;
}

/**
 * The run `li`s: rendered only near the screen, and always while a menu
 * inside is open (it is positioned against the page, and paint containment
 * would clip it) or, mid-drag, while a row inside is picked up or moved
 * (`data-held`, set by RowBindings on those runs only): rows shifting past
 * a run's edge must not be clipped.
 */
const CHUNK_CLASS =
  "[content-visibility:auto] [overflow-clip-margin:4px] has-[[role=menu]]:[content-visibility:visible] data-held:[content-visibility:visible]";

export function ChunkedList<Item>({
  items,
  keyOf,
  renderItem,
  ...listProps
}: {
  items: readonly Item[];
  /** A row's React key. */
  keyOf: (item: Item) => string;
  /**
   * A row: an `li` with `role="listitem"`. Keep it stable (useCallback):
   * a run re-renders when it changes.
   */
  renderItem: (item: Item) => ReactNode;
} & Omit<ComponentPropsWithRef<"ul">, "children">) {
  const runs = useRuns(items, keyOf);
  return (
    <ul role="list" {...listProps}>
      {runs.map(({ key, rows, members }) => (
        <RowRun
          key={key}
          rows={rows}
          members={members}
          renderItem={renderItem}
        />
      ))}
    </ul>
  );
}

/** One run; memoised, so a change elsewhere in the list skips it. */
const RowRun = memo(function RowRun<Item>({
  rows,
  members,
  renderItem,
}: {
  rows: readonly string[];
  members: readonly Item[];
  renderItem: (item: Item) => ReactNode;
}) {
  return (
    <li
      role="none"
      className={CHUNK_CLASS}
      style={{
        containIntrinsicSize: `auto ${rows.length * ESTIMATED_ROW_PX}px`,
      }}
    >
      <ul role="none">
        {members.map((item, index) => (
          <Fragment key={rows[index]}>{renderItem(item)}</Fragment>
        ))}
      </ul>
    </li>
  );
}) as <Item>(props: {
  rows: readonly string[];
  members: readonly Item[];
  renderItem: (item: Item) => ReactNode;
}) => ReactNode;
