import { useEffect } from "react";
import { api } from "@convex/_generated/api";
import { useSignedInQuery } from "@/lib/signedInQueries";
import { setTodayTimeZone } from "@/lib/todayTimeZone";

/**
 * Counts the app's today in the time zone the person chose in Settings,
 * or on this device's calendar while they follow it ("Automatic"): from
 * their settings (the query the shell already runs for the automatic move,
 * so no extra round trip), at once when they choose (its optimistic update).
 */
export function useTodayTimeZoneFromSettings() {
  const settings = useSignedInQuery(api.settings.get, {});
  const chosen = settings?.timeZoneChosen ? settings.timeZone : undefined;
  const known = settings !== undefined;
  useEffect(() => {
    if (known) setTodayTimeZone(chosen);
  }, [known, chosen]);
}
