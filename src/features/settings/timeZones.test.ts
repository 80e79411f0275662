import { expect, test } from "vitest";
import { canonicalTimeZone } from "@convex/lib/timeZone";
import {
  currentZoneName,
  sameTimeZone,
  searchTimeZones,
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
