import { useSyncExternalStore } from "react";
import { todayString, type DayString } from "./dates";
import { subscribeToTodayTimeZone } from "./todayTimeZone";

/*
 * Today, for React: components that show it (which day "/" opens, "Today"
 * and "Tomorrow" in the sidebar and menus) render again when it changes,
 * because the person chose another time zone or the day ran out. One
 * watcher for the whole page, running while anything listens: a check a
 * minute (a timer sleeps with the device, so also when the tab shows
 * again) rather than a timer for midnight, which in a chosen zone would
 * need offset arithmetic.
 */

const CHECK_EVERY_MS = 60_000;

const listeners = new Set<() => void>();
let shown: DayString = "";
let stopWatching = () => {};

function check() {
  const today = todayString();
  if (today === shown) return;
  shown = today;
  for (const listener of listeners) listener();
}

function watch(): () => void {
  shown = todayString();
  const timer = setInterval(check, CHECK_EVERY_MS);
  document.addEventListener("visibilitychange", check);
  const unsubscribe = subscribeToTodayTimeZone(check);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", check);
    unsubscribe();
  };
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) stopWatching = watch();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stopWatching();
  };
}

/** The person's today (lib/dates `todayString`), kept current. */
export function useToday(): DayString {
  return useSyncExternalStore(subscribe, todayString);
}
