import type { ConvexReactClientOptions } from "convex/react";

type Logger = Exclude<ConvexReactClientOptions["logger"], boolean | undefined>;

/**
 * A refusal: a ConvexError with one of the app's stable codes (e.g.
 * UNDO_CONFLICT, LIMIT_REACHED), as Convex's client words it in its log.
 */
const REFUSAL = /Uncaught ConvexError: \{.*"code":"[A-Z_]+"/s;

/**
 * The Convex client's logger. Convex logs every failed mutation as a
 * console error, refusals included; the app already tells the person about
 * each refusal (a toast naming the limit or the conflict), so a refusal is
 * logged as information. Anything else stays an error.
 */
export function createConvexLogger(console: Console = globalThis.console) {
  const logger: Logger = {
    log: (...args) => console.log(...args),
    warn: (...args) => console.warn(...args),
    error: (...args) => {
      if (args.some((arg) => typeof arg === "string" && REFUSAL.test(arg))) {
        console.info(...args);
      } else {
        console.error(...args);
      }
    },
    logVerbose: () => undefined,
  };
  return logger;
}
