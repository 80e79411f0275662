/**
 * "Today's list painted", defined the same way for the app and the floor and
 * installed by the bench (an init script), so neither page can fake it. Two
 * readings, both in ms since the navigation started:
 * - `framePainted`, first content: the first frame that shows an item of the
 *   list named "Open todos", whether live or the app's saved copy;
 * - `livePainted`: the first frame that shows such an item with no
 *   "saved copy" status on the page, i.e. live data (for the floor, the same
 *   frame).
 * Each is timed the same way: a MutationObserver sees the change; a
 * requestAnimationFrame callback then runs before that frame's paint, and a
 * message posted from it arrives after the paint. `liveJudged` is when that
 * callback judged the live frame: what React committed by then is in it.
 *
 * The readings reach the bench through a DevTools binding (PAINT_BINDING),
 * not by polling the page: Playwright's polling injects its own script into
 * every new document, hundreds of milliseconds of main-thread work at 4×
 * CPU that would land in the middle of the start-up being measured.
 */

import type { Phases } from "./phases";

export const OPEN_TODO_ITEM = '[aria-label="Open todos"] li';

/** What the app's status says while it shows its saved copy. */
export const SAVED_COPY_STATUS = "Showing your saved copy";

export interface PaintReading {
  framePainted: number;
  livePainted: number;
  /** Received by the time the list painted (set by the bench, not the probe). */
  bytesUntilPaint: number;
  /** Where the time went (set by the bench from network events). */
  phases: Phases;
  /** React's work until the live list painted (set by the bench). */
  rendering: { commits: number; components: number };
}

/** Called by the probe with the readings (JSON) once live data painted. */
export const PAINT_BINDING = "__benchPaintReport";

declare global {
  interface Window {
    __benchPaint?: {
      framePainted?: number;
      livePainted?: number;
      liveJudged?: number;
    };
  }
}

/**
 * The probe's source, run in the page before any of its scripts
 * (page.addInitScript). Plain JavaScript in a string, not a function passed
 * to Playwright: tsx compiles functions with `__name()` helper calls that do
 * not exist in the page.
 */
export function paintProbeScript(selector: string): string {
  return `(() => {
  const selector = ${JSON.stringify(selector)};
  const savedCopy = ${JSON.stringify(SAVED_COPY_STATUS)};
  const reading = {};
  window.__benchPaint = reading;
  const showsSavedCopy = () =>
    [...document.querySelectorAll('[role="status"]')].some((status) =>
      status.textContent.includes(savedCopy),
    );
  // Judged just before a frame paints (a mutation callback may see the DOM
  // half-way through an update), then timed just after that paint.
  let checkScheduled = false;
  const checkFrame = () => {
    checkScheduled = false;
    if (document.querySelector(selector) === null) return;
    const live = !showsSavedCopy();
    const judged = performance.now();
    if (live) observer.disconnect();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const now = performance.now();
      reading.framePainted ??= now;
      if (!live || reading.livePainted !== undefined) return;
      reading.livePainted = now;
      reading.liveJudged = judged;
      window[${JSON.stringify(PAINT_BINDING)}]?.(JSON.stringify(reading));
    };
    channel.port2.postMessage(null);
  };
  const observer = new MutationObserver(() => {
    if (checkScheduled) return;
    checkScheduled = true;
    requestAnimationFrame(checkFrame);
  });
  observer.observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
})();`;
}
