/**
 * `npm run bench:web [-- --runs N]` (issue #11, "The benchmark"): the
 * production app against a signed-in floor page (React, the Convex client,
 * AuthKit and one `todos.listForDay` query; devtools/web-bench/floor), both
 * served compressed with production cache headers by site-server.ts, timed
 * interleaved in headless Chromium: "signed-in reload → today's list
 * painted" (paint-probe.ts), per profile (phone, unthrottled) and cache
 * state (cold, warm). Prints medians and the app/floor ratio. Figures only:
 * no budgets, no exit code from timings.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "../../e2e/support/chromium";
import { DaybookPage } from "../../e2e/support/daybook-page";
import { createAuthenticate } from "../../netlify/functions/authenticate/authenticate";
import authorize from "../../netlify/functions/authorize/authorize";
import logout from "../../netlify/functions/logout/logout";
import { WORKOS_ANSWER_DEADLINE_MS } from "../../netlify/lib/workos-client";
import { MemoryGraceStore } from "../../netlify/testing/memory-grace-store";
import { seedSampleAccount } from "../convex-standin/sample-account";
import { startConvexStandin, type SeedUser } from "../convex-standin/standin";
import { startWorkosEmulator } from "../workos-emulator/emulator";
import { LIMITS } from "../../convex/lib/limits";
import { buildProductionSpa } from "../stack/build-spa";
import { buildBoth, FLOOR_BASE } from "./builds";
import { seedDays, seedTodayWith } from "./seed-day";
import {
  BIG_DAY_SEED,
  PROFILE_SEED,
  profileBigDay,
  runBigDays,
} from "./big-days";
import {
  BenchTab,
  PROFILES,
  type CacheState,
  type Profile,
} from "./page-loads";
import { addAndToggle } from "./interactions";
import {
  printBigDays,
  printInteractions,
  printPaintTable,
  printPhaseTable,
  printViewCosts,
  type PaintSamples,
} from "./report";
import { startSiteServer } from "./site-server";

/** As bench:bundle's (b): what a view fetches in this long after painting. */
const VIEW_WINDOW_MS = 5_000;

const progress = (line: string) => console.error(`· ${line}`);

const SECTIONS = ["loads", "interactions", "views", "big-days"];

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "10" },
      todos: { type: "string" },
      // One section only, e.g. `--only big-days` (issue #11 goal 2).
      only: { type: "string" },
      // Trace the big-day interactions into this folder (and nothing else).
      profile: { type: "string" },
      // Page loads under these profiles only, e.g. `--profiles phone`.
      profiles: { type: "string" },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 200) {
    throw new Error("--runs must be a whole number from 1 to 200.");
  }
  const todos = values.todos === undefined ? undefined : Number(values.todos);
  if (
    todos !== undefined &&
    (!Number.isInteger(todos) || todos < 1 || todos > LIMITS.todosPerDay)
  ) {
    throw new Error(
      `--todos must be a whole number from 1 to ${LIMITS.todosPerDay}.`,
    );
  }
  const only = values.only;
  if (only !== undefined && !SECTIONS.includes(only)) {
    throw new Error(`--only takes one of: ${SECTIONS.join(", ")}.`);
  }
  const runsSection = (section: (typeof SECTIONS)[number]) =>
    only === undefined || only === section;
  const names = values.profiles?.split(",");
  const unknown = names?.filter(
    (name) => !PROFILES.some((p) => p.name === name),
  );
  if (unknown?.length) {
    throw new Error(
      `--profiles takes some of: ${PROFILES.map(({ name }) => name).join(", ")}.`,
    );
  }
  const loadProfiles = PROFILES.filter(
    ({ name }) => names === undefined || names.includes(name),
  );
  return { runs, todos, runsSection, profile: values.profile, loadProfiles };
}

/** Last registered, first run; each runs even if another fails. */
const cleanups: (() => Promise<unknown>)[] = [];
async function runCleanups() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) =>
      console.error("cleanup failed:", error),
    );
  }
}

async function main() {
  const { runs, todos, runsSection, profile, loadProfiles } = readOptions();
  const todayDescription =
    todos === undefined ? "the demo's sample todos" : `${todos} open todos`;
  const workDir = await mkdtemp(join(tmpdir(), "daybook-web-bench-"));
  cleanups.push(() => rm(workDir, { recursive: true, force: true }));

  const emulator = await startWorkosEmulator({});
  cleanups.push(() => emulator.close());
  let benchUser: SeedUser | undefined;
  /**
   * The big days (weeks back, out of the other sections' way) are written
   * just before the section that opens them. The stand-in's database is
   * convex-test's, whose indexes are scans of the whole table: with their
   * ~7,500 open todos present, the page loads' queries cost the stand-in
   * 100–450 ms of CPU each reload (carry-over's 100 rows sorted out of all
   * of them), where a deployment's indexes read only the rows returned.
   */
  const seedBigDays = (days: readonly { day: string; count: number }[]) => {
    if (!benchUser) throw new Error("The bench's user was never seeded.");
    progress("Writing the big days…");
    return seedDays(days)(benchUser);
  };
  const standin = await startConvexStandin({
    workosApiBaseUrl: emulator.baseUrl,
    workosClientId: emulator.clientId,
    workosApiKey: emulator.apiKey,
    // Today gets N todos, or the demo's sample ones: either way both pages
    // have a list to paint. The big days come later (seedBigDays).
    seed: async (user) => {
      benchUser = user;
      await (todos === undefined ? seedSampleAccount : seedTodayWith(todos))(
        user,
      );
    },
  });
  cleanups.push(() => standin.close());

  const appDir = join(workDir, "app");
  const floorDir = join(workDir, "floor");
  const graceStore = new MemoryGraceStore();
  const site = await startSiteServer({
    appDir,
    floorDir,
    standinUrl: standin.url,
    functions: {
      "/user_management/authorize": authorize,
      "/user_management/authenticate": createAuthenticate({
        graceStore: () => graceStore,
        now: Date.now,
        answerDeadline: () => AbortSignal.timeout(WORKOS_ANSWER_DEADLINE_MS),
      }),
      "/user_management/sessions/logout": logout,
    },
  });
  cleanups.push(() => site.close());
  // The sign-in functions read their settings per call, as on Netlify.
  Object.assign(process.env, {
    WORKOS_CLIENT_ID: emulator.clientId,
    WORKOS_API_KEY: emulator.apiKey,
    WORKOS_COOKIE_PASSWORD: randomBytes(32).toString("base64url"),
    WORKOS_API_HOSTNAME: emulator.hostname,
    WORKOS_API_PORT: String(emulator.port),
    WORKOS_API_HTTPS: "false",
    SITE_ORIGINS: site.origin,
  });

  progress("Building the production bundle and the floor page…");
  if (profile === undefined) {
    await buildBoth({
      appDir,
      floorDir,
      origin: site.origin,
      workosClientId: emulator.clientId,
    });
  } else {
    // The app alone, unminified: the profile names its functions.
    await buildProductionSpa({
      outDir: appDir,
      workosClientId: emulator.clientId,
      convexUrl: site.origin,
      minify: false,
    });
  }

  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 },
  });

  progress(`Signing in a fresh user on ${site.origin}…`);
  const signIn = await context.newPage();
  await signIn.goto(site.origin);
  await new DaybookPage(
    signIn,
    `bench-${randomUUID().slice(0, 8)}@example.com`,
  ).signIn();
  await signIn.close();

  if (profile !== undefined) {
    await seedBigDays(PROFILE_SEED);
    await profileBigDay({
      context,
      origin: site.origin,
      dir: profile,
      progress,
    });
    return;
  }

  const tabs = {
    app: await BenchTab.open(context, `${site.origin}/`),
    floor: await BenchTab.open(context, `${site.origin}${FLOOR_BASE}`, {
      bypassServiceWorker: true,
    }),
  };

  if (runsSection("loads")) {
    const samples: PaintSamples[] = [];
    for (const profile of loadProfiles) {
      for (const cache of ["cold", "warm"] as CacheState[]) {
        samples.push(await measure(tabs, profile, cache, runs));
      }
    }
    printPaintTable(samples);
    printPhaseTable(samples);
  }
  if (runsSection("interactions")) {
    await timeInteractions(tabs.app, runs, todayDescription);
  }
  if (runsSection("views")) await printBothViewCosts(tabs, todayDescription);
  // On their own: the big-day section opens tabs of its own.
  await tabs.app.page.close();
  await tabs.floor.page.close();
  if (runsSection("big-days")) {
    await seedBigDays(BIG_DAY_SEED);
    printBigDays(
      await runBigDays({ context, origin: site.origin, runs, progress }),
    );
  }
}

async function timeInteractions(
  app: BenchTab,
  runs: number,
  todayDescription: string,
) {
  const interactions = [];
  for (const profile of PROFILES) {
    await app.useProfile(profile);
    const timings = [];
    for (let run = 0; run < runs; run += 1) {
      progress(`${profile.name}: add and toggle, run ${run + 1} of ${runs}`);
      timings.push(await addAndToggle(app.page));
    }
    interactions.push({ profile: profile.name, runs: timings });
  }
  printInteractions(
    `\nApp interactions (medians; a 0 ms median means most were under 16 ms); today began with ${todayDescription}`,
    interactions,
  );
}

async function printBothViewCosts(
  tabs: { app: BenchTab; floor: BenchTab },
  todayDescription: string,
) {
  const unthrottled = PROFILES.find(({ name }) => name === "unthrottled")!;
  await tabs.app.useProfile(unthrottled);
  await tabs.floor.useProfile(unthrottled);
  progress("Measuring one settled view of each…");
  printViewCosts(
    `\nOne view (unthrottled, cold), ${VIEW_WINDOW_MS / 1000} s after the list painted; today has ${todayDescription}`,
    {
      app: await tabs.app.viewCost(VIEW_WINDOW_MS),
      floor: await tabs.floor.viewCost(VIEW_WINDOW_MS),
    },
  );
}

async function measure(
  tabs: { app: BenchTab; floor: BenchTab },
  profile: Profile,
  cache: CacheState,
  runs: number,
): Promise<PaintSamples> {
  const result: PaintSamples = {
    profile: profile.name,
    cache,
    app: [],
    floor: [],
  };
  await tabs.app.useProfile(profile);
  await tabs.floor.useProfile(profile);
  // One unrecorded reload each first: it settles the profile's effects and,
  // for "warm", makes sure the cache holds what the last cold load wrote.
  await tabs.app.timedReload(cache);
  await tabs.floor.timedReload(cache);
  for (let run = 0; run < runs; run += 1) {
    progress(`${profile.name}, ${cache}: run ${run + 1} of ${runs}`);
    // Alternate which goes first, so drift (a busy machine) hits both alike.
    const order =
      run % 2 === 0 ? (["app", "floor"] as const) : (["floor", "app"] as const);
    for (const which of order) {
      result[which].push(await tabs[which].timedReload(cache));
    }
  }
  return result;
}

try {
  await main();
} catch (error) {
  console.error("\nbench:web failed:", error);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
// The Convex stand-in may hold timers for scheduled work far in the future.
process.exit();
