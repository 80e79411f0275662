/** Printing for `npm run bench:bundle`: file listings and the app-vs-floor table. */
import { total, type AssetKind, type AssetSize, type Totals } from "./sizes";

/** kB as 1000 bytes, one decimal, right-aligned. */
const kb = (bytes: number, width = 7) =>
  (bytes / 1000).toFixed(1).padStart(width);
const signedKb = (bytes: number, width = 7) =>
  `${bytes >= 0 ? "+" : "−"}${(Math.abs(bytes) / 1000).toFixed(1)}`.padStart(
    width,
  );

/** A titled listing of files: gzip, brotli, an optional note, the path. */
export function printFiles<File extends AssetSize>(
  title: string,
  files: File[],
  note: (file: File) => string = () => "",
) {
  console.log(`\n${title}`);
  if (files.length === 0) {
    console.log("     (none)");
    return;
  }
  console.log(`  ${"gzip".padStart(7)} ${"brotli".padStart(7)}  file`);
  const sorted = [...files].sort(
    (a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip,
  );
  for (const file of sorted) {
    const extra = note(file);
    console.log(
      `  ${kb(file.gzip)} ${kb(file.brotli)}  ${file.path}${extra ? `  ${extra}` : ""}`,
    );
  }
  const sum = total(files);
  console.log(`  ${kb(sum.gzip)} ${kb(sum.brotli)}  total`);
}

export interface Comparison {
  label: string;
  app: AssetSize[];
  floor: AssetSize[];
  /** Allowed app − floor, gzipped JavaScript, in bytes. */
  jsBudget: number;
}

export interface Verdict {
  label: string;
  over: boolean;
  jsDifference: number;
  jsBudget: number;
}

const ROWS: { name: string; kind?: AssetKind }[] = [
  { name: "JS", kind: "js" },
  { name: "CSS", kind: "css" },
  { name: "JS+CSS" },
];

function row(name: string, app: Totals, floor: Totals, budget: string) {
  return [
    name.padEnd(8),
    kb(app.gzip),
    kb(floor.gzip),
    signedKb(app.gzip - floor.gzip, 8),
    kb(app.brotli, 9),
    kb(floor.brotli),
    signedKb(app.brotli - floor.brotli, 8),
    budget ? `  ${budget}` : "",
  ]
    .join(" ")
    .trimEnd();
}

/** Prints app, floor and app − floor per kind; judges JS against the budget. */
export function printComparison(comparisons: Comparison[]): Verdict[] {
  console.log(
    "\nApp vs floor, kB (1000 bytes). Budgets judge gzipped JavaScript; brotli is informational.",
  );
  console.log(
    `${"".padEnd(8)} ${"app gz".padStart(7)} ${"floor gz".padStart(7)} ${"Δ gz".padStart(8)} ${"app br".padStart(9)} ${"floor br".padStart(7)} ${"Δ br".padStart(8)}`,
  );
  const verdicts: Verdict[] = [];
  for (const { label, app, floor, jsBudget } of comparisons) {
    console.log(label);
    const jsDifference = total(app, "js").gzip - total(floor, "js").gzip;
    const over = jsDifference > jsBudget;
    for (const { name, kind } of ROWS) {
      const budget =
        kind === "js"
          ? `budget Δ ≤ +${kb(jsBudget, 0)}: ${over ? "OVER" : "OK"}`
          : "";
      console.log(row(name, total(app, kind), total(floor, kind), budget));
    }
    verdicts.push({ label, over, jsDifference, jsBudget });
  }
  return verdicts;
}

export function printVerdict(verdicts: Verdict[]) {
  console.log("");
  for (const { label, over, jsDifference, jsBudget } of verdicts) {
    const margin = jsBudget - jsDifference;
    console.log(
      `${over ? "OVER" : "OK  "}  ${label}: JS app − floor ${signedKb(jsDifference, 0)} kB, budget +${kb(jsBudget, 0)} kB (${over ? `${kb(-margin, 0)} kB over` : `${kb(margin, 0)} kB to spare`})`,
    );
  }
}
