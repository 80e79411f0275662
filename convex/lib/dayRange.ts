/*
 * Pure: no server imports. The browser imports this module too
 * (`@convex/lib/dayRange`), so the router, the day navigation and the date
 * picker know exactly the days the backend accepts.
 */

/** The one range of days the app knows: backend (requireDay) and UI (router, navigation, date picker). */
export const FIRST_DAY = "1970-01-01";
export const LAST_DAY = "2199-12-31";

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a `YYYY-MM-DD` string inside [FIRST_DAY, LAST_DAY] (string compare works for this format). */
export function isDayInRange(day: string): boolean {
  return DAY_SHAPE.test(day) && day >= FIRST_DAY && day <= LAST_DAY;
}
