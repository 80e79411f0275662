import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { canonicalTimeZone, dayInTimeZone } from "./lib/timeZone";
import { requireNearToday, userTimeZone, userToday } from "./lib/userToday";
import { ALICE, BOB, expectCode, newBackend, type Backend } from "./test.setup";

let t: Backend;
const ALICE_ID = ALICE.subject!;

beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});

afterEach(() => {
  vi.useRealTimers();
});

const alice = () => t.withIdentity(ALICE);

describe("settings.get", () => {
  test("gives the defaults before anything is stored: UTC, not set, not chosen, no automatic move", async () => {
    expect(await alice().query(api.settings.get, {})).toEqual({
      timeZone: "UTC",
      timeZoneIsSet: false,
      timeZoneChosen: false,
      moveUnfinishedAutomatically: false,
    });
  });
});

describe("settings.setTimeZone", () => {
  test("stores the browser's zone on sign-in, in its canonical spelling", async () => {
    const stored = await alice().mutation(api.settings.setTimeZone, {
      timeZone: "europe/paris",
      source: "browser",
    });
    expect(stored).toBe("Europe/Paris");
    expect(await alice().query(api.settings.get, {})).toMatchObject({
      timeZone: "Europe/Paris",
      timeZoneIsSet: true,
      timeZoneChosen: false,
    });
  });

  test("a later sign-in elsewhere follows the new browser's zone", async () => {
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Europe/Paris",
      source: "browser",
    });
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Asia/Tokyo",
      source: "browser",
    });
    expect((await alice().query(api.settings.get, {})).timeZone).toBe(
      "Asia/Tokyo",
    );
  });

  test("a zone chosen in Settings is kept over the browser's until the person picks automatic", async () => {
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "America/New_York",
      source: "choice",
    });
    const afterSignIn = await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Europe/Paris",
      source: "browser",
    });
    expect(afterSignIn).toBe("America/New_York");
    expect(await alice().query(api.settings.get, {})).toMatchObject({
      timeZone: "America/New_York",
      timeZoneChosen: true,
    });

    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Europe/Paris",
      source: "automatic",
    });
    expect(await alice().query(api.settings.get, {})).toMatchObject({
      timeZone: "Europe/Paris",
      timeZoneChosen: false,
    });
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Asia/Tokyo",
      source: "browser",
    });
    expect((await alice().query(api.settings.get, {})).timeZone).toBe(
      "Asia/Tokyo",
    );
  });

  test.each([
    "Mars/Olympus_Mons",
    "+05:00",
    "-0300",
    "",
    " Europe/Paris",
    "Europe/Paris\n",
    "Europe/../Paris",
    `Europe/${"a".repeat(80)}`,
  ])(
    "refuses %j, which is not an IANA zone name, storing nothing",
    async (timeZone) => {
      await expectCode(
        alice().mutation(api.settings.setTimeZone, {
          timeZone,
          source: "choice",
        }),
        "INVALID_ARGUMENT",
      );
      expect((await alice().query(api.settings.get, {})).timeZoneIsSet).toBe(
        false,
      );
    },
  );

  test("one person's zone is not another's", async () => {
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Asia/Tokyo",
      source: "choice",
    });
    expect(
      (await t.withIdentity(BOB).query(api.settings.get, {})).timeZone,
    ).toBe("UTC");
  });
});

describe("settings.setMoveUnfinishedAutomatically", () => {
  test("turns the automatic move on and off", async () => {
    await alice().mutation(api.settings.setMoveUnfinishedAutomatically, {
      enabled: true,
    });
    expect(
      (await alice().query(api.settings.get, {})).moveUnfinishedAutomatically,
    ).toBe(true);
    await alice().mutation(api.settings.setMoveUnfinishedAutomatically, {
      enabled: false,
    });
    expect(
      (await alice().query(api.settings.get, {})).moveUnfinishedAutomatically,
    ).toBe(false);
  });
});

describe("canonicalTimeZone", () => {
  test.each([
    ["UTC", "UTC"],
    ["Europe/Paris", "Europe/Paris"],
    ["america/los_angeles", "America/Los_Angeles"],
    ["Etc/GMT+5", "Etc/GMT+5"],
  ])("knows %s as %s", (name, canonical) => {
    expect(canonicalTimeZone(name)).toBe(canonical);
  });
});

describe("userToday", () => {
  async function todayIn(timeZone: string | null) {
    if (timeZone !== null) {
      await alice().mutation(api.settings.setTimeZone, {
        timeZone,
        source: "choice",
      });
    }
    return await t.run((ctx) => userToday(ctx, ALICE_ID));
  }

  test("is the UTC day while no zone is stored", async () => {
    vi.setSystemTime(new Date("2026-11-30T23:30:00Z"));
    expect(await t.run((ctx) => userTimeZone(ctx, ALICE_ID))).toBe("UTC");
    expect(await todayIn(null)).toBe("2026-11-30");
  });

  test.each([
    ["Asia/Tokyo", "2026-12-01"],
    ["Pacific/Kiritimati", "2026-12-01"],
    ["America/Los_Angeles", "2026-11-30"],
    ["Pacific/Pago_Pago", "2026-11-30"],
  ])("at 23:30 UTC on Nov 30 is, in %s, %s", async (timeZone, day) => {
    vi.setSystemTime(new Date("2026-11-30T23:30:00Z"));
    expect(await todayIn(timeZone)).toBe(day);
  });

  test("follows daylight saving: 04:30 UTC on the day New York springs forward is still the day before there", async () => {
    // 2026-03-08: New York moves from UTC-5 to UTC-4 at 07:00 UTC.
    vi.setSystemTime(new Date("2026-03-08T04:30:00Z"));
    expect(await todayIn("America/New_York")).toBe("2026-03-07");
    vi.setSystemTime(new Date("2026-03-09T03:30:00Z"));
    expect(await todayIn("America/New_York")).toBe("2026-03-08");
    vi.setSystemTime(new Date("2026-03-09T04:30:00Z"));
    expect(dayInTimeZone(Date.now(), "America/New_York")).toBe("2026-03-09");
  });
});

describe("requireNearToday", () => {
  beforeEach(async () => {
    vi.setSystemTime(new Date("2026-11-30T23:30:00Z"));
    await alice().mutation(api.settings.setTimeZone, {
      timeZone: "Asia/Tokyo",
      source: "choice",
    });
  });

  test.each(["2026-11-30", "2026-12-01", "2026-12-02"])(
    "accepts %s, within a day of today in Tokyo (Dec 1)",
    async (day) => {
      await t.run((ctx) => requireNearToday(ctx, ALICE_ID, day));
    },
  );

  test.each(["2026-11-29", "2026-12-03", "2025-12-01"])(
    "refuses %s with DAY_OUT_OF_RANGE",
    async (day) => {
      await expectCode(
        t.run((ctx) => requireNearToday(ctx, ALICE_ID, day)),
        "DAY_OUT_OF_RANGE",
      );
    },
  );
});
