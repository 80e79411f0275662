import { useRef, type KeyboardEvent } from "react";
import { cn } from "@/lib/cn";

export type NoteTab = "edit" | "preview";

const TABS: { value: NoteTab; label: string }[] = [
  { value: "edit", label: "Edit" },
  { value: "preview", label: "Preview" },
];

/**
 * Edit / Preview as an ARIA tab list: the selected tab is the one in the
 * Tab order; Left/Right (and Home/End) move between the tabs and select.
 */
export function NoteTabs({
  value,
  onChange,
  panelId,
  idPrefix,
  disabled,
}: {
  value: NoteTab;
  onChange: (tab: NoteTab) => void;
  panelId: string;
  idPrefix: string;
  disabled?: boolean;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((tab) => tab.value === value);
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % TABS.length
        : event.key === "ArrowLeft"
          ? (index + TABS.length - 1) % TABS.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    onChange(TABS[next]!.value);
    const tabs = list.current?.querySelectorAll<HTMLElement>('[role="tab"]');
    tabs?.[next]?.focus();
  };
  return (
    <div
      ref={list}
      role="tablist"
      aria-label="Note view"
      onKeyDown={onKeyDown}
      className="flex gap-1"
    >
      {TABS.map((tab) => {
        const selected = tab.value === value;
        return (
          <button
            key={tab.value}
            type="button"
            role="tab"
            id={`${idPrefix}-${tab.value}`}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            disabled={disabled}
            onClick={() => onChange(tab.value)}
            className={cn(
              "min-h-10 rounded-md px-3 text-sm font-medium sm:min-h-8",
              selected
                ? "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-50"
                : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
            )}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
