import { currentCacheKey } from "./localCache/cacheKey";

/*
 * The time zone the app's today is counted in (lib/dates `todayString`):
 * the zone the person chose in Settings, or undefined for "Automatic" (this
 * device's calendar day). Set from their settings once the server answers
 * (features/settings `useTodayTimeZoneFromSettings`), and remembered in this
 * browser so that a reload opens on the right day before it does.
 *
 * The memory is kept as the local cache is (lib/localCache): under the cache
 * key cookie the sign-in functions set, an opaque hash of the user id known
 * before any network answer, and used only while that cookie names the same
 * person. Without the cookie (signed out, `npm run dev`) nothing is
 * remembered. Signing out and deleting one's data forget it
 * (`clearLocalCache`).
 */

export const TIME_ZONE_STORAGE_KEY = "daybook-time-zone";

type Remembered = { key: string; timeZone: string };

const listeners = new Set<() => void>();
/** null until read from storage (on first use, or by `readRememberedTimeZone`). */
let zone: { value: string | undefined } | null = null;

function remembered(): string | undefined {
  try {
    const stored = JSON.parse(
      localStorage.getItem(TIME_ZONE_STORAGE_KEY) ?? "null",
    ) as Partial<Remembered> | null;
    const key = currentCacheKey();
    return key && stored?.key === key && typeof stored.timeZone === "string"
      ? stored.timeZone
      : undefined;
  } catch {
    return undefined;
  }
}

function remember(timeZone: string | undefined) {
  try {
    const key = currentCacheKey();
    if (timeZone && key) {
      const value: Remembered = { key, timeZone };
      localStorage.setItem(TIME_ZONE_STORAGE_KEY, JSON.stringify(value));
    } else {
      localStorage.removeItem(TIME_ZONE_STORAGE_KEY);
    }
  } catch {
    // Not remembered: the next page counts from this device's day until the
    // settings arrive.
  }
}

/** The chosen zone today is counted in; undefined: this device's day. */
export function todayTimeZone(): string | undefined {
  zone ??= { value: remembered() };
  return zone.value;
}

/**
 * Reads the remembered zone again, as a new page does (a test's reload);
 * the app reads it on first use.
 */
export function readRememberedTimeZone() {
  zone = { value: remembered() };
  notify();
}

/** Counts today in `timeZone` (undefined: this device's day), and remembers it. */
export function setTodayTimeZone(timeZone: string | undefined) {
  remember(timeZone);
  if (todayTimeZone() === timeZone) return;
  zone = { value: timeZone };
  notify();
}

/** Back to this device's day, remembered nowhere (signing out). */
export function forgetTodayTimeZone() {
  setTodayTimeZone(undefined);
}

/** Calls `listener` whenever the zone changes. */
export function subscribeToTodayTimeZone(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify() {
  for (const listener of listeners) listener();
}
