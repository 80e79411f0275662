import { ChevronDown, ChevronRight } from "lucide-react";
import { memo, useCallback, useState } from "react";
import { ChunkedList } from "@/components/ui/ChunkedList";
import { useRovingFocus } from "@/components/ui/rovingFocus";
import type { Todo } from "../optimistic";
import { TodoItem } from "./TodoItem";
import type { TodoListProps } from "./TodoList";

/** The day's completed items, collapsible, with their count. Memoised. */
export const DoneSection = memo(function DoneSection({
  todos,
  actions,
  keyOf,
}: TodoListProps) {
  const [open, setOpen] = useState(true);
  // One Tab stop, arrows inside, as the open list.
  const roving = useRovingFocus();
  // Stable, so ChunkedList's runs re-render only when their rows change.
  const renderItem = useCallback(
    (todo: Todo) => <TodoItem todo={todo} actions={actions} />,
    [actions],
  );
  if (todos.length === 0) return null;
  return (
    <section aria-labelledby="done-heading" className="flex flex-col gap-1">
      <h2 id="done-heading" className="text-sm font-semibold">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          className="flex min-h-10 items-center gap-1 rounded-md px-1 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          {open ? (
            <ChevronDown aria-hidden className="size-4" />
          ) : (
            <ChevronRight aria-hidden className="size-4" />
          )}
          Done <span className="font-normal">({todos.length})</span>
        </button>
      </h2>
      {open ? (
        <ChunkedList
          aria-label="Done todos"
          {...roving}
          items={todos}
          keyOf={(todo) => keyOf(todo._id)}
          renderItem={renderItem}
        />
      ) : null}
    </section>
  );
});
