/**
 * "Today's list painted", defined the same way for the app and the floor and
 * installed by the bench (an init script), so neither page can fake it:
 * the first frame that shows an item of the list named "Open todos".
 *
 * Two readings, both in ms since the navigation started:
 * - `framePainted`: a MutationObserver sees the first item; a
 *   requestAnimationFrame callback then runs before that frame's paint, and
 *   a message posted from it arrives after the paint;
 * - `elementRendered`: the Element Timing API's renderTime for the item's
 *   text (the probe marks the item's elements with `elementtiming` as they
 *   are inserted, before their first paint). Undefined if Chromium reported
 *   none.
 */

import type { Phases } from "./phases";

export const OPEN_TODO_ITEM = '[aria-label="Open todos"] li';

export interface PaintReading {
  framePainted: number;
  elementRendered: number | undefined;
  /** Received by the time the list painted (set by the bench, not the probe). */
  bytesUntilPaint: number;
  /** Where the time went (set by the bench from network events). */
  phases: Phases;
}

declare global {
  interface Window {
    __benchPaint?: { framePainted?: number; elementRendered?: number };
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
  const reading = {};
  window.__benchPaint = reading;
  let seen = false;
  const observer = new MutationObserver(() => {
    const items = document.querySelectorAll(selector);
    if (items.length === 0) return;
    for (const item of items) {
      item.setAttribute("elementtiming", "bench-today-list");
      for (const child of item.querySelectorAll("*"))
        child.setAttribute("elementtiming", "bench-today-list");
    }
    if (seen) return;
    seen = true;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        reading.framePainted = performance.now();
      };
      channel.port2.postMessage(null);
    });
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier !== "bench-today-list") continue;
      const time = entry.renderTime || entry.loadTime;
      if (reading.elementRendered === undefined || time < reading.elementRendered)
        reading.elementRendered = time;
    }
    if (reading.elementRendered !== undefined) observer.disconnect();
  }).observe({ type: "element", buffered: true });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}
