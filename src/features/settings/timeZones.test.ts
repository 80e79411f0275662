import { expect, test } from "vitest";
import { canonicalTimeZone } from "@convex/lib/timeZone";
import {
  currentZoneName,
  sameTimeZone,
  searchTimeZones,
  timeZoneLabel,
  timeZoneOptions,
} from "./timeZones";

const options = timeZoneOptions();
const names = options.map((option) => option.name);

test("every zone offered is one the server accepts (convex/lib/timeZone), once each", () => {
  expect(options.length).toBeGreaterThan(300);
  for (const name of names)
    expect(canonicalTimeZone(name), name).not.toBeNull();
  const zones = options.map((option) => canonicalTimeZone(option.name));
  expect(new Set(zones).size).toBe(zones.length);
  expect(new Set(names).size).toBe(names.length);
});

test("zones go by today's names, never the old spellings", () => {
  for (const name of [
    "Asia/Kolkata",
    "Europe/Kyiv",
    "Asia/Ho_Chi_Minh",
    "UTC",
  ]) {
    expect(names).toContain(name);
  }
  for (const name of ["Asia/Calcutta", "Europe/Kiev", "Asia/Saigon"]) {
    expect(names).not.toContain(name);
  }
  expect(currentZoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
  expect(currentZoneName("Europe/Paris")).toBe("Europe/Paris");
});

test("each reads as a place, a name and its UTC offset from Intl, sorted by offset", () => {
  const winter = new Date("2026-01-15T12:00:00Z");
  const summer = new Date("2026-07-15T12:00:00Z");
  const label = (when: Date, name: string) =>
    timeZoneOptions(undefined, when).find((option) => option.name === name)
      ?.label;
  expect(label(winter, "Asia/Kolkata")).toBe(
    "Kolkata — India Standard Time, UTC+05:30",
  );
  expect(label(winter, "America/Los_Angeles")).toBe(
    "Los Angeles — Pacific Time, UTC-08:00",
  );
  expect(label(summer, "America/Los_Angeles")).toBe(
    "Los Angeles — Pacific Time, UTC-07:00",
  );
  expect(label(winter, "UTC")).toBe(
    "UTC — Coordinated Universal Time, UTC+00:00",
  );
  expect(label(winter, "America/North_Dakota/Center")).toMatch(
    /^Center, North Dakota — /,
  );
  const inWinter = timeZoneOptions(undefined, winter).map((o) => o.name);
  expect(inWinter.indexOf("America/Los_Angeles")).toBeLessThan(
    inWinter.indexOf("UTC"),
  );
  expect(inWinter.indexOf("Asia/Kolkata")).toBeLessThan(
    inWinter.indexOf("Asia/Kathmandu"),
  );
});

test("a search matches places, old spellings, descriptions and offsets", () => {
  const found = (query: string) =>
    searchTimeZones(options, query).map((option) => option.name);
  expect(found("kolkata")).toEqual(["Asia/Kolkata"]);
  expect(found("Calcutta")).toEqual(["Asia/Kolkata"]);
  expect(found("kiev")).toEqual(["Europe/Kyiv"]);
  expect(found("Ho Chi")).toEqual(["Asia/Ho_Chi_Minh"]);
  expect(found("saigon")).toEqual(["Asia/Ho_Chi_Minh"]);
  expect(found("sao paulo")).toEqual(["America/Sao_Paulo"]);
  expect(found("+05:45")).toEqual(["Asia/Kathmandu"]);
  expect(found("pacific time")).toContain("America/Los_Angeles");
  expect(found("")).toHaveLength(options.length);
  expect(found("nowhere at all")).toEqual([]);
});

test("an offset finds its zones however it is typed, ahead of zones that merely contain the words", () => {
  // Winter: Los Angeles at UTC-08:00, Kolkata at UTC+05:30, no summer time.
  const winter = timeZoneOptions(undefined, new Date("2026-01-15T12:00:00Z"));
  const offsets = (query: string) =>
    searchTimeZones(winter, query).map((option) => option.offset);
  const names = (query: string) =>
    searchTimeZones(winter, query).map((option) => option.name);
  const tokyo = offsets("UTC+09");
  expect(tokyo.length).toBeGreaterThan(3);
  expect(new Set(tokyo)).toEqual(new Set(["UTC+09:00", "UTC+09:30"]));
  for (const query of ["UTC+9", "utc+9", "+9", "GMT+9", "gmt +9", "UTC 9"]) {
    const found = offsets(query);
    expect(found.slice(0, tokyo.length), query).toEqual(tokyo);
    expect(names(query), query).toContain("Asia/Tokyo");
  }
  // "utc 9" also finds what merely has a 9 in it (UTC-09:00), but after.
  expect(offsets("utc 9")).toContain("UTC-09:00");
  expect(names("UTC+9")).not.toContain("America/Anchorage");

  for (const query of ["+5:30", "UTC+5:30", "utc+05:30", "+0530", "+530"]) {
    expect(names(query), query).toContain("Asia/Kolkata");
    expect(new Set(offsets(query)), query).toEqual(new Set(["UTC+05:30"]));
  }
  // Hours alone: every zone in that hour, the whole hour first.
  expect(offsets("+5")[0]).toBe("UTC+05:00");
  expect(offsets("+5")).toEqual(
    expect.arrayContaining(["UTC+05:30", "UTC+05:45"]),
  );
  // "+1" may yet become "+10": those follow the whole +01:00 block.
  const plusOne = offsets("UTC+01");
  expect(new Set(plusOne)).toEqual(new Set(["UTC+01:00"]));
  expect(names("GMT+1")).toContain("Europe/Paris");
  expect(offsets("GMT+1").slice(0, plusOne.length)).toEqual(plusOne);
  for (const query of ["UTC-8", "utc −8", "-8", "gmt-08:00"]) {
    expect(names(query), query).toContain("America/Los_Angeles");
    expect(offsets(query)[0], query).toBe("UTC-08:00");
  }
  expect(names("utc 0")).toContain("UTC");
  expect(names("GMT-0")).toContain("Europe/London");
  // With other words, both must match.
  expect(names("pacific -8")).toContain("America/Los_Angeles");
  expect(names("pacific +9")).not.toContain("America/Los_Angeles");
  // A bare number is only a word, and no zone is 20 hours off.
  expect(names("UTC+20")).toEqual([]);
});

test("a zone's label reads as its option does, under today's name", () => {
  const winter = new Date("2026-01-15T12:00:00Z");
  expect(timeZoneLabel("America/Los_Angeles", winter)).toBe(
    "Los Angeles — Pacific Time, UTC-08:00",
  );
  expect(timeZoneLabel("Asia/Calcutta", winter)).toBe(
    "Kolkata — India Standard Time, UTC+05:30",
  );
  expect(timeZoneLabel("UTC", winter)).toBe(
    "UTC — Coordinated Universal Time, UTC+00:00",
  );
});

test("a saved old spelling is the same zone as its new name", () => {
  expect(sameTimeZone("Asia/Calcutta", "Asia/Kolkata")).toBe(true);
  expect(sameTimeZone("Europe/Kiev", "Europe/Kyiv")).toBe(true);
  expect(sameTimeZone("Europe/Kyiv", "Europe/Paris")).toBe(false);
  expect(sameTimeZone("Not/A_Zone", "Not/A_Zone")).toBe(false);
});

test("a stored zone the browser does not list is offered too", () => {
  expect(
    timeZoneOptions("Asia/Calcutta").filter((option) =>
      sameTimeZone(option.name, "Asia/Kolkata"),
    ),
  ).toHaveLength(1);
});
