import { memo, useRef, useState } from "react";
import { Link } from "wouter";
import { LIMITS } from "@convex/lib/limits";
import { InlineEditor, type EditEnd } from "@/components/ui/InlineEditor";
import { paths } from "@/config/paths";
import { cn } from "@/lib/cn";
import { relativeDayName, shortDate } from "@/lib/dayNames";
import { useHasKeptDraft } from "@/lib/keptDrafts";
import type { DayActions } from "../useDayActions";
import { DayMenu } from "./DayMenu";
import { UserText } from "@/components/ui/UserText";
import "@/components/ui/icons.css";
import { cleanName } from "@/lib/text";

export type DaySummary = {
  day: string;
  label?: string;
  archived: boolean;
  openCount: number;
  /** Bytes of note text: blank notes have none and mark nothing. */
  noteBytes?: number;
};

type DayEntryProps = {
  summary: DaySummary;
  /** Today's date: "Today" and "Tomorrow" move with it. */
  today: string;
  current: boolean;
  actions: DayActions;
  onNavigate?: () => void;
};

/**
 * The same entry: every update of the day list brings new summary objects,
 * so a summary is compared by what it shows, the rest by identity. A tick
 * on one day then re-renders that day's entry alone, not the whole list.
 */
function sameEntry(before: DayEntryProps, after: DayEntryProps) {
  const a = before.summary;
  const b = after.summary;
  return (
    a.day === b.day &&
    a.label === b.label &&
    a.archived === b.archived &&
    a.openCount === b.openCount &&
    (a.noteBytes ?? 0) > 0 === (b.noteBytes ?? 0) > 0 &&
    before.today === after.today &&
    before.current === after.current &&
    before.actions === after.actions &&
    before.onNavigate === after.onNavigate
  );
}

/** One day in the sidebar: its label (or date), open count, notes mark and menu. */
export const DayEntry = memo(function DayEntry({
  summary,
  current,
  actions,
  onNavigate,
}: DayEntryProps) {
  // A label typed before a reload (or an ended session) opens again.
  const draftName = `day-label:${summary.day}`;
  const hadDraft = useHasKeptDraft(draftName);
  const [renaming, setRenaming] = useState(hadDraft);
  // After Enter or Esc ends a rename, focus goes back to the day's link.
  const refocus = useRef(false);
  const endRename = (end: EditEnd) => {
    setRenaming(false);
    refocus.current = end === "key";
  };
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
        <InlineEditor
          initial={summary.label ?? ""}
          label={`Label for ${date}`}
          maxLength={LIMITS.dayLabel}
          placeholder="Label (empty to clear)"
          selectOnOpen
          keepAs={draftName}
          className="min-h-10 text-sm"
          onSave={(value, end) => {
            endRename(end);
            if (cleanName(value) !== (summary.label ?? "")) {
              void actions.setLabel(summary.day, value);
            }
          }}
          onCancel={() => endRename("key")}
        />
      ) : (
        <Link
          ref={(link: HTMLAnchorElement | null) => {
            if (!link || !refocus.current) return;
            refocus.current = false;
            link.focus();
          }}
          href={paths.day(summary.day)}
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
            <UserText className="block truncate">{name}</UserText>
            {secondary ? (
              <span className="block truncate text-xs font-normal text-slate-600 dark:text-slate-400">
                {secondary}
              </span>
            ) : null}
          </span>
          {(summary.noteBytes ?? 0) > 0 ? (
            // Drawn for every day with written notes, so a day of notes alone
            // does not look empty; blank notes count for nothing, as in the
            // day list itself.
            // Drawn by CSS (icons.css): no SVG elements in every day entry.
            <span
              data-testid="has-notes-mark"
              className="icon icon-notes icon-small flex items-center text-slate-600 dark:text-slate-400"
            >
              <span className="sr-only">, has notes</span>
            </span>
          ) : null}
          {summary.openCount > 0 ? (
            <span className="rounded-full bg-slate-200 px-2 text-xs font-medium text-slate-800 dark:bg-slate-700 dark:text-slate-100">
              {summary.openCount}
              <span className="sr-only"> open</span>
            </span>
          ) : null}
        </Link>
      )}
      <DayMenu
        day={summary.day}
        name={name}
        archived={summary.archived}
        actions={actions}
        onRename={() => setRenaming(true)}
      />
    </li>
  );
}, sameEntry);
