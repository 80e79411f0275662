/**
 * Interaction timings in the app (the floor has no interactions to compare),
 * each measured two ways:
 * - `eventMs`: the longest Event Timing entry of the interaction (input
 *   delay + handlers + until the next paint), as INP counts it; entries
 *   under Chromium's 16 ms floor are not reported, so none means < 16 ms;
 * - `wallMs`: in the page, from the input event's timestamp until the frame
 *   that first shows the change has painted (a requestAnimationFrame check
 *   each frame, then a message posted from it, which runs after that paint).
 *
 * The add/toggle pair on today is the original figure; `bigDayRun` times
 * add, toggle, edit (open, type, Enter), keyboard reorder (Space, ArrowDown,
 * Space) and opening a todo's menu on whatever day the page shows.
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

/**
 * Arms the wall-clock probe: the next input event's timestamp, then each
 * frame checks `shownExpression` (a JS expression, true once the change is
 * in the DOM); the paint of the first frame that shows it ends the timing.
 * A string, not a function: the app's CSP forbids eval in the page.
 */
function wallProbe(shownExpression: string) {
  return `(() => {
  const probe = { input: undefined, painted: undefined };
  window.__benchWall = probe;
  const inputs = ["keydown", "pointerdown", "mousedown", "click"];
  const onInput = (event) => {
    if (probe.input !== undefined) return;
    probe.input = event.timeStamp;
    for (const type of inputs) window.removeEventListener(type, onInput, true);
    const check = () => {
      if (!(${shownExpression})) return requestAnimationFrame(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { probe.painted = performance.now(); };
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(check);
  };
  for (const type of inputs) window.addEventListener(type, onInput, true);
})()`;
}

/** Event Timing entries arrive after the paint they end at; wait this long at most. */
const ENTRY_GRACE_MS = 1_000;

/** A JS expression: an element matching `selector` is in the document. */
export const present = (selector: string) =>
  `document.querySelector(${JSON.stringify(selector)}) !== null`;

/** A JS expression: a live region's text contains `words`. */
export const announced = (words: string) =>
  `[...document.querySelectorAll('[role="status"]')].some((region) => region.textContent.includes(${JSON.stringify(words)}))`;

const attr = (value: string) => JSON.stringify(value);

/** Times `act` until `shownExpression` holds in a painted frame. */
export async function timed(
  page: Page,
  act: () => Promise<void>,
  shownExpression: string,
): Promise<InteractionTiming> {
  try {
    return await timedOnce(page, act, shownExpression);
  } catch (error) {
    throw new Error(`Never shown: ${shownExpression}`, { cause: error });
  }
}

async function timedOnce(
  page: Page,
  act: () => Promise<void>,
  shownExpression: string,
): Promise<InteractionTiming> {
  await page.evaluate(EVENT_PROBE);
  await page.evaluate(wallProbe(shownExpression));
  // Entries of an earlier interaction can still arrive (they are reported
  // after a later paint): only those that started after this point count.
  const since = (await page.evaluate("performance.now()")) as number;
  await act();
  // A function, not a string: Playwright polls a string with eval in the
  // page, which the app's CSP refuses once the first check is false.
  const wall = await page.waitForFunction(() => {
    const probe = (
      window as unknown as {
        __benchWall: { input?: number; painted?: number };
      }
    ).__benchWall;
    return (
      probe.painted !== undefined &&
      probe.input !== undefined &&
      probe.painted - probe.input
    );
  });
  const wallMs = (await wall.jsonValue()) as number;
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

const checkbox = (text: string, extra = "") =>
  `input[type="checkbox"][aria-label=${attr(text)}]${extra}`;

/** One add, then ticking what was added; waits for the server between. */
export async function addAndToggle(page: Page): Promise<InteractionRun> {
  const daybook = new DaybookPage(page, "");
  const text = `Bench added ${randomUUID().slice(0, 8)}`;
  await daybook.addTodoField.fill(text);
  const add = await timed(
    page,
    () => daybook.addTodoField.press("Enter"),
    present(checkbox(text)),
  );
  await daybook.savedTodo(text).waitFor();
  const toggle = await timed(
    page,
    () => daybook.todo(text).click(),
    present(checkbox(text, ":checked")),
  );
  return { add, toggle };
}

export const BIG_DAY_INTERACTIONS = [
  "add",
  "toggle",
  "edit: open",
  "edit: type a key",
  "edit: Enter",
  "reorder: Space (lift)",
  "reorder: ArrowDown",
  "reorder: Space (drop)",
  "open a todo menu",
] as const;
export type BigDayInteraction = (typeof BIG_DAY_INTERACTIONS)[number];
export type BigDayRun = Record<BigDayInteraction, InteractionTiming>;
export type StepWrapper = (
  interaction: BigDayInteraction,
  step: () => Promise<InteractionTiming>,
) => Promise<InteractionTiming>;

/**
 * Every timed interaction once on the day the page shows, whose open todos
 * include `target` (edited, reordered and its menu opened) and `menuTarget`.
 * Waits for the server between steps, so each starts from a settled list.
 */
export async function bigDayRun(
  page: Page,
  target: string,
  /** Wraps each timed step, e.g. to trace it (bench:web `--profile`). */
  around: StepWrapper = (_interaction, step) => step(),
): Promise<{ run: BigDayRun; target: string }> {
  const daybook = new DaybookPage(page, "");
  const run = {} as BigDayRun;
  const timedStep = (
    interaction: BigDayInteraction,
    act: () => Promise<void>,
    shownExpression: string,
  ) => around(interaction, () => timed(page, act, shownExpression));
  const added = `Bench added ${randomUUID().slice(0, 8)}`;
  await daybook.addTodoField.fill(added);
  run.add = await timedStep(
    "add",
    () => daybook.addTodoField.press("Enter"),
    present(checkbox(added)),
  );
  await daybook.savedTodo(added).waitFor();
  run.toggle = await timedStep(
    "toggle",
    () => daybook.todo(added).click(),
    present(checkbox(added, ":checked")),
  );
  await daybook.savedTodo(added).and(page.locator(":checked")).waitFor();

  // Edit: open the inline editor, type one key, Enter saves.
  const editor = `textarea[aria-label=${attr(`Edit ${target}`)}]`;
  run["edit: open"] = await timedStep(
    "edit: open",
    () =>
      page.getByRole("button", { name: `Edit ${target}`, exact: true }).click(),
    present(editor),
  );
  await page.locator(editor).press("End");
  run["edit: type a key"] = await timedStep(
    "edit: type a key",
    () => page.keyboard.press("x"),
    `document.querySelector(${attr(editor)})?.value.endsWith("x") === true`,
  );
  const edited = `${target}x`;
  run["edit: Enter"] = await timedStep(
    "edit: Enter",
    () => page.keyboard.press("Enter"),
    present(`button[aria-label=${attr(`Edit ${edited}`)}]`),
  );
  await daybook.savedTodo(edited).waitFor();

  // Keyboard reorder, one place down.
  await page
    .getByRole("button", { name: `Reorder ${edited}`, exact: true })
    .focus();
  // dnd-kit announces the pick-up, then the lifted item "moved" over itself.
  run["reorder: Space (lift)"] = await timedStep(
    "reorder: Space (lift)",
    () => page.keyboard.press("Space"),
    announced(`${edited} moved to position`),
  );
  const lifted = await page
    .getByRole("status")
    .filter({ hasText: `${edited} moved to position` })
    .textContent();
  const from = Number(/moved to position (\d+) of/.exec(lifted ?? "")?.[1]);
  run["reorder: ArrowDown"] = await timedStep(
    "reorder: ArrowDown",
    () => page.keyboard.press("ArrowDown"),
    announced(`${edited} moved to position ${from + 1} of`),
  );
  run["reorder: Space (drop)"] = await timedStep(
    "reorder: Space (drop)",
    () => page.keyboard.press("Space"),
    announced(`${edited} dropped at position`),
  );
  await daybook.savedTodo(edited).waitFor();

  run["open a todo menu"] = await timedStep(
    "open a todo menu",
    () =>
      page
        .getByRole("button", {
          name: `More actions for ${edited}`,
          exact: true,
        })
        .click(),
    `document.querySelector('[role="menu"]')?.style.visibility === "visible"`,
  );
  await page.keyboard.press("Escape");
  await page.getByRole("menu").waitFor({ state: "detached" });
  return { run, target: edited };
}
