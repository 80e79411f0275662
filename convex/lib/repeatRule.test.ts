// @vitest-environment node
// (Node, not the edge runtime: these tests switch the process's time zone.)
/* eslint-disable @convex-dev/no-process-env -- `TZ` is the test process's own time zone, which these tests switch, not a Convex variable. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  dayToDate,
  endedBy,
  nextOccurrence,
  occurrencesBetween,
  occursOn,
  requireRepeatRule,
  shiftDay,
  weekdayOf,
  type RepeatRule,
  type RepeatSchedule,
} from "./repeatRule";

const never = { kind: "never" } as const;

function schedule(
  startDay: string,
  rule: Partial<RepeatRule> & Pick<RepeatRule, "freq">,
): RepeatSchedule {
  return { startDay, rule: { interval: 1, end: never, ...rule } };
}

const daily = (startDay: string, interval = 1) =>
  schedule(startDay, { freq: "daily", interval });
const everyWeekday = (startDay: string) =>
  schedule(startDay, { freq: "weekly", byWeekday: [0, 1, 2, 3, 4] });

/** Every calendar day from `from` to `to`, written out by hand. */
function consecutive(from: string, to: string) {
  const days = [from];
  while (days[days.length - 1]! < to) {
    days.push(shiftDay(days[days.length - 1]!, 1));
  }
  return days;
}

/*
 * The host's zone must not matter: rules work on calendar days. Each zone
 * below is the process's own while its tests run (Node reads `TZ` anew),
 * chosen for a daylight-saving change on a different date and direction.
 */
const ZONES = [
  "UTC",
  "America/New_York", // DST 2026-03-08 and 2026-11-01
  "Europe/Berlin", // DST 2026-03-29 and 2026-10-25
  "Australia/Sydney", // DST ends 2026-04-05, starts 2026-10-04
] as const;

const DST_CHANGES = [
  "2026-03-08",
  "2026-11-01",
  "2026-03-29",
  "2026-10-25",
  "2026-04-05",
  "2026-10-04",
];

describe.each(ZONES)("in the time zone %s", (zone) => {
  const hostZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = hostZone;
  });

  test("the zone is in effect for this process", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    const offset = new Date("2026-01-15T12:00:00Z").getTimezoneOffset();
    expect(offset === 0).toBe(zone === "UTC");
  });

  test("every day runs through month ends and Feb 29 without a gap", () => {
    expect(
      occurrencesBetween(daily("2028-01-30"), "2028-01-30", "2028-03-02"),
    ).toEqual(consecutive("2028-01-30", "2028-03-02"));
    expect(
      occurrencesBetween(daily("2026-12-30"), "2026-12-30", "2027-01-02"),
    ).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
  });

  test.each(DST_CHANGES)(
    "every day keeps each day once around the DST change of %s",
    (change) => {
      const from = shiftDay(change, -3);
      const to = shiftDay(change, 3);
      expect(occurrencesBetween(daily(from), from, to)).toEqual(
        consecutive(from, to),
      );
      expect(occursOn(daily(from), change)).toBe(true);
    },
  );

  test("every 3 days keeps its step across DST changes and a leap day", () => {
    const days = occurrencesBetween(
      daily("2028-02-23", 3),
      "2028-02-23",
      "2028-03-10",
    );
    expect(days).toEqual([
      "2028-02-23",
      "2028-02-26",
      "2028-02-29",
      "2028-03-03",
      "2028-03-06",
      "2028-03-09",
    ]);
    // 2026-03-05 + 3 = the US change day, + 3 more: none is lost or moved.
    expect(
      occurrencesBetween(daily("2026-03-05", 3), "2026-03-05", "2026-03-12"),
    ).toEqual(["2026-03-05", "2026-03-08", "2026-03-11"]);
  });

  test("every weekday skips the weekend, over a DST weekend too", () => {
    // Friday 2026-10-30; the US change is Sunday 2026-11-01.
    expect(weekdayOf("2026-10-30")).toBe(4);
    expect(nextOccurrence(everyWeekday("2026-10-30"), "2026-10-31")).toBe(
      "2026-11-02",
    );
    expect(
      occurrencesBetween(
        everyWeekday("2026-10-23"),
        "2026-10-23",
        "2026-11-03",
      ),
    ).toEqual([
      "2026-10-23",
      "2026-10-26",
      "2026-10-27",
      "2026-10-28",
      "2026-10-29",
      "2026-10-30",
      "2026-11-02",
      "2026-11-03",
    ]);
  });

  test("every other week on Monday and Thursday", () => {
    // Monday 2026-03-02; every other week: the weeks of Mar 2, 16, 30.
    const rule = schedule("2026-03-02", {
      freq: "weekly",
      interval: 2,
      byWeekday: [3, 0],
    });
    expect(occurrencesBetween(rule, "2026-03-01", "2026-04-03")).toEqual([
      "2026-03-02",
      "2026-03-05",
      "2026-03-16",
      "2026-03-19",
      "2026-03-30",
      "2026-04-02",
    ]);
  });

  test("a weekly rule without weekdays keeps the start day's weekday", () => {
    const rule = schedule("2026-10-29", { freq: "weekly" }); // a Thursday
    expect(occurrencesBetween(rule, "2026-10-29", "2026-11-13")).toEqual([
      "2026-10-29",
      "2026-11-05",
      "2026-11-12",
    ]);
  });

  test("monthly on the 31st skips months without one", () => {
    const rule = schedule("2026-01-31", { freq: "monthly", byMonthDay: 31 });
    expect(occurrencesBetween(rule, "2026-01-01", "2026-08-31")).toEqual([
      "2026-01-31",
      "2026-03-31",
      "2026-05-31",
      "2026-07-31",
      "2026-08-31",
    ]);
  });

  test("monthly on the 29th meets February in leap years only", () => {
    const rule = schedule("2027-01-29", { freq: "monthly", byMonthDay: 29 });
    const days = occurrencesBetween(rule, "2027-01-01", "2028-03-31");
    expect(days.filter((day) => day.slice(5, 7) === "02")).toEqual([
      "2028-02-29",
    ]);
    expect(days).toContain("2027-03-29");
  });

  test("a monthly rule without a day keeps the start day's", () => {
    const rule = schedule("2026-03-15", { freq: "monthly", interval: 2 });
    expect(occurrencesBetween(rule, "2026-03-01", "2026-10-01")).toEqual([
      "2026-03-15",
      "2026-05-15",
      "2026-07-15",
      "2026-09-15",
    ]);
  });

  test("every year from Feb 29 falls on leap years only", () => {
    const rule = schedule("2028-02-29", { freq: "yearly" });
    expect(occurrencesBetween(rule, "2028-01-01", "2037-01-01")).toEqual([
      "2028-02-29",
      "2032-02-29",
      "2036-02-29",
    ]);
  });

  test("an end date is the last day, inclusive; a count ends after N", () => {
    const until = schedule("2026-11-27", {
      freq: "daily",
      end: { kind: "until", day: "2026-11-29" },
    });
    expect(occurrencesBetween(until, "2026-11-01", "2026-12-31")).toEqual([
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
    ]);
    expect(nextOccurrence(until, "2026-11-30")).toBeNull();
    const count = schedule("2026-11-27", {
      freq: "weekly",
      byWeekday: [0, 1, 2, 3, 4],
      end: { kind: "count", count: 3 },
    });
    expect(occurrencesBetween(count, "2026-11-01", "2026-12-31")).toEqual([
      "2026-11-27",
      "2026-11-30",
      "2026-12-01",
    ]);
    expect(occursOn(count, "2026-12-02")).toBe(false);
  });

  test("no day before the start is an occurrence", () => {
    expect(occursOn(daily("2026-11-30"), "2026-11-29")).toBe(false);
    expect(occursOn(daily("2026-11-30"), "2026-11-30")).toBe(true);
  });
});

describe("counting from a later occurrence", () => {
  const rules: [string, RepeatSchedule][] = [
    ["every 3 days", daily("2026-01-01", 3)],
    ["every weekday", everyWeekday("2026-01-02")],
    [
      "every other week on Tue and Sat",
      schedule("2026-01-06", {
        freq: "weekly",
        interval: 2,
        byWeekday: [1, 5],
      }),
    ],
    [
      "every other month on the 31st",
      schedule("2026-01-31", { freq: "monthly", interval: 2, byMonthDay: 31 }),
    ],
    ["every year from Feb 29", schedule("2024-02-29", { freq: "yearly" })],
    [
      "every 2 days until a date",
      schedule("2026-01-01", {
        freq: "daily",
        interval: 2,
        end: { kind: "until", day: "2027-06-01" },
      }),
    ],
  ];

  test.each(rules)(
    "%s gives the same days from any of its occurrences",
    (_name, original) => {
      const days = occurrencesBetween(
        original,
        original.startDay,
        "2036-12-31",
        60,
      );
      expect(days.length).toBeGreaterThan(3);
      for (const moved of days.slice(1, 4)) {
        const later = { ...original, startDay: moved };
        expect(occurrencesBetween(later, moved, "2036-12-31", 57)).toEqual(
          days.filter((day) => day >= moved).slice(0, 57),
        );
      }
    },
  );
});

describe("endedBy (this and following)", () => {
  test("an open rule ends on the day given", () => {
    const ended = endedBy(daily("2026-11-01"), "2026-11-10");
    expect(ended?.end).toEqual({ kind: "until", day: "2026-11-10" });
  });

  test("an earlier end date is kept", () => {
    const rule = schedule("2026-11-01", {
      freq: "daily",
      end: { kind: "until", day: "2026-11-05" },
    });
    expect(endedBy(rule, "2026-11-10")?.end).toEqual({
      kind: "until",
      day: "2026-11-05",
    });
  });

  test("a counted rule keeps the days up to the cut", () => {
    const rule = schedule("2026-11-01", {
      freq: "daily",
      end: { kind: "count", count: 10 },
    });
    expect(endedBy(rule, "2026-11-03")?.end).toEqual({
      kind: "count",
      count: 3,
    });
    expect(endedBy(rule, "2026-12-31")?.end).toEqual({
      kind: "count",
      count: 10,
    });
  });

  test("nothing is left when the cut comes before the first day", () => {
    expect(endedBy(daily("2026-11-10"), "2026-11-09")).toBeNull();
    expect(endedBy(everyWeekday("2026-11-28"), "2026-11-29")).toBeNull();
  });
});

describe("requireRepeatRule", () => {
  const valid: RepeatRule = { freq: "daily", interval: 1, end: never };
  /** The code the rule is refused with; null when it is accepted. */
  const refusal = (rule: Partial<RepeatRule>) => {
    try {
      requireRepeatRule({ ...valid, ...rule } as RepeatRule);
      return null;
    } catch (error) {
      return (error as { data?: { code?: string } }).data?.code ?? "other";
    }
  };

  test.each([0, 367, 1.5, -1, Number.NaN])("refuses interval %s", (n) => {
    expect(refusal({ interval: n })).toBe("INVALID_ARGUMENT");
  });

  test.each([[[]], [[7]], [[-1]], [[0.5]], [[0, 1, 2, 3, 4, 5, 6, 0]]])(
    "refuses weekdays %j",
    (byWeekday) => {
      expect(refusal({ freq: "weekly", byWeekday })).toBe("INVALID_ARGUMENT");
    },
  );

  test("refuses weekdays on a monthly rule, a month day on a weekly one", () => {
    expect(refusal({ freq: "monthly", byWeekday: [0] })).toBe(
      "INVALID_ARGUMENT",
    );
    expect(refusal({ freq: "weekly", byMonthDay: 3 })).toBe("INVALID_ARGUMENT");
  });

  test.each([0, 32, 2.5])("refuses day of the month %s", (byMonthDay) => {
    expect(refusal({ freq: "monthly", byMonthDay })).toBe("INVALID_ARGUMENT");
  });

  test.each([0, 1001, 2.5])("refuses a count of %s", (count) => {
    expect(refusal({ end: { kind: "count", count } })).toBe("INVALID_ARGUMENT");
  });

  test.each(["2026-02-30", "tomorrow", "2200-01-01"])(
    "refuses the end date %s",
    (day) => {
      expect(refusal({ end: { kind: "until", day } })).toBe("INVALID_ARGUMENT");
    },
  );

  test("sorts weekdays, drops repeats, keeps only fields of its kind", () => {
    expect(
      requireRepeatRule({
        freq: "weekly",
        interval: 2,
        byWeekday: [4, 0, 4],
        end: { kind: "count", count: 5 },
      }),
    ).toEqual({
      freq: "weekly",
      interval: 2,
      byWeekday: [0, 4],
      end: { kind: "count", count: 5 },
    });
  });
});

test("days are floating: midnight UTC, whatever the zone", () => {
  expect(dayToDate("2026-03-08").toISOString()).toBe(
    "2026-03-08T00:00:00.000Z",
  );
  expect(shiftDay("2028-02-28", 1)).toBe("2028-02-29");
  expect(shiftDay("2026-03-01", -1)).toBe("2026-02-28");
});
