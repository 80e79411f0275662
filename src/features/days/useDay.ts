import { api } from "@convex/_generated/api";
import { longDate, relativeDayName } from "@/lib/dayNames";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { isBlankText } from "@/lib/text";

/**
 * A day's summary row (label, archive mark, counts); null when empty.
 * No day (a view that is not one) asks for nothing.
 */
export function useDay(day: string | null) {
  return useSignedInQuery(api.days.get, day ? { day } : "skip");
}

/** What a person calls a day: its label, "Today", or the long date. */
export function dayTitle(day: string, label?: string | null): string {
  if (label && !isBlankText(label)) return label;
  return relativeDayName(day) === "Today" ? "Today" : longDate(day);
}
