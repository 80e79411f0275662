import { useEffect } from "react";
import { earlyRefreshSent } from "./earlyRefresh";

let markStarted: () => void = () => {};
const providersStarted = new Promise<void>((resolve) => {
  markStarted = resolve;
});

/**
 * Settles once AuthKit's start-up refresh has left (or there is none), so
 * that a long render (the saved copy, src/lib/localCache) does not hold it
 * back: on a phone that render takes hundreds of milliseconds, and the
 * request waited for it.
 *
 * How the refresh leaves: AuthKitProvider's effect, the last of the first
 * commit (it is the outermost component), starts a 0 ms timer; that timer
 * asks for a Web Lock, and the lock's callback sends the request. So: after
 * the first commit's effects (a microtask), a timer of our own (run after
 * AuthKit's), then a query of the lock manager, answered after it has
 * handled AuthKit's request. Without Web Locks, after the timer. When
 * index.html sent the refresh itself (a returning person on a production
 * build), it left before this module loaded: settled at once.
 */
export const startupRefreshLeft: Promise<void> = earlyRefreshSent()
  ? Promise.resolve()
  : providersStarted
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(() => navigator.locks?.query())
      .then(
        () => {},
        () => {},
      );

/** Marks the end of the first commit's effects; see startupRefreshLeft. */
export function useMarkProvidersStarted() {
  useEffect(() => queueMicrotask(markStarted), []);
}
