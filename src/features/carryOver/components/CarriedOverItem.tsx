import { memo } from "react";
import { keepFocusOnItem } from "@/components/ui/focus";
import { TodoItem, type Todo, type TodoActions } from "@/features/todos";

/** Undo of a delete puts the todo back at the end of its own day. */
const NO_NEIGHBOURS = () => ({ afterId: null, beforeId: null });

/**
 * A todo left on an earlier day: the usual item (checkbox, text, menu)
 * with "Move to today", whose accessible name says which todo it moves.
 */
export const CarriedOverItem = memo(function CarriedOverItem({
  todo,
  today,
  actions,
}: {
  todo: Todo;
  today: string;
  actions: TodoActions;
}) {
  return (
    <TodoItem
      todo={todo}
      actions={actions}
      neighbours={NO_NEIGHBOURS}
      showDay={
        <button
          type="button"
          tabIndex={-1}
          data-control="move"
          aria-label={`Move to today: ${todo.text}`}
          onClick={(event) => {
            // Focus goes with the todo to today's list.
            keepFocusOnItem(event.currentTarget, {
              idAttribute: "data-todo-id",
              fallback: () => document.getElementById("add-todo"),
            });
            void actions.moveTo(todo, today);
          }}
          className="mb-1 min-h-8 rounded-sm text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          Move to today
        </button>
      }
    />
  );
});
