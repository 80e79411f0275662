import { parseDay, type DayString } from "@/lib/dates";
import type { RepeatRule } from "./repeatRule";

/** Weekday names, Monday first (rrule's order, as rules count them). */
export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
];
const UNITS = {
  daily: "day",
  weekly: "week",
  monthly: "month",
  yearly: "year",
};

const ordinal = (n: number) => {
  const suffix =
    n % 10 === 1 && n !== 11
      ? "st"
      : n % 10 === 2 && n !== 12
        ? "nd"
        : n % 10 === 3 && n !== 13
          ? "rd"
          : "th";
  return `${n}${suffix}`;
};

const list = (words: string[]) =>
  words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;

const sameDays = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((day, i) => day === b[i]);

// The whole date, year included, whatever today is: the words stay pure.
const MONTH_AND_DAY = new Intl.DateTimeFormat("en-US", {
  month: "long",
  day: "numeric",
});
const FULL_DATE = new Intl.DateTimeFormat("en-US", {
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
});

const formatDay = (format: Intl.DateTimeFormat, day: DayString) => {
  const date = parseDay(day);
  return date ? format.format(date) : day;
};

/** ", 5 times", ", once", ", until Fri, Dec 18, 2027" or nothing. */
function describeEnd(end: RepeatRule["end"]): string {
  switch (end.kind) {
    case "never":
      return "";
    case "count":
      return end.count === 1
        ? ", once"
        : `, ${end.count.toLocaleString("en-US")} times`;
    case "until":
      return `, until ${formatDay(FULL_DATE, end.day)}`;
  }
}

/**
 * How a rule's rhythm reads, lower case, to follow "Repeats": "every
 * Sunday", "every weekday", "every 3 days", "every month on the 15th".
 * Given the day the series starts, a yearly repeat says its date ("every
 * year on March 3", the start's month and day, as the server repeats it).
 */
export function describeRepeat(rule: RepeatRule, start?: DayString): string {
  const unit = UNITS[rule.freq];
  const every =
    rule.interval === 1
      ? `every ${unit}`
      : rule.interval === 2
        ? `every other ${unit}`
        : `every ${rule.interval} ${unit}s`;
  const weekdays = rule.byWeekday ?? [];
  if (rule.freq === "weekly" && weekdays.length > 0) {
    if (rule.interval === 1 && sameDays(weekdays, [0, 1, 2, 3, 4])) {
      return "every weekday";
    }
    if (rule.interval === 1 && sameDays(weekdays, [5, 6])) {
      return "every weekend";
    }
    const names = list(weekdays.map((day) => WEEKDAY_NAMES[day]!));
    return rule.interval === 1
      ? `every ${names}`
      : rule.interval === 2
        ? `every other ${names}`
        : `${every} on ${names}`;
  }
  if (rule.freq === "monthly" && rule.byMonthDay !== undefined) {
    return `${every} on the ${ordinal(rule.byMonthDay)}`;
  }
  if (rule.freq === "yearly" && start !== undefined && parseDay(start)) {
    return `${every} on ${formatDay(MONTH_AND_DAY, start)}`;
  }
  return every;
}

/**
 * The whole rule: its rhythm and, if it has one, its end ("every Monday
 * and Wednesday, 5 times", "every year on March 3, until Sat, Dec 18,
 * 2027"). What the Repeat dialog sums up and every toast says of a todo's
 * repeat, so that none leaves out when it stops.
 */
export function describeRepeatWithEnd(
  rule: RepeatRule,
  start?: DayString,
): string {
  return `${describeRepeat(rule, start)}${describeEnd(rule.end)}`;
}
