import { FIRST_DAY, isDayInRange, LAST_DAY } from "@convex/lib/dayRange";
import { dayInTimeZone } from "@convex/lib/timeZone";
import { todayTimeZone } from "./todayTimeZone";

export { FIRST_DAY, LAST_DAY };

/*
 * Days are local calendar dates, handled with the platform's Date: a day's
 * string, a day `n` days on (the Date constructor rolls over months, years
 * and daylight-saving changes) and names from Intl (lib/dayNames). A date
 * library's formatter and helpers added a kilobyte to every day view for
 * these one-liners.
 */

/** A calendar day as the backend stores it: `YYYY-MM-DD`. */
export type DayString = string;

const twoDigits = (value: number) => String(value).padStart(2, "0");

export function toDayString(date: Date): DayString {
  return `${String(date.getFullYear()).padStart(4, "0")}-${twoDigits(date.getMonth() + 1)}-${twoDigits(date.getDate())}`;
}

/**
 * The person's today: the calendar day in the time zone they chose in
 * Settings (lib/todayTimeZone, through Intl as on the server), or this
 * device's day while they follow it ("Automatic"). React reads it with
 * `useToday`, which also sees it change at midnight.
 */
export function todayString(now: Date = new Date()): DayString {
  const timeZone = todayTimeZone();
  return timeZone ? dayInTimeZone(now.getTime(), timeZone) : toDayString(now);
}

/** This device's IANA time zone, as the browser reports it ("UTC" if none). */
export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * The local Date for a day string, or null for anything that is not a real
 * calendar date (`2025-02-30` is rejected: it does not survive the round trip).
 */
export function parseDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(2000, Number(match[2]) - 1, Number(match[3]));
  // Set apart: the constructor reads years 0-99 as 1900-1999.
  date.setFullYear(Number(match[1]));
  return !Number.isNaN(date.getTime()) && toDayString(date) === day
    ? date
    : null;
}

/** A real calendar date inside the app's one range of days. */
export function isDayString(day: string): boolean {
  return isDayInRange(day) && parseDay(day) !== null;
}

/** The day `amount` days after `day` (negative for before). */
export function shiftDay(day: DayString, amount: number): DayString {
  const date = parseDay(day);
  if (!date) throw new Error(`Not a day: ${day}`);
  // Calendar days, not 24-hour steps: right across daylight-saving changes.
  date.setDate(date.getDate() + amount);
  return toDayString(date);
}

/**
 * The day `amount` days from `day`, or null when that falls outside the
 * app's range of days (navigation stops at the ends).
 */
export function dayWithinRange(
  day: DayString,
  amount: number,
): DayString | null {
  if (!isDayString(day)) return null;
  const shifted = shiftDay(day, amount);
  return isDayInRange(shifted) ? shifted : null;
}
