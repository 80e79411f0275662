import { parseDay, shiftDay, todayString, type DayString } from "./dates";

/*
 * Days as people read them ("Today", "Mon, Mar 10"): names of days and
 * months come from the browser (Intl), in English to match the rest of the
 * interface. Apart from lib/dates, whose day strings the signed-out landing
 * page needs too: it names no day, so it neither loads nor builds these
 * formatters.
 */
const LONG = new Intl.DateTimeFormat("en-US", {
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});
const SHORT = new Intl.DateTimeFormat("en-US", {
  weekday: "short",
  month: "short",
  day: "numeric",
});
const SHORT_WITH_YEAR = new Intl.DateTimeFormat("en-US", {
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
});

/** "Monday, March 10, 2025" */
export function longDate(day: DayString): string {
  const date = parseDay(day);
  return date ? LONG.format(date) : day;
}

/** "Mon, Mar 10" (with the year when it is not this year). */
export function shortDate(day: DayString, now: Date = new Date()): string {
  const date = parseDay(day);
  if (!date) return day;
  const thisYear = day.slice(0, 4) === todayString(now).slice(0, 4);
  return (thisYear ? SHORT : SHORT_WITH_YEAR).format(date);
}

/**
 * A day as a sentence names it after "to": "today", "tomorrow", else
 * "Mon, Mar 10". The one wording of toasts that say where a todo went.
 */
export function dayInSentence(day: DayString, now: Date = new Date()): string {
  const today = todayString(now);
  if (day === today) return "today";
  if (day === shiftDay(today, 1)) return "tomorrow";
  return shortDate(day, now);
}

/** "Today", "Yesterday", "Tomorrow" or null. */
export function relativeDayName(
  day: DayString,
  now: Date = new Date(),
): string | null {
  if (parseDay(day) === null) return null;
  const today = todayString(now);
  if (day === today) return "Today";
  if (day === shiftDay(today, -1)) return "Yesterday";
  if (day === shiftDay(today, 1)) return "Tomorrow";
  return null;
}
