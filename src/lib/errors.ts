import { ConvexError } from "convex/values";

/** The backend's stable error codes (convex/lib/errors.ts). */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "NOT_FOUND"
  | "INVALID_ARGUMENT"
  | "LIMIT_REACHED"
  | "CONFLICT"
  | "DELETING"
  | "RATE_LIMITED"
  | "UNDO_CONFLICT"
  | "UNDO_PENDING"
  | "DAY_OUT_OF_RANGE";

/** How long to wait when a RATE_LIMITED refusal does not say. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/** "Slow down — try again in N s", N whole seconds (at least 1). */
export function rateLimitMessage(retryAfterMs: number): string {
  return `Slow down — try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
}

const FALLBACK: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Your session has ended. Sign in again to continue.",
  NOT_FOUND: "That item no longer exists. It may have been deleted.",
  INVALID_ARGUMENT: "That change could not be saved.",
  LIMIT_REACHED: "This day is full.",
  CONFLICT: "This was changed elsewhere since you started editing.",
  DELETING: "Your data is being deleted, so this change was not saved.",
  RATE_LIMITED: rateLimitMessage(DEFAULT_RETRY_AFTER_MS),
  UNDO_CONFLICT:
    "That was changed since (here, in another tab or on another device), so nothing was undone.",
  UNDO_PENDING: "That change is still being made. Try again in a moment.",
  DAY_OUT_OF_RANGE:
    "That day is not today in your time zone. Check your device's clock or your time zone in Settings.",
};

function codeAndMessage(error: unknown): {
  code: ErrorCode | null;
  message: string | null;
} {
  if (error instanceof ConvexError) {
    const data: unknown = error.data;
    if (data && typeof data === "object") {
      const { code, message } = data as { code?: unknown; message?: unknown };
      return {
        code:
          typeof code === "string" && code in FALLBACK
            ? (code as ErrorCode)
            : null,
        message: typeof message === "string" && message ? message : null,
      };
    }
    if (typeof data === "string") return { code: null, message: data };
  }
  return { code: null, message: null };
}

export function errorCode(error: unknown): ErrorCode | null {
  return codeAndMessage(error).code;
}

/**
 * The words a person sees for a failed request: the backend's own message
 * for its known errors (they are written for people), a generic sentence
 * for anything else (never a stack trace or server internals).
 */
export function errorMessage(error: unknown, action?: string): string {
  const { code, message } = codeAndMessage(error);
  if (code === "UNAUTHENTICATED") return FALLBACK.UNAUTHENTICATED;
  // Our own words, with the wait the refusal names.
  if (code === "RATE_LIMITED") return rateLimitMessage(retryAfterMs(error)!);
  if (message) return message;
  if (code) return FALLBACK[code];
  return action
    ? `Could not ${action}. Check your connection and try again.`
    : "Something went wrong. Check your connection and try again.";
}

/**
 * The current fields a CONFLICT refusal carries (the row as stored now), or
 * null for any other error.
 */
export function conflictCurrent(
  error: unknown,
): Record<string, unknown> | null {
  if (errorCode(error) !== "CONFLICT" || !(error instanceof ConvexError))
    return null;
  const { current } = error.data as { current?: unknown };
  return current && typeof current === "object"
    ? (current as Record<string, unknown>)
    : null;
}

/**
 * How long a RATE_LIMITED refusal asks to wait before sending again, in
 * milliseconds (`retryAfterMs` in its data); null for any other error.
 */
export function retryAfterMs(error: unknown): number | null {
  if (errorCode(error) !== "RATE_LIMITED" || !(error instanceof ConvexError))
    return null;
  const { retryAfterMs: wait } = error.data as { retryAfterMs?: unknown };
  return typeof wait === "number" && Number.isFinite(wait) && wait >= 0
    ? wait
    : DEFAULT_RETRY_AFTER_MS;
}
