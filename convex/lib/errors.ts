import { ConvexError, type Value } from "convex/values";

/**
 * Stable error codes. The UI maps each code to words once; tests assert on
 * codes, never on message text.
 */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "NOT_FOUND"
  | "INVALID_ARGUMENT"
  | "LIMIT_REACHED"
  /** A save based on an outdated version; `current` holds the row's fields. */
  | "CONFLICT"
  /** "Delete my data" is running for the caller: writes are refused. */
  | "DELETING"
  /** Too many requests too fast; `retryAfterMs` says when to send again. */
  | "RATE_LIMITED"
  /** An undo refused: something it would restore was changed since. */
  | "UNDO_CONFLICT"
  /** An undo of a change whose scheduled batches still run: try again soon. */
  | "UNDO_PENDING"
  /** A day sent as "today" that is more than a day from the person's today. */
  | "DAY_OUT_OF_RANGE";

export type AppErrorData = {
  code: ErrorCode;
  message: string;
  /** CONFLICT only: the row's current editable fields, to merge against. */
  current?: Record<string, Value>;
  /** RATE_LIMITED only: wait this long before sending the request again. */
  retryAfterMs?: number;
};

export function appError(code: ErrorCode, message: string) {
  return new ConvexError<AppErrorData>({ code, message });
}

export function invalidArgument(message: string) {
  return appError("INVALID_ARGUMENT", message);
}

/** One message for "missing" and "someone else's", so ids cannot be probed. */
export function notFound(what: string) {
  return appError("NOT_FOUND", `That ${what} does not exist.`);
}

/**
 * A save whose base is no longer the stored version. The client merges with
 * `current` (or asks the user) and saves again on the new base.
 */
export function conflict(what: string, current: Record<string, Value>) {
  return new ConvexError<AppErrorData>({
    code: "CONFLICT",
    message: `This ${what} was changed elsewhere since you started editing.`,
    current,
  });
}

export const DELETING_MESSAGE =
  "Your data is being deleted, so this change was not saved.";

/**
 * A refusal by a rate limit (lib/rateLimits). The client keeps the change
 * and sends it again after `retryAfterMs`, so nothing is lost.
 */
export function rateLimited(retryAfterMs: number) {
  const wait = Math.max(1, Math.ceil(retryAfterMs));
  const seconds = Math.max(1, Math.ceil(wait / 1000));
  return new ConvexError<AppErrorData>({
    code: "RATE_LIMITED",
    message: `Slow down — try again in ${seconds} s.`,
    retryAfterMs: wait,
  });
}
