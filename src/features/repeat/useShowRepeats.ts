import { useConvex, useConvexAuth } from "convex/react";
import { useEffect } from "react";
import { api } from "@convex/_generated/api";
import { shiftDay, todayString } from "@/lib/dates";

/**
 * Asks the server to make the day's occurrences of repeating todos as the
 * day is shown (convex/series `showDay`). Only from yesterday on (the
 * server, which knows the person's time zone, decides what "today" is and
 * makes nothing for earlier days); not through the outbox, since a day
 * shown offline is asked for again when it is shown again. A refusal is
 * nothing to report: the day shows what it has.
 */
export function useShowRepeats(day: string) {
  const convex = useConvex();
  const { isAuthenticated } = useConvexAuth();
  useEffect(() => {
    if (!isAuthenticated || day < shiftDay(todayString(), -1)) return;
    convex.mutation(api.series.showDay, { day }).catch(() => {});
  }, [convex, isAuthenticated, day]);
}
