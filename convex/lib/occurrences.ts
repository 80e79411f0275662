import type { Id } from "../_generated/dataModel";

/*
 * For carry-over ("From earlier days"): a series left undone on several
 * days shows once, at its latest unfinished occurrence, not once per day.
 * Pure, for the carry-over query to apply to the open todos it read.
 */

/**
 * `todos` (open, newest day first) with every occurrence of a series after
 * its first, i.e. its older unfinished ones, left out. Todos that do not
 * repeat all stay, in order.
 */
export function latestOccurrencesOnly<T extends { seriesId?: Id<"series"> }>(
  todos: T[],
): T[] {
  const seen = new Set<Id<"series">>();
  return todos.filter((todo) => {
    if (todo.seriesId === undefined) return true;
    if (seen.has(todo.seriesId)) return false;
    seen.add(todo.seriesId);
    return true;
  });
}
