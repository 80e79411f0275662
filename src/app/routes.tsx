import { CalendarX2 } from "lucide-react";
import { memo, Suspense, type ReactNode } from "react";
import { Link, Route, Switch, useParams } from "wouter";
import { EmptyState } from "@/components/ui/EmptyState";
import { SkeletonList } from "@/components/ui/Skeleton";
import { UserText } from "@/components/ui/UserText";
import { paths } from "@/config/paths";
import { CarryOverSection } from "@/features/carryOver";
import { DayArrowFocus, DayHeader, dayTitle, useDay } from "@/features/days";
import { NotesSection } from "@/features/notes";
import { DayTodos, PinnedView } from "@/features/todos";
import { TrashView } from "@/features/trash";
import { FIRST_DAY, isDayString, LAST_DAY, parseDay } from "@/lib/dates";
import { useToday } from "@/lib/useToday";
import { ErrorBoundary } from "./ErrorBoundary";

function DayPage({ day }: { day: string }) {
  // The summary changes with every tick, add and delete: the sections
  // below are memoised and render for their own queries, not for it.
  const summary = useDay(day);
  const today = useToday();
  const name = dayTitle(day, summary?.label);
  return (
    <div className="flex flex-col gap-6">
      <DayHeader day={day} />
      <DayTodos day={day} dayName={name} />
      {day === today ? (
        // Refused (a device clock days off), it says so; the day stays.
        <ErrorBoundary title="“From earlier days” could not be shown.">
          <CarryOverSection today={day} />
        </ErrorBoundary>
      ) : null}
      <NotesSection day={day} />
    </div>
  );
}

export function NotFound({ message }: { message?: ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <EmptyState
        icon={<CalendarX2 className="size-6" />}
        title={message ?? "There is nothing at this address."}
      >
        <Link
          href={paths.today}
          className="font-medium text-indigo-700 underline dark:text-indigo-300"
        >
          Go to today
        </Link>
      </EmptyState>
    </div>
  );
}

function DayRoute() {
  const { date } = useParams<{ date: string }>();
  if (!isDayString(date)) {
    const quoted = (
      <>
        “<UserText>{date}</UserText>”
      </>
    );
    return (
      <NotFound
        message={
          parseDay(date) ? (
            <>
              {quoted} is out of range. Daybook keeps days from {FIRST_DAY} to{" "}
              {LAST_DAY}.
            </>
          ) : (
            <>{quoted} is not a date. Days look like 2025-01-31.</>
          )
        }
      />
    );
  }
  return <DayPage key={date} day={date} />;
}

/**
 * The signed-in routes: today, a day, pinned, recently deleted; anything
 * else is not found. Memoised: the layout around it renders again for its
 * own state (the drawer, the sidebar's width, an open dialog), which the
 * routed view does not depend on.
 */
export const AppRoutes = memo(function AppRoutes({ path }: { path: string }) {
  const today = useToday();
  return (
    <DayArrowFocus>
      <ErrorBoundary key={path}>
        <Switch>
          <Route path={paths.today}>
            {/* A new day (midnight, or another time zone) is a new page. */}
            <DayPage key={today} day={today} />
          </Route>
          <Route path={paths.dayPattern} component={DayRoute} />
          <Route path={paths.pinned}>
            <Suspense fallback={<SkeletonList label="Loading pinned todos" />}>
              <PinnedView />
            </Suspense>
          </Route>
          <Route path={paths.trash}>
            <Suspense
              fallback={<SkeletonList label="Loading recently deleted items" />}
            >
              <TrashView />
            </Suspense>
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </ErrorBoundary>
    </DayArrowFocus>
  );
});
