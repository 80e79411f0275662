import { cn } from "../../../lib/cn";
import { MoreHorizontal } from "lucide-react";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { LIMITS } from "../../../../convex/lib/limits";
import { dayPath, relativeDayName, shortDate } from "../../../lib/dates";
import type { DayActions } from "../useDayActions";
import { IconButton } from "../../../components/ui/Button";

// Menus load right after the first paint; until then their button shows.
const DayMenu = lazy(() => import("./DayMenu"));

export type DaySummary = {
  day: string;
  label?: string;
  archived: boolean;
  openCount: number;
};

function LabelEditor({
  initial,
  label,
  onDone,
}: {
  initial: string;
  label: string;
  onDone: (value: string | null) => void;
}) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  useEffect(() => {
    ref.current?.select();
  }, []);
  const finish = (save: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone(save ? value : null);
  };
  return (
    <input
      ref={ref}
      autoFocus
      aria-label={label}
      value={value}
      maxLength={LIMITS.dayLabel}
      placeholder="Label (empty to clear)"
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          finish(true);
        } else if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          finish(false);
        }
      }}
      className="min-h-10 w-full rounded-md border border-indigo-600 bg-white px-2 text-sm dark:border-indigo-400 dark:bg-slate-900"
    />
  );
}

/** One day in the sidebar: its label (or date), open count and menu. */
export function DayEntry({
  summary,
  current,
  actions,
  onNavigate,
}: {
  summary: DaySummary;
  current: boolean;
  actions: DayActions;
  onNavigate?: () => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const relative = relativeDayName(summary.day);
  const date = shortDate(summary.day);
  const name = summary.label || relative || date;
  const secondary = summary.label
    ? relative
      ? `${relative}, ${date}`
      : date
    : relative
      ? date
      : null;

  return (
    <li className="group flex items-center gap-1">
      {renaming ? (
        <LabelEditor
          initial={summary.label ?? ""}
          label={`Label for ${date}`}
          onDone={(value) => {
            setRenaming(false);
            if (value !== null && value.trim() !== (summary.label ?? "")) {
              void actions.setLabel(summary.day, value);
            }
          }}
        />
      ) : (
        <Link
          href={dayPath(summary.day)}
          onClick={onNavigate}
          aria-current={current ? "page" : undefined}
          className={cn(
            "flex min-h-10 min-w-0 flex-1 items-center gap-2 rounded-md px-2 py-1 text-sm",
            current
              ? "bg-indigo-50 font-semibold text-indigo-900 dark:bg-indigo-950 dark:text-indigo-100"
              : "text-slate-800 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800",
          )}
        >
          <span className="min-w-0 flex-1">
            <span className="block truncate">{name}</span>
            {secondary ? (
              <span className="block truncate text-xs font-normal text-slate-600 dark:text-slate-400">
                {secondary}
              </span>
            ) : null}
          </span>
          {summary.openCount > 0 ? (
            <span className="rounded-full bg-slate-200 px-2 text-xs font-medium text-slate-800 dark:bg-slate-700 dark:text-slate-100">
              {summary.openCount}
              <span className="sr-only"> open</span>
            </span>
          ) : null}
        </Link>
      )}
      <Suspense
        fallback={
          <IconButton
            label={`More actions for ${name}`}
            size="sm"
            icon={<MoreHorizontal aria-hidden className="size-4" />}
          />
        }
      >
        <DayMenu
          day={summary.day}
          name={name}
          archived={summary.archived}
          actions={actions}
          onRename={() => setRenaming(true)}
        />
      </Suspense>
    </li>
  );
}
