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
  /*
   * What one account may hold in all (lib/usage). Far above a lifetime of
   * real use (200,000 todos is 20 a day for 27 years; 20,000 days is 55
   * years of days), yet they bound what one account costs to store, back up
   * and export (200 MiB of text is hours of a human's typing a day for
   * decades, and a few minutes' export).
   */
  todosTotal: 200_000,
  notesTotal: 20_000,
  daysTotal: 20_000,
  textBytesTotal: 200 * 1024 * 1024,
  /**
   * Repeating todos running at once (convex/series): every day shown reads
   * them all, so this bounds what showing a day costs.
   */
  activeSeries: 300,
  /** Days ahead one series remembers making an occurrence on. */
  seriesMadeDays: 400,
} as const;

/** How many documents one scheduled batch touches. */
export const BATCH_SIZE = 250;

/** Notes may be up to 100 kB each, so fewer fit in one transaction. */
export const NOTE_BATCH_SIZE = 20;
