import type { JSONValue } from "convex/values";
import type { ConvexModules } from "./convex-modules";

/** One entry of `cronJobs().crons`, as convex/server writes it. */
type CronJob = {
  name: string;
  args: JSONValue[];
  schedule:
    | { type: "interval"; seconds: number }
    | { type: "hourly"; minuteUTC: number }
    | { type: "daily"; hourUTC: number; minuteUTC: number }
    | { type: string };
};

export type CronJobs = Record<string, CronJob>;

/** The jobs `convex/crons.ts` registers; none when it does not exist. */
export async function loadCronJobs(modules: ConvexModules): Promise<CronJobs> {
  const load = modules["./crons.ts"] ?? modules["./crons.js"];
  if (!load) return {};
  const module = (await load()) as { default?: { crons?: CronJobs } };
  return module.default?.crons ?? {};
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** When a job runs next after `now`; null for schedules not imitated. */
export function nextRunTime(
  schedule: CronJob["schedule"],
  now: number,
): number | null {
  if (schedule.type === "interval" && "seconds" in schedule) {
    return now + schedule.seconds * 1_000;
  }
  if (schedule.type === "hourly" && "minuteUTC" in schedule) {
    const hourStart = now - (now % HOUR_MS);
    const at = hourStart + schedule.minuteUTC * MINUTE_MS;
    return at > now ? at : at + HOUR_MS;
  }
  if (schedule.type === "daily" && "hourUTC" in schedule) {
    const dayStart = now - (now % DAY_MS);
    const at =
      dayStart + schedule.hourUTC * HOUR_MS + schedule.minuteUTC * MINUTE_MS;
    return at > now ? at : at + DAY_MS;
  }
  return null;
}

/**
 * Runs the deployment's cron jobs on their schedules (interval, hourly and
 * daily; others are only run on demand), as Convex does, and on demand by
 * name (`runNow`) so tests need not wait a day. `run` calls the job's
 * function and publishes what it committed.
 */
export class CronRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly jobs: CronJobs,
    private readonly run: (udfPath: string, args: JSONValue) => Promise<void>,
  ) {}

  start() {
    for (const identifier of Object.keys(this.jobs)) this.plan(identifier);
  }

  /** Runs a job now, by its name in `convex/crons.ts`. */
  async runNow(identifier: string): Promise<void> {
    const job = this.jobs[identifier];
    if (!job) throw new Error(`No cron job named "${identifier}".`);
    await this.run(job.name, job.args[0] ?? {});
  }

  stop() {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
  }

  private plan(identifier: string) {
    if (this.stopped) return;
    const at = nextRunTime(this.jobs[identifier]!.schedule, Date.now());
    if (at === null) return;
    const delay = Math.min(at - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.runNow(identifier)
        .catch((error: unknown) =>
          console.error(`[convex-standin] cron "${identifier}" failed:`, error),
        )
        .finally(() => this.plan(identifier));
    }, delay);
    // A job due tomorrow must not keep the process alive.
    timer.unref();
    this.timers.set(identifier, timer);
  }
}
