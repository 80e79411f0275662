import { datetime, RRule } from "@convex/lib/rrule";
import type { RepeatRule } from "@convex/lib/repeatRule";
import { parseDay, type DayString } from "@/lib/dates";

/**
 * How a todo repeats, as `api.series.create` takes it (a type only: rrule's
 * server side stays out of the app). Weekdays count from Monday = 0,
 * rrule's order.
 */
export type { RepeatRule };

export const MAX_REPEAT_INTERVAL = 366;

const FREQUENCIES = {
  daily: RRule.DAILY,
  weekly: RRule.WEEKLY,
  monthly: RRule.MONTHLY,
  yearly: RRule.YEARLY,
} as const;

const twoDigits = (value: number) => String(value).padStart(2, "0");

/**
 * The first day on or after `start` that `rule` has: the day its first
 * occurrence lands on when the series starts on `start` (as the server
 * starts it). Computed by rrule, in UTC calendar days so that no time zone
 * or daylight-saving change can shift it.
 */
export function firstOccurrence(
  rule: RepeatRule,
  start: DayString,
): DayString | null {
  const date = parseDay(start);
  if (!date) return null;
  const dtstart = datetime(
    date.getFullYear(),
    date.getMonth() + 1,
    date.getDate(),
  );
  const first = new RRule({
    freq: FREQUENCIES[rule.freq],
    interval: rule.interval,
    dtstart,
    byweekday: rule.byWeekday ?? null,
    bymonthday: rule.byMonthDay ?? null,
  }).after(dtstart, true);
  return first
    ? `${String(first.getUTCFullYear()).padStart(4, "0")}-${twoDigits(first.getUTCMonth() + 1)}-${twoDigits(first.getUTCDate())}`
    : null;
}
