import { ChevronDown, ChevronRight, Pin, Sun, Trash2 } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "@convex/_generated/api";
import { Button } from "@/components/ui/Button";
import { SkeletonList } from "@/components/ui/Skeleton";
import { dayOfPath, paths } from "@/config/paths";
import { useToday } from "@/lib/useToday";
import { useSignedInPaginatedQuery } from "@/lib/signedInQueries";
import { useDayActions } from "../useDayActions";
import { DayEntry, type DaySummary } from "./DayEntry";

const PAGE_SIZE = 50;

function useDaysList(archived: boolean, enabled: boolean) {
  return useSignedInPaginatedQuery(
    api.days.list,
    enabled ? { archived } : "skip",
    { initialNumItems: PAGE_SIZE },
  );
}

/** Loads the next page when the end of the list scrolls into view. */
function LoadMore({
  status,
  loadMore,
  label,
}: {
  status: string;
  loadMore: (n: number) => void;
  label: string;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (
      status !== "CanLoadMore" ||
      !node ||
      typeof IntersectionObserver === "undefined"
    )
      return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore(PAGE_SIZE);
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [status, loadMore]);
  if (status === "LoadingMore")
    return <SkeletonList rows={2} label="Loading more days" />;
  if (status !== "CanLoadMore") return null;
  return (
    <div ref={sentinel}>
      <Button
        size="sm"
        variant="ghost"
        className="w-full"
        onClick={() => loadMore(PAGE_SIZE)}
      >
        {label}
      </Button>
    </div>
  );
}

/**
 * The sidebar: Pinned, then Today and every day with content, a label or an
 * archive mark (latest first, labels instead of dates), and the archived
 * days in a collapsed section.
 */
export function DaysSidebar({ onNavigate }: { onNavigate?: () => void }) {
  const [path] = useLocation();
  const [showArchived, setShowArchived] = useState(false);
  const active = useDaysList(false, true);
  const archived = useDaysList(true, showArchived);
  const actions = useDayActions();
  const today = useToday();
  const selected = dayOfPath(path, today);

  // One timeline, latest first: future days above Today (Tomorrow just
  // above it), past days below (Yesterday just below). Today is always there.
  const days = useMemo<DaySummary[]>(() => {
    const rows = active.results;
    const todayRow = rows.find((row) => row.day === today) ?? {
      day: today,
      archived: false,
      openCount: 0,
    };
    const future = rows.filter((row) => row.day > today);
    const past = rows.filter((row) => row.day < today);
    return [...future, todayRow, ...past];
  }, [active.results, today]);

  return (
    <nav
      aria-label="Days"
      className="flex h-full flex-col gap-2 overflow-y-auto p-2"
    >
      <ul className="flex flex-col gap-0.5">
        <li>
          <Link
            href={paths.pinned}
            onClick={onNavigate}
            aria-current={path === paths.pinned ? "page" : undefined}
            className="flex min-h-10 items-center gap-2 rounded-md px-2 text-sm text-slate-800 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-semibold dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-indigo-950"
          >
            <Pin aria-hidden className="size-4" />
            Pinned
          </Link>
        </li>
        <li>
          <Link
            href={paths.trash}
            onClick={onNavigate}
            aria-current={path === paths.trash ? "page" : undefined}
            className="flex min-h-10 items-center gap-2 rounded-md px-2 text-sm text-slate-800 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-semibold dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-indigo-950"
          >
            <Trash2 aria-hidden className="size-4" />
            Recently deleted
          </Link>
        </li>
      </ul>
      <h2 className="flex items-center gap-2 px-2 pt-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        <Sun aria-hidden className="size-3.5" />
        Days
      </h2>
      {active.status === "LoadingFirstPage" ? (
        <SkeletonList rows={5} label="Loading days" />
      ) : (
        <ul className="flex flex-col gap-0.5">
          {days.map((summary) => (
            <DayEntry
              key={summary.day}
              summary={summary}
              today={today}
              current={summary.day === selected}
              actions={actions}
              onNavigate={onNavigate}
            />
          ))}
        </ul>
      )}
      <LoadMore
        status={active.status}
        loadMore={active.loadMore}
        label="Load more days"
      />
      <section aria-label="Archived days" className="mt-2">
        <button
          type="button"
          aria-expanded={showArchived}
          onClick={() => setShowArchived(!showArchived)}
          className="flex min-h-10 w-full items-center gap-1 rounded-md px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
        >
          {showArchived ? (
            <ChevronDown aria-hidden className="size-4" />
          ) : (
            <ChevronRight aria-hidden className="size-4" />
          )}
          Archived
        </button>
        {showArchived ? (
          archived.status === "LoadingFirstPage" ? (
            <SkeletonList rows={2} label="Loading archived days" />
          ) : archived.results.length === 0 ? (
            <p className="px-2 py-1 text-sm text-slate-600 dark:text-slate-400">
              No archived days.
            </p>
          ) : (
            <ul className="flex flex-col gap-0.5">
              {archived.results.map((row) => (
                <DayEntry
                  key={row.day}
                  summary={row}
                  today={today}
                  current={row.day === selected}
                  actions={actions}
                  onNavigate={onNavigate}
                />
              ))}
            </ul>
          )
        ) : null}
        {showArchived ? (
          <LoadMore
            status={archived.status}
            loadMore={archived.loadMore}
            label="Load more archived days"
          />
        ) : null}
      </section>
    </nav>
  );
}
