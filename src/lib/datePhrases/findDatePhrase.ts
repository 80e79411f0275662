import { isDayString, parseDay, type DayString } from "@/lib/dates";
import { english } from "./english";
import type { DatePhraseLocale } from "./locale";
import { hidePhrases, hideQuoted } from "./quotes";
import { firstOccurrence } from "./repeatRule";
import type { DatePhrase, DatePhraseOptions } from "./types";

/*
 * The heavy half of date phrases (chrono, rrule, the grammar): loaded with a
 * dynamic import by ./index.ts, never on the first-load path. It imports
 * nothing the day view has (a module shared with it would be split into a
 * chunk of its own, which the day view would then fetch as well).
 */

/** Nothing left to do once the phrase is gone. */
const NOTHING_LEFT = /^[\s\p{P}]*$/u;

/** Separators a removed phrase leaves behind ("Call mom, tomorrow"). */
const TRAILING_SEPARATORS = /[\s,;:–—-]+$/u;
const LEADING_SEPARATORS = /^[\s,;:–—-]+/u;

/** `text` without the phrase at `index`, tidied where the phrase was. */
function withoutPhrase(
  text: string,
  index: number,
  length: number,
  locale: DatePhraseLocale,
): string {
  let before = text.slice(0, index).trimEnd().replace(locale.danglingWords, "");
  let after = text.slice(index + length).trimStart();
  if (after === "") before = before.replace(TRAILING_SEPARATORS, "");
  if (before === "") after = after.replace(LEADING_SEPARATORS, "");
  return before === "" ? after : after === "" ? before : `${before} ${after}`;
}

/** The phrase as typed, without the spaces and commas chrono took along. */
const phraseAsTyped = (text: string, index: number, length: number) =>
  text
    .slice(index, index + length)
    .replace(LEADING_SEPARATORS, "")
    .replace(TRAILING_SEPARATORS, "");

const twoDigits = (value: number) => String(value).padStart(2, "0");

function dayOf(components: {
  get: (component: "year" | "month" | "day") => number | null;
}): DayString | null {
  const year = components.get("year");
  const month = components.get("month");
  const day = components.get("day");
  if (year === null || month === null || day === null) return null;
  const result = `${String(year).padStart(4, "0")}-${twoDigits(month)}-${twoDigits(day)}`;
  return isDayString(result) ? result : null;
}

/** The next `month`/`day` on or after `today` (Feb 29 waits for a leap year). */
function nextDate(
  { month, day }: { month: number; day: number },
  today: DayString,
): DayString | null {
  const year = Number(today.slice(0, 4));
  for (let ahead = 0; ahead <= 8; ahead++) {
    const date = `${String(year + ahead).padStart(4, "0")}-${twoDigits(month)}-${twoDigits(day)}`;
    if (date >= today && isDayString(date)) return date;
  }
  return null;
}

/**
 * The date phrase in a todo's `text`, or null: a repeat ("every Sunday",
 * checked first, so its weekday is not read as a single day) or one day
 * ("tomorrow", "on Dec 1", "next Friday"), counted from `today` and looking
 * ahead ("Friday" is the coming one). Never read: text in quotes, the
 * phrases in `keepAsText`, a time of day on its own. Null too when nothing
 * but the phrase was typed.
 */
export function findDatePhrase(
  text: string,
  { today, keepAsText = [] }: DatePhraseOptions,
  locale: DatePhraseLocale = english,
): DatePhrase | null {
  const reference = parseDay(today);
  if (!reference) return null;
  // Same length as `text`: positions found in it are positions in `text`.
  const readable = hidePhrases(hideQuoted(text), keepAsText);

  const repeat = locale.findRepeat(readable);
  if (repeat) {
    const rest = withoutPhrase(text, repeat.index, repeat.length, locale);
    const start = repeat.on ? nextDate(repeat.on, today) : today;
    const firstDay = start && firstOccurrence(repeat.rule, start);
    if (NOTHING_LEFT.test(rest) || firstDay === null) return null;
    return {
      kind: "repeat",
      phrase: phraseAsTyped(text, repeat.index, repeat.length),
      text: rest,
      rule: repeat.rule,
      firstDay,
    };
  }

  // Midday, so no daylight-saving change moves the reference to another day.
  reference.setHours(12);
  for (const result of locale.dates.parse(readable, reference, {
    forwardDate: true,
  })) {
    const { start } = result;
    // A day, a weekday, or a day counted ("in 3 weeks", "next month"); not
    // a month or a year alone ("in December").
    const names = start.isCertain("day") || start.isCertain("weekday");
    if (!names && !result.tags().has("result/relativeDate")) continue;
    const day = dayOf(start);
    // A todo is added for today or later: "Seen yesterday" or "Today's
    // menu" stay text (today's own day is where a todo goes anyway).
    if (day === null || day <= today) continue;
    const rest = withoutPhrase(text, result.index, result.text.length, locale);
    if (NOTHING_LEFT.test(rest)) continue;
    return {
      kind: "day",
      phrase: phraseAsTyped(text, result.index, result.text.length),
      text: rest,
      day,
    };
  }
  return null;
}
