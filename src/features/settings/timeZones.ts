import { canonicalTimeZone } from "@convex/lib/timeZone";

/*
 * The time zones Settings offers, as people know them: today's IANA names
 * (Asia/Kolkata, Europe/Kyiv), a readable place and the zone's current UTC
 * offset. Names, offsets and which spellings are the same zone all come
 * from Intl, as the server's checks do (convex/lib/timeZone); nothing here
 * adds or subtracts hours.
 */

/**
 * Zones renamed in the IANA database whose old spelling browsers still
 * report as the canonical one (they follow CLDR, which keeps it). Each new
 * name is offered only where this browser's Intl knows it.
 */
const RENAMED: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

export type TimeZoneOption = {
  /** The IANA name sent to the server: the current spelling. */
  name: string;
  /** Intl's canonical name: equal for every spelling of one zone. */
  canonical: string;
  /** "Kolkata — India Standard Time, UTC+05:30" */
  label: string;
  /** "UTC+05:30" (from Intl's "GMT+05:30"). */
  offset: string;
  /** Lower-case words a search matches, old spellings included. */
  words: string;
};

/** Today's spelling of a zone's name ("Asia/Calcutta" → "Asia/Kolkata"). */
export function currentZoneName(name: string): string {
  const renamed = RENAMED[name];
  return renamed && canonicalTimeZone(renamed) ? renamed : name;
}

/** Whether two names are one zone ("Asia/Calcutta" and "Asia/Kolkata"). */
export function sameTimeZone(a: string, b: string): boolean {
  const canonical = canonicalTimeZone(a);
  return canonical !== null && canonical === canonicalTimeZone(b);
}

function zoneNamePart(format: Intl.DateTimeFormat, now: Date): string {
  return (
    format.formatToParts(now).find((part) => part.type === "timeZoneName")
      ?.value ?? ""
  );
}

/** "Kolkata"; "Center, North Dakota" where the last part is not enough. */
function placeOf(name: string): string {
  const parts = name.split("/").map((part) => part.replaceAll("_", " "));
  if (parts.length === 1) return parts[0]!;
  return parts.length > 2 ? `${parts.at(-1)}, ${parts.at(-2)}` : parts.at(-1)!;
}

const simplified = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .replace(/[_/]/g, " ");

/** For sorting only: "+05:30" before "+05:45", "-08:00" before "+00:00". */
function offsetOrder(offset: string): number {
  const match = /([+-])(\d{2}):(\d{2})/.exec(offset);
  if (!match) return 0;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3]));
}

type Zone = { name: string; canonical: string; also: string[] };

function optionFor({ name, canonical, also }: Zone, now: Date): TimeZoneOption {
  const format = (timeZoneName: "longOffset" | "longGeneric") =>
    new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName });
  // Intl writes "GMT+05:30", or "GMT" alone at zero.
  const gmt = zoneNamePart(format("longOffset"), now);
  const offset = gmt === "GMT" ? "UTC+00:00" : gmt.replace(/^GMT/, "UTC");
  const generic = zoneNamePart(format("longGeneric"), now);
  const place = name === "UTC" ? "UTC" : placeOf(name);
  const description =
    name === "UTC"
      ? "Coordinated Universal Time"
      : generic.startsWith("GMT")
        ? ""
        : generic;
  const label = description
    ? `${place} — ${description}, ${offset}`
    : `${place} — ${offset}`;
  return {
    name,
    canonical,
    label,
    offset,
    // "GMT+05:30" too, as many people write offsets.
    words: simplified(
      [name, ...also, label, offset.replace(/^UTC/, "GMT")].join(" "),
    ),
  };
}

/**
 * A zone's label, as its option in the list reads: "Los Angeles — Pacific
 * Time, UTC-08:00" (today's spelling of the name).
 */
export function timeZoneLabel(name: string, now: Date = new Date()): string {
  const canonical = canonicalTimeZone(name);
  if (!canonical) return name;
  return optionFor({ name: currentZoneName(name), canonical, also: [] }, now)
    .label;
}

const cache = new Map<string, TimeZoneOption[]>();

/**
 * Every zone this browser knows, once each under its current name, sorted
 * by the UTC offset it has `now` and then by place; `also` (a stored zone)
 * is among them even if the browser does not list it. Kept for the hour:
 * hundreds of Intl formats are worth building once.
 */
export function timeZoneOptions(
  also?: string,
  now: Date = new Date(),
): TimeZoneOption[] {
  const key = `${also ?? ""} ${now.toISOString().slice(0, 13)}`;
  let options = cache.get(key);
  if (!options) {
    options = buildOptions(also, now);
    cache.set(key, options);
  }
  return options;
}

function buildOptions(also: string | undefined, now: Date) {
  const names = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  if (also && canonicalTimeZone(also)) names.add(also);
  const byZone = new Map<string, Zone>();
  for (const listed of names) {
    const canonical = canonicalTimeZone(listed);
    if (!canonical) continue;
    const name = currentZoneName(listed);
    const zone = byZone.get(canonical);
    if (!zone) {
      byZone.set(canonical, {
        name,
        canonical,
        also: name === listed ? [] : [listed],
      });
    } else if (name !== zone.name) {
      zone.also.push(name);
    } else if (listed !== name) {
      zone.also.push(listed);
    }
  }
  return [...byZone.values()]
    .map((zone) => optionFor(zone, now))
    .sort(
      (a, b) =>
        offsetOrder(a.offset) - offsetOrder(b.offset) ||
        a.label.localeCompare(b.label, "en"),
    );
}

/**
 * An offset as people type it ("UTC+9", "gmt+1", "+5:30", "+0530", "utc 9",
 * "−8") and the query's other words. The offset comes back written the way
 * labels are, as far as typed: "UTC+09" (any +09:xx), "UTC+05:30". Without
 * "UTC" or "GMT" a sign is needed: a bare "9" stays a word.
 */
const TYPED_OFFSET =
  /(?<![a-z\d])(?:(?:utc|gmt)\s*([+-])?|([+-]))\s*(\d{1,4})(?::(\d{0,2}))?(?![\d:])/;

function typedOffset(query: string): { offset: string; rest: string[] } | null {
  const text = simplified(query).replace(/[\u2212\u2013]/g, "-");
  const match = TYPED_OFFSET.exec(text);
  if (!match) return null;
  const [whole = "", prefixSign, bareSign, digits = "", afterColon] = match;
  const colon = afterColon !== undefined;
  if (colon && digits.length > 2) return null;
  // "530" and "0530" are hours and minutes; "5" and "05" hours alone.
  const split = !colon && digits.length > 2 ? digits.length - 2 : undefined;
  const hours = Number(split ? digits.slice(0, split) : digits);
  const minutes = split ? digits.slice(split) : (afterColon ?? "");
  if (hours > 14 || Number(minutes.padEnd(2, "0")) > 59) return null;
  // Zero hours is written "+00:00", whatever sign was typed.
  const sign =
    hours === 0 && Number(minutes || "0") === 0
      ? "+"
      : (prefixSign ?? bareSign ?? "+");
  const hh = String(hours).padStart(2, "0");
  const offset = `UTC${sign}${hh}${colon || split ? `:${minutes}` : ""}`;
  const rest = (
    text.slice(0, match.index) +
    " " +
    text.slice(match.index + whole.length)
  )
    .split(/\s+/)
    .filter(Boolean);
  return { offset, rest };
}

/**
 * The options a search matches: every word typed appears in the zone's
 * names (old spellings too), place, description or offset. An offset typed
 * loosely ("UTC+9", "+5:30", "utc 9") finds the zones at that offset
 * first, ahead of those that merely contain the words.
 */
export function searchTimeZones(
  options: readonly TimeZoneOption[],
  query: string,
): TimeZoneOption[] {
  const words = simplified(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  const hasAll = (option: TimeZoneOption, all: string[]) =>
    all.every((word) => option.words.includes(word));
  const byWords = options.filter((option) => hasAll(option, words));
  const typed = typedOffset(query);
  if (!typed) return byWords;
  const atOffset = options.filter(
    (option) =>
      option.offset.startsWith(typed.offset) && hasAll(option, typed.rest),
  );
  return [...new Set([...atOffset, ...byWords])];
}
