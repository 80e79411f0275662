import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { LIMITS } from "./lib/limits";
import type { RepeatRule } from "./lib/repeatRule";
import { ALICE, BOB, expectCode, newBackend, type Backend } from "./test.setup";

type Client = ReturnType<Backend["withIdentity"]>;

const ALICE_ID = ALICE.subject!;

let t: Backend;
let alice: Client;
let bob: Client;
let sent = 0;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
  alice = t.withIdentity(ALICE);
  bob = t.withIdentity(BOB);
});

afterEach(() => {
  vi.useRealTimers();
});

const newChange = () => `series-change-${++sent}`;

const never = { kind: "never" } as const;
const EVERY_DAY: RepeatRule = { freq: "daily", interval: 1, end: never };
const EVERY_WEEKDAY: RepeatRule = {
  freq: "weekly",
  interval: 1,
  byWeekday: [0, 1, 2, 3, 4],
  end: never,
};

// Friday 2026-11-27 … Monday 2026-11-30 … Wednesday 2026-12-02.
const FRIDAY = "2026-11-27";
const SATURDAY = "2026-11-28";
const SUNDAY = "2026-11-29";
const MONDAY = "2026-11-30";
const TUESDAY = "2026-12-01";
const WEDNESDAY = "2026-12-02";

/** The clock at `time` (an ISO instant). */
function clockAt(time: string) {
  vi.setSystemTime(new Date(time));
}

/** Alice's time zone, as Settings stores it (convex/settings). */
async function setZone(timeZone: string, userId = ALICE_ID) {
  await t.run(async (ctx) => {
    await ctx.db.insert("settings", { userId, timeZone });
  });
}

async function texts(day: string, who: Client = alice) {
  return (await who.query(api.todos.listForDay, { day })).map((x) => x.text);
}

async function occurrences(day: string) {
  return (await alice.query(api.todos.listForDay, { day })).filter(
    (todo) => todo.seriesId !== undefined,
  );
}

function show(day: string, who: Client = alice) {
  return who.mutation(api.series.showDay, { day });
}

function seriesRow(id: Id<"series">) {
  return t.run((ctx) => ctx.db.get("series", id)) as Promise<Doc<"series">>;
}

function finishScheduled() {
  return t.finishAllScheduledFunctions(vi.runAllTimers);
}

async function undo(change: string) {
  await alice.mutation(api.undo.apply, { change, changeId: newChange() });
  await finishScheduled();
}

describe("create", () => {
  beforeEach(() => clockAt(`${FRIDAY}T12:00:00Z`));

  test("makes the first occurrence on its day when the rule falls on it", async () => {
    const { seriesId, todoId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
    });
    const [todo] = await occurrences(FRIDAY);
    expect(todo).toMatchObject({ _id: todoId, seriesId, text: "Stand-up" });
    expect(await seriesRow(seriesId)).toMatchObject({
      active: true,
      lastDay: FRIDAY,
      madeDays: [FRIDAY],
    });
  });

  test("makes none on a day the rule skips", async () => {
    const result = await alice.mutation(api.series.create, {
      day: SATURDAY,
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
    });
    expect(result.todoId).toBeNull();
    expect(await texts(SATURDAY)).toEqual([]);
  });

  test("refuses headings, empty text and a rule with no day left", async () => {
    const create = (text: string, rule = EVERY_DAY) =>
      alice.mutation(api.series.create, { day: FRIDAY, text, rule });
    await expectCode(create("# Morning"), "INVALID_ARGUMENT");
    await expectCode(create("   "), "INVALID_ARGUMENT");
    await expectCode(
      create("Too late", {
        ...EVERY_DAY,
        end: { kind: "until", day: "2026-11-01" },
      }),
      "INVALID_ARGUMENT",
    );
  });
});

describe("showDay: occurrences appear when their day is shown", () => {
  beforeEach(() => clockAt(`${FRIDAY}T12:00:00Z`));

  test("every weekday: the next weekday gets one, the weekend none", async () => {
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
    });
    expect(await show(SATURDAY)).toEqual({ made: 0 });
    expect(await show(MONDAY)).toEqual({ made: 1 });
    expect(await texts(MONDAY)).toEqual(["Stand-up"]);
    expect(await texts(SATURDAY)).toEqual([]);
  });

  test("showing a day again makes nothing more", async () => {
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Water plants",
      rule: EVERY_DAY,
    });
    await show(MONDAY);
    expect(await show(MONDAY)).toEqual({ made: 0 });
    expect(await show(FRIDAY)).toEqual({ made: 0 });
    expect(await texts(MONDAY)).toEqual(["Water plants"]);
  });

  test("days before today get none, even days never opened", async () => {
    await alice.mutation(api.series.create, {
      day: "2026-11-20",
      text: "Water plants",
      rule: EVERY_DAY,
    });
    expect(await show("2026-11-25")).toEqual({ made: 0 });
    expect(await texts("2026-11-25")).toEqual([]);
    expect(await show(FRIDAY)).toEqual({ made: 1 });
  });

  test("a deleted occurrence is not made again", async () => {
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Water plants",
      rule: EVERY_DAY,
    });
    await show(MONDAY);
    const [monday] = await occurrences(MONDAY);
    await alice.mutation(api.todos.remove, { id: monday!._id });
    expect(await show(MONDAY)).toEqual({ made: 0 });
    expect(await texts(MONDAY)).toEqual([]);
  });

  test("a moved occurrence is not made again on its old day", async () => {
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Water plants",
      rule: EVERY_DAY,
    });
    await show(MONDAY);
    const [monday] = await occurrences(MONDAY);
    await alice.mutation(api.todos.moveToDay, {
      id: monday!._id,
      day: WEDNESDAY,
    });
    expect(await show(MONDAY)).toEqual({ made: 0 });
    expect(await show(WEDNESDAY)).toEqual({ made: 1 });
    expect(await texts(WEDNESDAY)).toEqual(["Water plants", "Water plants"]);
  });

  test("completing one occurrence leaves the next open", async () => {
    const { todoId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
    });
    await alice.mutation(api.todos.setDone, { id: todoId!, done: true });
    await show(MONDAY);
    const [monday] = await occurrences(MONDAY);
    expect(monday).toMatchObject({ text: "Stand-up", done: false });
    const [friday] = await occurrences(FRIDAY);
    expect(friday!.done).toBe(true);
  });

  test("an occurrence is put back from Recently deleted as an occurrence", async () => {
    const { seriesId, todoId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
    });
    const groupId = await alice.mutation(api.todos.remove, { id: todoId! });
    await alice.mutation(api.trash.restoreGroup, { groupId });
    const [back] = await occurrences(FRIDAY);
    expect(back!.seriesId).toBe(seriesId);
  });

  test("an occurrence lands after the day's items", async () => {
    await alice.mutation(api.todos.create, { day: MONDAY, text: "First" });
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
    });
    await show(MONDAY);
    expect(await texts(MONDAY)).toEqual(["First", "Stand-up"]);
  });

  test("another person's series never appear in my days", async () => {
    await bob.mutation(api.series.create, {
      day: FRIDAY,
      text: "Bob's",
      rule: EVERY_DAY,
    });
    expect(await show(MONDAY)).toEqual({ made: 0 });
    expect(await show(MONDAY, bob)).toEqual({ made: 1 });
    expect(await texts(MONDAY)).toEqual([]);
  });

  test("a rule that has run out stops being read", async () => {
    const { seriesId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Three times",
      rule: { ...EVERY_DAY, end: { kind: "count", count: 2 } },
    });
    await show(SATURDAY);
    clockAt(`${MONDAY}T12:00:00Z`);
    expect(await show(MONDAY)).toEqual({ made: 0 });
    expect((await seriesRow(seriesId)).active).toBe(false);
  });

  test("today's occurrence moves the day rrule counts from (same days after)", async () => {
    const { seriesId } = await alice.mutation(api.series.create, {
      day: "2026-11-02",
      text: "Every other day",
      rule: { ...EVERY_DAY, interval: 2 },
    });
    clockAt(`${SATURDAY}T12:00:00Z`);
    // Nov 2 + 2k: Nov 28 is one, Nov 29 is not, Nov 30 is.
    expect(await show(SATURDAY)).toEqual({ made: 1 });
    expect((await seriesRow(seriesId)).startDay).toBe(SATURDAY);
    expect(await show(SUNDAY)).toEqual({ made: 0 });
    expect(await show(MONDAY)).toEqual({ made: 1 });
  });
});

describe("the person's today, in their time zone", () => {
  // 03:00 UTC on Monday: Sunday evening in New York, Monday afternoon in
  // Sydney.
  beforeEach(() => clockAt(`${MONDAY}T03:00:00Z`));

  test("in New York it is still Sunday: Sunday is shown and made", async () => {
    await setZone("America/New_York");
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Daily",
      rule: EVERY_DAY,
    });
    expect(await show(SUNDAY)).toEqual({ made: 1 });
  });

  test("in Sydney it is Monday: Sunday is past and gets none", async () => {
    await setZone("Australia/Sydney");
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Daily",
      rule: EVERY_DAY,
    });
    expect(await show(SUNDAY)).toEqual({ made: 0 });
    expect(await show(MONDAY)).toEqual({ made: 1 });
  });

  /** Opens each day at local noon and returns what each day holds. */
  async function openEachDay(days: string[], offsets: string[]) {
    const held: Record<string, string[]> = {};
    for (const [i, day] of days.entries()) {
      // Local noon, written with the day's own UTC offset.
      clockAt(`${day}T12:00:00${offsets[i]}`);
      await show(day);
      // Looking ahead a day as well must not make it twice.
      await show(days[i + 1] ?? day);
      held[day] = await texts(day);
    }
    return held;
  }

  test.each([
    [
      "America/New_York, spring forward (2026-03-08)",
      "America/New_York",
      ["2026-03-07", "2026-03-08", "2026-03-09"],
      ["-05:00", "-04:00", "-04:00"],
    ],
    [
      "America/New_York, fall back (2026-11-01)",
      "America/New_York",
      ["2026-10-31", "2026-11-01", "2026-11-02"],
      ["-04:00", "-05:00", "-05:00"],
    ],
    [
      "Australia/Sydney, DST ends (2026-04-05)",
      "Australia/Sydney",
      ["2026-04-04", "2026-04-05", "2026-04-06"],
      ["+11:00", "+10:00", "+10:00"],
    ],
    [
      "Australia/Sydney, DST starts (2026-10-04)",
      "Australia/Sydney",
      ["2026-10-03", "2026-10-04", "2026-10-05"],
      ["+10:00", "+11:00", "+11:00"],
    ],
    [
      "Europe/Berlin, month end and DST (2026-03-29 … 04-01)",
      "Europe/Berlin",
      ["2026-03-29", "2026-03-30", "2026-03-31", "2026-04-01"],
      ["+02:00", "+02:00", "+02:00", "+02:00"],
    ],
    [
      "Australia/Sydney, Feb 29 2028",
      "Australia/Sydney",
      ["2028-02-28", "2028-02-29", "2028-03-01"],
      ["+11:00", "+11:00", "+11:00"],
    ],
    [
      "America/New_York, Feb 29 2028",
      "America/New_York",
      ["2028-02-28", "2028-02-29", "2028-03-01"],
      ["-05:00", "-05:00", "-05:00"],
    ],
  ])(
    "every day in %s: one occurrence a day",
    async (_name, zone, days, offsets) => {
      await setZone(zone);
      clockAt(`${days[0]}T12:00:00${offsets[0]}`);
      await alice.mutation(api.series.create, {
        day: days[0]!,
        text: "Daily",
        rule: EVERY_DAY,
      });
      const held = await openEachDay(days, offsets);
      expect(held).toEqual(Object.fromEntries(days.map((d) => [d, ["Daily"]])));
    },
  );

  test("every weekday across New York's fall-back weekend", async () => {
    await setZone("America/New_York");
    clockAt("2026-10-30T12:00:00-04:00"); // Friday
    await alice.mutation(api.series.create, {
      day: "2026-10-30",
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
    });
    for (const [day, offset] of [
      ["2026-10-31", "-04:00"],
      ["2026-11-01", "-05:00"],
      ["2026-11-02", "-05:00"],
    ] as const) {
      clockAt(`${day}T12:00:00${offset}`);
      await show(day);
    }
    expect(await texts("2026-10-31")).toEqual([]);
    expect(await texts("2026-11-01")).toEqual([]);
    expect(await texts("2026-11-02")).toEqual(["Stand-up"]);
  });
});

describe("stop", () => {
  beforeEach(() => clockAt(`${FRIDAY}T12:00:00Z`));

  test("removes future occurrences nobody touched; keeps the rest", async () => {
    const { seriesId } = await alice.mutation(api.series.create, {
      day: "2026-11-25",
      text: "Daily",
      rule: EVERY_DAY,
    });
    for (const day of [MONDAY, TUESDAY, WEDNESDAY]) await show(day);
    const [tuesday] = await occurrences(TUESDAY);
    await alice.mutation(api.todos.setDone, { id: tuesday!._id, done: true });
    const [wednesday] = await occurrences(WEDNESDAY);
    await alice.mutation(api.todos.updateText, {
      id: wednesday!._id,
      baseText: "Daily",
      text: "Daily, longer",
    });
    await show(FRIDAY);

    expect(await alice.mutation(api.series.stop, { seriesId })).toEqual({
      removed: 1,
    });
    expect(await texts("2026-11-25")).toEqual(["Daily"]);
    expect(await texts(FRIDAY)).toEqual(["Daily"]);
    expect(await texts(MONDAY)).toEqual([]);
    expect(await texts(TUESDAY)).toEqual(["Daily"]);
    expect(await texts(WEDNESDAY)).toEqual(["Daily, longer"]);
    expect(await show("2026-12-03")).toEqual({ made: 0 });
    // Stopping again changes nothing.
    expect(await alice.mutation(api.series.stop, { seriesId })).toEqual({
      removed: 0,
    });
  });

  test("the occurrences that stay from today on no longer repeat", async () => {
    const { seriesId } = await alice.mutation(api.series.create, {
      day: "2026-11-25",
      text: "Yoga",
      rule: EVERY_DAY,
    });
    await show(FRIDAY);
    await show(MONDAY);
    const [monday] = await occurrences(MONDAY);
    await alice.mutation(api.todos.setDone, { id: monday!._id, done: true });

    await alice.mutation(api.series.stop, { seriesId });

    // Today's and the completed one later stay, as plain todos; the past
    // one stays an occurrence: it did repeat.
    expect(await texts(FRIDAY)).toEqual(["Yoga"]);
    expect(await occurrences(FRIDAY)).toEqual([]);
    expect(await texts(MONDAY)).toEqual(["Yoga"]);
    expect(await occurrences(MONDAY)).toEqual([]);
    expect(await occurrences("2026-11-25")).toHaveLength(1);
  });

  test("undo links today's occurrence to its series again", async () => {
    const { seriesId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Yoga",
      rule: EVERY_DAY,
    });
    const change = newChange();
    await alice.mutation(api.series.stop, { seriesId, changeId: change });
    expect(await occurrences(FRIDAY)).toEqual([]);
    await undo(change);
    const [today] = await occurrences(FRIDAY);
    expect(today?.seriesId).toBe(seriesId);
  });

  test("is undone whole: the series runs again, its occurrences are back", async () => {
    const { seriesId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Daily",
      rule: EVERY_DAY,
    });
    await show(MONDAY);
    const change = newChange();
    await alice.mutation(api.series.stop, { seriesId, changeId: change });
    expect(await texts(MONDAY)).toEqual([]);
    await undo(change);
    expect(await texts(MONDAY)).toEqual(["Daily"]);
    expect((await seriesRow(seriesId)).active).toBe(true);
    expect(await show(TUESDAY)).toEqual({ made: 1 });
  });
});

describe("this one versus this and following", () => {
  beforeEach(() => clockAt(`${FRIDAY}T12:00:00Z`));

  async function dailyThroughWednesday() {
    const created = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Daily",
      rule: EVERY_DAY,
    });
    for (const day of [SATURDAY, SUNDAY, MONDAY, TUESDAY, WEDNESDAY]) {
      await show(day);
    }
    return created;
  }

  test("editing this one changes only this one", async () => {
    await dailyThroughWednesday();
    const [sunday] = await occurrences(SUNDAY);
    await alice.mutation(api.todos.updateText, {
      id: sunday!._id,
      baseText: "Daily",
      text: "Daily, on Sunday",
    });
    expect(await texts(SUNDAY)).toEqual(["Daily, on Sunday"]);
    expect(await texts(MONDAY)).toEqual(["Daily"]);
    expect(await show("2026-12-03")).toEqual({ made: 1 });
    expect(await texts("2026-12-03")).toEqual(["Daily"]);
  });

  test("editing this and following changes it, the open ones after it and those to come", async () => {
    await dailyThroughWednesday();
    const [tuesday] = await occurrences(TUESDAY);
    await alice.mutation(api.todos.setDone, { id: tuesday!._id, done: true });
    const [sunday] = await occurrences(SUNDAY);
    const result = await alice.mutation(api.series.editFollowing, {
      id: sunday!._id,
      baseText: "Daily",
      text: "Daily stretch",
    });
    expect(result).toEqual({ changed: 3 });
    expect(await texts(SATURDAY)).toEqual(["Daily"]);
    expect(await texts(SUNDAY)).toEqual(["Daily stretch"]);
    expect(await texts(MONDAY)).toEqual(["Daily stretch"]);
    expect(await texts(TUESDAY)).toEqual(["Daily"]);
    expect(await texts(WEDNESDAY)).toEqual(["Daily stretch"]);
    await show("2026-12-03");
    expect(await texts("2026-12-03")).toEqual(["Daily stretch"]);
  });

  /** Daily through Wednesday, Monday's given a text of its own. */
  async function mondayOfItsOwn() {
    await dailyThroughWednesday();
    const [monday] = await occurrences(MONDAY);
    await alice.mutation(api.todos.updateText, {
      id: monday!._id,
      baseText: "Daily",
      text: "Daily, gym on Monday",
    });
  }

  test("editing this and following keeps a text given to one alone, and is undone whole", async () => {
    await mondayOfItsOwn();
    const [sunday] = await occurrences(SUNDAY);
    const change = newChange();
    expect(
      await alice.mutation(api.series.editFollowing, {
        id: sunday!._id,
        baseText: "Daily",
        text: "Daily stretch",
        changeId: change,
      }),
    ).toEqual({ changed: 3 });
    expect(await texts(SATURDAY)).toEqual(["Daily"]);
    expect(await texts(SUNDAY)).toEqual(["Daily stretch"]);
    expect(await texts(MONDAY)).toEqual(["Daily, gym on Monday"]);
    expect(await texts(TUESDAY)).toEqual(["Daily stretch"]);
    expect(await texts(WEDNESDAY)).toEqual(["Daily stretch"]);

    await undo(change);
    expect(await texts(SUNDAY)).toEqual(["Daily"]);
    expect(await texts(MONDAY)).toEqual(["Daily, gym on Monday"]);
    expect(await texts(TUESDAY)).toEqual(["Daily"]);
    expect(await texts(WEDNESDAY)).toEqual(["Daily"]);
    await show("2026-12-03");
    expect(await texts("2026-12-03")).toEqual(["Daily"]);
  });

  test("a second this and following reaches what the first rewrote, not a text of its own", async () => {
    await mondayOfItsOwn();
    const [sunday] = await occurrences(SUNDAY);
    await alice.mutation(api.series.editFollowing, {
      id: sunday!._id,
      baseText: "Daily",
      text: "Daily stretch",
    });
    const change = newChange();
    expect(
      await alice.mutation(api.series.editFollowing, {
        id: sunday!._id,
        baseText: "Daily stretch",
        text: "Daily yoga",
        changeId: change,
      }),
    ).toEqual({ changed: 3 });
    expect(await texts(SUNDAY)).toEqual(["Daily yoga"]);
    expect(await texts(MONDAY)).toEqual(["Daily, gym on Monday"]);
    expect(await texts(TUESDAY)).toEqual(["Daily yoga"]);
    expect(await texts(WEDNESDAY)).toEqual(["Daily yoga"]);

    await undo(change);
    expect(await texts(SUNDAY)).toEqual(["Daily stretch"]);
    expect(await texts(MONDAY)).toEqual(["Daily, gym on Monday"]);
    expect(await texts(TUESDAY)).toEqual(["Daily stretch"]);
    await show("2026-12-03");
    expect(await texts("2026-12-03")).toEqual(["Daily stretch"]);
  });

  test("editing this and following from an outdated text is a conflict", async () => {
    await dailyThroughWednesday();
    const [sunday] = await occurrences(SUNDAY);
    await expectCode(
      alice.mutation(api.series.editFollowing, {
        id: sunday!._id,
        baseText: "Something else",
        text: "Daily stretch",
      }),
      "CONFLICT",
    );
  });

  test("deleting this one leaves the others and the series", async () => {
    await dailyThroughWednesday();
    const [monday] = await occurrences(MONDAY);
    await alice.mutation(api.todos.remove, { id: monday!._id });
    expect(await texts(MONDAY)).toEqual([]);
    expect(await texts(TUESDAY)).toEqual(["Daily"]);
    expect(await show("2026-12-03")).toEqual({ made: 1 });
  });

  test("deleting this and following ends the series before it", async () => {
    const { seriesId } = await dailyThroughWednesday();
    const [tuesday] = await occurrences(TUESDAY);
    await alice.mutation(api.todos.setDone, { id: tuesday!._id, done: true });
    const [monday] = await occurrences(MONDAY);
    const change = newChange();
    const result = await alice.mutation(api.series.deleteFollowing, {
      id: monday!._id,
      changeId: change,
    });
    expect(result).toEqual({ removed: 2 });
    expect(await texts(SUNDAY)).toEqual(["Daily"]);
    expect(await texts(MONDAY)).toEqual([]);
    expect(await texts(TUESDAY)).toEqual(["Daily"]);
    expect(await texts(WEDNESDAY)).toEqual([]);
    expect(await show("2026-12-03")).toEqual({ made: 0 });
    expect((await seriesRow(seriesId)).rule.end).toEqual({
      kind: "until",
      day: SUNDAY,
    });

    await undo(change);
    expect(await texts(MONDAY)).toEqual(["Daily"]);
    expect(await texts(WEDNESDAY)).toEqual(["Daily"]);
    expect((await seriesRow(seriesId)).rule.end).toEqual(never);
    expect(await show("2026-12-03")).toEqual({ made: 1 });
  });

  test("deleting from the first occurrence on stops the series", async () => {
    const { seriesId, todoId } = await dailyThroughWednesday();
    await alice.mutation(api.series.deleteFollowing, { id: todoId! });
    expect((await seriesRow(seriesId)).active).toBe(false);
    expect(await texts(WEDNESDAY)).toEqual([]);
  });

  test("a todo that does not repeat has no following", async () => {
    const id = await alice.mutation(api.todos.create, {
      day: FRIDAY,
      text: "Once",
    });
    await expectCode(
      alice.mutation(api.series.deleteFollowing, { id }),
      "INVALID_ARGUMENT",
    );
    await expectCode(
      alice.mutation(api.series.editFollowing, {
        id,
        baseText: "Once",
        text: "Twice",
      }),
      "INVALID_ARGUMENT",
    );
  });
});

describe("setRepeat on an existing todo", () => {
  beforeEach(() => clockAt(`${FRIDAY}T12:00:00Z`));

  test("the todo becomes the first occurrence", async () => {
    const id = await alice.mutation(api.todos.create, {
      day: FRIDAY,
      text: "Stand-up",
    });
    const { seriesId } = await alice.mutation(api.series.setRepeat, {
      id,
      rule: EVERY_WEEKDAY,
    });
    const [todo] = await occurrences(FRIDAY);
    expect(todo).toMatchObject({ _id: id, seriesId });
    expect(await show(FRIDAY)).toEqual({ made: 0 });
    expect(await show(MONDAY)).toEqual({ made: 1 });
    expect(await alice.query(api.series.get, { seriesId })).toMatchObject({
      text: "Stand-up",
      rule: EVERY_WEEKDAY,
      active: true,
    });
  });

  test("changing the repeat of an occurrence ends the old rule before it", async () => {
    const { seriesId: old, todoId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Stand-up",
      rule: EVERY_DAY,
    });
    await show(SATURDAY);
    await show(MONDAY);
    const [saturday] = await occurrences(SATURDAY);
    const { seriesId } = await alice.mutation(api.series.setRepeat, {
      id: saturday!._id,
      rule: { ...EVERY_DAY, interval: 2 },
    });
    // Monday's untouched occurrence of the old rule went.
    expect(await texts(MONDAY)).toEqual([]);
    // It still runs today (Friday), its last day.
    expect(await seriesRow(old)).toMatchObject({
      active: true,
      rule: { end: { kind: "until", day: FRIDAY } },
    });
    expect((await occurrences(FRIDAY))[0]!._id).toBe(todoId);
    expect(await show(SUNDAY)).toEqual({ made: 0 });
    expect(await show(MONDAY)).toEqual({ made: 1 });
    expect((await occurrences(MONDAY))[0]!.seriesId).toBe(seriesId);
  });

  test("headings cannot repeat", async () => {
    const id = await alice.mutation(api.todos.create, {
      day: FRIDAY,
      text: "# Morning",
    });
    await expectCode(
      alice.mutation(api.series.setRepeat, { id, rule: EVERY_DAY }),
      "INVALID_ARGUMENT",
    );
  });

  test("is undone: the todo no longer repeats and nothing more is made", async () => {
    const id = await alice.mutation(api.todos.create, {
      day: FRIDAY,
      text: "Stand-up",
    });
    const change = newChange();
    const { seriesId } = await alice.mutation(api.series.setRepeat, {
      id,
      rule: EVERY_DAY,
      changeId: change,
    });
    await undo(change);
    const [todo] = await alice.query(api.todos.listForDay, { day: FRIDAY });
    expect(todo!.seriesId).toBeUndefined();
    expect((await seriesRow(seriesId)).active).toBe(false);
    expect(await show(MONDAY)).toEqual({ made: 0 });
  });
});

describe("limits", () => {
  beforeEach(() => clockAt(`${FRIDAY}T12:00:00Z`));

  async function seedRunningSeries(count: number) {
    await t.run(async (ctx) => {
      for (let i = 0; i < count; i++) {
        await ctx.db.insert("series", {
          userId: ALICE_ID,
          text: `Series ${i}`,
          rule: EVERY_DAY,
          startDay: FRIDAY,
          active: true,
          madeDays: [],
        });
      }
    });
  }

  test(`at most ${LIMITS.activeSeries} running series, with a clear error`, async () => {
    await seedRunningSeries(LIMITS.activeSeries);
    const refused = alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "One more",
      rule: EVERY_DAY,
    });
    await expect(refused).rejects.toMatchObject({
      data: {
        code: "LIMIT_REACHED",
        message: expect.stringContaining(
          `at most ${LIMITS.activeSeries} repeating todos`,
        ) as string,
      },
    });
    const id = await alice.mutation(api.todos.create, {
      day: FRIDAY,
      text: "Plain",
    });
    await expectCode(
      alice.mutation(api.series.setRepeat, { id, rule: EVERY_DAY }),
      "LIMIT_REACHED",
    );
    // Bob has room of his own.
    await bob.mutation(api.series.create, {
      day: FRIDAY,
      text: "Bob's",
      rule: EVERY_DAY,
    });
  });

  test("stopping one makes room again", async () => {
    await seedRunningSeries(LIMITS.activeSeries - 1);
    const { seriesId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Last",
      rule: EVERY_DAY,
    });
    await alice.mutation(api.series.stop, { seriesId });
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Another",
      rule: EVERY_DAY,
    });
  });

  test("a full day is passed over, not refused", async () => {
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Daily",
      rule: EVERY_DAY,
    });
    await t.run(async (ctx) => {
      await ctx.db.insert("days", {
        userId: ALICE_ID,
        day: MONDAY,
        archived: false,
        todoCount: LIMITS.todosPerDay,
        openCount: LIMITS.todosPerDay,
        doneCount: 0,
        todoBytes: LIMITS.todosPerDay,
        noteCount: 0,
        noteBytes: 0,
      });
    });
    expect(await show(MONDAY)).toEqual({ made: 0 });
    expect(await show(TUESDAY)).toEqual({ made: 1 });
  });

  test("showing a day with every running series falling on it stays within a transaction", async () => {
    await seedRunningSeries(LIMITS.activeSeries);
    expect(await show(MONDAY)).toEqual({ made: LIMITS.activeSeries });
    expect(await show(MONDAY)).toEqual({ made: 0 });
  });
});

describe("export and delete my data", () => {
  beforeEach(() => clockAt(`${FRIDAY}T12:00:00Z`));

  test("the export holds the caller's series and nobody else's", async () => {
    const { seriesId } = await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Mine",
      rule: EVERY_WEEKDAY,
    });
    await bob.mutation(api.series.create, {
      day: FRIDAY,
      text: "Bob's",
      rule: EVERY_DAY,
    });
    const page = await alice.query(api.account.exportPage, {
      table: "series",
      cursor: null,
    });
    expect(page.page).toEqual([
      expect.objectContaining({
        _id: seriesId,
        text: "Mine",
        rule: EVERY_WEEKDAY,
      }),
    ]);
  });

  test("delete my data deletes series", async () => {
    await alice.mutation(api.series.create, {
      day: FRIDAY,
      text: "Mine",
      rule: EVERY_DAY,
    });
    await alice.mutation(api.account.deleteMyData, {});
    await finishScheduled();
    const left = await t.run((ctx) => ctx.db.query("series").take(100));
    expect(left).toEqual([]);
  });
});
