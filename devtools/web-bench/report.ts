/** The table `npm run bench:web` prints. */
import type { BigDayReport } from "./big-days";
import {
  BIG_DAY_INTERACTIONS,
  type InteractionRun,
  type InteractionTiming,
} from "./interactions";
import type { ViewCost } from "./page-loads";
import type { PaintReading } from "./paint-probe";
import { PHASE_GAPS, PHASE_LABELS } from "./phases";

export interface PaintSamples {
  profile: string;
  cache: string;
  app: PaintReading[];
  floor: PaintReading[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOf(
  readings: PaintReading[],
  pick: (reading: PaintReading) => number | undefined,
) {
  const values = readings
    .map(pick)
    .filter((value): value is number => value !== undefined);
  return { median: median(values), count: values.length };
}

type Unit = (value: number) => string;
const ms: Unit = (value) =>
  Number.isNaN(value) ? "—" : `${Math.round(value)} ms`;
const kB: Unit = (value) =>
  Number.isNaN(value) ? "—" : `${(value / 1000).toFixed(1)} kB`;
const count: Unit = (value) => String(value);
const ratio = (app: number, floor: number) =>
  Number.isNaN(app) || Number.isNaN(floor) || floor === 0
    ? "—"
    : `${(app / floor).toFixed(2)}×`;

export function printPaintTable(samples: PaintSamples[]) {
  const rows: string[][] = [
    ["profile", "cache", "n", "reading", "app", "floor", "app/floor"],
  ];
  for (const sample of samples) {
    const readings: [
      string,
      (reading: PaintReading) => number | undefined,
      Unit,
    ][] = [
      ["first content painted", (reading) => reading.framePainted, ms],
      ["live list painted", (reading) => reading.livePainted, ms],
      [
        "bytes until live list painted",
        (reading) => reading.bytesUntilPaint,
        kB,
      ],
    ];
    for (const [label, pick, unit] of readings) {
      const app = medianOf(sample.app, pick);
      const floor = medianOf(sample.floor, pick);
      rows.push([
        sample.profile,
        sample.cache,
        app.count === floor.count
          ? String(app.count)
          : `${app.count}/${floor.count}`,
        label,
        unit(app.median),
        unit(floor.median),
        ratio(app.median, floor.median),
      ]);
    }
  }
  printTable(
    "\nSigned-in reload → today's list painted (medians; times in ms since navigation start)",
    rows,
  );
  console.log(
    "First content: the first frame showing an item of today's list, live or the\n" +
      "app's saved copy (its local cache; cold and warm here are the HTTP cache).\n" +
      "Live list: the first frame showing it from live data. The floor has no saved\n" +
      "copy, so both are the same frame there.",
  );
}

/**
 * Where each page's time goes before its list paints: medians of each phase
 * (ms since the document request), and the app's lead or lag on the floor.
 */
/** Rows of the phase table that are counts, not times. */
const COUNTED = new Set([
  "query-set messages until painted",
  "React commits until painted",
  "components rendered until painted",
]);

export function printPhaseTable(samples: PaintSamples[]) {
  const rows: string[][] = [
    ["profile", "cache", "phase", "app", "floor", "app − floor"],
  ];
  for (const sample of samples) {
    const phases: [string, (reading: PaintReading) => number | undefined][] = [
      ...PHASE_LABELS.map(
        ([name, label]) =>
          [label, (reading: PaintReading) => reading.phases[name]] as [
            string,
            (reading: PaintReading) => number | undefined,
          ],
      ),
      ["first content painted", (reading) => reading.framePainted],
      ["live list painted", (reading) => reading.livePainted],
      ...PHASE_GAPS.map(
        ([from, to, label]) =>
          [
            label,
            ({ phases }: PaintReading) =>
              phases[from] === undefined || phases[to] === undefined
                ? undefined
                : phases[to] - phases[from],
          ] as [string, (reading: PaintReading) => number | undefined],
      ),
      [
        "todos received → live list painted",
        ({ phases, livePainted }) =>
          phases.todosReceived === undefined
            ? undefined
            : livePainted - phases.todosReceived,
      ],
      ["React commits until painted", ({ rendering }) => rendering.commits],
      [
        "components rendered until painted",
        ({ rendering }) => rendering.components,
      ],
    ];
    for (const [label, pick] of phases) {
      const app = medianOf(sample.app, pick).median;
      const floor = medianOf(sample.floor, pick).median;
      const unit = COUNTED.has(label) ? count : ms;
      rows.push([
        sample.profile,
        sample.cache,
        label,
        unit(app),
        unit(floor),
        Number.isNaN(app) || Number.isNaN(floor)
          ? "—"
          : `${app >= floor ? "+" : ""}${unit(app - floor)}`,
      ]);
    }
  }
  printTable(
    "\nWhere the time goes before the list paints (medians, ms since the document request)",
    rows,
  );
}

export function printViewCosts(
  title: string,
  costs: { app: ViewCost; floor: ViewCost },
) {
  const rows: string[][] = [["figure", "app", "floor", "app/floor"]];
  const figures: [string, (cost: ViewCost) => number, Unit][] = [
    ["bytes received", (cost) => cost.bytes, kB],
    ["elements", (cost) => cost.elements, count],
    ["JS heap after GC", (cost) => cost.heapBytes, kB],
  ];
  for (const [label, pick, unit] of figures) {
    const app = pick(costs.app);
    const floor = pick(costs.floor);
    rows.push([label, unit(app), unit(floor), ratio(app, floor)]);
  }
  printTable(title, rows);
}

function printTable(title: string, rows: string[][]) {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => row[column]!.length)),
  );
  console.log(title);
  for (const row of rows) {
    console.log(
      row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "),
    );
  }
}

export function printInteractions(
  title: string,
  byProfile: { profile: string; runs: InteractionRun[] }[],
) {
  const rows: string[][] = [
    ["profile", "interaction", "n", "event (INP-style)", "wall clock"],
  ];
  for (const { profile, runs } of byProfile) {
    for (const kind of ["add", "toggle"] as const) {
      const timings: InteractionTiming[] = runs.map((run) => run[kind]);
      const events = timings
        .map(({ eventMs }) => eventMs)
        .filter((value): value is number => value !== undefined);
      const under = timings.length - events.length;
      rows.push([
        profile,
        kind,
        String(timings.length),
        // Unreported entries were under 16 ms: count them as such in the median.
        ms(median([...events, ...Array<number>(under).fill(0)])) +
          (under > 0 ? ` (${under} under 16 ms)` : ""),
        ms(median(timings.map(({ wallMs }) => wallMs))),
      ]);
    }
  }
  printTable(title, rows);
}

function interactionCells(timings: InteractionTiming[]) {
  const events = timings
    .map(({ eventMs }) => eventMs)
    .filter((value): value is number => value !== undefined);
  const under = timings.length - events.length;
  return [
    String(timings.length),
    // Unreported entries were under 16 ms (or missed): counted as 0 in the median.
    ms(median([...events, ...Array<number>(under).fill(0)])) +
      (under > 0 ? ` (${under} none)` : ""),
    ms(median(timings.map(({ wallMs }) => wallMs))),
    ms(Math.max(...timings.map(({ wallMs }) => wallMs))),
  ];
}

export function printBigDays(report: BigDayReport) {
  const rows: string[][] = [
    ["todos", "profile", "interaction", "n", "event", "wall", "worst wall"],
  ];
  for (const { todos, profile, runs } of report.interactions) {
    for (const kind of BIG_DAY_INTERACTIONS) {
      rows.push([
        String(todos),
        profile,
        kind,
        ...interactionCells(runs.map((run) => run[kind])),
      ]);
    }
  }
  printTable(
    "\nBig days: input → next frame (medians). event: the longest Event Timing entry of\n" +
      'the interaction; "none" = no entry (under 16 ms, or Event Timing missed it).\n' +
      "wall: the input event's timestamp → the frame that shows the change, painted.",
    rows,
  );

  const costRows: string[][] = [
    ["todos", "elements", "JS heap after GC", "per todo (vs empty day)"],
  ];
  const empty = report.costs.find(({ todos }) => todos === 0);
  for (const cost of report.costs) {
    costRows.push([
      String(cost.todos),
      String(cost.elements),
      kB(cost.heapBytes),
      empty && cost.todos > 0
        ? `${((cost.elements - empty.elements) / cost.todos).toFixed(1)} elements, ` +
          kB((cost.heapBytes - empty.heapBytes) / cost.todos)
        : "",
    ]);
  }
  const [small, large] = report.costs.filter(({ todos }) => todos > 0);
  if (small && large) {
    const added = large.todos - small.todos;
    costRows.push([
      `${small.todos}→${large.todos}`,
      "",
      "",
      `${((large.elements - small.elements) / added).toFixed(1)} elements, ` +
        kB((large.heapBytes - small.heapBytes) / added),
    ]);
  }
  printTable(
    "\nBig days: a day's page after 2 s (unthrottled), elements and JS heap",
    costRows,
  );

  const scrollMedian = (field: keyof BigDayReport["scroll"][number]) =>
    median(report.scroll.map((reading) => reading[field]));
  printTable(
    "\nBig days: opening a 5,000-todo day (unthrottled, reload), then scrolling it top to\n" +
      "bottom a quarter screen per frame (medians of the runs). dropped: 60 Hz refreshes\n" +
      "with no new frame; LoAF: long animation frames (> 50 ms) and their blocking time.",
    [
      [
        "n",
        "first row",
        "all rows",
        "scroll frames",
        "median frame",
        "p95 frame",
        "frames > 50 ms",
        "dropped",
        "LoAF",
        "blocking",
      ],
      [
        String(report.open.length),
        ms(median(report.open.map(({ firstRowMs }) => firstRowMs))),
        ms(median(report.open.map(({ allRowsMs }) => allRowsMs))),
        String(scrollMedian("frames")),
        ms(scrollMedian("medianFrameMs")),
        ms(scrollMedian("p95FrameMs")),
        String(scrollMedian("longFrames")),
        String(scrollMedian("droppedFrames")),
        String(scrollMedian("longAnimationFrames")),
        ms(scrollMedian("blockingMs")),
      ],
    ],
  );

  const tabRows: string[][] = [
    ["tabs", "interaction", "n", "event", "wall", "worst wall"],
  ];
  for (const { tabs, runs } of report.twoTabs) {
    for (const kind of [
      ...BIG_DAY_INTERACTIONS,
      "open the day menu",
    ] as const) {
      tabRows.push([
        String(tabs),
        kind,
        ...interactionCells(runs.map((run) => run[kind])),
      ]);
    }
  }
  printTable(
    "\nBig days: a 1,206-todo day open in one tab, then in two (unthrottled; timed in the first)",
    tabRows,
  );
}
