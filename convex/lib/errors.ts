import { ConvexError } from "convex/values";

/**
 * Stable error codes. The UI maps each code to words once; tests assert on
 * codes, never on message text.
 */
export type ErrorCode =
  "UNAUTHENTICATED" | "NOT_FOUND" | "INVALID_ARGUMENT" | "LIMIT_REACHED";

export type AppErrorData = { code: ErrorCode; message: string };

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
