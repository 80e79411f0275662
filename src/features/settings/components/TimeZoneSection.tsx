import { useId, useMemo } from "react";
import { api } from "@convex/_generated/api";
import { deviceTimeZone } from "@/lib/dates";
import { attempt } from "@/lib/notify";
import { useOutboxMutation } from "@/lib/outbox";
import { useSignedInQuery } from "@/lib/signedInQueries";

/** The select's value for "follow this device". */
const AUTOMATIC = "";

/** Every zone the browser knows, with `also` (a stored zone) among them. */
function knownTimeZones(also: string | undefined): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  if (also) zones.add(also);
  return [...zones].sort();
}

/**
 * Settings: the time zone that decides when the person's day starts (for
 * "From earlier days" and the automatic move). "Automatic" follows the
 * browser at each sign-in; a zone picked here stays until changed here.
 */
export function TimeZoneSection() {
  const id = useId();
  const settings = useSignedInQuery(api.settings.get, {});
  const setTimeZone = useOutboxMutation(api.settings.setTimeZone, {
    optimisticUpdate: (store, { timeZone, source }) => {
      const current = store.getQuery(api.settings.get, {});
      if (!current) return;
      store.setQuery(
        api.settings.get,
        {},
        {
          ...current,
          timeZone,
          timeZoneIsSet: true,
          timeZoneChosen: source === "choice",
        },
      );
    },
  });
  const device = deviceTimeZone();
  const zones = useMemo(
    () => knownTimeZones(settings?.timeZone),
    [settings?.timeZone],
  );
  const value = settings?.timeZoneChosen ? settings.timeZone : AUTOMATIC;

  const choose = (choice: string) =>
    void attempt(
      () =>
        setTimeZone(
          choice === AUTOMATIC
            ? { timeZone: device, source: "automatic" }
            : { timeZone: choice, source: "choice" },
        ),
      "save the time zone",
    );

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-zone`} className="font-medium">
        Time zone
      </label>
      <select
        id={`${id}-zone`}
        aria-describedby={`${id}-hint`}
        value={value}
        disabled={settings === undefined}
        onChange={(event) => choose(event.target.value)}
        className="min-h-10 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900"
      >
        <option value={AUTOMATIC}>Automatic ({device})</option>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
      <p
        id={`${id}-hint`}
        className="text-sm text-slate-600 dark:text-slate-400"
      >
        When your day starts, for “From earlier days” and moving unfinished
        todos.
      </p>
    </div>
  );
}
