import { memo, useEffect, useRef } from "react";
import { Button } from "@/components/ui/Button";
import { useRovingFocus } from "@/components/ui/rovingFocus";
import { UserText } from "@/components/ui/UserText";
import { useTodoActions, type Todo, type TodoActions } from "@/features/todos";
import { longDate, relativeDayName } from "@/lib/dayNames";
import { revealTodoOnPage } from "@/lib/revealTodoOnPage";
import { isBlankText } from "@/lib/text";
import { useCarryOver } from "../useCarryOver";
import { CARRY_OVER_HEADING, CarriedOverItem } from "./CarriedOverItem";

const count = (n: number) => n.toLocaleString("en-US");

type Group = { day: string; label: string | null; todos: Todo[] };

/** A day of the section: its label and date, then its open todos. */
function CarriedOverDay({
  group,
  today,
  actions,
}: {
  group: Group;
  today: string;
  actions: TodoActions;
}) {
  const roving = useRovingFocus();
  const headingId = `carried-over-${group.day}`;
  const when = [relativeDayName(group.day), longDate(group.day)].filter(
    Boolean,
  );
  return (
    <div role="group" aria-labelledby={headingId} className="flex flex-col">
      <h3
        id={headingId}
        className="px-2 text-sm font-semibold text-slate-700 dark:text-slate-300"
      >
        {group.label && !isBlankText(group.label) ? (
          <>
            <UserText>{group.label}</UserText> ·{" "}
          </>
        ) : null}
        {when.join(" · ")}
      </h3>
      <ul
        aria-label={`Todos left on ${longDate(group.day)}`}
        className="flex flex-col"
        {...roving}
      >
        {group.todos.map((todo) => (
          <CarriedOverItem
            key={todo._id}
            todo={todo}
            today={today}
            actions={actions}
          />
        ))}
      </ul>
    </div>
  );
}

/** What the latest move says while it runs, or when it stopped short. */
function MoveStatus({
  progress,
  today,
}: {
  progress: ReturnType<typeof useCarryOver>["progress"];
  today: string;
}) {
  let words: string | null = null;
  if (progress?.status === "moving") {
    words = `Moving to today… ${count(progress.moved)} moved so far.`;
  } else if (progress?.status === "full" && progress.today === today) {
    words = `Today is full: ${count(progress.moved)} moved. The rest stay here.`;
  }
  return (
    <p
      role="status"
      className="px-2 text-sm text-slate-600 empty:hidden dark:text-slate-400"
    >
      {words}
    </p>
  );
}

/**
 * "From earlier days" on today: open todos left on earlier days, newest
 * day first, a page at a time, each with "Move to today" and its menu;
 * "Move all to today" moves every one of them (in batches when there are
 * many). Absent while there is nothing to carry over.
 */
export const CarryOverSection = memo(function CarryOverSection({
  today,
}: {
  today: string;
}) {
  const { carryOver, progress, showMore, moveAll } = useCarryOver(today);
  const actions = useTodoActions();
  const section = useRef<HTMLElement>(null);
  // "Show more" goes when the last page comes: focus moves to the first
  // todo it brought, as it would have been the next one tabbed to.
  const focusFromRow = useRef<number | null>(null);
  const shown = carryOver?.days.flatMap((group) => group.todos) ?? [];
  useEffect(() => {
    const from = focusFromRow.current;
    if (from === null || shown.length <= from) return;
    focusFromRow.current = null;
    const rows = section.current?.querySelectorAll("[data-todo-id]");
    rows?.[from]?.querySelector<HTMLElement>('[data-control="move"]')?.focus();
  }, [shown.length]);
  const moving = progress?.status === "moving";
  if (!carryOver || (carryOver.count === 0 && !moving)) return null;
  const shownCount = `${count(carryOver.count)}${carryOver.countCapped ? "+" : ""}`;
  return (
    <section
      ref={section}
      aria-labelledby={CARRY_OVER_HEADING}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2
          id={CARRY_OVER_HEADING}
          // Takes focus when the last todo shown has moved (more may load).
          tabIndex={-1}
          className="text-lg font-semibold"
        >
          From earlier days{" "}
          <span className="rounded-full bg-slate-100 px-2 text-sm font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            {shownCount}
          </span>
        </h2>
        {carryOver.count > 0 ? (
          <Button
            size="sm"
            disabled={moving}
            onClick={() => {
              // The section empties at once: focus follows the first todo
              // shown to its new place at the end of today's list.
              const first = shown[0];
              void moveAll();
              if (first) revealTodoOnPage(first._id);
            }}
          >
            Move all to today
          </Button>
        ) : null}
      </div>
      <MoveStatus progress={progress} today={today} />
      {carryOver.days.map((group) => (
        <CarriedOverDay
          key={group.day}
          group={group}
          today={today}
          actions={actions}
        />
      ))}
      {carryOver.hasMore ? (
        <Button
          size="sm"
          className="self-start"
          onClick={() => {
            focusFromRow.current = shown.length;
            showMore();
          }}
        >
          Show more
        </Button>
      ) : null}
    </section>
  );
});
