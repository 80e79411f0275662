import { describe, expect, it } from "vitest";
import { nextRunTime } from "./cron-runner";

const at = (iso: string) => Date.parse(iso);

describe("nextRunTime", () => {
  it("runs a daily job at its UTC time today, or tomorrow once past", () => {
    const schedule = { type: "daily", hourUTC: 3, minuteUTC: 17 };
    expect(nextRunTime(schedule, at("2026-11-30T01:00:00Z"))).toBe(
      at("2026-11-30T03:17:00Z"),
    );
    expect(nextRunTime(schedule, at("2026-11-30T03:17:00Z"))).toBe(
      at("2026-12-01T03:17:00Z"),
    );
  });

  it("runs an hourly job at its minute, and an interval after its length", () => {
    expect(
      nextRunTime({ type: "hourly", minuteUTC: 5 }, at("2026-11-30T10:30:00Z")),
    ).toBe(at("2026-11-30T11:05:00Z"));
    expect(
      nextRunTime(
        { type: "interval", seconds: 90 },
        at("2026-11-30T10:30:00Z"),
      ),
    ).toBe(at("2026-11-30T10:31:30Z"));
  });

  it("leaves schedules it does not imitate to runs on demand", () => {
    expect(nextRunTime({ type: "cron" }, 0)).toBeNull();
  });
});
