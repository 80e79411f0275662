import {
  ArrowLeft,
  ArrowRight,
  CalendarClock,
  CalendarDays,
  ListX,
  Pin,
  PinOff,
  Repeat,
  Trash2,
} from "lucide-react";
import { memo, Suspense, useState } from "react";
import { IconButton } from "@/components/ui/Button";
import { useConfirm } from "@/components/ui/confirm";
import { Menu } from "@/components/ui/Menu";
import { usePickDate } from "@/components/ui/pickDate";
import { dayWithinRange, shiftDay } from "@/lib/dates";
import { useToday } from "@/lib/useToday";
import type { Todo } from "../optimistic";
import type { TodoActions } from "../useTodoActions";
import { keepFocusOnTodo } from "./keepFocusOnTodo";
import { isolate } from "@/components/ui/UserText";
import { RepeatTodoDialog } from "@/features/repeat";

/**
 * Where the menu's item is shown: on its own day ("day", also the Pinned
 * view), or in "From earlier days" on today ("carriedOver"), where a move
 * to the day before or after its old day would be a puzzle: there it moves
 * to tomorrow or to a date (the picker opening on today), never by a day.
 */
export type TodoMenuVariant = "day" | "carriedOver";

/**
 * Pin, repeat, move and delete for one item (also used by the Pinned view).
 * Memoised (stable props): a row's own re-render, e.g. opening its editor,
 * does not rebuild its menu.
 */
export const TodoMenu = memo(function TodoMenu({
  todo,
  actions,
  disabled,
  variant = "day",
}: {
  todo: Todo;
  actions: TodoActions;
  disabled?: boolean;
  variant?: TodoMenuVariant;
}) {
  const confirm = useConfirm();
  const pickDate = usePickDate();
  // The "Repeat" dialog, open: where focus goes back when it closes.
  const [repeatFrom, setRepeatFrom] = useState<HTMLElement | null | false>(
    false,
  );
  const today = useToday();
  const tomorrow = shiftDay(today, 1);
  const byDay = variant === "day";

  /**
   * Moves the todo; focus goes to its neighbour. `origin` is the control
   * focus was on when the move was chosen (the menu's button).
   */
  const moveTo = (day: string, origin = document.activeElement) => {
    keepFocusOnTodo(origin);
    void actions.moveTo(todo, day);
  };
  const previousDay = dayWithinRange(todo.day, -1);
  const nextDay = dayWithinRange(todo.day, 1);

  const menu = (
    <Menu
      trigger={(props) => (
        <IconButton
          {...props}
          // In the list, Up/Down move between rows (Enter or Space opens).
          onKeyDown={undefined}
          tabIndex={-1}
          data-control="menu"
          label={`More actions for ${todo.text}`}
          size="sm"
          disabled={disabled}
          // Drawn by CSS (icons.css): no SVG elements in every row.
          className="icon icon-more"
          icon={null}
        />
      )}
      entries={[
        {
          type: "item",
          label: todo.pinned ? "Unpin" : "Pin",
          icon: todo.pinned ? (
            <PinOff className="size-4" />
          ) : (
            <Pin className="size-4" />
          ),
          onSelect: () => void actions.setPinned(todo, !todo.pinned),
        },
        todo.kind === "todo" && {
          type: "item",
          label: "Repeat…",
          icon: <Repeat className="size-4" />,
          onSelect: () => {
            const origin = document.activeElement;
            setRepeatFrom(origin instanceof HTMLElement ? origin : null);
          },
        },
        { type: "separator" },
        todo.day !== tomorrow && {
          type: "item",
          label: "Move to tomorrow",
          icon: <CalendarClock className="size-4" />,
          onSelect: () => moveTo(tomorrow),
        },
        byDay && {
          type: "item",
          label: "Move to previous day",
          icon: <ArrowLeft className="size-4" />,
          disabled: previousDay === null,
          onSelect: () => previousDay && moveTo(previousDay),
        },
        // On today the next day is tomorrow, offered just above.
        byDay &&
          nextDay !== tomorrow && {
            type: "item",
            label: "Move to next day",
            icon: <ArrowRight className="size-4" />,
            disabled: nextDay === null,
            onSelect: () => nextDay && moveTo(nextDay),
          },
        {
          type: "item",
          label: "Move to a date…",
          icon: <CalendarDays className="size-4" />,
          onSelect: async () => {
            const origin = document.activeElement;
            const day = await pickDate({
              title: "Move to a date",
              initial: byDay ? todo.day : today,
              confirmLabel: "Move here",
            });
            if (day && day !== todo.day) moveTo(day, origin);
          },
        },
        { type: "separator" },
        {
          type: "item",
          label: "Delete",
          destructive: true,
          icon: <Trash2 className="size-4" />,
          onSelect: async () => {
            const origin = document.activeElement;
            const ok = await confirm({
              title: "Delete this todo?",
              description: `“${isolate(todo.text)}” will be deleted. You can undo this right after.`,
              confirmLabel: "Delete",
              destructive: true,
            });
            if (!ok) return;
            keepFocusOnTodo(origin);
            void actions.remove(todo);
          },
        },
        todo.seriesId !== undefined && {
          type: "item",
          label: "Delete this and following",
          destructive: true,
          icon: <ListX className="size-4" />,
          onSelect: async () => {
            const origin = document.activeElement;
            const ok = await confirm({
              title: "Delete this and the following?",
              description: `“${isolate(todo.text)}” will be deleted here and on the days after, and it will no longer repeat. You can undo this right after.`,
              confirmLabel: "Delete",
              destructive: true,
            });
            if (!ok) return;
            keepFocusOnTodo(origin);
            void actions.repeat.deleteFollowing(todo);
          },
        },
      ]}
    />
  );
  if (repeatFrom === false) return menu;
  return (
    <>
      {menu}
      <Suspense fallback={null}>
        <RepeatTodoDialog
          todo={todo}
          actions={actions.repeat}
          returnFocusTo={repeatFrom}
          onClose={() => setRepeatFrom(false)}
        />
      </Suspense>
    </>
  );
});
