import { ChevronLeft, ChevronRight } from "lucide-react";
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  type ReactNode,
} from "react";
import { useLocation } from "wouter";
import { IconButton } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { paths } from "@/config/paths";
import { dayWithinRange } from "@/lib/dates";
import { longDate, relativeDayName } from "@/lib/dayNames";
import { dayTitle, useDay } from "../useDay";
import { UserText } from "@/components/ui/UserText";

type Arrow = "previous" | "next";

/**
 * The arrow that was clicked, for the next day's header to focus: the day
 * view is rebuilt on each navigation, and focus must not fall to the page.
 * Held by a parent that outlives the day view, so it belongs to one app
 * and one navigation, and nothing is left over for a later header.
 */
type ArrowTo = { arrow: Arrow; day: string };
/** The id of the day's heading, which the day shortcuts focus. */
export const DAY_HEADING = "day-heading";

const ArrowToFocus = createContext<{ current: ArrowTo | null } | null>(null);

/** Around the routes: carries the clicked day arrow over to the next day. */
export function DayArrowFocus({ children }: { children: ReactNode }) {
  const arrow = useRef<ArrowTo | null>(null);
  return (
    <ArrowToFocus.Provider value={arrow}>{children}</ArrowToFocus.Provider>
  );
}

/** The day's title ("Today", its label, or the long date) and day-to-day arrows. */
export function DayHeader({ day }: { day: string }) {
  const summary = useDay(day);
  const [, navigate] = useLocation();
  const relative = relativeDayName(day);
  const title = dayTitle(day, summary?.label);
  const previousDay = dayWithinRange(day, -1);
  const nextDay = dayWithinRange(day, 1);
  const previousArrow = useRef<HTMLButtonElement>(null);
  const nextArrow = useRef<HTMLButtonElement>(null);
  const arrowToFocusRef = useContext(ArrowToFocus);
  // Once, as the new day's header mounts; only on the day the arrow led to.
  useEffect(() => {
    const clicked = arrowToFocusRef?.current;
    if (!clicked) return;
    arrowToFocusRef.current = null;
    if (clicked.day !== day) return;
    (clicked.arrow === "next" ? nextArrow : previousArrow).current?.focus();
  }, [arrowToFocusRef, day]);
  const go = (arrow: Arrow, to: string | null) => {
    // At the ends of the range the arrow stays (and keeps focus) but does nothing.
    if (!to) return;
    if (arrowToFocusRef) arrowToFocusRef.current = { arrow, day: to };
    navigate(paths.day(to));
  };
  const subtitle =
    title === longDate(day)
      ? relative
      : relative
        ? `${relative} · ${longDate(day)}`
        : longDate(day);

  return (
    <header className="flex items-start justify-between gap-2">
      <div className="min-w-0">
        {/* One element while the day loads and after: the day shortcuts
            give it focus, which a swapped heading would drop. */}
        <h1
          id={DAY_HEADING}
          tabIndex={-1}
          className={
            summary === undefined
              ? "sr-only outline-none"
              : "text-2xl font-semibold break-words outline-none"
          }
        >
          {summary === undefined ? dayTitle(day) : <UserText>{title}</UserText>}
        </h1>
        {summary === undefined ? <Skeleton className="h-8 w-48" /> : null}
        {subtitle ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {subtitle}
            {summary?.archived ? " · Archived" : ""}
          </p>
        ) : null}
      </div>
      <div className="flex shrink-0 items-center">
        <IconButton
          label="Previous day"
          aria-keyshortcuts="Alt+ArrowUp"
          icon={<ChevronLeft aria-hidden className="size-5" />}
          ref={previousArrow}
          aria-disabled={previousDay === null || undefined}
          onClick={() => go("previous", previousDay)}
        />
        <IconButton
          label="Next day"
          aria-keyshortcuts="Alt+ArrowDown"
          icon={<ChevronRight aria-hidden className="size-5" />}
          ref={nextArrow}
          aria-disabled={nextDay === null || undefined}
          onClick={() => go("next", nextDay)}
        />
      </div>
    </header>
  );
}
