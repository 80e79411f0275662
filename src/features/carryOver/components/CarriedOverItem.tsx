import { memo } from "react";
import { keepFocusOnItem } from "@/components/ui/focus";
import { TodoItem, type Todo, type TodoActions } from "@/features/todos";
import { todoRowOnPage } from "@/lib/revealTodoOnPage";

/** The id of the section's heading, which takes focus when it empties. */
export const CARRY_OVER_HEADING = "carry-over-heading";

/**
 * A todo left on an earlier day: the usual item (checkbox, text, menu)
 * with "Move to today", whose accessible name says which todo it moves.
 * Its menu moves by date, never to the day before or after its old one.
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
      menu="carriedOver"
      showDay={
        <button
          type="button"
          tabIndex={-1}
          data-control="move"
          aria-label={`Move to today: ${todo.text}`}
          onClick={(event) => {
            // Focus stays in the section, for the next todo to move: on
            // its "Move to today" (the previous one after the last), else
            // the section's heading. When the section has gone with its
            // last todo, focus goes with that todo to today's list.
            keepFocusOnItem(event.currentTarget, {
              idAttribute: "data-todo-id",
              within: event.currentTarget.closest("section") ?? undefined,
              fallback: () =>
                document.getElementById(CARRY_OVER_HEADING) ??
                todoRowOnPage(todo._id)?.querySelector<HTMLElement>(
                  '[data-control="text"]',
                ) ??
                document.getElementById("add-todo"),
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
