/**
 * Interaction timings in the app (the floor has no interactions to compare):
 * adding a todo (Enter in the add field) and ticking it, each measured two
 * ways:
 * - `eventMs`: the longest Event Timing entry of the interaction (input
 *   delay + handlers + until the next paint), as INP counts it; entries
 *   under Chromium's 16 ms floor are not reported, so none means < 16 ms;
 * - `wallMs`: from Playwright sending the key or click until the change is
 *   on screen (includes the protocol's round trip, a few ms).
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { DaybookPage } from "../../e2e/support/daybook-page";

export interface InteractionTiming {
  eventMs: number | undefined;
  wallMs: number;
}

export interface InteractionRun {
  add: InteractionTiming;
  toggle: InteractionTiming;
}

/** Plain JavaScript for the page (see paint-probe.ts on why not a function). */
const EVENT_PROBE = `(() => {
  if (window.__benchEvents) return;
  window.__benchEvents = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.interactionId)
        window.__benchEvents.push([entry.startTime, entry.duration]);
  }).observe({ type: "event", durationThreshold: 16, buffered: false });
})()`;

/** Event Timing entries arrive after the paint they end at; wait this long at most. */
const ENTRY_GRACE_MS = 1_000;

async function timed(
  page: Page,
  act: () => Promise<void>,
  shown: () => Promise<void>,
): Promise<InteractionTiming> {
  await page.evaluate(EVENT_PROBE);
  // Entries of an earlier interaction can still arrive (they are reported
  // after a later paint): only those that started after this point count.
  const since = (await page.evaluate("performance.now()")) as number;
  const start = performance.now();
  await act();
  await shown();
  const wallMs = performance.now() - start;
  const durations = await page
    .waitForFunction(
      (after) => {
        const mine = (
          window as unknown as { __benchEvents: number[][] }
        ).__benchEvents
          .filter(([startTime]) => startTime! >= after)
          .map(([, duration]) => duration!);
        return mine.length > 0 && mine;
      },
      since,
      { timeout: ENTRY_GRACE_MS },
    )
    .then((found) => found.jsonValue() as Promise<number[]>)
    .catch(() => [] as number[]);
  return {
    eventMs: durations.length > 0 ? Math.max(...durations) : undefined,
    wallMs,
  };
}

/** One add, then ticking what was added; waits for the server between. */
export async function addAndToggle(page: Page): Promise<InteractionRun> {
  const daybook = new DaybookPage(page, "");
  const text = `Bench added ${randomUUID().slice(0, 8)}`;
  await daybook.addTodoField.fill(text);
  const add = await timed(
    page,
    () => daybook.addTodoField.press("Enter"),
    () => daybook.todo(text).waitFor(),
  );
  await daybook.savedTodo(text).waitFor();
  const toggle = await timed(
    page,
    () => daybook.todo(text).click(),
    () =>
      page
        .getByRole("checkbox", { name: text, exact: true, checked: true })
        .waitFor({ state: "attached" }),
  );
  return { add, toggle };
}
