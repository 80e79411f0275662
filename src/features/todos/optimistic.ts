import type { OptimisticLocalStore } from "convex/browser";
import { api } from "../../../convex/_generated/api";
import type { Doc, Id } from "../../../convex/_generated/dataModel";
import { todoCounts } from "./counts";

/**
 * Local edits applied before the server answers (Convex optimistic updates).
 * Each touches only queries already on screen, and Convex rolls it back when
 * the server's result arrives (or the mutation fails).
 */

export type Todo = Doc<"todos">;

const OPTIMISTIC_PREFIX = "optimistic:";

export function optimisticId(): Id<"todos"> {
  return `${OPTIMISTIC_PREFIX}${Math.random().toString(36).slice(2)}` as Id<"todos">;
}

/** An item shown before the server has stored it (not yet actionable). */
export function isPendingTodo(todo: Pick<Todo, "_id">): boolean {
  return todo._id.startsWith(OPTIMISTIC_PREFIX);
}

export function newTodo(
  day: string,
  item: Pick<Todo, "text" | "kind" | "done">,
  order: string,
): Todo {
  return {
    _id: optimisticId(),
    _creationTime: Date.now(),
    userId: "",
    day,
    pinned: false,
    order,
    ...item,
  };
}

type DayDelta = Partial<
  Pick<Doc<"days">, "openCount" | "doneCount" | "todoCount">
>;

/** Adjusts a day's counts wherever the day's summary is on screen. */
export function adjustDayCounts(
  store: OptimisticLocalStore,
  day: string,
  delta: DayDelta,
) {
  const apply = (row: Doc<"days">): Doc<"days"> => ({
    ...row,
    openCount: Math.max(0, row.openCount + (delta.openCount ?? 0)),
    doneCount: Math.max(0, row.doneCount + (delta.doneCount ?? 0)),
    todoCount: Math.max(0, row.todoCount + (delta.todoCount ?? 0)),
  });
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

/** The count change when `before` becomes `after` (null = absent). */
export function countDelta(
  before: Pick<Todo, "kind" | "done"> | null,
  after: Pick<Todo, "kind" | "done"> | null,
): DayDelta {
  const b = before ? todoCounts(before) : { open: 0, done: 0, all: 0 };
  const a = after ? todoCounts(after) : { open: 0, done: 0, all: 0 };
  return {
    openCount: a.open - b.open,
    doneCount: a.done - b.done,
    todoCount: a.all - b.all,
  };
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
  const rewrite = (list: Todo[]) =>
    list.flatMap((todo) => {
      if (todo._id !== id) return [todo];
      const next = change(todo);
      return next ? [next] : [];
    });
  for (const { args, value } of store.getAllQueries(api.todos.listForDay)) {
    if (value?.some((todo) => todo._id === id)) {
      store.setQuery(api.todos.listForDay, args, rewrite(value));
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
}

/** Rewrites a whole day's loaded list. */
export function updateDayList(
  store: OptimisticLocalStore,
  day: string,
  change: (todos: Todo[]) => Todo[],
) {
  const list = store.getQuery(api.todos.listForDay, { day });
  if (list) store.setQuery(api.todos.listForDay, { day }, change(list));
}

/** An order key that sorts after `order` (display only, never stored). */
export function orderAfter(list: Todo[]): string {
  const last = list[list.length - 1];
  return `${last?.order ?? "a0"}~`;
}
