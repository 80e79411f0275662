import type { FunctionRunner } from "./function-runner";

// Jobs due later than this are left to a timer rather than polled for.
const POLL_HORIZON_MS = 1_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * convex-test runs scheduled functions on its own timers and tells no one
 * when they commit. This watcher, woken after every commit, waits for the
 * jobs that are due, then has their results published; it keeps going while
 * jobs schedule more jobs (batched deletes), and sets a timer for jobs due
 * later (a day-later cleanup).
 */
export class ScheduledWorkWatcher {
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private laterTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly runner: FunctionRunner,
    private readonly publish: () => Promise<void>,
  ) {}

  wake() {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) =>
        console.error("[convex-standin] scheduled work failed:", error),
      )
      .finally(() => {
        this.running = null;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  /** Resolves once no due job is left (for tests and shutdown). */
  async idle() {
    while (this.running) await this.running;
  }

  stop() {
    this.stopped = true;
    if (this.laterTimer) clearTimeout(this.laterTimer);
  }

  private async drain() {
    while (!this.stopped) {
      const jobs = await this.runner.unfinishedScheduledJobs();
      if (jobs.length === 0) return;
      const nextDue = Math.min(...jobs.map((job) => job.scheduledTime));
      const wait = nextDue - Date.now();
      if (wait > POLL_HORIZON_MS) {
        this.wakeAt(nextDue);
        return;
      }
      // Lets convex-test's timer fire and the job start, then waits it out.
      await sleep(Math.max(wait, 0) + 1);
      await this.runner.finishRunningScheduledFunctions();
      await this.publish();
    }
  }

  private wakeAt(time: number) {
    if (this.laterTimer) clearTimeout(this.laterTimer);
    // setTimeout fires at once for delays past 2^31-1 ms; re-check then.
    const delay = Math.min(time - Date.now(), 2 ** 31 - 1);
    this.laterTimer = setTimeout(() => this.wake(), delay);
    // A job due tomorrow must not keep the process alive.
    this.laterTimer.unref();
  }
}
