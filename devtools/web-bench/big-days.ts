/**
 * bench:web's big-day section (issue #11, goal 2 "Big days"): interactions
 * on 300- and 1,000-todo days on both profiles, elements and JS heap per
 * todo, opening and scrolling a 5,000-todo day, and one tab against two tabs
 * on a 1,206-todo day. The days are seeded in the past, away from today.
 * Figures only: nothing here passes or fails on a time.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import {
  bigDayRun,
  timed,
  type BigDayInteraction,
  type BigDayRun,
  type InteractionTiming,
} from "./interactions";
import { RENDER_COUNTER } from "./render-counter";
import { printTraceSummary, summariseTrace } from "./trace-summary";
import { PROFILES, type Profile } from "./page-loads";
import { benchTodoText, localDay } from "./seed-day";

export const INTERACTION_SIZES = [300, 1000] as const;
const OPEN_SIZE = 5000;
const TWO_TABS_SIZE = 1206;

/** Each size's day, well before today so the other sections never see them. */
const BIG_DAYS = {
  empty: localDay(-20),
  300: localDay(-21),
  1000: localDay(-22),
  [OPEN_SIZE]: localDay(-23),
  [TWO_TABS_SIZE]: localDay(-24),
} as const;

/**
 * How many todos `--profile` traces on: 1,000, or BENCH_PROFILE_TODOS (a
 * smaller day shows which costs grow with the day's size).
 */
const PROFILE_TODOS = Number(process.env.BENCH_PROFILE_TODOS ?? 1000);

/** What to seed for `--profile`: the one day it traces. */
export const PROFILE_SEED = [{ day: BIG_DAYS[1000], count: PROFILE_TODOS }];

/** What to seed for this section. */
export const BIG_DAY_SEED = [
  { day: BIG_DAYS[300], count: 300 },
  { day: BIG_DAYS[1000], count: 1000 },
  { day: BIG_DAYS[OPEN_SIZE], count: OPEN_SIZE },
  { day: BIG_DAYS[TWO_TABS_SIZE], count: TWO_TABS_SIZE },
];

export interface DayCost {
  todos: number;
  elements: number;
  heapBytes: number;
}

export interface ScrollReading {
  frames: number;
  medianFrameMs: number;
  p95FrameMs: number;
  longFrames: number;
  /** Refreshes (at 60 Hz) that passed with no new frame. */
  droppedFrames: number;
  /** Long animation frames (LoAF, over 50 ms) and their total blocking time. */
  longAnimationFrames: number;
  blockingMs: number;
}

export interface BigDayReport {
  costs: DayCost[];
  interactions: { todos: number; profile: string; runs: BigDayRun[] }[];
  open: { firstRowMs: number; allRowsMs: number }[];
  scroll: ScrollReading[];
  twoTabs: {
    tabs: 1 | 2;
    runs: (BigDayRun & { "open the day menu": InteractionTiming })[];
  }[];
}

const STEP_TIMEOUT_MS = Number(process.env.BENCH_STEP_TIMEOUT_MS ?? 120_000);

const lastRow = (count: number) =>
  `input[type="checkbox"][aria-label=${JSON.stringify(benchTodoText(count))}]`;

async function openTab(context: BrowserContext) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const cdp = await context.newCDPSession(page);
  return { page, cdp };
}

async function useProfile(cdp: CDPSession, profile: Profile) {
  await cdp.send("Emulation.setCPUThrottlingRate", {
    rate: profile.cpuSlowdown,
  });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: profile.network?.latencyMs ?? 0,
    downloadThroughput: profile.network?.downBytesPerS ?? -1,
    uploadThroughput: profile.network?.upBytesPerS ?? -1,
  });
}

/** Opens a day and waits until its last seeded todo is in the document. */
async function openDay(
  page: Page,
  origin: string,
  day: string,
  count: number,
  timeout = STEP_TIMEOUT_MS,
) {
  await page.goto(`${origin}/day/${day}`);
  if (count === 0) {
    await page.getByText("Nothing planned for this day").waitFor({ timeout });
  } else {
    await page.locator(lastRow(count)).waitFor({ state: "attached", timeout });
  }
}

/** Seeding thousands of todos waits on the creation rate limit (minutes). */
const SEEDING_TIMEOUT_MS = 600_000;

async function dayCost(
  tab: { page: Page; cdp: CDPSession },
  origin: string,
  day: string,
  todos: number,
): Promise<DayCost> {
  await openDay(tab.page, origin, day, todos);
  // Lazy chunks and the sync settle; the same pause for every size.
  await tab.page.waitForTimeout(2_000); // deliberate: a settling window, not a wait for a condition
  const elements = await tab.page.evaluate(
    () => document.getElementsByTagName("*").length,
  );
  await tab.cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await tab.cdp.send("Runtime.getHeapUsage");
  return { todos, elements, heapBytes: usedSize };
}

/** Navigation start → the frame with the first row, and with every row. */
const OPEN_PROBE = (count: number) => `new Promise((resolve) => {
  const first = '[aria-label="Open todos"] li';
  const last = ${JSON.stringify(lastRow(count))};
  let firstRowMs;
  const check = () => {
    if (firstRowMs === undefined && document.querySelector(first)) firstRowMs = performance.now();
    if (document.querySelector(last)) {
      const allRowsMs = performance.now();
      return resolve({ firstRowMs: firstRowMs ?? allRowsMs, allRowsMs });
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/**
 * Scrolls the list's scrolling box (the app scrolls its main column, not
 * the window) down a quarter of its height per frame, top to bottom or 300
 * frames: the frames' intervals, and the long animation frames (over 50 ms,
 * with their blocking time) the page reported meanwhile.
 */
const SCROLL_PROBE = `new Promise((resolve) => {
  let box = document.querySelector('[aria-label="Open todos"]');
  while (box && box !== document.body && !(box.scrollHeight > box.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (!box || box === document.body) box = document.scrollingElement;
  box.scrollTop = 0;
  const long = [];
  const observer = typeof PerformanceObserver !== "undefined" && PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")
    ? new PerformanceObserver((list) => { for (const entry of list.getEntries()) long.push([entry.duration, entry.blockingDuration]); })
    : null;
  observer?.observe({ type: "long-animation-frame" });
  const deltas = [];
  let previous;
  const step = (now) => {
    if (previous !== undefined) deltas.push(now - previous);
    previous = now;
    const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 2;
    if (atEnd || deltas.length >= 300) {
      // Entries of the last frames arrive after them.
      return setTimeout(() => { observer?.disconnect(); resolve({ deltas, long }); }, 200);
    }
    box.scrollTop += Math.round(box.clientHeight / 4);
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

/** One display refresh at 60 Hz: a frame interval of n of these dropped n - 1. */
const REFRESH_MS = 1000 / 60;

function scrollReading({
  deltas,
  long,
}: {
  deltas: number[];
  long: [duration: number, blocking: number][];
}): ScrollReading {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    frames: deltas.length,
    medianFrameMs: at(0.5),
    p95FrameMs: at(0.95),
    longFrames: deltas.filter((delta) => delta > 50).length,
    droppedFrames: deltas.reduce(
      (sum, delta) => sum + Math.max(0, Math.round(delta / REFRESH_MS) - 1),
      0,
    ),
    longAnimationFrames: long.length,
    blockingMs: long.reduce((sum, [, blocking]) => sum + blocking, 0),
  };
}

async function openDayMenu(page: Page, dayName: RegExp) {
  const timing = await timed(
    page,
    () => page.getByRole("button", { name: dayName }).click(),
    `document.querySelector('[role="menu"]')?.style.visibility === "visible"`,
  );
  await page.keyboard.press("Escape");
  await page.getByRole("menu").waitFor({ state: "detached" });
  return timing;
}

export async function runBigDays(options: {
  context: BrowserContext;
  origin: string;
  runs: number;
  progress: (line: string) => void;
}): Promise<BigDayReport> {
  const { context, origin, runs, progress } = options;
  const unthrottled = PROFILES.find(({ name }) => name === "unthrottled")!;
  const tab = await openTab(context);
  const report: BigDayReport = {
    costs: [],
    interactions: [],
    open: [],
    scroll: [],
    twoTabs: [],
  };

  progress("Big days: waiting for the seeded days…");
  await openDay(
    tab.page,
    origin,
    BIG_DAYS[TWO_TABS_SIZE],
    TWO_TABS_SIZE,
    SEEDING_TIMEOUT_MS,
  );
  for (const todos of [0, ...INTERACTION_SIZES]) {
    progress(`Big days: elements and heap with ${todos} todos…`);
    const day = todos === 0 ? BIG_DAYS.empty : BIG_DAYS[todos as 300 | 1000];
    report.costs.push(await dayCost(tab, origin, day, todos));
  }

  for (const todos of INTERACTION_SIZES) {
    // Each run edits its target (a letter more), so the next run's is that.
    let target = benchTodoText(Math.round(todos / 2));
    for (const profile of PROFILES) {
      await useProfile(tab.cdp, unthrottled);
      await openDay(tab.page, origin, BIG_DAYS[todos], todos);
      await useProfile(tab.cdp, profile);
      const timings: BigDayRun[] = [];
      for (let run = 0; run < runs; run += 1) {
        progress(
          `Big days: ${todos} todos, ${profile.name}, run ${run + 1} of ${runs}`,
        );
        const result = await bigDayRun(tab.page, target);
        timings.push(result.run);
        target = result.target;
      }
      report.interactions.push({ todos, profile: profile.name, runs: timings });
    }
  }

  await useProfile(tab.cdp, unthrottled);
  for (let run = 0; run < runs; run += 1) {
    progress(
      `Big days: opening a ${OPEN_SIZE}-todo day, run ${run + 1} of ${runs}`,
    );
    await tab.page.goto(`${origin}/day/${BIG_DAYS[OPEN_SIZE]}`, {
      waitUntil: "commit",
    });
    report.open.push(
      (await tab.page.evaluate(OPEN_PROBE(OPEN_SIZE))) as {
        firstRowMs: number;
        allRowsMs: number;
      },
    );
    report.scroll.push(
      scrollReading(
        (await tab.page.evaluate(SCROLL_PROBE)) as Parameters<
          typeof scrollReading
        >[0],
      ),
    );
  }

  const dayMenu = /^Actions for all todos on /;
  let target = benchTodoText(Math.round(TWO_TABS_SIZE / 2));
  await openDay(tab.page, origin, BIG_DAYS[TWO_TABS_SIZE], TWO_TABS_SIZE);
  for (const tabs of [1, 2] as const) {
    const other = tabs === 2 ? await openTab(context) : undefined;
    if (other) {
      await openDay(other.page, origin, BIG_DAYS[TWO_TABS_SIZE], TWO_TABS_SIZE);
      await tab.page.bringToFront();
    }
    const timings = [];
    for (let run = 0; run < runs; run += 1) {
      progress(
        `Big days: ${TWO_TABS_SIZE} todos in ${tabs} tab(s), run ${run + 1} of ${runs}`,
      );
      const result = await bigDayRun(tab.page, target);
      target = result.target;
      timings.push({
        ...result.run,
        "open the day menu": await openDayMenu(tab.page, dayMenu),
      });
    }
    report.twoTabs.push({ tabs, runs: timings });
    await other?.page.close();
  }
  await tab.page.close();
  return report;
}

/** What `--profile` traces: the interactions still over their goal. */
const PROFILED: readonly BigDayInteraction[] = [
  "add",
  "toggle",
  "edit: open",
  "edit: Enter",
  "reorder: Space (lift)",
  "reorder: ArrowDown",
  "reorder: Space (drop)",
];

/** Timeline, V8 sampling profiler and task categories, as DevTools records. */
const TRACE_CATEGORIES = [
  "toplevel",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8.execute",
  "disabled-by-default-v8.cpu_profiler",
  "blink.user_timing",
  // BENCH_INVALIDATIONS=1: also why each style recalc and layout happened
  // (which element, which attribute or inline style); it slows the page.
  ...(process.env.BENCH_INVALIDATIONS
    ? ["disabled-by-default-devtools.timeline.invalidationTracking"]
    : []),
];

/**
 * `--profile <dir>`: on the 1,000-todo day, one untimed run to settle, then
 * per profile one run whose slow interactions are each traced on their own
 * (a Chrome trace in `dir`, loadable in DevTools' Performance panel), with
 * where the main thread's time went printed.
 */
export async function profileBigDay(options: {
  context: BrowserContext;
  origin: string;
  dir: string;
  progress: (line: string) => void;
}) {
  const { context, origin, dir, progress } = options;
  await mkdir(dir, { recursive: true });
  const browser = context.browser()!;
  const unthrottled = PROFILES.find(({ name }) => name === "unthrottled")!;
  const tab = await openTab(context);
  await tab.page.addInitScript(RENDER_COUNTER);
  const todos = PROFILE_TODOS;
  progress(`Profile: waiting for the seeded day (${todos} todos)…`);
  await openDay(tab.page, origin, BIG_DAYS[1000], todos, SEEDING_TIMEOUT_MS);
  let target = benchTodoText(Math.round(todos / 2));
  progress("Profile: one untraced run to settle…");
  target = (await bigDayRun(tab.page, target)).target;
  for (const profile of [
    unthrottled,
    ...PROFILES.filter((p) => p !== unthrottled),
  ]) {
    await useProfile(tab.cdp, profile);
    progress(`Profile: tracing on the ${profile.name} profile…`);
    const result = await bigDayRun(
      tab.page,
      target,
      async (interaction, step) => {
        if (!PROFILED.includes(interaction)) return step();
        await tab.page.evaluate("window.__benchRenders = true");
        await browser.startTracing(tab.page, { categories: TRACE_CATEGORIES });
        const timing = await step();
        const trace = await browser.stopTracing();
        await tab.page.evaluate("window.__benchRenders = false");
        const renders = (await tab.page.evaluate(
          "window.__benchRenderCounts()",
        )) as [component: string, count: number][];
        const file = join(
          dir,
          `${profile.name}-${interaction.replace(/\W+/g, "-")}.json`,
        );
        await writeFile(file, trace);
        printTraceSummary(
          `${profile.name}, ${interaction}: wall ${timing.wallMs.toFixed(0)} ms (${file})`,
          summariseTrace(JSON.parse(trace.toString("utf8")), timing.wallMs),
        );
        // Counted until the trace stopped: the server's answer included.
        console.log("  React renders (component ×times):");
        console.log(
          `    ${renders
            .slice(0, 60)
            .map(([component, count]) => `${component} ×${count}`)
            .join(", ")}`,
        );
        return timing;
      },
    );
    target = result.target;
  }
  await tab.page.close();
}
