/**
 * `npm run bench:bundle` (issue #8, item 8). For the app and for a bare floor
 * page (React, the Convex client and the AuthKit providers only), side by
 * side, the gzipped JavaScript and CSS of
 *   (a) the first load: what the built index.html makes the browser load;
 *   (b) a signed-in day view: every /assets/ JS and CSS file the app fetches
 *       within 5 s of today's list painting, plus what opening a menu fetches,
 *       observed in headless Chromium on the stack `npm run demo` runs.
 * Budgets, on JavaScript: (a) within 20 kB of the floor, (b) within 80 kB.
 * Exits non-zero when over either.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedSampleAccount } from "../convex-standin/sample-account";
import { startDaybookStack, type DaybookStack } from "../stack/daybook-stack";
import {
  cleanUpOnSignals,
  deferCleanup,
  interrupted,
  runCleanups,
} from "./cleanup";
import {
  OBSERVATION_WINDOW_MS,
  recordDayView,
  type DayViewFetches,
  type Phase,
} from "./day-view";
import { buildFloor, measureFloor, type FloorSizes } from "./floor";
import {
  printComparison,
  printFiles,
  printVerdict,
  type Verdict,
} from "./report";
import {
  emittedPaths,
  firstLoadPaths,
  measureAsset,
  type AssetSize,
} from "./sizes";

const KB = 1000;
const FIRST_LOAD_BUDGET = 20 * KB;
const DAY_VIEW_BUDGET = 80 * KB;

const progress = (line: string) => console.error(`· ${line}`);

/**
 * The folder `netlify dev` serves: the stack's own production build, which
 * startDaybookStack keeps private (and deletes on stop). Measuring that very
 * build means (a), (b) and the served bytes all describe the same files.
 */
function servedFolder(stack: DaybookStack): string {
  const args = stack.site.child.process.spawnargs;
  const dir = args[args.indexOf("--dir") + 1];
  if (!args.includes("--dir") || !dir || !existsSync(join(dir, "index.html"))) {
    throw new Error(`Cannot find the folder netlify dev serves in: ${args}`);
  }
  return dir;
}

interface AppSizes {
  firstLoad: AssetSize[];
  dayView: (AssetSize & { phase: Phase })[];
  onDemand: AssetSize[];
  fetches: DayViewFetches;
}

function measureApp(builtDir: string, fetches: DayViewFetches): AppSizes {
  const fetched = new Set(fetches.assets.map(({ path }) => path));
  return {
    firstLoad: firstLoadPaths(builtDir).map((path) =>
      measureAsset(builtDir, path),
    ),
    dayView: fetches.assets.map(({ path, phase }) => ({
      ...measureAsset(builtDir, path),
      phase,
    })),
    onDemand: emittedPaths(builtDir)
      .filter((path) => !fetched.has(path))
      .map((path) => measureAsset(builtDir, path)),
    fetches,
  };
}

async function measureFloorBuild(): Promise<FloorSizes> {
  const outDir = await mkdtemp(join(tmpdir(), "daybook-floor-"));
  deferCleanup("the floor build", () =>
    rm(outDir, { recursive: true, force: true }),
  );
  progress("Building the floor page…");
  await buildFloor(outDir);
  return measureFloor(outDir);
}

async function measureAppInBrowser(): Promise<AppSizes> {
  const starting = startDaybookStack({
    // A fresh user gets the demo's sample days on first sign-in, so today
    // has open todos: their list is what loads drag-and-drop and todo menus.
    seed: seedSampleAccount,
    log: progress,
  });
  // Registered before start-up ends: Ctrl-C during it lets the step under
  // way finish, then stops everything (a failed start cleans up itself).
  const stopStack = deferCleanup("the stack", async () => {
    await (await starting.catch(() => undefined))?.stop();
  });
  try {
    const stack = await starting;
    const builtDir = servedFolder(stack);
    progress(`Signing in a fresh user on ${stack.origin} in Chromium…`);
    const fetches = await recordDayView(stack.origin, builtDir);
    return measureApp(builtDir, fetches);
  } finally {
    await stopStack();
  }
}

function printApp(app: AppSizes) {
  const firstLoad = new Set(app.firstLoad.map(({ path }) => path));
  printFiles(
    "App (a) first load: entry, modulepreloads and stylesheets in index.html",
    app.firstLoad,
  );
  printFiles(
    `App (b) signed-in day view (a fresh user with the demo's sample days, 1280×720):\n` +
      `  /assets/ JS and CSS fetched until ${OBSERVATION_WINDOW_MS / 1000} s after today's list painted, then on opening the account menu`,
    app.dayView,
    (file) =>
      file.phase === "menu"
        ? "fetched on first menu open (counted in (b))"
        : firstLoad.has(file.path)
          ? "(a)"
          : "",
  );
  const onMenu = app.dayView.filter((file) => file.phase === "menu");
  console.log(
    onMenu.length === 0
      ? "  Nothing more was fetched on first menu open: menu code had already arrived."
      : `  ${onMenu.length} file(s) fetched on first menu open are included in (b).`,
  );
  console.log(
    `  Drag handles on today's open todos at the end of the window: ${app.fetches.dragHandlesShown ? "yes (drag-and-drop code is in (b))" : "NO (drag-and-drop may not be counted)"}.`,
  );
  const missing = [...firstLoad].filter(
    (path) => !app.dayView.some((file) => file.path === path),
  );
  if (missing.length > 0) {
    console.log(`  Note: first-load files not fetched: ${missing.join(", ")}`);
  }
  if (app.fetches.outsideAssets.length > 0) {
    console.log(
      `  Also fetched, outside /assets/ and not counted: ${app.fetches.outsideAssets.join(", ")}`,
    );
  }
  printFiles("App, loaded on demand (not in (b)):", app.onDemand);
}

function printFloor(floor: FloorSizes) {
  printFiles(
    "Floor (a) first load: React + Convex client + AuthKit providers",
    floor.firstLoad,
  );
  console.log(
    "Floor (b) = every JS and CSS file of its build: the floor has no dynamic imports\n" +
      "  (checked: each emitted file is in its first load), so a browser can fetch nothing more.",
  );
}

async function main(): Promise<Verdict[]> {
  const floor = await measureFloorBuild();
  const app = await measureAppInBrowser();
  printApp(app);
  printFloor(floor);
  const verdicts = printComparison([
    {
      label: "(a) first load",
      app: app.firstLoad,
      floor: floor.firstLoad,
      jsBudget: FIRST_LOAD_BUDGET,
    },
    {
      label: "(b) signed-in day view",
      app: app.dayView,
      floor: floor.everything,
      jsBudget: DAY_VIEW_BUDGET,
    },
  ]);
  printVerdict(verdicts);
  return verdicts;
}

cleanUpOnSignals();
try {
  const verdicts = await main();
  if (verdicts.some((verdict) => verdict.over)) process.exitCode = 1;
} catch (error) {
  // After Ctrl-C the browser closing under a step is expected, not news.
  if (!interrupted) console.error("\nbench:bundle failed:", error);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
// The Convex stand-in may hold timers for scheduled work far in the future;
// everything this run started has been stopped, so leave now.
process.exit();
