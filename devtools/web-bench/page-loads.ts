/**
 * Timed reloads of a signed-in page in headless Chromium, under a network
 * and CPU profile set through the DevTools protocol.
 */
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { PhaseRecorder } from "./phases";
import {
  OPEN_TODO_ITEM,
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

/** One tab showing one page (the app or the floor) for the whole run. */
export class BenchTab {
  /** Bytes on the wire (headers included) since the last reload began. */
  private transferred = 0;
  private readonly phases: PhaseRecorder;

  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    readonly url: string,
  ) {
    this.phases = new PhaseRecorder(cdp);
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
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    if (options.bypassServiceWorker) {
      await cdp.send("Network.setBypassServiceWorker", { bypass: true });
    }
    const tab = new BenchTab(page, cdp, url);
    await page.goto(url);
    await tab.waitForPaint();
    return tab;
  }

  async useProfile(profile: Profile) {
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
    await this.page.reload({ waitUntil: "commit" });
    return this.waitForPaint();
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

  private async waitForPaint(): Promise<PaintReading> {
    const handle = await this.page
      .waitForFunction(
        () => {
          const reading = window.__benchPaint;
          return reading?.livePainted === undefined ? undefined : reading;
        },
        undefined,
        { polling: 100, timeout: STEP_TIMEOUT_MS },
      )
      .catch(async (error: unknown) => {
        throw new Error(
          `${this.url} never painted today's list from live data; it shows: ` +
            JSON.stringify((await this.page.innerText("body")).slice(0, 300)),
          { cause: error },
        );
      });
    const { framePainted, livePainted } = (await handle.jsonValue()) as {
      framePainted: number;
      livePainted: number;
    };
    return {
      framePainted,
      livePainted,
      bytesUntilPaint: this.transferred,
      phases: this.phases.read(livePainted),
    };
  }
}
