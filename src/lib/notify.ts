import { toast } from "./toast";
import { errorCode, errorMessage } from "./errors";

/** Shows a failed request's message as a toast (the one place that does). */
export function notifyError(error: unknown, action?: string) {
  // Refusals in a burst say "slow down" once, not once per change.
  const id = errorCode(error) === "RATE_LIMITED" ? "rate-limited" : undefined;
  toast.error(errorMessage(error, action), { id });
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
