/**
 * The longest background work waits for an idle moment. A busy tab (or one
 * the browser throttles in the background) may have none for a long time,
 * and the offline app shell and the update checks would never start.
 */
export const IDLE_DEADLINE_MS = 5_000;

/** Runs `task` when the main thread is idle, or after IDLE_DEADLINE_MS at the latest. */
export function runWhenIdle(task: () => void) {
  if (typeof window.requestIdleCallback === "function") {
    window.requestIdleCallback(() => task(), { timeout: IDLE_DEADLINE_MS });
  } else {
    window.setTimeout(task, 0);
  }
}
