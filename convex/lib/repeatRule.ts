import { v, type Infer } from "convex/values";
import { RRule, type Options } from "./rrule";
import { invalidArgument } from "./errors";
import { parseHeading } from "./todoText";
import { requireDay, requireText, TEXT_RULES } from "./validate";

/*
 * How a repeating todo repeats (`series.rule`), and the days it falls on.
 * The calendar work is rrule's (RFC 5545); this module only translates.
 *
 * Days are calendar days, `YYYY-MM-DD`, handed to rrule as "floating"
 * dates: midnight UTC of that day, read back with the UTC getters. No time
 * zone or clock time enters, so a daylight-saving change can never move an
 * occurrence to another day, whatever zone the server or the person is in.
 * Which day is "today" for the person is the one place a zone matters
 * (lib/userToday), and that is decided before this module is asked.
 */

const weekdayIndex = v.number();

/** One repeat rule; weekdays are rrule's: 0 = Monday … 6 = Sunday. */
export const repeatRuleValidator = v.object({
  freq: v.union(
    v.literal("daily"),
    v.literal("weekly"),
    v.literal("monthly"),
    v.literal("yearly"),
  ),
  /** Every `interval` days, weeks, months or years: 1 to 366. */
  interval: v.number(),
  /** Weekly (or daily): only these weekdays. */
  byWeekday: v.optional(v.array(weekdayIndex)),
  /** Monthly: this day of the month (a month without it is skipped). */
  byMonthDay: v.optional(v.number()),
  end: v.union(
    v.object({ kind: v.literal("never") }),
    /** The last day an occurrence may fall on (inclusive). */
    v.object({ kind: v.literal("until"), day: v.string() }),
    /** How many occurrences in all: 1 to 1,000. */
    v.object({ kind: v.literal("count"), count: v.number() }),
  ),
});

export type RepeatRule = Infer<typeof repeatRuleValidator>;

export const REPEAT_BOUNDS = {
  interval: { min: 1, max: 366 },
  count: { min: 1, max: 1_000 },
  monthDay: { min: 1, max: 31 },
} as const;

const FREQUENCIES = {
  daily: RRule.DAILY,
  weekly: RRule.WEEKLY,
  monthly: RRule.MONTHLY,
  yearly: RRule.YEARLY,
} as const;

function isWholeIn(value: number, { min, max }: { min: number; max: number }) {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * The rule as stored: every bound checked, weekdays sorted and unique, and
 * only the fields its frequency uses. Throws INVALID_ARGUMENT with words
 * a person can act on.
 */
export function requireRepeatRule(rule: RepeatRule): RepeatRule {
  const { interval, byWeekday, byMonthDay, end } = rule;
  if (!isWholeIn(interval, REPEAT_BOUNDS.interval)) {
    throw invalidArgument(
      `Repeat every 1 to ${REPEAT_BOUNDS.interval.max}: a whole number.`,
    );
  }
  const clean: RepeatRule = { freq: rule.freq, interval, end };
  if (byWeekday !== undefined) {
    if (rule.freq !== "weekly" && rule.freq !== "daily") {
      throw invalidArgument("Weekdays go with a daily or weekly repeat.");
    }
    if (byWeekday.length === 0 || byWeekday.length > 7) {
      throw invalidArgument("Choose 1 to 7 weekdays.");
    }
    if (!byWeekday.every((day) => isWholeIn(day, { min: 0, max: 6 }))) {
      throw invalidArgument("Weekdays are 0 (Monday) to 6 (Sunday).");
    }
    clean.byWeekday = [...new Set(byWeekday)].sort((a, b) => a - b);
  }
  if (byMonthDay !== undefined) {
    if (rule.freq !== "monthly") {
      throw invalidArgument("A day of the month goes with a monthly repeat.");
    }
    if (!isWholeIn(byMonthDay, REPEAT_BOUNDS.monthDay)) {
      throw invalidArgument("The day of the month is 1 to 31.");
    }
    clean.byMonthDay = byMonthDay;
  }
  if (end.kind === "until") {
    clean.end = { kind: "until", day: requireDay(end.day, "The end date") };
  } else if (end.kind === "count") {
    if (!isWholeIn(end.count, REPEAT_BOUNDS.count)) {
      throw invalidArgument(
        `End after 1 to ${REPEAT_BOUNDS.count.max.toLocaleString("en-US")} times.`,
      );
    }
    clean.end = { kind: "count", count: end.count };
  } else {
    clean.end = { kind: "never" };
  }
  return clean;
}

/** A calendar day as rrule's floating date: midnight UTC of that day. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** A floating date back to its calendar day. */
export function dateToDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * When a rule runs from: the day it starts (`startDay`, the first day it
 * may fall on). The parts a rule leaves open (which weekday, which day of
 * the month, which month) come from the start day, said outright so the
 * iteration can begin at any later occurrence (`from`, see `occursOn`).
 */
export type RepeatSchedule = { rule: RepeatRule; startDay: string };

function toRRule({ rule, startDay }: RepeatSchedule, from = startDay): RRule {
  const start = dayToDate(startDay);
  const options: Partial<Options> = {
    freq: FREQUENCIES[rule.freq],
    interval: rule.interval,
    dtstart: dayToDate(from),
    wkst: RRule.MO,
  };
  if (rule.freq === "weekly" || rule.freq === "daily") {
    if (rule.byWeekday) options.byweekday = rule.byWeekday;
    else if (rule.freq === "weekly") options.byweekday = [weekdayOf(startDay)];
  }
  if (rule.freq === "monthly") {
    options.bymonthday = rule.byMonthDay ?? start.getUTCDate();
  }
  if (rule.freq === "yearly") {
    options.bymonth = start.getUTCMonth() + 1;
    options.bymonthday = start.getUTCDate();
  }
  if (rule.end.kind === "until") options.until = dayToDate(rule.end.day);
  if (rule.end.kind === "count") options.count = rule.end.count;
  return new RRule(options);
}

/** rrule's weekday of a day: 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: string): number {
  return (dayToDate(day).getUTCDay() + 6) % 7;
}

/**
 * Whether the schedule has an occurrence on `day`.
 *
 * rrule walks from its start, so the cost grows with the days between.
 * `knownOccurrence`, a day the schedule is known to fall on (the series'
 * `lastDay`), lets the walk start there instead: for a rule without a
 * count, every occurrence after one occurrence is found by starting at it,
 * because the rule's period (its interval of days, weeks, months or years)
 * is in step there. A counted rule (at most 1,000 occurrences) always walks
 * from its start, since the count runs from there.
 */
export function occursOn(
  schedule: RepeatSchedule,
  day: string,
  knownOccurrence?: string,
): boolean {
  if (day < schedule.startDay) return false;
  const from =
    knownOccurrence !== undefined &&
    schedule.rule.end.kind !== "count" &&
    knownOccurrence >= schedule.startDay &&
    knownOccurrence <= day
      ? knownOccurrence
      : schedule.startDay;
  const date = dayToDate(day);
  return toRRule(schedule, from).between(date, date, true).length > 0;
}

/** The schedule's days from `from` to `to` (inclusive), at most `limit`. */
export function occurrencesBetween(
  schedule: RepeatSchedule,
  from: string,
  to: string,
  limit = 1_000,
): string[] {
  const days: string[] = [];
  toRRule(schedule).between(dayToDate(from), dayToDate(to), true, (date) => {
    days.push(dateToDay(date));
    return days.length < limit;
  });
  return days.slice(0, limit);
}

/** The schedule's first day on or after `day`; null when it has ended. */
export function nextOccurrence(
  schedule: RepeatSchedule,
  day: string,
): string | null {
  const next = toRRule(schedule).after(dayToDate(day), true);
  return next ? dateToDay(next) : null;
}

/** Whether the schedule has no day left after `day`. */
export function endsBefore(schedule: RepeatSchedule, day: string): boolean {
  return nextOccurrence(schedule, day) === null;
}

/** The calendar day `days` after `day` (before, when negative). */
export function shiftDay(day: string, days: number): string {
  const date = dayToDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return dateToDay(date);
}

/**
 * The schedule cut to end on `lastDay` at the latest: its days up to then
 * are kept, none after. A counted rule keeps its count where the cut comes
 * later (at most 1,000 days to walk); null when no day is left.
 */
export function endedBy(
  schedule: RepeatSchedule,
  lastDay: string,
): RepeatRule | null {
  const { rule, startDay } = schedule;
  if (lastDay < startDay) return null;
  if (rule.end.kind === "count") {
    const kept = occurrencesBetween(schedule, startDay, lastDay).length;
    if (kept === 0) return null;
    return {
      ...rule,
      end: { kind: "count", count: Math.min(kept, rule.end.count) },
    };
  }
  const until =
    rule.end.kind === "until" && rule.end.day < lastDay
      ? rule.end.day
      : lastDay;
  const ended: RepeatRule = { ...rule, end: { kind: "until", day: until } };
  return nextOccurrence({ rule: ended, startDay }, startDay) === null
    ? null
    : ended;
}

/** A repeating todo's text: a todo's, never a heading. */
export function requireSeriesText(raw: string): string {
  const rule = TEXT_RULES.todoText;
  const { text, kind } = parseHeading(requireText(raw, rule));
  if (kind !== "todo") throw invalidArgument("Headings cannot repeat.");
  return requireText(text, rule);
}

/** The rule checked, and sure to fall on some day from `startDay` on. */
export function requireSchedule(
  raw: RepeatRule,
  startDay: string,
): RepeatSchedule {
  const schedule = { rule: requireRepeatRule(raw), startDay };
  if (nextOccurrence(schedule, startDay) === null) {
    throw invalidArgument(
      `This repeat has no day on or after ${startDay}: choose a later end.`,
    );
  }
  return schedule;
}
