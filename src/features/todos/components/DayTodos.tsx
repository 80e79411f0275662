import { ListTodo } from "lucide-react";
import { memo, useCallback, useMemo } from "react";
import { useLocation } from "wouter";
import { api } from "@convex/_generated/api";
import { EmptyState } from "@/components/ui/EmptyState";
import { SkeletonList } from "@/components/ui/Skeleton";
import { paths } from "@/config/paths";
import { useShowRepeats } from "@/features/repeat";
import type { RepeatRule } from "@/lib/datePhrases";
import { useStableItems } from "@/lib/dayItems";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { useTodoActions } from "../useTodoActions";
import { AddTodo } from "./AddTodo";
import { BulkActions } from "./BulkActions";
import { DoneSection } from "./DoneSection";
import { TodoList } from "./TodoList";
import type { Todo } from "../optimistic";

/** An optimistic add and the stored todo the server answers with. */
const sameNewTodo = (pending: Todo, stored: Todo) =>
  pending.text === stored.text &&
  pending.kind === stored.kind &&
  pending.day === stored.day;

/**
 * A day's todos: the add field, the open list and the Done section.
 * Memoised: its page re-renders with the day's summary, whose counts change
 * with every tick, and the lists have their own query.
 */
export const DayTodos = memo(function DayTodos({
  day,
  dayName,
}: {
  day: string;
  dayName: string;
}) {
  const answer = useSignedInQuery(api.todos.listForDay, { day });
  // Unchanged todos keep their objects, so only changed rows re-render.
  const { items: todos, keyOf } = useStableItems(answer, sameNewTodo);
  const actions = useTodoActions();
  const [, navigate] = useLocation();
  // Today's and later days get their repeating todos as they are shown.
  useShowRepeats(day);

  // Stable while the day and the actions are: the add field is memoised.
  const onAdd = useCallback(
    (text: string) => actions.add(day, text),
    [actions, day],
  );
  const onAddToDay = useCallback(
    (toDay: string, text: string) =>
      actions.addToDay(toDay, text, () => navigate(paths.day(toDay))),
    [actions, navigate],
  );
  // From its first day: the same days as from today, and a yearly rule
  // repeats the date it names ("every year on March 3"). Its toast offers
  // "Go there" as a dated add's does: when that day is not this one.
  const onAddRepeating = useCallback(
    (text: string, rule: RepeatRule, firstDay: string) =>
      actions.repeat.create(
        firstDay,
        text,
        rule,
        firstDay === day ? undefined : () => navigate(paths.day(firstDay)),
      ),
    [actions, day, navigate],
  );
  const onAddMany = useCallback(
    (lines: string[]) => actions.addMany(day, lines),
    [actions, day],
  );

  const { open, done } = useMemo(() => {
    const all = todos ?? [];
    return {
      open: all.filter((todo) => !todo.done),
      done: all.filter((todo) => todo.done),
    };
  }, [todos]);

  return (
    <section aria-labelledby="todos-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="todos-heading" className="sr-only">
          Todos
        </h2>
        <div className="flex-1">
          <AddTodo
            day={day}
            todosInDay={todos?.length ?? 0}
            onAdd={onAdd}
            onAddToDay={onAddToDay}
            onAddRepeating={onAddRepeating}
            onAddMany={onAddMany}
          />
        </div>
        {open.length + done.length > 0 ? (
          <BulkActions
            day={day}
            dayName={dayName}
            openCount={open.filter((todo) => todo.kind === "todo").length}
            openItemCount={open.length}
            doneCount={done.length}
          />
        ) : null}
      </div>
      {todos === undefined ? (
        <SkeletonList label="Loading todos" />
      ) : open.length === 0 && done.length === 0 ? (
        <EmptyState
          icon={<ListTodo className="size-6" />}
          title="Nothing planned for this day"
        >
          Type above and press Enter to add your first todo. Start with # for a
          heading; paste several lines to add one todo per line.
        </EmptyState>
      ) : (
        <>
          {open.length > 0 ? (
            <TodoList todos={open} actions={actions} keyOf={keyOf} />
          ) : (
            <p className="px-2 text-sm text-slate-600 dark:text-slate-400">
              All done for this day.
            </p>
          )}
          <DoneSection todos={done} actions={actions} keyOf={keyOf} />
        </>
      )}
    </section>
  );
});
