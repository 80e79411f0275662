import { casual, type ParsingResult } from "chrono-node/en";
import type { DatePhraseLocale, RepeatMatch } from "./locale";
import { MAX_REPEAT_INTERVAL, type RepeatRule } from "./repeatRule";

// ---- Single days: chrono's casual English, with two filters of our own.

/**
 * A time of day ("at 5pm", "in 2 hours"; "tonight" is a day and stays) is
 * dropped before chrono joins it to a date: a todo has a day, not a time,
 * so "Call mom tomorrow at 5pm" moves to tomorrow and keeps "at 5pm" in its
 * text rather than losing it.
 */
const isTime = (result: ParsingResult) =>
  result.tags().has("result/relativeDateAndTime") ||
  (!result.start.isCertain("day") &&
    !result.start.isCertain("weekday") &&
    (result.start.isCertain("hour") || result.start.isCertain("minute")));

/**
 * Phrases that are far more often words than dates in a todo: "now",
 * lower-case weekday abbreviations ("put on sun cream", "sat down", "wed"),
 * and an amount of time without "in" ("Buy 3 days of food", "Plan the
 * week", which chrono reads as dates when asked for dates ahead). "on Sun",
 * "in 3 days" count.
 */
const WORDS_NOT_DATES =
  /^(?:[Nn]ow|(?:on\s+)?(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)|(?:\d+|an?|the|this|one|two|three|four|five|six|seven|eight|nine|ten|(?:a )?few|(?:a )?couple(?: of)?)\s+(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?))$/;

/**
 * A month and day in figures ("12/24") is as often a fraction or a range
 * ("3/4 cup", "pages 5-6"): it counts only after a word that announces a
 * date ("on 12/24", "by 1/15"), or with its year.
 */
const FIGURES_ONLY = /^\d{1,2}[/.-]\d{1,2}$/;
const ANNOUNCES_A_DATE = /\b(?:on|by|due|until|till|before|after)\s*$/i;

const dates = casual.clone();
dates.refiners.unshift({
  refine: (_context, results) => results.filter((r) => !isTime(r)),
});
dates.refiners.push({
  refine: (context, results) =>
    results.filter((r) => {
      const text = r.text.trim();
      if (WORDS_NOT_DATES.test(text)) return false;
      return (
        !FIGURES_ONLY.test(text) ||
        ANNOUNCES_A_DATE.test(context.text.slice(0, r.index))
      );
    }),
});

// ---- Repeats: "every Sunday", "every weekday", "every 3 days", "every
// month on the 15th", "every other week", "Pay rent monthly".

const WEEKDAY_NUMBERS: Record<string, number> = {
  monday: 0,
  mon: 0,
  tuesday: 1,
  tues: 1,
  tue: 1,
  wednesday: 2,
  wed: 2,
  thursday: 3,
  thurs: 3,
  thur: 3,
  thu: 3,
  friday: 4,
  fri: 4,
  saturday: 5,
  sat: 5,
  sunday: 6,
  sun: 6,
};
const WEEKDAY = `(?:${Object.keys(WEEKDAY_NUMBERS).join("|")})s?`;
const WEEKDAY_LIST = `${WEEKDAY}(?:\\s*(?:,\\s*(?:and\\s+)?|and\\s+|&\\s*)${WEEKDAY})*`;
const EVERY = "(?:every|each)";
const NUMBER = "(\\d{1,4}|other)";
const UNIT = "(day|week|month|year)s?";
const ORDINAL = "(\\d{1,2})(?:st|nd|rd|th)?";

const FREQUENCY_OF_UNIT = {
  day: "daily",
  week: "weekly",
  month: "monthly",
  year: "yearly",
} as const;
const ADVERBS: Record<string, RepeatRule["freq"]> = {
  daily: "daily",
  weekly: "weekly",
  monthly: "monthly",
  yearly: "yearly",
  annually: "yearly",
};

const never = { kind: "never" } as const;

const intervalOf = (word: string | undefined) =>
  word === undefined ? 1 : word.toLowerCase() === "other" ? 2 : Number(word);

const weekdaysIn = (list: string) =>
  [
    ...new Set(
      (list.toLowerCase().match(new RegExp(WEEKDAY, "g")) ?? []).map(
        (name) => WEEKDAY_NUMBERS[name.replace(/s$/, "")]!,
      ),
    ),
  ].sort((a, b) => a - b);

/** A rule only when it is one `api.series.create` accepts. */
function bounded(rule: RepeatRule): RepeatRule | null {
  if (rule.interval < 1 || rule.interval > MAX_REPEAT_INTERVAL) return null;
  if (
    rule.byMonthDay !== undefined &&
    (rule.byMonthDay < 1 || rule.byMonthDay > 31)
  ) {
    return null;
  }
  return rule;
}

const MONTH_NUMBERS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const MONTH = `(${Object.keys(MONTH_NUMBERS).join("|")})\\.?`;

type RepeatPattern = {
  pattern: RegExp;
  rule: (match: RegExpExecArray) => RepeatRule | null;
  /** The date the phrase names, for a rule that repeats a date. */
  on?: (match: RegExpExecArray) => { month: number; day: number };
};

/** Whole words only, and not a possessive ("each month's bills"). */
const word = (source: string) => new RegExp(`\\b${source}\\b(?!['’]s)`, "i");

const REPEAT_PATTERNS: RepeatPattern[] = [
  {
    // every year on March 3, yearly on Dec 25th, every March 3
    pattern: word(
      `(?:(?:${EVERY}\\s+(?:${NUMBER}\\s+)?years?|yearly|annually)\\s+on|${EVERY})\\s+${MONTH}\\s+${ORDINAL}`,
    ),
    rule: (m) =>
      Number(m[3]) >= 1 && Number(m[3]) <= 31
        ? bounded({ freq: "yearly", interval: intervalOf(m[1]), end: never })
        : null,
    on: (m) => ({
      month: MONTH_NUMBERS[m[2]!.toLowerCase()]!,
      day: Number(m[3]),
    }),
  },
  {
    // every month on the 15th, every 2 months on the 1st, monthly on the 15th
    pattern: word(
      `(?:${EVERY}\\s+(?:${NUMBER}\\s+)?months?|monthly)\\s+on\\s+(?:the\\s+)?${ORDINAL}`,
    ),
    rule: (m) =>
      bounded({
        freq: "monthly",
        interval: intervalOf(m[1]),
        byMonthDay: Number(m[2]),
        end: never,
      }),
  },
  {
    // (on) the 15th of every month
    pattern: word(
      `(?:on\\s+)?the\\s+${ORDINAL}\\s+(?:day\\s+)?of\\s+${EVERY}\\s+month`,
    ),
    rule: (m) =>
      bounded({
        freq: "monthly",
        interval: 1,
        byMonthDay: Number(m[1]),
        end: never,
      }),
  },
  {
    // every 15th
    // (not "every 2nd week", "every 3rd Friday")
    pattern: word(
      `${EVERY}\\s+(\\d{1,2})(?:st|nd|rd|th)(?!\\s+(?:day|week|month|year|mon|tue|wed|thu|fri|sat|sun))`,
    ),
    rule: (m) =>
      bounded({
        freq: "monthly",
        interval: 1,
        byMonthDay: Number(m[1]),
        end: never,
      }),
  },
  {
    // every weekday, every workday, every weekend
    pattern: word(`${EVERY}\\s+(weekday|workday|business day|weekend)s?`),
    rule: (m) => ({
      freq: "weekly",
      interval: 1,
      byWeekday: m[1]!.toLowerCase() === "weekend" ? [5, 6] : [0, 1, 2, 3, 4],
      end: never,
    }),
  },
  {
    // every Sunday, every other Friday, every Mon and Thu, every 2 weeks on Tuesday
    pattern: word(
      `(?:${EVERY}\\s+(?:(other)\\s+)?(${WEEKDAY_LIST})|${EVERY}\\s+${NUMBER}\\s+weeks?\\s+on\\s+(${WEEKDAY_LIST}))`,
    ),
    rule: (m) =>
      bounded({
        freq: "weekly",
        interval: intervalOf(m[1] ?? m[3]),
        byWeekday: weekdaysIn(m[2] ?? m[4]!),
        end: never,
      }),
  },
  {
    // every day, every other week, every 3 days, each year
    pattern: word(`${EVERY}\\s+(?:${NUMBER}\\s+)?${UNIT}`),
    rule: (m) =>
      bounded({
        freq: FREQUENCY_OF_UNIT[
          m[2]!.toLowerCase() as keyof typeof FREQUENCY_OF_UNIT
        ],
        interval: intervalOf(m[1]),
        end: never,
      }),
  },
  {
    // "Pay rent monthly": only at the end, where it says how often; at the
    // start it is more often a name ("Weekly review", "Daily standup").
    pattern: /\b(daily|weekly|monthly|yearly|annually)[.!]?\s*$/i,
    rule: (m) => ({
      freq: ADVERBS[m[1]!.toLowerCase()]!,
      interval: 1,
      end: never,
    }),
  },
];

/** The first repeat phrase in `text` (the longest where two start together). */
function findRepeat(text: string): RepeatMatch | null {
  let best: RepeatMatch | null = null;
  for (const { pattern, rule: ruleOf, on } of REPEAT_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const rule = ruleOf(match);
    if (!rule) continue;
    const found: RepeatMatch = {
      index: match.index,
      length: match[0].length,
      rule,
      ...(on ? { on: on(match) } : {}),
    };
    if (
      !best ||
      found.index < best.index ||
      (found.index === best.index && found.length > best.length)
    ) {
      best = found;
    }
  }
  return best;
}

export const english: DatePhraseLocale = {
  dates,
  findRepeat,
  // "Pay rent on" once "12/1" is gone (chrono takes most "on"s along itself).
  danglingWords: /(?:^|\s+)(?:on|by|due|due on|due by)$/i,
};
