import type { OptimisticLocalStore } from "convex/browser";
import { api } from "@convex/_generated/api";
import type { Doc, Id } from "@convex/_generated/dataModel";
import { addDeltas, todoDelta, type DayCounts } from "@convex/lib/daySummary";
import { pendingFields } from "@/lib/dayItems";

/**
 * Local edits applied before the server answers (Convex optimistic updates).
 * Each touches only queries already on screen, and Convex rolls it back when
 * the server's result arrives (or the mutation fails).
 */

export type Todo = Doc<"todos">;
type TodoShape = Pick<Todo, "kind" | "done" | "text">;

/** An item as the server will store it at the end of `list`. */
export function newTodo(
  day: string,
  item: TodoShape & Partial<Pick<Todo, "pinned">>,
  list: readonly Todo[],
): Todo {
  return {
    ...pendingFields<Id<"todos">>(day, list),
    pinned: false,
    ...item,
  };
}

/** A todo before and after a change (null: absent). */
export type TodoChange = [before: TodoShape | null, after: TodoShape | null];

/**
 * Applies what todo changes do to their day's summary wherever the summary
 * is on screen, with the backend's own arithmetic (convex/lib/daySummary.ts).
 */
export function adjustDaySummary(
  store: OptimisticLocalStore,
  day: string,
  changes: TodoChange[],
) {
  const delta = changes.reduce<Partial<DayCounts>>(
    (sum, [before, after]) => addDeltas(sum, todoDelta(before, after)),
    {},
  );
  const apply = (row: Doc<"days">): Doc<"days"> => {
    const next = { ...row };
    for (const key of Object.keys(delta) as (keyof DayCounts)[]) {
      next[key] = Math.max(0, next[key] + (delta[key] ?? 0));
    }
    return next;
  };
  const row = store.getQuery(api.days.get, { day });
  if (row) store.setQuery(api.days.get, { day }, apply(row));
  for (const { args, value } of store.getAllQueries(api.days.list)) {
    if (!value || !value.page.some((r) => r.day === day)) continue;
    store.setQuery(api.days.list, args, {
      ...value,
      page: value.page.map((r) => (r.day === day ? apply(r) : r)),
    });
  }
}

/** The loaded copy of a todo, from its day or the pinned list. */
export function findTodo(
  store: OptimisticLocalStore,
  id: Id<"todos">,
): Todo | undefined {
  for (const { value } of store.getAllQueries(api.todos.listForDay)) {
    const found = value?.find((todo) => todo._id === id);
    if (found) return found;
  }
  for (const { value } of store.getAllQueries(api.todos.listPinned)) {
    const found = value?.page.find((todo) => todo._id === id);
    if (found) return found;
  }
  for (const { value } of store.getAllQueries(api.carryOver.list)) {
    for (const group of value?.days ?? []) {
      const found = group.todos.find((todo) => todo._id === id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Rewrites one todo in every loaded list: `change` returns the new item, or
 * null to take it out.
 */
export function updateTodoEverywhere(
  store: OptimisticLocalStore,
  id: Id<"todos">,
  change: (todo: Todo) => Todo | null,
) {
  // One copy of the list with the one entry replaced: a day may hold
  // thousands, and this runs on every tick, pin and edit.
  const rewrite = (list: Todo[]) => {
    const index = list.findIndex((todo) => todo._id === id);
    if (index < 0) return list;
    const next = change(list[index]!);
    const copy = list.slice();
    if (next) copy[index] = next;
    else copy.splice(index, 1);
    return copy;
  };
  for (const { args, value } of store.getAllQueries(api.todos.listForDay)) {
    const rewritten = value && rewrite(value);
    if (rewritten && rewritten !== value) {
      store.setQuery(api.todos.listForDay, args, rewritten);
    }
  }
  for (const { args, value } of store.getAllQueries(api.todos.listPinned)) {
    if (value?.page.some((todo) => todo._id === id)) {
      store.setQuery(api.todos.listPinned, args, {
        ...value,
        page: rewrite(value.page).filter((todo) => todo.pinned),
      });
    }
  }
  // "From earlier days" holds open todos of their own (earlier) day only:
  // a todo completed, deleted or moved leaves it.
  for (const { args, value } of store.getAllQueries(api.carryOver.list)) {
    const held = value?.days.some((group) =>
      group.todos.some((todo) => todo._id === id),
    );
    if (!value || !held) continue;
    const days = value.days
      .map((group) => ({
        ...group,
        todos: rewrite(group.todos).filter(
          (todo) =>
            !todo.done && todo.kind === "todo" && todo.day === group.day,
        ),
      }))
      .filter((group) => group.todos.length > 0);
    const shown = (groups: typeof days) =>
      groups.reduce((sum, group) => sum + group.todos.length, 0);
    const left = shown(value.days) - shown(days);
    store.setQuery(api.carryOver.list, args, {
      ...value,
      days,
      count: value.countCapped ? value.count : value.count - left,
    });
  }
}

/** Rewrites a whole day's loaded list. */
export function updateDayList(
  store: OptimisticLocalStore,
  day: string,
  change: (todos: Todo[]) => readonly Todo[],
) {
  const list = store.getQuery(api.todos.listForDay, { day });
  if (list) store.setQuery(api.todos.listForDay, { day }, [...change(list)]);
}
