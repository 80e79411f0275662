import type { Doc } from "../../../convex/_generated/dataModel";

/** How a todo counts in its day's summary (as convex/lib/days.ts counts it). */
export function todoCounts(todo: Pick<Doc<"todos">, "kind" | "done">) {
  const checkable = todo.kind === "todo";
  return {
    open: checkable && !todo.done ? 1 : 0,
    done: checkable && todo.done ? 1 : 0,
    all: 1,
  };
}
