import { Check } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { api } from "@convex/_generated/api";
import { cn } from "@/lib/cn";
import { deviceTimeZone } from "@/lib/dates";
import { attempt } from "@/lib/notify";
import { useOutboxMutation } from "@/lib/outbox";
import { useSignedInQuery } from "@/lib/signedInQueries";
import {
  searchTimeZones,
  sameTimeZone,
  timeZoneLabel,
  timeZoneOptions,
} from "../timeZones";

/** The option for "follow this device". */
const AUTOMATIC = "automatic";

type Option = { key: string; label: string };

/**
 * Settings: the time zone that decides when the person's day starts (for
 * "From earlier days" and the automatic move). "Automatic" follows the
 * browser at each sign-in; a zone picked here stays until changed here.
 *
 * A combobox: typing searches the zones by place, name (old spellings
 * too) or offset; ArrowUp/ArrowDown move, Enter chooses, Esc closes the
 * list (and only the list: the field marks itself for the dialog).
 */
export function TimeZoneSection() {
  const id = useId();
  const listboxId = `${id}-zones`;
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
    () => timeZoneOptions(settings?.timeZone),
    [settings?.timeZone],
  );
  // Read like every other option: "Automatic (Los Angeles — Pacific Time, …)".
  const automaticLabel = useMemo(
    () => `Automatic (${timeZoneLabel(device)})`,
    [device],
  );
  // The server keeps Intl's spelling (maybe the old one): match by zone.
  const chosen = settings?.timeZoneChosen
    ? zones.find((zone) => sameTimeZone(zone.name, settings.timeZone))
    : undefined;
  const current: Option = chosen
    ? { key: chosen.name, label: chosen.label }
    : { key: AUTOMATIC, label: automaticLabel };

  /** What is typed while searching; null shows the current choice. */
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const options: Option[] = useMemo(() => {
    const found = searchTimeZones(zones, typed ?? "").map((zone) => ({
      key: zone.name,
      label: zone.label,
    }));
    const query = (typed ?? "").trim().toLowerCase();
    return "automatic".startsWith(query)
      ? [{ key: AUTOMATIC, label: automaticLabel }, ...found]
      : found;
  }, [zones, typed, automaticLabel]);
  const activeIndex = Math.max(
    0,
    options.findIndex((option) => option.key === activeKey),
  );
  const active = open ? options[activeIndex] : undefined;
  const optionId = (key: string) => `${id}-zone-${key}`;
  const activeId = active ? optionId(active.key) : undefined;

  useEffect(() => {
    if (activeId) {
      document.getElementById(activeId)?.scrollIntoView?.({ block: "nearest" });
    }
  }, [activeId]);

  const show = (search: string | null) => {
    setOpen(true);
    setTyped(search);
    setActiveKey(search ? null : current.key);
  };
  const close = () => {
    setOpen(false);
    setTyped(null);
  };
  const choose = (option: Option) => {
    close();
    if (option.key === current.key) return;
    void attempt(
      () =>
        setTimeZone(
          option.key === AUTOMATIC
            ? { timeZone: device, source: "automatic" }
            : { timeZone: option.key, source: "choice" },
        ),
      "save the time zone",
    );
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const move = (by: number) => {
      event.preventDefault();
      if (!open) return show(typed ?? "");
      if (options.length === 0) return;
      const to = (activeIndex + by + options.length) % options.length;
      setActiveKey(options[to]!.key);
    };
    if (event.key === "ArrowDown") move(1);
    else if (event.key === "ArrowUp") move(-1);
    else if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      if (!open) return;
      event.preventDefault();
      if (active) choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-zone`} className="font-medium">
        Time zone
      </label>
      <input
        id={`${id}-zone`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-describedby={`${id}-hint`}
        // While the list is open, Esc is the field's (ui/Dialog).
        data-handles-escape={open ? "" : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={current.label}
        value={typed ?? current.label}
        disabled={settings === undefined}
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => {
          if (!open) show("");
        }}
        onChange={(event) => show(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={close}
        className="min-h-10 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900"
      />
      <ul
        id={listboxId}
        role="listbox"
        aria-label="Time zones"
        hidden={!open}
        // Keeps focus (and the list) in the field while a click or a drag
        // of the scroll bar lands.
        onMouseDown={(event) => event.preventDefault()}
        className="max-h-60 overflow-y-auto rounded-md border border-slate-300 bg-white py-1 dark:border-slate-700 dark:bg-slate-900"
      >
        {options.map((option) => (
          <li
            key={option.key}
            id={optionId(option.key)}
            role="option"
            aria-selected={option.key === active?.key}
            onClick={() => choose(option)}
            className={cn(
              // Padded so options that wrap (on a phone) read apart.
              "flex min-h-10 cursor-pointer items-center gap-2 px-2 py-2 text-sm sm:min-h-8 sm:py-1",
              option.key === active?.key &&
                "bg-indigo-100 text-indigo-950 dark:bg-indigo-900 dark:text-indigo-50",
            )}
          >
            <Check
              aria-hidden
              className={cn(
                "size-4 shrink-0",
                option.key !== current.key && "invisible",
              )}
            />
            {option.label}
          </li>
        ))}
      </ul>
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {open && options.length === 0 ? `No time zone matches “${typed}”.` : ""}
      </p>
      <p
        id={`${id}-hint`}
        className="text-sm text-slate-600 dark:text-slate-400"
      >
        When your day starts, for “From earlier days” and moving unfinished
        todos. Type a city, a zone or an offset to search.
      </p>
    </div>
  );
}
