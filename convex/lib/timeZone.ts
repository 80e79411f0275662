/*
 * Pure: no server imports. The browser imports this module too
 * (`@convex/lib/timeZone`), so "today" means the same day on both sides.
 * Time zones are IANA names checked and converted by the platform's Intl
 * (its time-zone database), never by hand-written offset arithmetic.
 */

/** The zone of a person who has not set one. */
export const DEFAULT_TIME_ZONE = "UTC";

/** Longer than any IANA name ("America/Argentina/ComodRivadavia" is 32). */
export const MAX_TIME_ZONE_LENGTH = 64;

// Names only: Intl also accepts offsets ("+05:00"), which do not follow a
// place's daylight-saving rules, so they are not a person's time zone.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/**
 * The canonical spelling of an IANA time zone ("europe/paris" →
 * "Europe/Paris"), or null when Intl does not know the name.
 */
export function canonicalTimeZone(value: string): string | null {
  if (value.length === 0 || value.length > MAX_TIME_ZONE_LENGTH) return null;
  if (!ZONE_NAME.test(value)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", {
      timeZone: value,
    }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      // The Gregorian calendar whatever the locale's default.
      calendar: "gregory",
      numberingSystem: "latn",
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function dayInTimeZone(instant: number, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** The day `amount` calendar days after `day` (negative for before). */
export function addDays(day: string, amount: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + amount);
  return date.toISOString().slice(0, 10);
}
