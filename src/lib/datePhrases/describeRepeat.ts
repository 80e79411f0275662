import { shortDate } from "@/lib/dayNames";
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

/**
 * How a rule reads, lower case, to follow "Repeats": "every Sunday",
 * "every weekday", "every 3 days", "every month on the 15th".
 */
export function describeRepeat(rule: RepeatRule): string {
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
  return every;
}

/**
 * The rule with its end, if it has one: "every weekday, 5 times", "every
 * Sunday until Thu, Dec 31", "every day". What every toast says of a
 * todo's repeat, so that none leaves out when it stops.
 */
export function describeRepeatWithEnd(rule: RepeatRule): string {
  const { end } = rule;
  const every = describeRepeat(rule);
  switch (end.kind) {
    case "never":
      return every;
    case "count":
      return `${every}, ${end.count === 1 ? "once" : `${end.count.toLocaleString("en-US")} times`}`;
    case "until":
      return `${every} until ${shortDate(end.day)}`;
  }
}
