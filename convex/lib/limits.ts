/** Bounds on everything a client can send or make the backend hold. */
export const LIMITS = {
  todoText: 2_000,
  noteTitle: 200,
  noteBody: 100_000,
  dayLabel: 100,
  searchText: 200,
  listItems: 500,
  profileText: 200,
  profileUrl: 2_048,
  /** Keeps one day's view far below Convex's per-transaction read limits. */
  todosPerDay: 5_000,
  notesPerDay: 100,
  todoBytesPerDay: 4 * 1024 * 1024,
  noteBytesPerDay: 8 * 1024 * 1024,
} as const;

/** How many documents one scheduled batch touches. */
export const BATCH_SIZE = 250;

/** Notes may be up to 100 kB each, so fewer fit in one transaction. */
export const NOTE_BATCH_SIZE = 20;
