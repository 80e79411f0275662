import { Pin } from "lucide-react";
import { useMemo } from "react";
import { Link } from "wouter";
import { api } from "@convex/_generated/api";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { SkeletonList } from "@/components/ui/Skeleton";
import { useRovingFocus } from "@/components/ui/rovingFocus";
import { UserText } from "@/components/ui/UserText";
import { paths } from "@/config/paths";
import { useDay } from "@/features/days";
import { longDate, relativeDayName } from "@/lib/dayNames";
import { useSignedInPaginatedQuery } from "@/lib/signedInQueries";
import { isBlankText } from "@/lib/text";
import type { Todo } from "../optimistic";
import { useTodoActions, type TodoActions } from "../useTodoActions";
import { TodoItem } from "./TodoItem";

const PAGE_SIZE = 50;

/** Pinned items come from many days: Undo puts one back at its day's end. */

/** A group's day as the sidebar names it: its label, then when it is. */
function PinnedDayHeading({ id, day }: { id: string; day: string }) {
  const label = useDay(day)?.label;
  const when = [relativeDayName(day), longDate(day)].filter(Boolean);
  return (
    <h2
      id={id}
      className="text-sm font-semibold text-slate-700 dark:text-slate-300"
    >
      <Link href={paths.day(day)} className="rounded-sm hover:underline">
        {label && !isBlankText(label) ? (
          <>
            <UserText>{label}</UserText> ·{" "}
          </>
        ) : null}
        {when.join(" · ")}
      </Link>
    </h2>
  );
}

/** One day's pinned items: one Tab stop, arrows inside (as a day's lists). */
function PinnedList({
  day,
  todos,
  actions,
}: {
  day: string;
  todos: readonly Todo[];
  actions: TodoActions;
}) {
  const roving = useRovingFocus();
  return (
    <ul
      aria-label={`Pinned on ${longDate(day)}`}
      className="flex flex-col"
      {...roving}
    >
      {todos.map((todo) => (
        <TodoItem
          key={todo._id}
          todo={todo}
          actions={actions}
          // Undo puts it back at the end of its day.
        />
      ))}
    </ul>
  );
}

/** Pinned items across all days, grouped by day (oldest day first). */
export default function PinnedView() {
  const { results, status, loadMore } = useSignedInPaginatedQuery(
    api.todos.listPinned,
    {},
    { initialNumItems: PAGE_SIZE },
  );
  const actions = useTodoActions();

  const groups = useMemo(() => {
    const byDay = new Map<string, Todo[]>();
    for (const todo of results) {
      byDay.set(todo.day, [...(byDay.get(todo.day) ?? []), todo]);
    }
    return [...byDay.entries()];
  }, [results]);

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Pinned</h1>
      {status === "LoadingFirstPage" ? (
        <SkeletonList label="Loading pinned todos" />
      ) : groups.length === 0 ? (
        <EmptyState
          icon={<Pin className="size-6" />}
          title="Nothing pinned yet"
        >
          Pin a todo from its menu to keep it here, whatever day it is on.
        </EmptyState>
      ) : (
        groups.map(([day, todos]) => (
          <section
            key={day}
            aria-labelledby={`pinned-${day}`}
            className="flex flex-col gap-1"
          >
            <PinnedDayHeading id={`pinned-${day}`} day={day} />
            <PinnedList day={day} todos={todos} actions={actions} />
          </section>
        ))
      )}
      {status === "CanLoadMore" ? (
        <Button onClick={() => loadMore(PAGE_SIZE)} className="self-start">
          Load more
        </Button>
      ) : null}
      {status === "LoadingMore" ? (
        <SkeletonList rows={2} label="Loading more" />
      ) : null}
    </div>
  );
}
