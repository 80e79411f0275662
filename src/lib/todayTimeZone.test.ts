import { act, renderHook } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { todayString, toDayString } from "./dates";
import { relativeDayName } from "./dayNames";
import { clearLocalCache } from "./localCache";
import {
  readRememberedTimeZone,
  setTodayTimeZone,
  todayTimeZone,
} from "./todayTimeZone";
import { useToday } from "./useToday";

/** The cache key cookie the sign-in functions set (lib/localCache). */
async function signedInAs(key: string | null) {
  document.cookie =
    key === null
      ? "daybook-cache-key=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT"
      : `daybook-cache-key=${key}; path=/`;
  // The cookie is read once per task (lib/localCache/cacheKey).
  await Promise.resolve();
}

afterEach(async () => {
  setTodayTimeZone(undefined);
  await signedInAs(null);
  localStorage.clear();
  vi.useRealTimers();
});

test("with no zone chosen, today is this device's calendar day", () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(2026, 10, 30, 23, 59));
  expect(todayTimeZone()).toBeUndefined();
  expect(todayString()).toBe("2026-11-30");
});

test("with a zone chosen, today is the calendar day in that zone, whatever the device's", () => {
  vi.useFakeTimers();
  // 11:30 UTC: already 01:30 tomorrow in Kiritimati (UTC+14), 01:30 the
  // same day in Adak (UTC-10).
  vi.setSystemTime(new Date("2026-11-30T11:30:00Z"));
  setTodayTimeZone("Pacific/Kiritimati");
  expect(todayString()).toBe("2026-12-01");
  expect(relativeDayName("2026-12-01")).toBe("Today");
  expect(relativeDayName("2026-11-30")).toBe("Yesterday");
  setTodayTimeZone("America/Adak");
  expect(todayString()).toBe("2026-11-30");
  // 09:30 UTC: still 23:30 the day before in Adak.
  vi.setSystemTime(new Date("2026-11-30T09:30:00Z"));
  expect(todayString()).toBe("2026-11-29");
  expect(relativeDayName("2026-11-30")).toBe("Tomorrow");

  setTodayTimeZone(undefined);
  expect(todayString()).toBe(toDayString(new Date()));
});

test("a chosen zone is remembered for the person the cache key cookie names, and read again by a new page only while it names them", async () => {
  await signedInAs("alice-key");
  setTodayTimeZone("Pacific/Kiritimati");

  readRememberedTimeZone();
  expect(todayTimeZone()).toBe("Pacific/Kiritimati");

  await signedInAs("bob-key");
  readRememberedTimeZone();
  expect(todayTimeZone()).toBeUndefined();

  await signedInAs(null);
  readRememberedTimeZone();
  expect(todayTimeZone()).toBeUndefined();

  await signedInAs("alice-key");
  readRememberedTimeZone();
  expect(todayTimeZone()).toBe("Pacific/Kiritimati");

  // "Automatic" again: nothing remembered.
  setTodayTimeZone(undefined);
  readRememberedTimeZone();
  expect(todayTimeZone()).toBeUndefined();
});

test("without the cache key cookie (signed out, a development server) nothing is remembered", () => {
  setTodayTimeZone("Asia/Tokyo");
  expect(todayTimeZone()).toBe("Asia/Tokyo");
  expect(localStorage.length).toBe(0);
  readRememberedTimeZone();
  expect(todayTimeZone()).toBeUndefined();
});

test("clearing the local cache (signing out, deleting one's data) forgets the zone", async () => {
  await signedInAs("alice-key");
  setTodayTimeZone("Pacific/Kiritimati");
  await clearLocalCache();
  expect(todayTimeZone()).toBeUndefined();
  readRememberedTimeZone();
  expect(todayTimeZone()).toBeUndefined();
});

test("useToday renders again when another zone is chosen and when the day runs out", () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-30T11:30:00Z"));
  setTodayTimeZone("America/Adak");
  const { result, unmount } = renderHook(() => useToday());
  expect(result.current).toBe("2026-11-30");

  act(() => setTodayTimeZone("Pacific/Kiritimati"));
  expect(result.current).toBe("2026-12-01");

  // 23:59:30 in Kiritimati; a minute later it is the next day there.
  act(() => vi.setSystemTime(new Date("2026-12-01T09:59:30Z")));
  expect(result.current).toBe("2026-12-01");
  act(() => vi.advanceTimersByTime(60_000));
  expect(result.current).toBe("2026-12-02");
  unmount();
});
