/** The table `npm run bench:web` prints. */
import type { PaintReading } from "./paint-probe";

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

const ms = (value: number) =>
  Number.isNaN(value) ? "—" : `${Math.round(value)} ms`;
const ratio = (app: number, floor: number) =>
  Number.isNaN(app) || Number.isNaN(floor) || floor === 0
    ? "—"
    : `${(app / floor).toFixed(2)}×`;

export function printPaintTable(samples: PaintSamples[]) {
  const rows: string[][] = [
    ["profile", "cache", "n", "reading", "app", "floor", "app/floor"],
  ];
  for (const sample of samples) {
    const readings: [string, (reading: PaintReading) => number | undefined][] =
      [
        ["frame painted", (reading) => reading.framePainted],
        ["element timing", (reading) => reading.elementRendered],
      ];
    for (const [label, pick] of readings) {
      const app = medianOf(sample.app, pick);
      const floor = medianOf(sample.floor, pick);
      rows.push([
        sample.profile,
        sample.cache,
        app.count === floor.count
          ? String(app.count)
          : `${app.count}/${floor.count}`,
        label,
        ms(app.median),
        ms(floor.median),
        ratio(app.median, floor.median),
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => row[column]!.length)),
  );
  console.log(
    "\nSigned-in reload → today's list painted (medians, ms since navigation start)",
  );
  for (const row of rows) {
    console.log(
      row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "),
    );
  }
}
