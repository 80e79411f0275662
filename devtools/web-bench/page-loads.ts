/**
 * Timed reloads of a signed-in page in headless Chromium, under a network
 * and CPU profile set through the DevTools protocol.
 */
import { join } from "node:path";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { PhaseRecorder } from "./phases";
import { COMMIT_COUNTER } from "./render-counter";
import {
  OPEN_TODO_ITEM,
  PAINT_BINDING,
  paintProbeScript,
  type PaintReading,
} from "./paint-probe";

export interface Profile {
  name: string;
  /** CPU slowdown factor (1 = none). */
  cpuSlowdown: number;
  /** Added round-trip time, bytes/s down and up; undefined = unthrottled. */
  network?: { latencyMs: number; downBytesPerS: number; upBytesPerS: number };
}

const MBPS = 1_000_000 / 8;

export const PROFILES: Profile[] = [
  {
    name: "phone",
    cpuSlowdown: 4,
    network: {
      latencyMs: 150,
      downBytesPerS: 1.6 * MBPS,
      upBytesPerS: 0.75 * MBPS,
    },
  },
  { name: "unthrottled", cpuSlowdown: 1 },
];

export interface ViewCost {
  bytes: number;
  elements: number;
  heapBytes: number;
}

export type CacheState = "cold" | "warm";

/** Per step; generous for a busy 2-core machine under 4× CPU slowdown. */
const STEP_TIMEOUT_MS = Number(process.env.BENCH_STEP_TIMEOUT_MS ?? 120_000);

/**
 * `BENCH_TRACE_DIR=<dir>`: a Chrome trace (open it in DevTools' Performance
 * panel) of each tab's second reload per profile and cache state: the first
 * is unrecorded and, warm, still shares the page with the service worker's
 * install and V8's code caching. Tracing slows the traced reload: read its
 * attribution, not its figures.
 */
const TRACE_DIR = process.env.BENCH_TRACE_DIR;
const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "v8.execute",
  "blink.user_timing",
  "loading",
  "latencyInfo",
  "disabled-by-default-v8.cpu_profiler",
];

interface ProbeReport {
  framePainted: number;
  livePainted: number;
  /** Just before the live frame painted (see paint-probe.ts). */
  liveJudged: number;
}

/** One tab showing one page (the app or the floor) for the whole run. */
export class BenchTab {
  /** Bytes on the wire (headers included) since the last reload began. */
  private transferred = 0;
  private readonly phases: PhaseRecorder;
  private profileName = "";
  /** The probe's report of the page loading now (see expectPaint). */
  private painted: Promise<ProbeReport> = new Promise(() => {});
  private reportPainted: (report: ProbeReport) => void = () => {};
  private readonly reloads = new Map<string, number>();

  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    readonly url: string,
  ) {
    this.phases = new PhaseRecorder(cdp);
    cdp.on("Runtime.bindingCalled", ({ name, payload }) => {
      if (name === PAINT_BINDING) {
        this.reportPainted(JSON.parse(payload) as ProbeReport);
      }
    });
    cdp.on("Network.loadingFinished", ({ encodedDataLength }) => {
      this.transferred += encodedDataLength;
    });
    cdp.on("Network.webSocketFrameReceived", ({ response }) => {
      this.transferred += response.payloadData.length;
    });
  }

  /**
   * `bypassServiceWorker` for the floor: it shares the app's origin, whose
   * service worker would otherwise answer /floor/ with the app's page.
   */
  static async open(
    context: BrowserContext,
    url: string,
    options: { bypassServiceWorker?: boolean } = {},
  ) {
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.addInitScript({ content: paintProbeScript(OPEN_TODO_ITEM) });
    await page.addInitScript({ content: COMMIT_COUNTER });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    // Kept across reloads; see paint-probe.ts.
    await cdp.send("Runtime.addBinding", { name: PAINT_BINDING });
    await cdp.send("Runtime.enable");
    if (options.bypassServiceWorker) {
      await cdp.send("Network.setBypassServiceWorker", { bypass: true });
    }
    const tab = new BenchTab(page, cdp, url);
    tab.expectPaint();
    await page.goto(url);
    await tab.waitForPaint();
    return tab;
  }

  async useProfile(profile: Profile) {
    this.profileName = profile.name;
    await this.cdp.send("Emulation.setCPUThrottlingRate", {
      rate: profile.cpuSlowdown,
    });
    await this.cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: profile.network?.latencyMs ?? 0,
      downloadThroughput: profile.network?.downBytesPerS ?? -1,
      uploadThroughput: profile.network?.upBytesPerS ?? -1,
    });
  }

  /**
   * Reloads and waits for today's list to paint. Cold: everything cached is
   * emptied first, the HTTP cache, the service worker with its precache and
   * the app's saved copy in IndexedDB (the session cookie stays, so the user
   * is still signed in); warm: whatever the previous load left.
   */
  async timedReload(cache: CacheState): Promise<PaintReading> {
    if (cache === "cold") {
      await this.cdp.send("Network.clearBrowserCache");
      // A first visit on this device: no service worker or its precache,
      // no saved copy of the day (the session cookie stays).
      await this.cdp.send("Storage.clearDataForOrigin", {
        origin: new URL(this.url).origin,
        storageTypes: "service_workers,cache_storage,indexeddb",
      });
    }
    // The tab in front: Chromium runs a background tab's frames (and so the
    // probe's requestAnimationFrame) about once a second.
    await this.page.bringToFront();
    this.transferred = 0;
    this.phases.reset();
    this.expectPaint();
    const traceName = `${new URL(this.url).pathname.replaceAll("/", "") || "app"}-${this.profileName}-${cache}`;
    const browser = this.page.context().browser();
    const reload = (this.reloads.get(traceName) ?? 0) + 1;
    this.reloads.set(traceName, reload);
    const trace = TRACE_DIR !== undefined && browser !== null && reload === 2;
    if (trace) {
      await browser.startTracing(this.page, {
        path: join(TRACE_DIR, `${traceName}.json`),
        categories: TRACE_CATEGORIES,
        screenshots: true,
      });
    }
    await this.page.reload({ waitUntil: "commit" });
    const reading = await this.waitForPaint();
    if (trace) {
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // deliberate: what follows the paint, in the trace
      await browser.stopTracing();
    }
    return reading;
  }

  /**
   * What one view costs once it has settled: a cold reload, today's list
   * painted, then a fixed observation window (lazy chunks, the sync
   * traffic), then bytes received (HTTP bodies and headers plus WebSocket
   * payloads), the page's element count and its JS heap after a collection.
   */
  async viewCost(windowMs: number): Promise<ViewCost> {
    await this.timedReload("cold");
    await new Promise((resolve) => setTimeout(resolve, windowMs)); // deliberate: the window is the definition
    const elements = await this.page.evaluate(
      () => document.getElementsByTagName("*").length,
    );
    await this.cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await this.cdp.send("Runtime.getHeapUsage");
    return { bytes: this.transferred, elements, heapBytes: usedSize };
  }

  /** From now on, a report is the next page's (call before it loads). */
  private expectPaint() {
    this.painted = new Promise((resolve) => (this.reportPainted = resolve));
  }

  private async waitForPaint(): Promise<PaintReading> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), STEP_TIMEOUT_MS);
    });
    const painted = await Promise.race([this.painted, timedOut])
      .catch(async (error: unknown) => {
        throw new Error(
          `${this.url} never painted today's list from live data; it shows: ` +
            JSON.stringify((await this.page.innerText("body")).slice(0, 300)),
          { cause: error },
        );
      })
      .finally(() => clearTimeout(timer));
    const { framePainted, livePainted, liveJudged } = painted;
    const commits = await this.page.evaluate(
      () =>
        (window as { __benchCommits?: { at: number; components: number }[] })
          .__benchCommits ?? [],
    );
    // Committed by the time the live frame was judged: in that frame.
    const untilPaint = commits.filter(({ at }) => at <= liveJudged);
    return {
      framePainted,
      livePainted,
      bytesUntilPaint: this.transferred,
      phases: this.phases.read(livePainted),
      rendering: {
        commits: untilPaint.length,
        components: untilPaint.reduce(
          (sum, { components }) => sum + components,
          0,
        ),
      },
    };
  }
}
