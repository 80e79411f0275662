import { addMonths } from "date-fns";
import { WEEKDAY_NAMES } from "@/lib/datePhrases/describeRepeat";
import type { RepeatRule } from "@convex/lib/repeatRule";
import { parseDay, toDayString } from "@/lib/dates";

/*
 * The "Repeat" dialog's choices and the rule each stands for
 * (convex/lib/repeatRule: weekdays 0 = Monday … 6 = Sunday). Pure, so the
 * dialog's words and the rules it sends are tested without a browser.
 */

export type RepeatKind =
  "daily" | "weekdays" | "weekly" | "monthly" | "everyNDays" | "yearly";

export type RepeatEnd = "never" | "until" | "count";

/** What the dialog's fields hold. */
export type RepeatChoice = {
  kind: RepeatKind;
  /** "Every week on": the chosen weekdays. */
  weekdays: number[];
  /** "Every month on day". */
  monthDay: number;
  /** "Every N days". */
  everyDays: number;
  end: RepeatEnd;
  /** "On a date": `YYYY-MM-DD`. */
  untilDay: string;
  /** "After N times". */
  count: number;
};

export const KIND_LABELS: Record<RepeatKind, string> = {
  daily: "Every day",
  weekdays: "Every weekday",
  weekly: "Every week on…",
  monthly: "Every month on day…",
  everyNDays: "Every N days…",
  yearly: "Every year",
};

export { WEEKDAY_NAMES };

const WORKING_DAYS = [0, 1, 2, 3, 4];

/** A day's weekday, Monday first. */
export function weekdayOfDay(day: string): number {
  return ((parseDay(day)?.getDay() ?? 1) + 6) % 7;
}

/**
 * "On a date" starts a month after the todo's day (Jan 31 gives Feb 28):
 * ending on the day itself would make a series of one.
 */
export function defaultUntilDay(day: string): string {
  const date = parseDay(day);
  return date ? toDayString(addMonths(date, 1)) : day;
}

/** The dialog's fields for a todo on `day`, from its rule if it repeats. */
export function choiceFor(day: string, rule: RepeatRule | null): RepeatChoice {
  const choice: RepeatChoice = {
    kind: "daily",
    weekdays: [weekdayOfDay(day)],
    monthDay: parseDay(day)?.getDate() ?? 1,
    everyDays: 2,
    end: "never",
    untilDay: defaultUntilDay(day),
    count: 10,
  };
  if (!rule) return choice;
  if (rule.end.kind === "until") {
    choice.end = "until";
    choice.untilDay = rule.end.day;
  } else if (rule.end.kind === "count") {
    choice.end = "count";
    choice.count = rule.end.count;
  }
  if (rule.freq === "daily") {
    choice.kind = rule.interval === 1 ? "daily" : "everyNDays";
    choice.everyDays = rule.interval === 1 ? 2 : rule.interval;
  } else if (rule.freq === "weekly") {
    const days = rule.byWeekday ?? choice.weekdays;
    const working =
      days.length === WORKING_DAYS.length &&
      WORKING_DAYS.every((d) => days.includes(d));
    choice.kind = working && rule.interval === 1 ? "weekdays" : "weekly";
    choice.weekdays = days;
  } else if (rule.freq === "monthly") {
    choice.kind = "monthly";
    choice.monthDay = rule.byMonthDay ?? choice.monthDay;
  } else {
    choice.kind = "yearly";
  }
  return choice;
}

/** The rule the fields stand for. */
export function ruleFor(choice: RepeatChoice): RepeatRule {
  const end: RepeatRule["end"] =
    choice.end === "until"
      ? { kind: "until", day: choice.untilDay }
      : choice.end === "count"
        ? { kind: "count", count: choice.count }
        : { kind: "never" };
  switch (choice.kind) {
    case "daily":
      return { freq: "daily", interval: 1, end };
    case "weekdays":
      return { freq: "weekly", interval: 1, byWeekday: WORKING_DAYS, end };
    case "weekly":
      return {
        freq: "weekly",
        interval: 1,
        byWeekday: [...choice.weekdays].sort((a, b) => a - b),
        end,
      };
    case "monthly":
      return { freq: "monthly", interval: 1, byMonthDay: choice.monthDay, end };
    case "everyNDays":
      return { freq: "daily", interval: choice.everyDays, end };
    case "yearly":
      return { freq: "yearly", interval: 1, end };
  }
}

/** What is wrong with the fields, in words; null when they make a rule. */
export function problemWith(choice: RepeatChoice, day: string): string | null {
  if (choice.kind === "weekly" && choice.weekdays.length === 0) {
    return "Choose at least one weekday.";
  }
  if (
    choice.kind === "monthly" &&
    !(
      Number.isInteger(choice.monthDay) &&
      choice.monthDay >= 1 &&
      choice.monthDay <= 31
    )
  ) {
    return "The day of the month is 1 to 31.";
  }
  if (
    choice.kind === "everyNDays" &&
    !(
      Number.isInteger(choice.everyDays) &&
      choice.everyDays >= 1 &&
      choice.everyDays <= 366
    )
  ) {
    return "Repeat every 1 to 366 days.";
  }
  if (
    choice.end === "until" &&
    (!parseDay(choice.untilDay) || choice.untilDay < day)
  ) {
    return "The end date must be on or after the todo's day.";
  }
  if (
    choice.end === "count" &&
    !(
      Number.isInteger(choice.count) &&
      choice.count >= 1 &&
      choice.count <= 1000
    )
  ) {
    return "End after 1 to 1,000 times.";
  }
  return null;
}
