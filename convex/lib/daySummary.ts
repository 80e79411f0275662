import type { Doc } from "../_generated/dataModel";

/*
 * The arithmetic of a day's summary row. The backend keeps the rows with it
 * and the frontend predicts them with it (optimistic updates), so this
 * module imports types only: nothing here may pull server code into the
 * browser bundle.
 */

export type DayCounts = Pick<
  Doc<"days">,
  | "todoCount"
  | "openCount"
  | "doneCount"
  | "todoBytes"
  | "noteCount"
  | "noteBytes"
>;

/** What a change adds to each count of a day (negative when it shrinks). */
export type DayDelta = Partial<DayCounts>;

export const NO_COUNTS: DayCounts = {
  todoCount: 0,
  openCount: 0,
  doneCount: 0,
  todoBytes: 0,
  noteCount: 0,
  noteBytes: 0,
};

const encoder = new TextEncoder();

/** Convex limits reads in bytes, and one character can take up to 3. */
export function textBytes(...texts: string[]): number {
  return texts.reduce((sum, text) => sum + encoder.encode(text).length, 0);
}

export type TodoShape = Pick<Doc<"todos">, "kind" | "done" | "text">;
export type NoteShape = Pick<Doc<"notes">, "title" | "body">;

export type TodoCounts = Pick<
  DayCounts,
  "todoCount" | "openCount" | "doneCount" | "todoBytes"
>;
export type NoteCounts = Pick<DayCounts, "noteCount" | "noteBytes">;

/** What one todo adds to its day; headings are neither open nor done. */
export function todoCounts(todo: TodoShape): TodoCounts {
  const checkable = todo.kind === "todo";
  return {
    todoCount: 1,
    openCount: checkable && !todo.done ? 1 : 0,
    doneCount: checkable && todo.done ? 1 : 0,
    todoBytes: textBytes(todo.text),
  };
}

/** What one note adds to its day. */
export function noteCounts(note: NoteShape): NoteCounts {
  return { noteCount: 1, noteBytes: textBytes(note.title, note.body) };
}

function difference<C extends DayDelta>(before: C, after: C): DayDelta {
  const delta: DayDelta = {};
  for (const key of Object.keys(after) as (keyof DayCounts)[]) {
    delta[key] = (after[key] ?? 0) - (before[key] ?? 0);
  }
  return delta;
}

/** The change to a day's summary when `before` becomes `after` (null = absent). */
export function todoDelta(
  before: TodoShape | null,
  after: TodoShape | null,
): DayDelta {
  const none = { todoCount: 0, openCount: 0, doneCount: 0, todoBytes: 0 };
  return difference(
    before ? todoCounts(before) : none,
    after ? todoCounts(after) : none,
  );
}

export function noteDelta(
  before: NoteShape | null,
  after: NoteShape | null,
): DayDelta {
  const none = { noteCount: 0, noteBytes: 0 };
  return difference(
    before ? noteCounts(before) : none,
    after ? noteCounts(after) : none,
  );
}

export function addDeltas(total: DayDelta, delta: DayDelta): DayDelta {
  const sum = { ...total };
  for (const key of Object.keys(delta) as (keyof DayCounts)[]) {
    sum[key] = (sum[key] ?? 0) + (delta[key] ?? 0);
  }
  return sum;
}

export function isNoChange(delta: DayDelta): boolean {
  return Object.values(delta).every((change) => !change);
}
