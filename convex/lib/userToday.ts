import type { DatabaseReader } from "../_generated/server";
import { appError } from "./errors";
import { daysBetween, dayInTimeZone, DEFAULT_TIME_ZONE } from "./timeZone";

/*
 * What "today" is for a person: the calendar day, in the IANA time zone of
 * their settings (convex/settings), at the server's clock. A day a client
 * sends as its today is trusted only this close to the server's.
 */

type Reader = { db: DatabaseReader };

/** The person's settings row, or null before they have one. */
export function userSettings(ctx: Reader, userId: string) {
  return ctx.db
    .query("settings")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
}

/** The person's IANA time zone; "UTC" while none is set. */
export async function userTimeZone(
  ctx: Reader,
  userId: string,
): Promise<string> {
  const settings = await userSettings(ctx, userId);
  return settings?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Today (`YYYY-MM-DD`) in the person's time zone, from `Date.now()`. */
export async function userToday(ctx: Reader, userId: string): Promise<string> {
  return dayInTimeZone(Date.now(), await userTimeZone(ctx, userId));
}

/**
 * How far a client's idea of today may be from the server's: a day either
 * way covers a clock near midnight, a zone changed on another device, and
 * a tab left open overnight, while a day far off is refused.
 */
export const NEAR_TODAY_DAYS = 1;

/**
 * Refuses (DAY_OUT_OF_RANGE) a day more than a day away from the person's
 * today. `day` must already be a valid day (lib/validate `requireDay`).
 */
export async function requireNearToday(
  ctx: Reader,
  userId: string,
  day: string,
): Promise<void> {
  const today = await userToday(ctx, userId);
  if (Math.abs(daysBetween(today, day)) > NEAR_TODAY_DAYS) {
    throw appError(
      "DAY_OUT_OF_RANGE",
      `${day} is not today in your time zone (today is ${today}). Check your device's clock or your time zone in Settings.`,
    );
  }
}
