import { LoginRequiredError } from "@workos-inc/authkit-react";
import type { SessionMonitor } from "./sessionMonitor";

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 15_000;

/** Exponential backoff with ±20% jitter, so tabs do not retry in step. */
export function retryDelayMs(attempt: number, random = Math.random) {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * An access token, however long sign-in takes to answer.
 *
 * AuthKit throws `LoginRequiredError` only when the refresh was refused
 * (the session is over); anything else (WorkOS down or slow, a 5xx from the
 * site's function, no network, another tab holding the refresh lock) is
 * transient. Convex is handed this promise and waits on it with its
 * mutations queued, instead of being told "no token", which would make it
 * stop asking until a reload.
 */
export async function fetchTokenPatiently(
  getAccessToken: () => Promise<string>,
  monitor: SessionMonitor,
  signal?: AbortSignal,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    if (monitor.getStatus() === "ended") throw new LoginRequiredError();
    try {
      const token = await getAccessToken();
      monitor.reportReachable();
      return token;
    } catch (error) {
      if (error instanceof LoginRequiredError) {
        monitor.reportEnded();
        throw error;
      }
      monitor.reportUnreachable();
      await monitor.waitBeforeRetry(retryDelayMs(attempt));
    }
  }
}
