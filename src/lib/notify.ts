import { toast } from "./toast";
import { errorMessage, rateLimitMessage, retryAfterMs } from "./errors";

/** Shows a failed request's message as a toast (the one place that does). */
export function notifyError(error: unknown, action?: string) {
  const wait = retryAfterMs(error);
  if (wait !== null) notifyRateLimited(wait);
  else toast.error(errorMessage(error, action));
}

/**
 * "Slow down — try again in N s". One toast, replaced rather than stacked,
 * for a burst of refusals, whether a request or the outbox met them.
 */
export function notifyRateLimited(waitMs: number) {
  toast.error(rateLimitMessage(waitMs), { id: "rate-limited" });
}

/**
 * Runs a mutation and turns a failure into a toast. The promise never
 * rejects, so callers can fire and forget; it resolves to undefined on error.
 */
export async function attempt<T>(
  run: () => Promise<T>,
  action?: string,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    notifyError(error, action);
    return undefined;
  }
}
