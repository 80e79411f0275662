import { inject } from "vitest";
import { launchChromium, type BrowserSession } from "./chromium";
import type { SharedStackInfo } from "./global-stack";
import { setMutationDelayMs } from "./stack-control";

export interface SharedStack extends SharedStackInfo {
  browser: BrowserSession;
  setMutationDelayMs(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * For one e2e file: the stack that globalSetup started, and a headless
 * Chromium of the file's own (closed by stop()).
 */
export async function useSharedStack(): Promise<SharedStack> {
  const info = inject("daybookStack");
  const browser = await launchChromium();
  return {
    ...info,
    browser,
    setMutationDelayMs: (ms) => setMutationDelayMs(info.controlUrl, ms),
    stop: () => browser.close(),
  };
}
