import { api } from "@convex/_generated/api";
import { longDate, relativeDayName } from "@/lib/dates";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { isBlankText } from "@/lib/text";

/** A day's summary row (label, archive mark, counts); null when empty. */
export function useDay(day: string) {
  return useSignedInQuery(api.days.get, { day });
}

/** What a person calls a day: its label, "Today", or the long date. */
export function dayTitle(day: string, label?: string | null): string {
  if (label && !isBlankText(label)) return label;
  return relativeDayName(day) === "Today" ? "Today" : longDate(day);
}
