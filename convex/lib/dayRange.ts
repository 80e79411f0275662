/** The one range of days the app knows: backend (requireDay) and UI (router, navigation, date picker). */
export const FIRST_DAY = "1970-01-01";
export const LAST_DAY = "2199-12-31";

/** True for a `YYYY-MM-DD` string inside [FIRST_DAY, LAST_DAY] (string compare works for this format). */
export function isDayInRange(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= FIRST_DAY && day <= LAST_DAY;
}
