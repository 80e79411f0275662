import { CheckSquare, Heading, NotebookPen, Square } from "lucide-react";
import { cn } from "@/lib/cn";
import { relativeDayName, shortDate } from "@/lib/dayNames";
import { Highlight } from "../highlight";

export type SearchOption =
  | {
      kind: "todo";
      id: string;
      day: string;
      text: string;
      heading: boolean;
      done: boolean;
    }
  | { kind: "note"; id: string; day: string; title: string; snippet: string };

export function optionId(listboxId: string, option: SearchOption) {
  return `${listboxId}-${option.kind}-${option.id}`;
}

function dayName(day: string) {
  return relativeDayName(day) ?? shortDate(day);
}

function OptionBody({
  option,
  query,
}: {
  option: SearchOption;
  query: string;
}) {
  if (option.kind === "todo") {
    const Icon = option.heading ? Heading : option.done ? CheckSquare : Square;
    return (
      <>
        <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
        <span className="min-w-0 flex-1">
          <span
            className={cn(
              "block break-words",
              option.done && "text-slate-600 line-through dark:text-slate-400",
            )}
          >
            <Highlight text={option.text} query={query} />
          </span>
          {option.done ? <span className="sr-only">, done</span> : null}
        </span>
        <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
          {dayName(option.day)}
        </span>
      </>
    );
  }
  return (
    <>
      <NotebookPen aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span className="min-w-0 flex-1">
        <span className="block font-medium break-words">
          {option.title ? (
            <Highlight text={option.title} query={query} />
          ) : (
            "Untitled note"
          )}
        </span>
        {option.snippet ? (
          <span className="block text-sm break-words text-slate-700 dark:text-slate-300">
            <Highlight text={option.snippet} query={query} />
          </span>
        ) : null}
      </span>
      <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
        {dayName(option.day)}
      </span>
    </>
  );
}

/**
 * Results as a listbox grouped into Todos and Notes. The input keeps focus
 * (aria-activedescendant points at the active option); a click opens.
 */
export function SearchResults({
  listboxId,
  todos,
  notes,
  query,
  activeKey,
  onActivate,
  onChoose,
}: {
  listboxId: string;
  todos: SearchOption[];
  notes: SearchOption[];
  query: string;
  activeKey: string | null;
  onActivate: (key: string) => void;
  onChoose: (option: SearchOption) => void;
}) {
  const group = (label: string, options: SearchOption[]) =>
    options.length === 0 ? null : (
      <div role="group" aria-labelledby={`${listboxId}-${label}`}>
        <div
          id={`${listboxId}-${label}`}
          role="presentation"
          className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400"
        >
          {label}
        </div>
        {options.map((option) => {
          const key = optionId(listboxId, option);
          const active = key === activeKey;
          return (
            <div
              key={key}
              id={key}
              role="option"
              aria-selected={active}
              onMouseMove={() => onActivate(key)}
              // Keep focus in the search field.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(option)}
              className={cn(
                "flex cursor-pointer items-start gap-2 rounded-md px-2 py-2",
                active &&
                  "bg-indigo-50 ring-1 ring-indigo-600 dark:bg-slate-800 dark:ring-indigo-400",
              )}
            >
              <OptionBody option={option} query={query} />
            </div>
          );
        })}
      </div>
    );
  return (
    <div
      id={listboxId}
      role="listbox"
      aria-label="Search results"
      className="flex flex-col"
    >
      {group("Todos", todos)}
      {group("Notes", notes)}
    </div>
  );
}
